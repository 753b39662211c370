// Tests that docs/grammar.ebnf describes the grammar the code implements:
// its lower-case productions are exactly the rules of the chevrotain parser
// (grammar/parser.ts), its capitalised productions exactly the tokens of the
// lexer (grammar/tokens.ts), and every literal spelling of a token (both
// spellings of each keyword, every comparison word) appears in quotes.

import { readFileSync } from "node:fs";
import { Lexer, type TokenType } from "chevrotain";
import { describe, expect, it } from "vitest";
import { parser } from "../../grammar/parser.js";
import { allTokens } from "../../grammar/tokens.js";

const ebnf = readFileSync(new URL("../../docs/grammar.ebnf", import.meta.url), "utf8");
/** The grammar without its comments: only productions count. */
const body = ebnf.replace(/\/\*[\s\S]*?\*\//g, "");
const productions = [...body.matchAll(/^[ \t]*([A-Za-z_][\w\u3400-\u9fff]*)[ \t]*::=/gm)].map((m) => m[1]!);
const syntactic = productions.filter((n) => /^[a-z]/.test(n));
const lexical = productions.filter((n) => /^[A-Z]/.test(n));

/**
 * The literal spellings of a token, or undefined when its pattern is a real
 * regular expression (names, numbers, dates). English multi-word tokens write
 * `at +least(?![A-Za-z0-9_])`: the look-ahead is dropped and ` +` is one space.
 */
function spellings(t: TokenType): string[] | undefined {
  const p = t.PATTERN;
  if (!(p instanceof RegExp) || p === Lexer.NA) return undefined; // NA: a category, no text of its own
  const src = p.source.replace(/\(\?!\[A-Za-z0-9_\]\)/g, "").replace(/ \+/g, " ");
  const out: string[] = [];
  for (const alt of src.split("|")) {
    let s = "";
    for (let i = 0; i < alt.length; i++) {
      const c = alt[i]!;
      if (c === "\\") {
        const next = alt[i + 1];
        if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined; // \d, \n, \u…: a class, not a literal
        s += next;
        i++;
      } else if ("[](){}*+?.^$".includes(c)) return undefined;
      else s += c;
    }
    out.push(s);
  }
  return out;
}

describe("docs/grammar.ebnf", () => {
  it("names no production twice", () => {
    const dup = productions.filter((n, i) => productions.indexOf(n) !== i);
    expect(dup).toEqual([]);
  });

  it("has one production per parser rule, and no other syntactic production", () => {
    const rules = Object.keys(parser.getGAstProductions()).sort();
    expect([...syntactic].sort()).toEqual(rules);
  });

  it("has one production per lexer token, and no other lexical production", () => {
    const tokens = allTokens.map((t) => t.name).sort();
    expect([...lexical].sort()).toEqual(tokens);
  });

  it("quotes every literal spelling of every token", () => {
    const missing: string[] = [];
    let checked = 0;
    for (const t of allTokens) {
      const ss = spellings(t);
      if (!ss) continue;
      for (const s of ss) {
        checked++;
        if (!body.includes(`"${s}"`)) missing.push(`${t.name}: "${s}"`);
      }
    }
    expect(missing).toEqual([]);
    // Guard against a spelling extractor that silently skips everything.
    expect(checked).toBeGreaterThan(100);
  });

  it("gives each keyword an English and a Chinese spelling", () => {
    // Keywords: word tokens outside the comparison categories (rule kinds and
    // aggregates are keywords grouped in a category of their own).
    const keywordCategories = new Set(["RuleKindKw", "AggregateKw"]);
    const keywordNames = allTokens
      .filter((t) => t.LONGER_ALT !== undefined && (t.CATEGORIES ?? []).every((c) => keywordCategories.has(c.name)))
      .map((t) => t.name);
    expect(keywordNames.length).toBeGreaterThan(40);
    for (const name of keywordNames) {
      const ss = spellings(allTokens.find((t) => t.name === name)!) ?? [];
      expect(
        ss.some((s) => /^[a-z_ ]+$/.test(s)),
        `${name} has an English spelling`,
      ).toBe(true);
      expect(
        ss.some((s) => /[\u3400-\u9fff]/.test(s)),
        `${name} has a Chinese spelling`,
      ).toBe(true);
    }
  });
});
