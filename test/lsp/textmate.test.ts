// The shipped TextMate grammar (editors/lungang.tmLanguage.json) is what the
// lexer's words make (`npm run gen:textmate`), and it colours both keyword
// spellings and the comparison words of a real policy line.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/policy.js";
import { textMateGrammar } from "../../src/language-service/textmate.js";

const FILE = join(ROOT, "editors/lungang.tmLanguage.json");

describe("TextMate grammar", () => {
  it("is in step with the lexer", () => {
    expect(readFileSync(FILE, "utf8")).toBe(JSON.stringify(textMateGrammar(), null, 2) + "\n");
  });

  it("matches keywords in both spellings and the statutory comparison words", () => {
    const g = JSON.parse(readFileSync(FILE, "utf8")) as { patterns: { name: string; match?: string }[] };
    const re = (name: string) => new RegExp(g.patterns.find((p) => p.name === name)!.match!, "gu");
    const kw = re("keyword.other.lungang");
    const op = re("keyword.operator.comparison.lungang");
    const line = "应交流 教师任教满九年: 当 是教师 且 本校任教年限 满 任教年限门槛";
    expect(line.match(kw)).toEqual(expect.arrayContaining(["应交流", "当", "且"]));
    expect("require x: when tenure at least 9 years".match(kw)).toEqual(expect.arrayContaining(["require", "when"]));
    expect(line.match(op)).toEqual(expect.arrayContaining(["满"]));
    expect("周岁 55 及以下".match(op)).toEqual(["及以下"]);
  });
});
