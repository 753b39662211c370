// Primitive operations on runtime values, shared by the compiled program and
// the reference evaluator: three-valued logic, typed comparisons (durations
// with ambiguous month-end rounding, titles by rank, shares as ratios) and
// arithmetic. Pure functions; unknown operands propagate, nothing throws.

import { addMonths, compareDuration, type Day, type Duration, type Rounding } from "../time/date.js";
import { TITLE_RANK } from "../semantics/facts.js";
import type { CompareOp } from "../syntax/ast.js";
import { Ratio, Unknown, isUnknown, type Value } from "./values.js";

/** A duration whose value depends on month-end rounding the policy did not declare: both readings. */
export interface AmbiguousDuration extends Duration {
  readonly alt: Duration;
  readonly what: string;
}

export function isAmbiguous(d: Duration): d is AmbiguousDuration {
  return (d as AmbiguousDuration).alt !== undefined;
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
    default:
      return false;
  }
}

export function cmpNumbers(op: CompareOp, l: number, r: number): boolean {
  return rel(op, l < r ? -1 : l > r ? 1 : 0);
}

/** Durations; when either side is ambiguous, both readings must agree or the result is unknown. */
export function cmpDurations(op: CompareOp, l: Duration, r: Duration): boolean | Unknown {
  const main = rel(op, compareDuration(l, r));
  if (!isAmbiguous(l) && !isAmbiguous(r)) return main;
  const la = isAmbiguous(l) ? l.alt : l;
  const ra = isAmbiguous(r) ? r.alt : r;
  const alt = rel(op, compareDuration(la, ra));
  if (alt === main) return main;
  const what = isAmbiguous(l) ? l.what : (r as AmbiguousDuration).what;
  return new Unknown([{ code: "E003", what }]);
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
  const main = { months: a.months + sign * b.months, days: a.days + sign * b.days };
  if (!isAmbiguous(a) && !isAmbiguous(b)) return main;
  const aa = isAmbiguous(a) ? a.alt : a;
  const ba = isAmbiguous(b) ? b.alt : b;
  const what = isAmbiguous(a) ? a.what : (b as AmbiguousDuration).what;
  return { ...main, alt: { months: aa.months + sign * ba.months, days: aa.days + sign * ba.days }, what } as AmbiguousDuration;
}

export function durationTimes(a: Duration, k: number): Duration {
  const main = { months: a.months * k, days: a.days * k };
  if (!isAmbiguous(a)) return main;
  return { ...main, alt: { months: a.alt.months * k, days: a.alt.days * k }, what: a.what } as AmbiguousDuration;
}

/** date ± duration: ambiguous when the policy declares no rounding and a month end is crossed. */
export function dateShift(d: Day, dur: Duration, sign: 1 | -1, rounding: Rounding | undefined, what: string): Day | Unknown {
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

export function setIntersects(a: ReadonlySet<string> | readonly string[], b: ReadonlySet<string> | readonly string[]): boolean {
  const small = Array.isArray(a) ? a : [...(a as ReadonlySet<string>)];
  for (const x of small) if (setHas(b, x)) return true;
  return false;
}
