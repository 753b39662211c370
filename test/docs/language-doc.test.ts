// Tests that the language reference exists in English (docs/language.md) and
// in Chinese (docs/language.zh.md) and that the two stay in step: both write
// every keyword and comparison word the lexer accepts, in each of its
// spellings (read from the language service's word table, itself read from
// grammar/tokens.ts); both have the same numbered sections; both mention the
// same diagnostic codes.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { languageWords } from "../../src/language-service/keywords.js";

const EN = readFileSync(new URL("../../docs/language.md", import.meta.url), "utf8");
const ZH = readFileSync(new URL("../../docs/language.zh.md", import.meta.url), "utf8");
const DOCS = { "docs/language.md": EN, "docs/language.zh.md": ZH };

/** Text outside fenced code: where a word is explained rather than only used in an example. */
const prose = (md: string) => md.replace(/^```[\s\S]*?^```$/gm, "");
const sectionNumbers = (md: string) => [...prose(md).matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]));
const codesIn = (md: string) => [...new Set(md.match(/\b[PNTWECDLRX]\d{3}\b/g) ?? [])].sort();

describe("the language reference in both languages", () => {
  it("writes every keyword and comparison word, in every spelling", () => {
    const words = languageWords();
    expect(words.length).toBeGreaterThan(100);
    for (const [name, md] of Object.entries(DOCS)) {
      const missing = words.filter((w) => !md.includes(w.word)).map((w) => w.word);
      expect(missing, name).toEqual([]);
    }
  });

  it("has the same numbered sections", () => {
    expect(sectionNumbers(EN).length).toBeGreaterThanOrEqual(17);
    expect(sectionNumbers(ZH)).toEqual(sectionNumbers(EN));
  });

  it("mentions the same diagnostic codes", () => {
    expect(codesIn(ZH)).toEqual(codesIn(EN));
  });

  it("the Chinese version is in Chinese", () => {
    const cjk = (prose(ZH).match(/[\u4e00-\u9fff]/g) ?? []).length;
    expect(cjk).toBeGreaterThan(5_000);
  });
});
