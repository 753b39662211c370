// The semantic tables (rule kinds, functions, aggregates) are the one place
// each of these is declared: the lexer's keywords come from them, and every
// keyword maps back to exactly one row — nothing falls back to a default.

import { describe, expect, it } from "vitest";
import { lexer } from "../../grammar/tokens.js";
import { AGGREGATE_ROWS, aggregateOfToken } from "../../src/semantics/aggregates.js";
import { FUNCTIONS } from "../../src/semantics/functions.js";
import { RULE_KINDS, RULE_KIND_NAMES, outcomeOf, ruleKindOfToken } from "../../src/semantics/rule-kinds.js";

const tokenOf = (text: string) => {
  const { tokens, errors } = lexer.tokenize(text);
  expect(errors).toEqual([]);
  expect(tokens).toHaveLength(1);
  return tokens[0]!.tokenType.name;
};

describe("semantic tables", () => {
  it("every aggregate's two spellings lex to its own token, which maps back to its row", () => {
    for (const r of AGGREGATE_ROWS) {
      expect(aggregateOfToken(tokenOf(r.en))).toBe(r.fn);
      expect(aggregateOfToken(tokenOf(r.zh))).toBe(r.fn);
    }
  });

  it("every rule kind's two spellings lex to its own token, which maps back to its kind", () => {
    for (const k of RULE_KIND_NAMES) {
      expect(ruleKindOfToken(tokenOf(RULE_KINDS[k].en))).toBe(k);
      expect(ruleKindOfToken(tokenOf(RULE_KINDS[k].zh))).toBe(k);
    }
  });

  it("exceptions, requirements and eligibility decide; scope, volunteer and prerequisite stand outside priorities", () => {
    expect(RULE_KIND_NAMES.map((k) => [k, outcomeOf(k) ?? null, RULE_KINDS[k].exception])).toEqual([
      ["scope", null, false],
      ["require", "required", false],
      ["eligible", "eligible", false],
      ["exempt", "not_required", true],
      ["defer", "deferred", true],
      ["volunteer", null, false],
      ["prerequisite", null, false],
    ]);
  });

  it("a word that is no aggregate or rule kind maps to none (no default row)", () => {
    expect(aggregateOfToken("Identifier")).toBeUndefined();
    expect(ruleKindOfToken("Identifier")).toBeUndefined();
    expect(FUNCTIONS.get("average")).toBeUndefined();
  });

  it("every function is found by its English and its Chinese name", () => {
    for (const row of new Set(FUNCTIONS.values())) {
      expect(FUNCTIONS.get(row.en)).toBe(row);
      expect(FUNCTIONS.get(row.zh)).toBe(row);
    }
  });
});
