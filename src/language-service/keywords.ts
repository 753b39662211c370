// The language's words for editors: every keyword and comparison word in both
// spellings, read from the lexer's own token definitions (grammar/tokens.ts),
// so highlighting, completion and the TextMate grammar never drift from what
// the parser accepts.

import type { TokenType } from "chevrotain";
import { allTokens } from "../../grammar/tokens.js";

export type WordClass = "keyword" | "operator";

/** The spellings a token's pattern alternates between (`clause|条款`; `at +least` → `at least`). */
function spellingsOf(t: TokenType): string[] {
  const p = t.PATTERN;
  if (!(p instanceof RegExp)) return [];
  return p.source
    .replace(/\(\?!\[A-Za-z0-9_\]\)/g, "")
    .split("|")
    .map((s) => s.replace(/ \+/g, " ").replace(/\\(.)/g, "$1"))
    .filter((s) => /^[\p{L} ]+$/u.test(s));
}

/** The relation categories of grammar/tokens.ts: every comparison word has one (the web editor colours by them too). */
export const RELATIONS: ReadonlySet<string> = new Set([
  "CompareOp",
  "PostfixOp",
  "GE",
  "GT",
  "LE",
  "LT",
  "EQ",
  "NE",
  "InOp",
  "ContainsOp",
  "IntersectsOp",
  "PostGE",
  "PostLE",
]);

let cache: { word: string; cls: WordClass }[] | undefined;

/** Every word, with its class: keywords (structure) and operators (comparison words). */
export function languageWords(): readonly { word: string; cls: WordClass }[] {
  if (cache) return cache;
  const out: { word: string; cls: WordClass }[] = [];
  for (const t of allTokens) {
    // A comparison word belongs to a relation category (GE, LE …), whichever script it is in.
    const isOp = isRelation(t);
    const isKeyword = !isOp && t.LONGER_ALT !== undefined;
    if (!isKeyword && !isOp) continue;
    for (const w of spellingsOf(t)) out.push({ word: w, cls: isOp ? "operator" : "keyword" });
  }
  cache = out;
  return out;
}

export function keywordSpellings(): string[] {
  return languageWords().map((w) => w.word);
}

/** Whether a token is a comparison word (满, 不超过, at least …): it belongs to a relation category. */
export function isRelation(t: Pick<TokenType, "CATEGORIES">): boolean {
  return (t.CATEGORIES ?? []).some((c) => RELATIONS.has(c.name));
}
