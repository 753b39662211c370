// Decision semantics: from each rule's applicability (true / false / unknown)
// to the person's decision. Shared by the compiled program and the reference
// evaluator, and the one place the priority semantics live — both the full
// decision with its reasons (decideFromResults) and the bulk path that
// computes only the value (bulkDecider), which must always agree with it:
//   - scope rules: the person is covered when any applies;
//   - an exception (exempt/defer, or a require that overrides) is *engaged*
//     only when it applies and a rule it overrides is engaged;
//   - the winners are the engaged rules no engaged rule overrides; if they
//     disagree, that is a conflict, reported, never resolved silently;
//   - unknown applicability is resolved by trying both answers: if the
//     decision does not depend on it, it stands; otherwise it is indeterminate.

import type { Amendment, ClauseInfo, RuleInfo } from "../checker/checked.js";
import type { Teacher } from "../data/model.js";
import { RULE_KINDS, combineOutcomes, outcomeOf, type DecisionValue } from "../semantics/rule-kinds.js";
import { isUnknown, type Reason, type Value } from "./values.js";
import { cmpDurations, kleeneAnd } from "./ops.js";
import type { Duration } from "../time/date.js";
import type { Atom, Fn, Frame } from "./frame.js";

/** One rule evaluated for one person: whether it applies (true / false / unknown) and what it saw. */
export interface RuleResult {
  readonly rule: RuleInfo;
  readonly value: Value;
  readonly atoms?: readonly Atom[];
  /** For a deferral with a limit: what was already granted and the limit. */
  readonly limit?: { readonly deferred: Value; readonly limit: Value };
  /** For a prerequisite with `仅当`: whether it concerns the person (false: not applicable). */
  readonly applicable?: Value;
}

/** One person's decision with every rule's result, the winning rules and the clauses that determined it. */
export interface Decision {
  readonly decision: DecisionValue;
  readonly inScope: boolean | "unknown";
  readonly results: readonly RuleResult[];
  /** The rules whose outcome stands (empty for not_required without any engaged rule). */
  readonly winners: readonly RuleInfo[];
  /** Engaged rules that a winner overrode (the base rules of an exception). */
  readonly overridden: readonly RuleInfo[];
  /**
   * The clauses that determined the decision, or were checked and not met —
   * followed by the amending clauses (a district's `覆盖`/`取代`) those rules rest on.
   */
  readonly clauses: readonly ClauseInfo[];
  /** The amendments behind the cited rules: each cited parent clause is shown only as amended. */
  readonly amendments: readonly Amendment[];
  /** Applicable rules with different outcomes and no priority between them. */
  readonly conflict?: readonly RuleInfo[];
  /** Why the decision could not be made (missing facts, redacted parameters …). */
  readonly unknown?: readonly Reason[];
  /** Whether the person may apply to rotate voluntarily (only asked when not required). */
  readonly volunteer?: boolean | "unknown";
  readonly volunteerRules?: readonly RuleInfo[];
}

const MAX_UNKNOWN = 12;

/**
 * A deferral with a limit (`最长 3年`) is granted a school year at a time: it
 * applies while the years already deferred plus this one stay within the
 * limit. Combined with the rule's own condition in three-valued logic; the
 * limit is read only when the condition might hold.
 */
export function limitedDeferral(condition: Value, deferredYears: number, limit: () => Value): Value {
  if (condition === false) return false;
  return kleeneAnd(condition, () => withinDeferralLimit(deferredYears, limit()));
}

/** The limit alone: whether one more year keeps the total deferral within it. */
export function withinDeferralLimit(deferredYears: number, limit: Value): Value {
  return isUnknown(limit)
    ? limit
    : cmpDurations("<=", { months: (deferredYears + 1) * 12, days: 0 }, limit as Duration);
}

/** A decision rule that is not an exception (a requirement) is engaged by its own condition alone. */
function standsAlone(r: RuleInfo): boolean {
  const row = RULE_KINDS[r.rule.ruleKind];
  return row.outcome !== undefined && !row.exception;
}

interface Outcome {
  readonly decision: DecisionValue;
  readonly winners: RuleInfo[];
  readonly engaged: Set<RuleInfo>;
  readonly conflict?: RuleInfo[];
}

/** The decision when exactly the rules in `applies` apply. */
function outcomeFor(decisionRules: readonly RuleInfo[], applies: (r: RuleInfo) => boolean): Outcome {
  const engaged = new Set<RuleInfo>();
  const memo = new Map<RuleInfo, boolean>();
  const isEngaged = (r: RuleInfo, depth = 0): boolean => {
    const m = memo.get(r);
    if (m !== undefined) return m;
    if (depth > 64) return false; // priority cycles are rejected by the checker; stay total anyway
    const v =
      applies(r) && (r.overrides.length === 0 ? standsAlone(r) : r.overrides.some((o) => isEngaged(o, depth + 1)));
    memo.set(r, v);
    return v;
  };
  for (const r of decisionRules) if (isEngaged(r)) engaged.add(r);
  // The rules some engaged rule overrides, in one pass (a nested scan per rule was quadratic).
  const beaten = new Set<RuleInfo>();
  for (const s of engaged) for (const o of s.overrides) beaten.add(o);
  let winners = [...engaged].filter((r) => !beaten.has(r));
  const combined = combineOutcomes(new Set(winners.map((w) => outcomeOf(w.rule.ruleKind)!)));
  if (combined === "conflict") return { decision: "indeterminate", winners, engaged, conflict: winners };
  // The eligible rules a requirement subsumes are not winners (nor cited as decisive).
  if (combined === "required") winners = winners.filter((w) => outcomeOf(w.rule.ruleKind) !== "eligible");
  return { decision: combined ?? "not_required", winners, engaged };
}

function reasonsOf(vs: readonly Value[]): Reason[] {
  const seen = new Set<string>();
  const out: Reason[] = [];
  for (const v of vs) {
    if (!isUnknown(v)) continue;
    for (const r of v.reasons) {
      const k = JSON.stringify(r);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(r);
      }
    }
  }
  return out;
}

/**
 * What a decision cites for these rules: their clauses, then the clauses that
 * amended what they rest on (an appeal answer must not quote a parent's 9
 * years to a teacher decided on a district's 8). Sets, not array scans: a
 * decision may rest on thousands of rules.
 */
function cite(rules: readonly RuleInfo[]): { clauses: ClauseInfo[]; amendments: Amendment[] } {
  const clauses: ClauseInfo[] = [];
  const amendments: Amendment[] = [];
  const seenClause = new Set<ClauseInfo>();
  const seenAmendment = new Set<Amendment>();
  const addClause = (c: ClauseInfo) => {
    if (seenClause.has(c)) return;
    seenClause.add(c);
    clauses.push(c);
  };
  for (const r of rules) addClause(r.clause);
  for (const r of rules)
    for (const a of r.amendments ?? []) {
      if (!seenAmendment.has(a)) {
        seenAmendment.add(a);
        amendments.push(a);
      }
      addClause(a.by);
    }
  return { clauses, amendments };
}

export function decideFromResults(results: readonly RuleResult[]): Decision {
  const scope = results.filter((r) => r.rule.rule.ruleKind === "scope");
  const decisionResults = results.filter((r) => outcomeOf(r.rule.rule.ruleKind) !== undefined);
  const volunteer = results.filter((r) => r.rule.rule.ruleKind === "volunteer");

  // 1. Scope.
  let inScope: boolean | "unknown" = true;
  if (scope.length > 0) {
    if (scope.some((r) => r.value === true)) inScope = true;
    else if (scope.some((r) => isUnknown(r.value))) inScope = "unknown";
    else inScope = false;
  }
  if (inScope === false) {
    return {
      decision: "not_required",
      inScope,
      results,
      winners: [],
      overridden: [],
      ...cite(scope.map((r) => r.rule)),
    };
  }
  /** Indeterminate because of these rules' unknown answers: cite them and their reasons. */
  const undecided = (unk: readonly RuleResult[]): Decision => ({
    decision: "indeterminate",
    inScope,
    results,
    winners: [],
    overridden: [],
    ...cite(unk.map((r) => r.rule)),
    unknown: reasonsOf(unk.map((r) => r.value)),
  });
  if (inScope === "unknown") return undecided(scope.filter((r) => isUnknown(r.value)));

  // 2. Decision rules, trying both answers for each unknown one.
  const rules = decisionResults.map((r) => r.rule);
  const valueOf = new Map(decisionResults.map((r) => [r.rule, r.value] as const));
  const unknowns = decisionResults.filter((r) => isUnknown(r.value)).map((r) => r.rule);
  let outcome: Outcome | undefined;
  let dependsOnUnknown = false;
  /** The unknown rules whose answer changes the decision (the ones an indeterminate decision cites). */
  let mattering: RuleInfo[] = unknowns;
  if (unknowns.length > MAX_UNKNOWN) dependsOnUnknown = true;
  else {
    const keys: string[] = [];
    for (let mask = 0; mask < 1 << unknowns.length; mask++) {
      const o = outcomeFor(rules, (r) => {
        const v = valueOf.get(r);
        if (v === true) return true;
        if (isUnknown(v)) return (mask >> unknowns.indexOf(r)) & 1 ? true : false;
        return false;
      });
      keys.push(o.decision + (o.conflict ? "!" : ""));
      if (!outcome) outcome = o;
      else if (keys[mask] !== keys[0]) dependsOnUnknown = true;
    }
    if (dependsOnUnknown) mattering = unknowns.filter((_, i) => keys.some((k, mask) => k !== keys[mask ^ (1 << i)]));
  }
  const volunteerVerdict = (): Pick<Decision, "volunteer" | "volunteerRules"> => {
    if (volunteer.length === 0) return {};
    const yes = volunteer.filter((r) => r.value === true);
    if (yes.length) return { volunteer: true, volunteerRules: yes.map((r) => r.rule) };
    if (volunteer.some((r) => isUnknown(r.value)))
      return { volunteer: "unknown", volunteerRules: volunteer.map((r) => r.rule) };
    return { volunteer: false, volunteerRules: volunteer.map((r) => r.rule) };
  };

  if (dependsOnUnknown || !outcome)
    return undecided(decisionResults.filter((r) => isUnknown(r.value) && mattering.includes(r.rule)));
  if (outcome.conflict) {
    return {
      decision: "indeterminate",
      inScope,
      results,
      winners: outcome.winners,
      overridden: [],
      ...cite(outcome.conflict),
      conflict: outcome.conflict,
    };
  }
  // Overridden: engaged rules an engaged exception overrides. Not "engaged but not a winner": an
  // eligible rule a requirement subsumes is neither a winner nor overridden, and is not cited.
  // (One pass over the overrides: a nested scan per rule was quadratic in the policy's size.)
  const beatenNow = new Set<RuleInfo>();
  for (const s of outcome.engaged) for (const o of s.overrides) beatenNow.add(o);
  const overridden = [...outcome.engaged].filter((r) => beatenNow.has(r));
  if (outcome.winners.length === 0) {
    // Not required: cite the requirements that were checked and not met (what an appeal needs to see).
    const checked = rules.filter((r) => standsAlone(r) && r.overrides.length === 0);
    return {
      decision: "not_required",
      inScope,
      results,
      winners: [],
      overridden: [],
      ...cite(checked),
      ...volunteerVerdict(),
    };
  }
  const extra = outcome.decision === "not_required" ? volunteerVerdict() : {};
  return {
    decision: outcome.decision,
    inScope,
    results,
    winners: outcome.winners,
    overridden,
    ...cite([...outcome.winners, ...overridden]),
    ...extra,
  };
}

/** One compiled individual rule, as the bulk decider evaluates it. */
export interface BulkRule {
  readonly info: RuleInfo;
  readonly when: Fn;
  readonly limit?: Fn;
}

/**
 * The decision value alone, for bulk use (plan checks): the same semantics as
 * decideFromResults, with the priority structure precompiled into index
 * arrays, rules evaluated lazily in priority order, and nothing allocated.
 * When a rule's answer is unknown it gives up and returns `full(t, f)` (the
 * full decision, which tries both answers); the property tests check that the
 * two always agree. The caller has set `f.person` and bumped `f.gen`.
 */
export function bulkDecider(
  rules: readonly BulkRule[],
  full: (t: Teacher, f: Frame) => DecisionValue,
): (t: Teacher, f: Frame) => DecisionValue {
  const n = rules.length;
  const index = new Map(rules.map((r, i) => [r.info, i] as const));
  const kind = rules.map((r) => r.info.rule.ruleKind);
  const scopeIdx = kind.flatMap((k, i) => (k === "scope" ? [i] : []));
  const decIdx = kind.flatMap((k, i) => (outcomeOf(k) !== undefined ? [i] : []));
  const alone = rules.map((r) => standsAlone(r.info));
  const overrides = rules.map((r) => r.info.overrides.map((o) => index.get(o)!).filter((i) => i !== undefined));
  const overriddenBy: number[][] = rules.map(() => []);
  overrides.forEach((os, i) => os.forEach((o) => overriddenBy[o]!.push(i)));
  const outcome = kind.map((k) => outcomeOf(k)) as DecisionValue[];
  // Rules a rule overrides are settled before it (priorities are acyclic: checked).
  const order: number[] = [];
  const seen = new Uint8Array(n);
  const visit = (i: number): void => {
    if (seen[i]) return;
    seen[i] = 1;
    for (const o of overrides[i]!) visit(o);
    order.push(i);
  };
  decIdx.forEach(visit);
  const engaged = new Uint8Array(n);
  return (t, f) => {
    if (scopeIdx.length) {
      let inScope = false;
      for (const i of scopeIdx) {
        const v = rules[i]!.when(f);
        if (v === true) inScope = true;
        else if (v !== false) return full(t, f);
      }
      if (!inScope) return "not_required";
    }
    // Rules a rule overrides are settled first, so an exception is evaluated only when one
    // of its bases is engaged: otherwise it cannot take effect whatever its condition says
    // (and the full decision would not depend on it either). Most people meet no base rule.
    for (const i of order) {
      const os = overrides[i]!;
      let base = os.length === 0 ? alone[i]! : false;
      for (const o of os) if (engaged[o]) base = true;
      if (!base) {
        engaged[i] = 0;
        continue;
      }
      const r = rules[i]!;
      // As limitedDeferral, without closures: this path only goes on when the condition is known.
      let v = r.when(f);
      if (r.limit && v === true) v = withinDeferralLimit(t.deferred_years, r.limit(f));
      if (v !== true && v !== false) return full(t, f);
      engaged[i] = v ? 1 : 0;
    }
    let result: DecisionValue = "not_required";
    let found = false;
    for (const i of decIdx) {
      if (!engaged[i]) continue;
      let beaten = false;
      for (const s of overriddenBy[i]!) if (engaged[s]) beaten = true;
      if (beaten) continue;
      if (found && outcome[i] !== result) {
        // As combineOutcomes: a requirement subsumes eligibility; any other difference is a conflict.
        const c = combineOutcomes(new Set([result, outcome[i]!]));
        if (c === "conflict" || c === undefined) return "indeterminate";
        result = c;
      } else result = outcome[i]!;
      found = true;
    }
    return result;
  };
}
