// Checker, literals: the range a literal of each type and unit may have
// (issue 9, finding 7). A number the lexer accepts may still be no number a
// policy means — 400 digits (Infinity once read), an age of 200周岁, 150%, a
// period of 10³⁰ years — and such a literal would otherwise reach evaluation
// as a silent Infinity or an impossible bound. Each is T090, at the literal,
// naming what was written and the bounds. docs/security.md lists the limits.

import "../diagnostics/codes-limits.js";
import type * as A from "../syntax/ast.js";

export type LiteralKind = "number" | "age" | "percent" | "duration" | "date";

interface Range {
  readonly en: string;
  readonly zh: string;
  /** Is the value inside? */
  readonly inside: (e: A.Expr) => boolean;
  readonly min: string;
  readonly max: string;
}

/** A plain number: counts, ratios and thresholds; no policy counts beyond a million. */
export const MAX_NUMBER = 1_000_000;
/** An age in completed years (周岁). */
export const MAX_AGE = 120;
/** A period, in years (a tenure, a deferral, a delay). */
export const MAX_YEARS = 100;
/** Dates a policy names: the same plausible span as dates in data (D085). */
export const DATE_RANGE = { min: "1900-01-01", max: "2100-12-31" } as const;

const value = (e: A.Expr): number => (e.kind === "Number" || e.kind === "Percent" ? e.value : NaN);

const RANGES: Record<LiteralKind, Range> = {
  number: { en: "a number", zh: "数字", min: "0", max: "1000000", inside: (e) => value(e) <= MAX_NUMBER },
  age: { en: "an age", zh: "年龄", min: "0周岁", max: `${MAX_AGE}周岁`, inside: (e) => value(e) <= MAX_AGE },
  // Compared as written (15.5% → 15.5), so that 100% is inside whatever the rounding of /100.
  percent: { en: "a percentage", zh: "百分比", min: "0%", max: "100%", inside: (e) => percentWritten(e) <= 100 },
  duration: {
    en: "a period",
    zh: "期限",
    min: "0",
    max: `${MAX_YEARS}年`,
    // Months and days, each in years: 36600天 is 100 years (days / 366 used to count as months, so
    // 400000天, over a thousand years, passed).
    inside: (e) => e.kind === "Duration" && e.months / 12 + e.days / 366 <= MAX_YEARS,
  },
  date: {
    en: "a date",
    zh: "日期",
    min: DATE_RANGE.min,
    max: DATE_RANGE.max,
    // ISO dates of four-digit years compare as text.
    inside: (e) => e.kind === "Date" && e.text >= DATE_RANGE.min && e.text <= DATE_RANGE.max,
  },
};

function percentWritten(e: A.Expr): number {
  return e.kind === "Percent" ? Number(e.text.slice(0, -1)) : NaN;
}

/** The literal as written, shortened when long (a 400-digit number is shown by its first digits and its length). */
function written(e: A.Expr): { written: string; written_zh: string } {
  let text: string;
  switch (e.kind) {
    case "Percent":
    case "Duration":
    case "Date":
      text = e.text;
      break;
    case "Number": {
      // The AST keeps the value; the span keeps the length. Up to 15 digits the value prints as written.
      const len = e.span.end - e.span.start - (e.unit === "age" ? 2 : 0);
      if (Number.isFinite(e.value) && len <= 15) text = String(e.value) + (e.unit === "age" ? "周岁" : "");
      else return { written: `a ${len}-digit number`, written_zh: `${len} 位数字` };
      break;
    }
    default:
      text = "";
  }
  if (text.length <= 24) return { written: text, written_zh: text };
  const short = `${text.slice(0, 12)}…${text.slice(-4)}`;
  return { written: `${short} (${text.length} characters)`, written_zh: `${short}（${text.length} 个字符）` };
}

/** The kind a literal is checked as where it stands alone (a number compared with 周岁 is checked again as an age). */
export function kindOf(e: A.Expr): LiteralKind | undefined {
  switch (e.kind) {
    case "Number":
      return e.unit === "age" ? "age" : "number";
    case "Percent":
      return "percent";
    case "Duration":
      return "duration";
    case "Date":
      return "date";
    default:
      return undefined;
  }
}

/** T090's arguments when the literal lies outside the range of `kind`; undefined when inside. */
export function outOfRange(e: A.Expr, kind: LiteralKind): Record<string, string> | undefined {
  const r = RANGES[kind];
  if (r.inside(e)) return undefined;
  return { ...written(e), what: r.en, what_zh: r.zh, min: r.min, max: r.max };
}
