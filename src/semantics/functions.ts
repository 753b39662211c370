// Semantic table: the functions a policy can call (期间, 较小值, 较大值, 已知, 年份, 月份, 日期, 周岁于), one
// row each — its names in both languages, its arity, its type rule (used by
// the checker) and its compiled implementation (used by the compiler). The
// reference evaluator keeps its own implementation on purpose: the property
// test compares the two. Adding a function is adding a row here.

import type { Duration } from "../time/date.js";
import { periodOf, type Fn, type Frame } from "../interpreter/frame.js";
import { ageOn, cmpDurations, dateOf, monthOf, yearOf } from "../interpreter/ops.js";
import { Between, Unknown, isUnknown, type Value } from "../interpreter/values.js";
import { BOOL, DATE, DURATION, ERROR, INT, compatible, type Ty } from "./types.js";

export type FunctionName = "period" | "min" | "max" | "known" | "year" | "month" | "date" | "age_on";

/** How a type rule reports a misuse; the checker turns these into coded diagnostics at the right span. */
export interface TypeReport {
  /** Argument `i` has type `found` where `want` is expected (T004). */
  argument(i: number, want: Ty, found: Ty): void;
  /** The arguments do not go together for this function (T003). */
  operands(left: Ty, right: Ty): void;
}

export interface FunctionRow {
  readonly name: FunctionName;
  readonly en: string;
  readonly zh: string;
  readonly doc: string;
  readonly arity: number;
  /** Reads the person in context (T006 where there is none; a definition using it reads a person). */
  readonly needsPerson?: true;
  /** The call's type from its arguments' (arity already checked). */
  type(args: readonly Ty[], report: TypeReport): Ty;
  /** The compiled call, given the arguments' closures and the call's own type. */
  compile(args: readonly Fn[], ty: Ty): Fn;
}

/**
 * A two-argument function of known, exact values: both sides are evaluated
 * before either is judged (so an explanation shows both); an unknown side, or
 * one known only to an interval (a month-only date), is the answer instead.
 */
function strict2(a: Fn, b: Fn, g: (x: Value, y: Value, f: Frame) => Value): Fn {
  return (f) => {
    const x = a(f);
    const y = b(f);
    if (isUnknown(x)) return x;
    if (isUnknown(y)) return y;
    if (x instanceof Between) return x.why;
    if (y instanceof Between) return y.why;
    return g(x, y, f);
  };
}

/** min / max: of two numbers, shares, durations or dates; durations compare as calendar periods (maybe unknown). */
function extremum(name: "min" | "max", en: string, zh: string, doc: string): FunctionRow {
  const pickMax = name === "max";
  return {
    name,
    en,
    zh,
    doc,
    arity: 2,
    type([a, b], report) {
      if (!compatible(a!, b!) || !["int", "percent", "duration", "date", "error"].includes(a!.k)) {
        report.operands(a!, b!);
        return ERROR;
      }
      return a!.k === "error" ? b! : a!;
    },
    compile([a, b], ty) {
      if (ty.k === "duration")
        return strict2(a!, b!, (x, y) => {
          const c = cmpDurations(">", x as Duration, y as Duration);
          if (isUnknown(c)) return c;
          return c === pickMax ? x : y;
        });
      return strict2(a!, b!, (x, y) =>
        pickMax ? ((x as number) >= (y as number) ? x : y) : (x as number) <= (y as number) ? x : y,
      );
    },
  };
}

const ROWS: readonly FunctionRow[] = [
  {
    name: "period",
    en: "period",
    zh: "期间",
    doc: "the calendar period from the first date to the second (months, then days)",
    arity: 2,
    type(args, report) {
      args.forEach((t, i) => {
        if (!compatible(DATE, t)) report.argument(i, DATE, t);
      });
      return DURATION;
    },
    compile([a, b]) {
      return strict2(a!, b!, (x, y, f) => periodOf(x as number, y as number, f.w.rounding, "period"));
    },
  },
  extremum("min", "min", "较小值", "the smaller of two numbers, shares, durations or dates"),
  extremum("max", "max", "较大值", "the larger of two numbers, shares, durations or dates"),
  {
    name: "known",
    en: "known",
    zh: "已知",
    doc: "whether a fact is in the data: the one explicit test for absence, never unknown itself",
    arity: 1,
    type: () => BOOL,
    compile([a]) {
      const x0 = a!;
      return (f): Value => {
        const v = x0(f);
        return !isUnknown(v) && v !== undefined;
      };
    },
  },
  // Dates other than the reference date: 乌石 ages “以当年8月31日为准”
  // (日期(年份(基准日), 8, 31)), “从20xx年开始” names a year (年份(基准日) >= 起始年份).
  {
    name: "year",
    en: "year",
    zh: "年份",
    doc: "the calendar year of a date (a number)",
    arity: 1,
    type: ([a], report) => {
      if (!compatible(DATE, a!)) report.argument(0, DATE, a!);
      return INT;
    },
    compile([a]) {
      const x0 = a!;
      return (f) => yearOf(x0(f));
    },
  },
  // 章贡 “当学年内”: the school year the reference date lies in starts on 1 September of
  // 若 月份(基准日) >= 9 则 年份(基准日) 否则 年份(基准日) - 1.
  {
    name: "month",
    en: "month",
    zh: "月份",
    doc: "the calendar month of a date (a number, 1–12)",
    arity: 1,
    type: ([a], report) => {
      if (!compatible(DATE, a!)) report.argument(0, DATE, a!);
      return INT;
    },
    compile([a]) {
      const x0 = a!;
      return (f) => monthOf(x0(f));
    },
  },
  {
    name: "date",
    en: "date",
    zh: "日期",
    doc: "the date of a year, month and day; a day the month does not have is unknown, never moved",
    arity: 3,
    type: (args, report) => {
      args.forEach((t, i) => {
        if (!compatible(INT, t)) report.argument(i, INT, t);
      });
      return DATE;
    },
    compile([y, m, d]) {
      const [y0, m0, d0] = [y!, m!, d!];
      return (f) => dateOf(y0(f), m0(f), d0(f));
    },
  },
  {
    name: "age_on",
    en: "age_on",
    zh: "周岁于",
    doc: "the person's completed years of age on a date (as 周岁 on the reference date)",
    arity: 1,
    needsPerson: true,
    type: ([a], report) => {
      if (!compatible(DATE, a!)) report.argument(0, DATE, a!);
      return INT;
    },
    compile([a]) {
      const x0 = a!;
      const noPerson = new Unknown([{ code: "E001", fact: "周岁" }]);
      return (f) => (f.person ? ageOn(f.person.birth_date, x0(f), f.w.rounding) : noPerson);
    },
  },
];

/** Every function, by each of its names. */
export const FUNCTIONS: ReadonlyMap<string, FunctionRow> = new Map(
  ROWS.flatMap((r) => [[r.en, r] as const, [r.zh, r] as const]),
);
