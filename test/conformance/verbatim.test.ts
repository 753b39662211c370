// Conformance, quotes (issue 7.7): every 原文 of every clause of every bundled
// policy occurs verbatim in its jurisdiction's source texts
// (`policies/<jurisdiction>/sources/`, the published wording). Whitespace and
// full-/half-width forms are normalised (a printed column breaks lines; 「（」 and
// 「(」 are the same character to a reader); an elision is written …… and each
// piece between elisions must occur, in order, within one source file (a quote
// is one passage of one document, not pieces gathered from several). A policy
// folder without `sources/`, or with an empty one, fails: a quote with nothing
// to be checked against is not verified.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { ROOT, policyFolders } from "../support/policy.js";

/**
 * The comparison form of a text: NFKC folds full-width letters, digits and
 * punctuation to their half-width forms; typographic quotes become straight
 * ones; whitespace (line breaks of the printed page) is dropped.
 */
export function normalise(t: string): string {
  return t
    .normalize("NFKC")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, "");
}

/** The pieces of a quote between elisions (…… or …), normalised; empty pieces dropped. */
export function pieces(quote: string): string[] {
  return quote
    .split(/…+|\.{3,}/)
    .map(normalise)
    .filter((p) => p.length > 0);
}

/** Whether every piece occurs in `source` (one document), in order. */
export function occursVerbatim(quote: string, source: string): boolean {
  const s = normalise(source);
  let at = 0;
  for (const p of pieces(quote)) {
    const i = s.indexOf(p, at);
    if (i < 0) return false;
    at = i + p.length;
  }
  return true;
}

describe("issue 7.7: the verbatim check itself", () => {
  it("issue 7.7: normalises whitespace and full-width forms, and needs elided pieces in order", () => {
    const src = "一、甲乙（丙）\n丁，戊。己庚";
    expect(occursVerbatim("甲乙(丙)丁,戊。", src)).toBe(true);
    expect(occursVerbatim("甲乙……戊。己", src)).toBe(true);
    expect(occursVerbatim("戊……甲乙", src)).toBe(false);
    // A quote that drops words without marking the gap is not verbatim.
    expect(occursVerbatim("甲乙丁", src)).toBe(false);
    // Ending with 。 where the source goes on with ， is not verbatim either.
    expect(occursVerbatim("丁。", src)).toBe(false);
  });
  it("issue 12: a quote must occur within one source file, not pieced together from two", () => {
    const files = ["一、甲乙丙。", "二、丁戊己。"];
    expect(occursInOneSource("甲乙……戊己", files)).toBe(false);
    expect(occursInOneSource("丁戊", files)).toBe(true);
    expect(occursInOneSource("丙。二、丁", files)).toBe(false);
    expect(occursInOneSource("甲", [])).toBe(false);
  });
});

/** Whether the quote occurs verbatim in one of the source files. */
export function occursInOneSource(quote: string, sources: readonly string[]): boolean {
  return sources.some((s) => occursVerbatim(quote, s));
}

/** The texts of a policy folder's `sources/` (empty when the folder has none). */
function sourceTexts(dir: string): string[] {
  const srcDir = join(dir, "sources");
  if (!existsSync(srcDir)) return [];
  return readdirSync(srcDir)
    .sort()
    .map((f) => readFileSync(join(srcDir, f), "utf8"));
}

const folders = policyFolders(join(ROOT, "policies"));

describe("issue 7.7: every 原文 occurs verbatim in its jurisdiction's sources", () => {
  it("issue 7.7: the five jurisdictions of this round carry their sources", () => {
    for (const j of ["national", "dalian", "changzhou", "beijing", "beijing/haidian"])
      expect(existsSync(join(ROOT, "policies", j, "sources")), j).toBe(true);
  });
  for (const dir of folders) {
    const name = relative(join(ROOT, "policies"), dir);
    it(`issue 7.7: ${name}: every 原文 occurs in one file of ${name}/sources/`, () => {
      const sources = sourceTexts(dir);
      expect(sources.length, `${name}/sources/ is missing or empty`).toBeGreaterThan(0);
      const wrong: string[] = [];
      let quotes = 0;
      for (const f of readdirSync(dir).filter((x) => x.endsWith(".policy"))) {
        const ast = parse(readFileSync(join(dir, f), "utf8"), f).ast;
        for (const c of ast.clauses) {
          quotes++;
          const q = c.source?.value ?? "";
          if (!q || !occursInOneSource(q, sources)) wrong.push(`${f} ${c.clauseId.text}: ${q}`);
        }
      }
      expect(quotes).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
    });
  }
});
