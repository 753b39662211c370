// Runtime values of the evaluator (shared by the compiled program and the
// reference evaluator). Evaluation never throws: a missing fact, a redacted
// parameter or an ambiguous date yields an `Unknown` carrying its reasons,
// which propagates through operators with three-valued logic.

import type { Duration } from "../time/date.js";
import type { Move, School, Teacher } from "../data/model.js";

/** Why a value is unknown: a missing fact, a redacted parameter, an ambiguous date, … (E codes). */
export type Reason =
  /** A fact the rule needs is not in the data. */
  | { readonly code: "E001"; readonly fact: string }
  /** A parameter has no value (the source redacts it as “20xx”). */
  | { readonly code: "E002"; readonly param: string }
  /** Date arithmetic depends on how a month's end is rounded, and the policy does not say. */
  | { readonly code: "E003"; readonly what: string }
  /** No retirement track applies to the person. */
  | { readonly code: "E004"; readonly detail: string }
  /** A share over an empty set: not applicable. */
  | { readonly code: "E005"; readonly what: string }
  /** A date known only to the month (a DayRange), and the answer depends on the day. */
  | { readonly code: "E010"; readonly fact: string };

/** A value that cannot be known, with the reasons why (three-valued logic: never a silent pass). */
export class Unknown {
  constructor(readonly reasons: readonly Reason[]) {}
  /** Merge the reasons of two unknown operands (deduplicated). */
  static merge(a: Unknown, b: Unknown): Unknown {
    const seen = new Set(a.reasons.map((r) => JSON.stringify(r)));
    return new Unknown([...a.reasons, ...b.reasons.filter((r) => !seen.has(JSON.stringify(r)))]);
  }
}

/** count / count: kept as a fraction so messages can show “2/20 = 10%”. */
export class Ratio {
  constructor(
    readonly num: number,
    readonly den: number,
  ) {}
  get value(): number {
    return this.num / this.den;
  }
}

/**
 * A number or a day known only to lie in [lo, hi] (周岁 or a retirement date
 * from a month-only birth date). A comparison stands when every value in the
 * interval gives the same answer; otherwise it is unknown for `why`. Anything
 * else done with it (arithmetic, a function) is unknown for `why`.
 */
export class Between {
  constructor(
    readonly lo: number,
    readonly hi: number,
    readonly why: Unknown,
  ) {}
}

/** A retirement track (e.g. 男职工), the value of the national `retirement_track` definition. */
export interface TrackValue {
  readonly track: string;
}

/** A value at run time (dates are day numbers; a share is an exact Ratio; Unknown carries its reasons). */
export type Value =
  | number
  | boolean
  | string
  | Duration
  | ReadonlySet<string>
  | Ratio
  | School
  | Teacher
  | Move
  | TrackValue
  | Between
  | Unknown
  | undefined;

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function missing(fact: string): Unknown {
  return new Unknown([{ code: "E001", fact }]);
}

export function isDuration(v: unknown): v is Duration {
  return typeof v === "object" && v !== null && "months" in v && "days" in v;
}
