// Primitive operations on runtime values, shared by the compiled program and
// the reference evaluator: three-valued logic, typed comparisons (durations
// with ambiguous month-end rounding, titles by rank, shares as ratios) and
// arithmetic. Pure functions; unknown operands propagate, nothing throws.

import {
  addMonths,
  compareDuration,
  completedYears,
  completedYearsAmbiguous,
  fromYmd,
  isDayRange,
  toYmd,
  type Day,
  type Duration,
  type Rounding,
} from "../time/date.js";
import { TITLE_RANK } from "../semantics/facts.js";
import type { CompareOp } from "../syntax/ast.js";
import { Between, Ratio, Unknown, isUnknown, type Value } from "./values.js";
import { unreachable } from "../semantics/exhaustive.js";

/**
 * A duration with several possible values: month-end rounding the policy did
 * not declare (two readings), or a retirement track that depends on a missing
 * fact (one reading per track). A comparison stands only if every reading
 * agrees; otherwise it is unknown, for the reason carried in `why`.
 */
export interface AmbiguousDuration extends Duration {
  readonly alts: readonly Duration[];
  readonly why: Unknown;
}

export function isAmbiguous(d: Duration): d is AmbiguousDuration {
  return (d as AmbiguousDuration).alts !== undefined;
}

function readings(d: Duration): readonly Duration[] {
  return isAmbiguous(d) ? [d, ...d.alts] : [d];
}

function whyOf(a: Duration, b: Duration): Unknown {
  if (isAmbiguous(a) && isAmbiguous(b)) return Unknown.merge(a.why, b.why);
  return isAmbiguous(a) ? a.why : (b as AmbiguousDuration).why;
}

/** The readings of `a op b` over every pair of readings, as an (ambiguous) duration. */
function combine(a: Duration, b: Duration, f: (x: Duration, y: Duration) => Duration): Duration {
  const main = f(a, b);
  if (!isAmbiguous(a) && !isAmbiguous(b)) return main;
  const alts: Duration[] = [];
  for (const x of readings(a)) for (const y of readings(b)) if (x !== a || y !== b) alts.push(f(x, y));
  return { ...main, alts, why: whyOf(a, b) } as AmbiguousDuration;
}

/** Make a duration from readings: plain when they all coincide. */
export function fromReadings(readingsIn: readonly Duration[], why: Unknown): Duration {
  // A reading may itself be ambiguous (month-end rounding): flatten, keeping every reason.
  let reason = why;
  for (const d of readingsIn) if (isAmbiguous(d)) reason = Unknown.merge(reason, d.why);
  const all = readingsIn.flatMap(readings);
  const [first, ...rest] = all as [Duration, ...Duration[]];
  const distinct = rest.filter((d) => d.months !== first.months || d.days !== first.days);
  return distinct.length === 0
    ? { months: first.months, days: first.days }
    : ({ months: first.months, days: first.days, alts: distinct, why: reason } as AmbiguousDuration);
}

export function kleeneAnd(a: Value, b: () => Value): Value {
  if (a === false) return false;
  const bv = b();
  if (bv === false) return false;
  if (isUnknown(a)) return isUnknown(bv) ? Unknown.merge(a, bv) : a;
  if (isUnknown(bv)) return bv;
  return true;
}

export function kleeneOr(a: Value, b: () => Value): Value {
  if (a === true) return true;
  const bv = b();
  if (bv === true) return true;
  if (isUnknown(a)) return isUnknown(bv) ? Unknown.merge(a, bv) : a;
  if (isUnknown(bv)) return bv;
  return false;
}

export function kleeneNot(a: Value): Value {
  return isUnknown(a) ? a : !a;
}

function rel(op: CompareOp, c: number): boolean {
  switch (op) {
    case ">=":
      return c >= 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    case "<":
      return c < 0;
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    // Membership is not an order: callers decide it with setHas / setIntersects.
    case "in":
    case "contains":
    case "intersects":
      return false;
    default:
      return unreachable(op);
  }
}

export function cmpNumbers(op: CompareOp, l: number, r: number): boolean {
  return rel(op, l < r ? -1 : l > r ? 1 : 0);
}

/**
 * Numbers or days, either of which may be known only to an interval (Between,
 * from a month-only date): the answer stands when it is the same for every
 * value in the intervals — for an order, the same at both ends; for equality,
 * both exact and equal, or disjoint intervals — and is unknown otherwise.
 */
export function cmpRanged(op: CompareOp, l: number | Between, r: number | Between): boolean | Unknown {
  if (!(l instanceof Between) && !(r instanceof Between)) return cmpNumbers(op, l, r);
  const [a, b] = l instanceof Between ? [l.lo, l.hi] : [l, l];
  const [c, d] = r instanceof Between ? [r.lo, r.hi] : [r, r];
  const why = l instanceof Between ? (r instanceof Between ? Unknown.merge(l.why, r.why) : l.why) : (r as Between).why;
  if (op === "==" || op === "!=") {
    if (b < c || d < a) return op === "!=";
    if (a === b && c === d) return op === "==";
    return why;
  }
  const first = cmpNumbers(op, a, c);
  return cmpNumbers(op, a, d) === first && cmpNumbers(op, b, c) === first && cmpNumbers(op, b, d) === first
    ? first
    : why;
}

/** Durations; when either side has several readings, all must agree or the result is unknown. */
export function cmpDurations(op: CompareOp, l: Duration, r: Duration): boolean | Unknown {
  const main = rel(op, compareDuration(l, r));
  if (!isAmbiguous(l) && !isAmbiguous(r)) return main;
  for (const x of readings(l))
    for (const y of readings(r)) if (rel(op, compareDuration(x, y)) !== main) return whyOf(l, r);
  return main;
}

/** A share: a ratio over an empty set is not applicable (E005), never a pass or a violation. */
export function shareValue(v: number | Ratio, what: string): number | Unknown {
  if (typeof v === "number") return v;
  if (v.den === 0) return new Unknown([{ code: "E005", what }]);
  return v.num / v.den;
}

export function cmpTitles(op: CompareOp, l: string, r: string): boolean {
  return cmpNumbers(op, TITLE_RANK[l] ?? 0, TITLE_RANK[r] ?? 0);
}

export function durationPlus(a: Duration, b: Duration, sign: 1 | -1): Duration {
  return combine(a, b, (x, y) => ({ months: x.months + sign * y.months, days: x.days + sign * y.days }));
}

export function durationTimes(a: Duration, k: number): Duration {
  if (!isAmbiguous(a)) return { months: a.months * k, days: a.days * k };
  return {
    months: a.months * k,
    days: a.days * k,
    alts: a.alts.map((x) => ({ months: x.months * k, days: x.days * k })),
    why: a.why,
  } as AmbiguousDuration;
}

/** date ± duration: ambiguous when the policy declares no rounding and a month end is crossed. */
export function dateShift(
  d: Day,
  dur: Duration,
  sign: 1 | -1,
  rounding: Rounding | undefined,
  what: string,
): Day | Unknown {
  const eom = addMonths(d, sign * dur.months, "end_of_month") + sign * dur.days;
  if (rounding === "end_of_month") return eom;
  const nd = addMonths(d, sign * dur.months, "next_day") + sign * dur.days;
  if (rounding === "next_day") return nd;
  if (eom !== nd) return new Unknown([{ code: "E003", what }]);
  return eom;
}

export function setHas(s: ReadonlySet<string> | readonly string[], x: string): boolean {
  return Array.isArray(s) ? s.includes(x) : (s as ReadonlySet<string>).has(x);
}

export function setIntersects(
  a: ReadonlySet<string> | readonly string[],
  b: ReadonlySet<string> | readonly string[],
): boolean {
  const small = Array.isArray(a) ? a : [...(a as ReadonlySet<string>)];
  for (const x of small) if (setHas(b, x)) return true;
  return false;
}

// ------------------------------------------------------------ dates other than the reference date
// Texts measure against dates of their own: 乌石 ages “以当年8月31日为准”, windows
// “近两个聘期” reach back from the reference date, “从20xx年开始” names a year.

/** `年份(d)` / `year(d)`: the calendar year of a date. */
export function yearOf(d: Value): Value {
  if (d instanceof Between) {
    // A day known only to a span: its year, when the whole span lies in one year.
    const lo = toYmd(d.lo).y;
    return lo === toYmd(d.hi).y ? lo : d.why;
  }
  return isUnknown(d) ? d : toYmd(d as Day).y;
}

/** `月份(d)` / `month(d)`: the calendar month of a date (1–12); a day known only to a month has that month. */
export function monthOf(d: Value): Value {
  if (d instanceof Between) {
    const lo = toYmd(d.lo);
    const hi = toYmd(d.hi);
    return lo.y === hi.y && lo.m === hi.m ? lo.m : d.why;
  }
  return isUnknown(d) ? d : toYmd(d as Day).m;
}

/** `日期(y, m, d)` / `date(y, m, d)`: a calendar date; a day the month does not have is unknown (never moved). */
export function dateOf(y: Value, m: Value, d: Value): Value {
  for (const v of [y, m, d]) if (isUnknown(v)) return v;
  for (const v of [y, m, d]) if (v instanceof Between) return v.why;
  const day = fromYmd(y as number, m as number, d as number);
  return day ?? new Unknown([{ code: "E001", fact: `日期(${y}, ${m}, ${d})` }]);
}

/**
 * `周岁于(d)` / `age_on(d)`: completed years of age on date `d` (as `周岁` on the
 * reference date). A 29 February birthday is unknown (E003) when the policy
 * declares no rounding and the two readings differ.
 */
export function ageOn(birth: Day, on: Value, rounding: Rounding | undefined): Value {
  if (isUnknown(on)) return on;
  if (on instanceof Between) return on.why;
  // A month-only birth date (a DayRange): the age on both ends of the month; unknown when they differ.
  const b = birth as unknown;
  if (isDayRange(b)) {
    const early = ageOn(b.from, on, rounding);
    const late = ageOn(b.to, on, rounding);
    return early === late
      ? early
      : isUnknown(early)
        ? early
        : isUnknown(late)
          ? late
          : new Unknown([{ code: "E010", fact: "出生日期" }]);
  }
  if (!rounding && completedYearsAmbiguous(birth, on as Day))
    return new Unknown([{ code: "E003", what: "周岁 (born 29 February)" }]);
  return completedYears(birth, on as Day, rounding ?? "end_of_month");
}

/**
 * Where `a` stands against `b` on one selection key of type `ty`: -1 before, 1
 * after, 0 tied, for the key's direction; unknown when either value is (or a
 * duration comparison depends on month-end rounding). Truth values: true
 * before false when descending; titles by rank.
 */
export function compareKey(
  ty: "int" | "percent" | "duration" | "date" | "bool" | "title",
  direction: "ascending" | "descending",
  a: Value,
  b: Value,
): -1 | 0 | 1 | Unknown {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  let c: -1 | 0 | 1;
  if (ty === "duration") {
    const lt = cmpDurations("<", a as Duration, b as Duration);
    if (isUnknown(lt)) return lt;
    const gt = cmpDurations(">", a as Duration, b as Duration);
    if (isUnknown(gt)) return gt;
    c = lt ? -1 : gt ? 1 : 0;
  } else {
    const x = ty === "title" ? (TITLE_RANK[a as string] ?? 0) : ty === "bool" ? (a ? 1 : 0) : Number(a);
    const y = ty === "title" ? (TITLE_RANK[b as string] ?? 0) : ty === "bool" ? (b ? 1 : 0) : Number(b);
    c = x < y ? -1 : x > y ? 1 : 0;
  }
  return direction === "ascending" ? c : c === 0 ? 0 : c === 1 ? -1 : 1;
}
