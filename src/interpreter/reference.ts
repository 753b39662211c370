// The reference evaluator: the oracle the compiled program is tested against.
// A direct tree walk over the AST that looks every name up, by its text, at
// every evaluation — no closures, no resolution tables, no memoisation. It is
// slow on purpose and small enough to read against the language reference.
// It shares only the primitive operations (ops.ts) and the decision semantics
// (decide.ts) with the compiler. Individual decisions only.

import type * as A from "../syntax/ast.js";
import type { CheckedPolicy, RuleInfo, SelectionOrderInfo } from "../checker/checked.js";
import type { Teacher } from "../data/model.js";
import { DERIVED, TRACK_SELECTOR_NAMES, memberOf } from "../semantics/facts.js";
import type { Duration } from "../time/date.js";
import type { RetirementTrack } from "../time/retirement.js";
import {
  derive,
  periodOf,
  readField,
  servicePeriods,
  trackFromValues,
  trackInForce,
  variantsFor,
  type ServicePeriod,
  type World,
} from "./frame.js";
import {
  cmpDurations,
  cmpNumbers,
  cmpRanged,
  cmpTitles,
  dateShift,
  durationPlus,
  durationTimes,
  kleeneAnd,
  kleeneNot,
  kleeneOr,
  setHas,
  setIntersects,
  shareValue,
  compareKey,
  yearOf,
  dateOf,
  ageOn,
} from "./ops.js";
import { Between, Ratio, Unknown, isUnknown, type Value } from "./values.js";
import { decideFromResults, limitedDeferral, type Decision, type RuleResult } from "./decide.js";
import { FUNCTIONS } from "../semantics/functions.js";
import { unreachable } from "../semantics/exhaustive.js";

// Everything an evaluation may read, passed explicitly: no frames, no caches.
interface Env {
  readonly p: CheckedPolicy;
  readonly w: World;
  readonly t: Teacher;
  readonly depth: number;
  /** Inside `任职经历 其中 …`: the period being looked at; its fields come first. */
  readonly service?: ServicePeriod;
}

const FUEL = 200; // definitions are acyclic (checked); this only keeps a bug from looping

/**
 * Decide one person the slow way: every rule evaluated in full, then the
 * shared decision semantics (decide.ts). Sharing decide.ts is deliberate:
 * this oracle checks evaluation; the priority semantics have one home.
 */
/**
 * A selection order's comparison of two people, by evaluating each key on its
 * own (the compiled program's `orders[i].compare` must agree): -1 `a` first,
 * 1 `b` first, 0 tied, Unknown when a key that matters is missing.
 */
export function referenceCompare(
  p: CheckedPolicy,
  order: SelectionOrderInfo,
  a: Teacher,
  b: Teacher,
  w: World,
): -1 | 0 | 1 | Unknown {
  for (const k of order.order.keys) {
    const t = typeOf({ p, w, t: a, depth: 0 }, k.key);
    // Stryker disable next-line OptionalChaining: every order key is typed by the checker
    const kind = t?.k === "text" ? "title" : (t?.k as "int" | "percent" | "duration" | "date" | "bool");
    const c = compareKey(
      kind,
      k.direction,
      evaluate(k.key, { p, w, t: a, depth: 0 }),
      evaluate(k.key, { p, w, t: b, depth: 0 }),
    );
    if (c !== 0) return c;
  }
  return 0;
}

export function referenceDecide(p: CheckedPolicy, t: Teacher, w: World): Decision {
  const env: Env = { p, w, t, depth: 0 };
  const results: RuleResult[] = p.rules.map((r: RuleInfo) => {
    let v = evaluate(r.rule.when, env);
    let limit: RuleResult["limit"];
    // A deferral is granted a year at a time: it applies only while the years
    // already deferred plus this one stay within `最长`. The limit is read only
    // when the rule might apply, so an unknown limit cannot make a rule that
    // does not apply unknown; when it is read and unknown, the rule is too.
    const limitExpr = r.rule.limit;
    if (limitExpr) {
      v = limitedDeferral(v, t.deferred_years, () => {
        const lim = evaluate(limitExpr, env);
        limit = { deferred: { months: t.deferred_years * 12, days: 0 }, limit: lim };
        return lim;
      });
    }
    const applicable = r.rule.applicable ? evaluate(r.rule.applicable, env) : undefined;
    return { rule: r, value: v, ...(limit ? { limit } : {}), ...(applicable !== undefined ? { applicable } : {}) };
  });
  return decideFromResults(results);
}

// The checker's types are used (a date and a number look alike at run time,
// as do a share and a count); its name resolutions are not.
function typeOf(env: Env, e: A.Expr) {
  return env.p.types.get(e.id);
}

/**
 * Resolve a name by its text, now, in the order of language.md §17: the
 * service period in context, the person's fields, derived facts, parameters
 * (a --param value first), definitions, tracks. This re-implements the
 * reference text on purpose instead of reading the checker's resolution
 * table: if resolution is wrong in the checker or the compiler, the two
 * evaluators disagree and the property test says so, rather than both
 * agreeing on the same mistake.
 */
function lookupName(name: string, env: Env): Value {
  const { p, t, w } = env;
  // Out of fuel is a bug (cycles are N009); answer unknown rather than throw.
  // Stryker disable next-line all: out of fuel only on a cycle, which the checker refuses (N009)
  if (env.depth > FUEL) return new Unknown([{ code: "E001", fact: name }]);
  // The policy's declarations (built-in and its own facts), looked up by name here, not through the checker's resolutions.
  const sf = env.service ? p.facts.fields("service").get(name) : undefined;
  if (sf) return readField(env.service, sf, w);
  const pf = p.facts.fields("person").get(name);
  if (pf) return readField(t, pf, w);
  const d = DERIVED.get(name);
  if (d)
    return derive(
      d.name,
      t,
      w,
      (x) => trackOf(x, env),
      (x) => reachableTracks(x, env),
    );
  const given = w.paramValues?.get(name);
  // A command-line value overrides parameters only, never a definition.
  if (given !== undefined && p.params.has(name)) return given;
  const prm = p.params.get(name);
  if (prm) {
    if (!prm.value) return new Unknown([{ code: "E002", param: name }]);
    // Stryker disable next-line ArithmeticOperator: depth only feeds the fuel guard
    return evaluate(prm.value, { ...env, depth: env.depth + 1 });
  }
  const def = p.defs.get(name);
  // Re-evaluated at every use (no memo). `service` is dropped: a definition
  // means the same for the whole person, not per period of service.
  // Stryker disable next-line ArithmeticOperator: depth only feeds the fuel guard
  if (def) return evaluate(def.decl.value, { p, w, t, depth: env.depth + 1 });
  // Stryker disable next-line ConditionalExpression: every name resolves after a clean check (N001): what is left is a track
  if (p.tracks.has(name)) return { track: name };
  // Unreachable after a clean check (N001); kept total.
  // Stryker disable next-line all: unreachable after a clean check (N001)
  return new Unknown([{ code: "E001", fact: name }]);
}

/**
 * Every declared track: the readings to try when the selector cannot be narrowed (language.md §13);
 * unknown when one of them is (a track whose settings read a parameter not given).
 */
function allTracks(env: Env): RetirementTrack[] | Unknown {
  const out: RetirementTrack[] = [];
  let why: Unknown | undefined;
  for (const name of env.p.tracks.keys()) {
    const tr = trackByName(name, env);
    if (isUnknown(tr)) why = why ? Unknown.merge(why, tr) : tr;
    else out.push(tr);
  }
  return why ?? out;
}

/** Tracks the person could be on, trying every value of the missing facts the selector needs. */
function reachableTracks(t: Teacher, env: Env): RetirementTrack[] | Unknown {
  const first = trackOf(t, env);
  if (!isUnknown(first)) return [first];
  // The person with each possible value of the missing fact the selector
  // needs; when that is not possible, every track is a possible reading.
  const variants = variantsFor(t, first, env.p.facts);
  if (!variants) return allTracks(env);
  const out: RetirementTrack[] = [];
  for (const v of variants) {
    const tr = trackOf(v, env);
    if (isUnknown(tr)) return allTracks(env);
    // Stryker disable next-line all: only removes repeats: a track listed twice is read the same
    if (!out.some((x) => x.id === tr.id)) out.push(tr);
  }
  return out;
}

/** The person's track by the policy's selector definition (适用退休轨道); `t` may be a variant of the person. */
function trackOf(t: Teacher, env: Env): RetirementTrack | Unknown {
  const sel = TRACK_SELECTOR_NAMES.map((n) => env.p.defs.get(n)).find((x) => x);
  // Stryker disable next-line all: a retirement fact without a retirement_track definition is refused by the checker (N011)
  if (!sel) return new Unknown([{ code: "E004", detail: "no retirement_track definition" }]);
  // Stryker disable next-line ArithmeticOperator: depth only feeds the fuel guard
  const v = evaluate(sel.decl.value, { ...env, t, depth: env.depth + 1 });
  if (isUnknown(v)) return v;
  return trackByName((v as { track: string }).track, env);
}

/** A track with its constant fields evaluated; in force from its own policy's `施行日期`. */
function trackByName(name: string, env: Env): RetirementTrack | Unknown {
  const info = env.p.tracks.get(name)!;
  const decl = info.decl;
  // Stryker disable next-line ArithmeticOperator: depth only feeds the fuel guard
  const inner = { ...env, depth: env.depth + 1 };
  const age = evaluate(decl.originalAge, inner);
  const step = evaluate(decl.step, inner);
  const max = evaluate(decl.maxDelay, inner);
  const bad = [age, step, max].find(isUnknown);
  if (bad) return bad;
  return trackFromValues(
    name,
    age as number,
    decl.firstAffected,
    step as Duration,
    max as Duration,
    trackInForce(info.inForceFrom, env.w.asOf),
  );
}

// An enumerated literal may be written in Chinese or English ("男" / "male");
// the data holds the English value, so compare against that.
function literalValue(e: A.StringLit, env: Env): string {
  const ty = typeOf(env, e);
  if (ty?.k === "text" && ty.enum)
    return memberOf(ty.labels ?? env.p.facts.enumLabels(ty.enum) ?? {}, e.value) ?? e.value;
  return e.value;
}

// The month of an epoch day by Date, not time/date.ts: its own path, like dayOfText. A day
// known only to an interval has a month when both ends lie in the same month.
function monthOfDay(v: Value): Value {
  const ym = (d: number) => {
    const x = new Date(d * 86400000);
    return [x.getUTCFullYear(), x.getUTCMonth() + 1] as const;
  };
  if (v instanceof Between) {
    const [y0, m0] = ym(v.lo);
    const [y1, m1] = ym(v.hi);
    // Stryker disable next-line all: here a day known only to an interval is a month-only fact as read (arithmetic on one is unknown), so both ends lie in one month
    return y0 === y1 && m0 === m1 ? m0 : v.why;
  }
  return ym(v as number)[1];
}

// Epoch days by Date.UTC, not time/date.ts as the compiler does: one more
// independent path. Impossible dates are T015, so they never get here.
function dayOfText(text: string): number {
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86400000);
}

/**
 * The value of an expression for one person, by a direct walk. Unknown
 * values propagate as in language.md §16: missing data gives unknown
 * values with reasons, never exceptions.
 */
export function evaluate(e: A.Expr, env: Env): Value {
  switch (e.kind) {
    case "Number":
    case "Percent":
      return e.value;
    case "Duration":
      return { months: e.months, days: e.days };
    case "Date":
      return dayOfText(e.text);
    case "String":
      return literalValue(e, env);
    case "Bool":
      return e.value;
    case "Set": {
      const out = new Set<string>();
      for (const x of e.elements) {
        const v = evaluate(x, env);
        if (isUnknown(v)) return v;
        out.add(v as string);
      }
      return out;
    }
    case "Name":
      return lookupName(e.name, env);
    case "Member": {
      const o = evaluate(e.object, env);
      if (isUnknown(o)) return o;
      const f = env.p.facts.fields("school").get(e.property.name);
      // Individual rules only reach school records (学校.地域); moves are plan-level.
      // Stryker disable next-line all: a member the school record lacks is refused by the checker
      if (!f) return new Unknown([{ code: "E001", fact: e.property.name }]);
      return readField(o as object | undefined, f, env.w);
    }
    case "Call": {
      // Only the name is taken from the table: the meaning below is this evaluator's own.
      // Stryker disable next-line OptionalChaining: the checker refuses an unknown function
      const fn = FUNCTIONS.get(e.callee.name)?.name;
      const args = e.args.map((a) => evaluate(a, env));
      // 已知(x) is the one explicit test for absence, and never unknown itself.
      // Stryker disable next-line ConditionalExpression: a missing fact is an Unknown, never undefined
      if (fn === "known") return !isUnknown(args[0]) && args[0] !== undefined;
      const bad = args.find(isUnknown);
      if (bad) return bad;
      // The year of a day known only to a month is known (the month lies in one year).
      if (fn === "year") return yearOf(args[0]!);
      if (fn === "month") return monthOfDay(args[0]!);
      const vague = args.find((x): x is Between => x instanceof Between);
      if (vague) return vague.why;
      if (fn === "date") return dateOf(args[0]!, args[1]!, args[2]!);
      if (fn === "age_on") return ageOn(env.t.birth_date, args[0]!, env.w.rounding);
      if (fn === "period") return periodOf(args[0] as number, args[1] as number, env.w.rounding, "period");
      const [a, b] = args as [Value, Value];
      // Durations compare as calendar periods, which can itself be unknown.
      // Stryker disable next-line OptionalChaining: every expression is typed by the checker
      if (typeOf(env, e)?.k === "duration") {
        const c = cmpDurations(">", a as Duration, b as Duration);
        if (isUnknown(c)) return c;
        return (fn === "max") === c ? a : b;
      }
      // Stryker disable next-line EqualityOperator: of two equal values either is the answer
      return fn === "max" ? ((a as number) >= (b as number) ? a : b) : (a as number) <= (b as number) ? a : b;
    }
    case "Unary": {
      const v = evaluate(e.operand, env);
      if (e.op === "not") return kleeneNot(v);
      if (isUnknown(v)) return v;
      // Stryker disable next-line OptionalChaining: every expression is typed by the checker
      return typeOf(env, e)?.k === "duration" ? durationTimes(v as Duration, -1) : -(v as number);
    }
    case "Binary": {
      // Kleene logic: `假 且 ？` is 假, `真 或 ？` is 真 — a known side can decide
      // alone, so the right side is skipped when the left one decides.
      if (e.op === "and") return kleeneAnd(evaluate(e.left, env), () => evaluate(e.right, env));
      if (e.op === "or") return kleeneOr(evaluate(e.left, env), () => evaluate(e.right, env));
      const a = evaluate(e.left, env);
      if (isUnknown(a)) return a;
      const b = evaluate(e.right, env);
      if (isUnknown(b)) return b;
      // An interval (from a month-only date) has no exact sum or difference.
      if (a instanceof Between) return a.why;
      if (b instanceof Between) return b.why;
      // Arithmetic is chosen by static type (language.md §10).
      // Stryker disable next-line OptionalChaining: every expression is typed by the checker
      const lt = typeOf(env, e.left)?.k;
      // Stryker disable next-line OptionalChaining: every expression is typed by the checker
      const rt = typeOf(env, e.right)?.k;
      // Date ± months may land past a month's end: the policy's rounding, or
      // both readings; the span names the place in an E003 reason.
      if (lt === "date")
        return dateShift(
          a as number,
          b as Duration,
          e.op === "+" ? 1 : -1,
          env.w.rounding,
          `${e.span.file}:${e.span.start}`,
        );
      if (lt === "duration" && rt === "duration")
        return durationPlus(a as Duration, b as Duration, e.op === "+" ? 1 : -1);
      if (lt === "duration") return durationTimes(a as Duration, b as number);
      if (rt === "duration") return durationTimes(b as Duration, a as number);
      // A count over a count is a share, kept as an exact fraction (3/20 is 15%).
      if (e.op === "/" && lt === "int" && rt === "int") return new Ratio(a as number, b as number);
      const x = a instanceof Ratio ? a.value : (a as number);
      const y = b instanceof Ratio ? b.value : (b as number);
      // Rounded so that 7% × 100 is exactly 7, not 7.000000000000001.
      if (e.op === "*" && (lt === "percent" || rt === "percent")) return Math.round(x * y * 1e9) / 1e9;
      return e.op === "+" ? x + y : e.op === "-" ? x - y : e.op === "*" ? x * y : x / y;
    }
    case "Compare": {
      const a = evaluate(e.left, env);
      const b = evaluate(e.right, env);
      // Both sides' reasons, so an explanation lists every missing fact at once.
      if (isUnknown(a)) return isUnknown(b) ? Unknown.merge(a, b) : a;
      if (isUnknown(b)) return b;
      const lt = typeOf(env, e.left);
      switch (e.op) {
        case "in":
          return setHas(b as ReadonlySet<string>, a as string);
        case "contains":
          return setHas(a as ReadonlySet<string>, b as string);
        case "intersects":
          return setIntersects(a as ReadonlySet<string>, b as ReadonlySet<string>);
        case ">=":
        case ">":
        case "<=":
        case "<":
        case "==":
        case "!=":
          break;
        default:
          return unreachable(e);
      }
      // Stryker disable next-line OptionalChaining: every expression is typed by the checker
      if (lt?.k === "duration") return cmpDurations(e.op, a as Duration, b as Duration);
      // Stryker disable next-line OptionalChaining: every expression is typed by the checker
      if (lt?.k === "percent") {
        // A share over an empty set is unknown (E005: not applicable), and shares
        // compare exactly at a 1e-9 grain; the reason names the comparison's place.
        // Stryker disable next-line StringLiteral: an E005 reason alone is not applicable, and not applicable never reaches a decision's reasons
        const what = `${e.span.file}:${e.span.start}`;
        const x = shareValue(a as number | Ratio, what);
        const y = shareValue(b as number | Ratio, what);
        if (isUnknown(x)) return x;
        if (isUnknown(y)) return y;
        return cmpNumbers(e.op, Math.round(x * 1e9), Math.round(y * 1e9));
      }
      // Titles are ordered by rank (三级 < … < 正高级), not alphabetically.
      if (lt?.k === "text" && lt.enum === "title" && e.op !== "==" && e.op !== "!=")
        return cmpTitles(e.op, a as string, b as string);
      if (lt?.k === "track") {
        const eq = (a as { track: string }).track === (b as { track: string }).track;
        return e.op === "!=" ? !eq : eq;
      }
      // A number or a day may be known only to an interval (a month-only date): equal
      // only if both are the same single value, different only if they cannot meet.
      if (lt?.k === "int" || lt?.k === "date") return cmpRanged(e.op, a as number | Between, b as number | Between);
      return e.op === "==" ? a === b : e.op === "!=" ? a !== b : cmpRanged(e.op, a as number, b as number);
    }
    case "If": {
      const c = evaluate(e.cond, env);
      // An unknown condition leaves the value unknown; neither branch is chosen.
      if (isUnknown(c)) return c;
      return c ? evaluate(e.then, env) : evaluate(e.else, env);
    }
    case "Aggregate": {
      // Individual rules can aggregate only over the person's own service history.
      // Stryker disable next-line all: an individual rule aggregating over anything else is refused by the checker
      if (e.collection.name !== "service" && e.collection.name !== "任职经历")
        return new Unknown([{ code: "E001", fact: e.collection.name }]);
      if (e.fn === "count_distinct") return distinctCount(e, env);
      let count = 0;
      let sum: Duration | number = typeOf(env, e)?.k === "duration" ? { months: 0, days: 0 } : 0;
      let unknown: Unknown | undefined;
      // 存在/全部: the disjunction / conjunction over elements, in three-valued logic.
      let acc: Value = e.fn === "all";
      for (const s of servicePeriods(env.t, env.w)) {
        const inner: Env = { ...env, service: s };
        const keep = e.where ? evaluate(e.where, inner) : true;
        if (e.fn === "any") {
          acc = kleeneOr(acc, () => kleeneAnd(keep, () => (e.of ? evaluate(e.of, inner) : true)));
          continue;
        }
        if (e.fn === "all") {
          acc = kleeneAnd(acc, () => (e.of ? kleeneOr(kleeneNot(keep), () => evaluate(e.of!, inner)) : keep));
          continue;
        }
        // count / sum: one element that cannot be classified makes the total
        // unknown — never silently left out of it.
        if (isUnknown(keep)) {
          unknown = unknown ? Unknown.merge(unknown, keep) : keep;
          continue;
        }
        if (!keep) continue;
        count++;
        if (e.fn === "sum" && e.of) {
          const v0 = evaluate(e.of, inner);
          const v = v0 instanceof Between ? v0.why : v0;
          if (isUnknown(v)) unknown = unknown ? Unknown.merge(unknown, v) : v;
          else sum = typeof sum === "number" ? sum + (v as number) : durationPlus(sum, v as Duration, 1);
        }
      }
      if (e.fn === "any" || e.fn === "all") return acc;
      if (unknown) return unknown;
      return e.fn === "count" ? count : sum;
    }
    default:
      return unreachable(e);
  }
}

/**
 * 非重复计数 over the person's service, the slow way: the values of the surely
 * kept periods, and those of the periods whose `其中` is unknown. The count is
 * known when every value could be read and each maybe-kept period's value is
 * among the surely kept ones (keeping it or not changes nothing); otherwise it
 * is unknown for every reason that could change it (all of them, at once).
 */
function distinctCount(e: A.Aggregate, env: Env): Value {
  const sure: string[] = [];
  const maybe: { key: string; why: Unknown }[] = [];
  const why: Unknown[] = [];
  for (const s of servicePeriods(env.t, env.w)) {
    const inner: Env = { ...env, service: s };
    const keep = e.where ? evaluate(e.where, inner) : true;
    if (keep === false) continue;
    const v0 = e.of ? evaluate(e.of, inner) : undefined;
    const v = v0 instanceof Between ? v0.why : v0;
    if (isUnknown(v)) {
      why.push(isUnknown(keep) ? Unknown.merge(keep, v) : v);
      continue;
    }
    // Records are the same when their ids are; other values by their text.
    const key =
      typeof v === "object" && v !== null && "id" in v
        ? `record:${(v as { id: string }).id}`
        : `${typeof v}:${String(v)}`;
    if (isUnknown(keep)) maybe.push({ key, why: keep });
    else if (!sure.includes(key)) sure.push(key);
  }
  for (const m of maybe) if (!sure.includes(m.key)) why.push(m.why);
  return why.length === 0 ? sure.length : why.reduce((a, b) => Unknown.merge(a, b));
}
