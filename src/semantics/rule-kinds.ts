// Semantic table: the kinds of individual rule (范围, 应交流, 可交流, 免交流, 暂缓, 可自愿,
// 晋升条件), one row each — its keywords in both languages (the lexer makes its
// tokens from them), the decision it gives when it wins, and which parts of
// a rule it may carry. The grammar, the printer, the checker and decide.ts
// all read this table; none keeps a list of kinds of its own.

import type { RuleKind } from "../syntax/ast.js";

/** A person's individual decision. */
export type DecisionValue = "required" | "eligible" | "deferred" | "not_required" | "indeterminate";

export interface RuleKindRow {
  /** The lexer's token name (also the CST child the parser records). */
  readonly token: string;
  readonly en: string;
  readonly zh: string;
  /**
   * What the kind decides when it wins (decide.ts). Kinds without an outcome
   * stand outside the priority system: `scope` only decides coverage,
   * `volunteer` is asked only when the answer is not required,
   * `prerequisite` is answered on its own — so they can neither take nor be
   * given priority (T011, T012).
   */
  readonly outcome?: Exclude<DecisionValue, "indeterminate">;
  /**
   * An exception is engaged only when a rule it overrides is engaged, so one
   * that names no rule could never apply (T010). A requirement without
   * `优先于` stands on its own.
   */
  readonly exception: boolean;
  /** May carry `最长 …` (a deferral granted a year at a time; T013 otherwise). */
  readonly limit: boolean;
  /** May carry `仅当 …` (whom a prerequisite concerns; T016 otherwise). */
  readonly applicable: boolean;
}

export const RULE_KINDS: Readonly<Record<RuleKind, RuleKindRow>> = {
  scope: { token: "Scope", en: "scope", zh: "范围", exception: false, limit: false, applicable: false },
  require: {
    token: "Require",
    en: "require",
    zh: "应交流",
    outcome: "required",
    exception: false,
    limit: false,
    applicable: false,
  },
  // The person meets the text's conditions and the school or bureau decides
  // (乌石: “经学校讨论决定”): a base rule like a requirement, outcome eligible.
  eligible: {
    token: "Eligible",
    en: "eligible",
    zh: "可交流",
    outcome: "eligible",
    exception: false,
    limit: false,
    applicable: false,
  },
  exempt: {
    token: "Exempt",
    en: "exempt",
    zh: "免交流",
    outcome: "not_required",
    exception: true,
    limit: false,
    applicable: false,
  },
  defer: {
    token: "Defer",
    en: "defer",
    zh: "暂缓",
    outcome: "deferred",
    exception: true,
    limit: true,
    applicable: false,
  },
  volunteer: { token: "Volunteer", en: "volunteer", zh: "可自愿", exception: false, limit: false, applicable: false },
  prerequisite: {
    token: "Prerequisite",
    en: "prerequisite",
    zh: "晋升条件",
    exception: false,
    limit: false,
    applicable: true,
  },
};

/** Every kind, in the table's order. */
export const RULE_KIND_NAMES = Object.keys(RULE_KINDS) as RuleKind[];

/** What a rule of this kind decides when it wins; undefined for kinds outside the priority system. */
export function outcomeOf(kind: RuleKind): DecisionValue | undefined {
  return RULE_KINDS[kind].outcome;
}

/**
 * The outcome of a set of winning rules. An obligation includes the
 * permission: required winners beside eligible ones decide required (being
 * obliged implies meeting the conditions), which is not a conflict. Any other
 * disagreement is one.
 */
export function combineOutcomes(outcomes: ReadonlySet<DecisionValue>): DecisionValue | "conflict" | undefined {
  if (outcomes.size === 2 && outcomes.has("required") && outcomes.has("eligible")) return "required";
  if (outcomes.size > 1) return "conflict";
  return [...outcomes][0];
}

/** The kind whose keyword token is `tokenName`, if any. */
export function ruleKindOfToken(tokenName: string): RuleKind | undefined {
  return RULE_KIND_NAMES.find((k) => RULE_KINDS[k].token === tokenName);
}
