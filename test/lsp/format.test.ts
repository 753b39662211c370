// The language service's formatting, which `lungang lsp` and the web editor's
// format-on-save use: the same formatter as `lungang fmt` (comments kept), as
// the whole text or as edits of the whitespace that changes.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lexer } from "../../grammar/tokens.js";
import { format, formatEdits, type TextEdit } from "../../src/language-service/service.js";
import { formatPolicy } from "../../src/index.js";
import { ROOT } from "../support/policy.js";

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    expect(e.from).toBeGreaterThanOrEqual(at);
    out += text.slice(at, e.from) + e.insert;
    at = e.to;
  }
  return out + text.slice(at);
}

/** The text with the blanks between its tokens (not inside a quote or a comment) changed; line breaks are kept. */
function respace(text: string, blanks: readonly string[]): string {
  const { tokens } = lexer.tokenize(text);
  let k = 0;
  let out = "";
  let end = 0;
  for (const start of [...tokens.map((t) => t.startOffset), text.length]) {
    out += text
      .slice(end, start)
      .replace(/((?:#|\/\/)[^\n]*)|[ ]+|\n/g, (m, comment?: string) =>
        comment ? comment : m === "\n" ? "\n" + blanks[k++ % blanks.length]! : blanks[k++ % blanks.length]! || " ",
      );
    const t = tokens.find((x) => x.startOffset === start);
    if (t) out += t.image;
    end = t ? start + t.image.length : start;
  }
  return out;
}

const FILE = join(ROOT, "policies/baqiao/baqiao.policy");
const TEXT = readFileSync(FILE, "utf8");
const CANONICAL = formatPolicy(TEXT, FILE).value!;

describe("language service: formatting", () => {
  it("is `lungang fmt`'s formatter, so a policy with comments is formatted (not refused) and keeps them", () => {
    const messy = respace(TEXT, ["", "\t ", "    "]);
    expect(messy).not.toBe(TEXT);
    expect(messy).toContain("# 【选择】");
    expect(format(messy, FILE)).toBe(CANONICAL);
  });

  it("gives edits of whitespace only, in order, that produce the formatted text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(" ", "  ", "\t", "", "   "), { minLength: 1, maxLength: 40 }), (blanks) => {
        const messy = respace(CANONICAL, blanks);
        const edits = formatEdits(messy, FILE);
        expect(edits.every((e) => e.insert.trim() === "" && messy.slice(e.from, e.to).trim() === "")).toBe(true);
        expect(apply(messy, edits)).toBe(CANONICAL);
      }),
      { numRuns: 30 },
    );
    expect(formatEdits(CANONICAL, FILE)).toEqual([]);
  });

  it("leaves a text with errors as it is", () => {
    const broken = TEXT.replace("参数 男教师年龄上限:", "参数 :");
    expect(format(broken, FILE)).toBeUndefined();
    expect(formatEdits(broken, FILE)).toEqual([]);
  });
});
