// "What would change the answer": for an appeal, the date from which the same
// facts give a different decision (tenure reached, age passed), and the
// exceptions whose condition, if it held or stopped holding, would change it.
// Works by re-deciding: no rule-specific knowledge.

import type { Teacher } from "../data/model.js";
import type { RuleInfo } from "../checker/checked.js";
import { RULE_KINDS, combineOutcomes, outcomeOf, type DecisionValue } from "../semantics/rule-kinds.js";
import { addMonths, type Day } from "../time/date.js";
import type { Program } from "./compile.js";
import { newFrame, type Frame } from "./frame.js";
import { decideFromResults, type Decision } from "./decide.js";

export interface DateChange {
  readonly date: Day;
  readonly decision: Decision;
}

const HORIZON_MONTHS = 120;

/**
 * The first day within ten years on which the decision (on unchanged facts)
 * differs. Every day is looked at: a change may last less than a month (a
 * window of the school year), and stepping by months would pass over it.
 */
export function nextChange(program: Program, t: Teacher, f: Frame, base: Decision): DateChange | undefined {
  const g = newFrame(f.w);
  const last = addMonths(f.w.asOf, HORIZON_MONTHS, "end_of_month");
  for (let day = f.w.asOf + 1; day <= last; day++) {
    g.w = { ...f.w, asOf: day };
    if (program.decideValue(t, g) === base.decision) continue;
    return { date: day, decision: program.decide(t, newFrame(g.w)) };
  }
  return undefined;
}

export interface ExceptionFlip {
  readonly rule: Decision["results"][number]["rule"];
  /** The flipped value: true = "if it held", false = "if it no longer held". */
  readonly held: boolean;
  /** The decision the flip would give. */
  readonly decision: DecisionValue;
}

/**
 * Exceptions (exempt/defer) whose condition, flipped, would change the decision.
 * Exact, and linear in the policy for the common case: a flip that cannot
 * engage or disengage anything is skipped, and an exception that starts to
 * hold is settled locally (see `engageFlip`) when no decision rule is unknown;
 * every other flip is re-decided in full.
 */
export function exceptionFlips(base: Decision): ExceptionFlip[] {
  const out: ExceptionFlip[] = [];
  const engaged = new Set<RuleInfo>([...base.winners, ...base.overridden]);
  const decisive = base.results.filter((r) => outcomeOf(r.rule.rule.ruleKind) !== undefined);
  // The local path needs every decision rule's answer known and a plain (non-conflict) decision.
  // (Not with `eligible` rules: a requirement subsumes them, and a decision's winners then omit them.)
  const local =
    !base.conflict &&
    base.inScope === true &&
    // Stryker disable next-line ArrowFunction: it only sends flips down the full path (re-deciding), which gives the same answer
    decisive.every((r) => typeof r.value === "boolean" && outcomeOf(r.rule.rule.ruleKind) !== "eligible");
  const valueOf = new Map(decisive.map((r) => [r.rule, r.value === true] as const));
  const overriddenBy = new Map<RuleInfo, RuleInfo[]>();
  for (const r of decisive)
    for (const o of r.rule.overrides) {
      const list = overriddenBy.get(o);
      if (list) list.push(r.rule);
      else overriddenBy.set(o, [r.rule]);
    }
  base.results.forEach((r, i) => {
    const k = r.rule.rule.ruleKind;
    if (!RULE_KINDS[k].exception || typeof r.value !== "boolean") return;
    // A deferral whose condition holds but whose limit is used up: flipping it would misstate why.
    if (r.limit && r.value === false) return;
    // Starting to hold matters only if a rule it overrides is engaged; stopping only if it is engaged itself.
    if (local && !r.value && !r.rule.overrides.some((o) => engaged.has(o))) return;
    if (local && r.value && !engaged.has(r.rule)) return;
    // Stryker disable next-line BlockStatement: it only sends flips down the full path (re-deciding), which gives the same answer
    if (local && !r.value) {
      const decision = engageFlip(base, r.rule, engaged, valueOf, overriddenBy);
      if (decision !== base.decision) out.push({ rule: r.rule, held: true, decision });
      return;
    }
    const flipped = base.results.map((x, j) => (j === i ? { ...x, value: !r.value } : x));
    const d = decideFromResults(flipped);
    if (d.decision !== base.decision) out.push({ rule: r.rule, held: !r.value, decision: d.decision });
  });
  return out;
}

/**
 * The decision value when exception `rule`, which did not hold, holds, all
 * other answers known: it and the exceptions to it that hold become engaged
 * (an exception is engaged when it holds and a rule it overrides is); rules
 * they override stop winning. Same semantics as decide.ts's outcomeFor,
 * restricted to what the flip reaches.
 */
function engageFlip(
  base: Decision,
  rule: RuleInfo,
  engaged: ReadonlySet<RuleInfo>,
  valueOf: ReadonlyMap<RuleInfo, boolean>,
  overriddenBy: ReadonlyMap<RuleInfo, readonly RuleInfo[]>,
): DecisionValue {
  const now = new Set<RuleInfo>();
  const isOn = (x: RuleInfo) => engaged.has(x) || now.has(x);
  const queue = [rule];
  while (queue.length) {
    const x = queue.pop()!;
    if (isOn(x)) continue;
    if (x !== rule && !valueOf.get(x)) continue;
    if (!x.overrides.some(isOn)) continue;
    now.add(x);
    // Stryker disable next-line ArrayDeclaration: a placeholder no rule is: it is skipped in the queue
    for (const s of overriddenBy.get(x) ?? []) queue.push(s);
  }
  // Winners: engaged rules no engaged rule overrides. Only the base winners the
  // new rules override, and the new rules themselves, can change status; the
  // rest is counted once per base decision (winnerCounts), not per flip.
  const winning = winnerSet(base);
  const counts = new Map(winnerCounts(base));
  const lost = new Set<RuleInfo>();
  for (const x of now)
    for (const o of x.overrides)
      if (!lost.has(o) && winning.has(o)) {
        lost.add(o);
        const k = outcomeOf(o.rule.ruleKind);
        counts.set(k, counts.get(k)! - 1);
      }
  for (const x of now)
    // Stryker disable next-line ArrayDeclaration: a placeholder no rule is: it is never on
    if (!(overriddenBy.get(x) ?? []).some(isOn)) {
      const k = outcomeOf(x.rule.ruleKind);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  const combined = combineOutcomes(new Set([...counts].filter(([, n]) => n > 0).map(([k]) => k as DecisionValue)));
  return combined === "conflict" ? "indeterminate" : (combined ?? "not_required");
}

const winnerCountCache = new WeakMap<Decision, Map<string | undefined, number>>();

/** How many winners of each outcome a decision has. */
function winnerCounts(base: Decision): Map<string | undefined, number> {
  let m = winnerCountCache.get(base);
  if (!m) {
    m = new Map();
    for (const w of base.winners) m.set(outcomeOf(w.rule.ruleKind), (m.get(outcomeOf(w.rule.ruleKind)) ?? 0) + 1);
    winnerCountCache.set(base, m);
  }
  return m;
}

const winnerSetCache = new WeakMap<Decision, Set<RuleInfo>>();

function winnerSet(base: Decision): Set<RuleInfo> {
  let s = winnerSetCache.get(base);
  if (!s) winnerSetCache.set(base, (s = new Set(base.winners)));
  return s;
}
