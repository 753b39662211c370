// Time — calendar arithmetic on integer day numbers, used by input reading
// (dates → Day), the evaluator (ages, tenure, time to retirement) and output.
// Consumes/produces plain numbers; no `Date` objects, so a 1M-person run stays allocation-light.

/**
 * A calendar date as the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar (negative before 1970). Comparing two days is comparing
 * two numbers; one day later is `d + 1`.
 */
export type Day = number;

/**
 * A date known only to a span of days, both ends inclusive — the input form of
 * a month-only date: 出生年月 “1980.03” is `{ from: 1980-03-01, to: 1980-03-31 }`
 * (as day numbers). A date field of a person or of a history entry may hold
 * one instead of a Day. The engine never picks a day inside it: what is
 * derived from it (周岁, tenure, time to retirement, a period's length) is
 * decided only when every day of the span gives the same answer, and is
 * unknown otherwise (E010, naming the field).
 */
export interface DayRange {
  readonly from: Day;
  readonly to: Day;
}

/** A month as a DayRange (month 1–12), or undefined when there is no such month. */
export function monthRange(y: number, m: number): DayRange | undefined {
  const from = fromYmd(y, m, 1);
  return from === undefined ? undefined : { from, to: from + daysInMonth(y, m) - 1 };
}

export function isDayRange(v: unknown): v is DayRange {
  return typeof v === "object" && v !== null && typeof (v as DayRange).from === "number" && "to" in v;
}

/** The earliest day a date may be: the day itself, or a month-only date's first day. */
export function firstDay(d: Day | DayRange): Day {
  return typeof d === "number" ? d : d.from;
}

/** The latest day a date may be: the day itself, or a month-only date's last day. */
export function lastDay(d: Day | DayRange): Day {
  return typeof d === "number" ? d : d.to;
}

/**
 * What adding months does when the day-of-month does not exist in the target
 * month (Jan 31 + 1 month). Statute texts rarely say; following Catala, the
 * choice is explicit wherever it can matter instead of silently picked.
 * - `end_of_month`: clamp to the last day of the target month (Feb 28/29).
 * - `next_day`: roll over to the 1st of the month after the target month.
 */
export type Rounding = "end_of_month" | "next_day";

/** A calendar period: whole months (a year is 12) then days. Both ≤ 0 when negative. */
export interface Duration {
  readonly months: number;
  readonly days: number;
}

// Scratch registers for `civil()`. Hot paths decompose a day without
// allocating an object; callers read these immediately after the call.
let cy = 0;
let cm = 0;
let cd = 0;

/**
 * Days → (year, month, day), H. Hinnant's `civil_from_days`. Works on 400-year
 * eras (146097 days) shifted so the year starts in March, which puts the leap
 * day last and makes month lengths a linear formula.
 */
function civil(z: number): void {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March = 0
  cd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  cm = mp < 10 ? mp + 3 : mp - 9;
  cy = yoe + era * 400 + (cm <= 2 ? 1 : 0);
}

/** (year, month, day) → days, H. Hinnant's `days_from_civil`. No validation. */
function daysFromCivil(y: number, m: number, d: number): Day {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** The day of a calendar date, or undefined when no such date exists. */
export function fromYmd(y: number, m: number, d: number): Day | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return daysFromCivil(y, m, d);
}

export function toYmd(d: Day): { y: number; m: number; d: number } {
  civil(d);
  return { y: cy, m: cm, d: cd };
}

/** Year·12 + (month − 1): months since year 0, for month-granular arithmetic. */
export function monthIndex(d: Day): number {
  civil(d);
  return cy * 12 + cm - 1;
}

/**
 * Strict `YYYY-MM-DD` (exactly ten characters, a real calendar date).
 * Parsed by character codes because datasets hold millions of dates.
 */
export function parseIsoDate(s: string): Day | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 0 || d < 0) return undefined;
  return fromYmd(y, m, d);
}

/** The decimal value of s[from, to), or −1 if any character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? "-" + s : s;
}

/** `YYYY-MM-DD`. */
export function formatDate(d: Day): string {
  civil(d);
  return `${pad(cy, 4)}-${pad(cm, 2)}-${pad(cd, 2)}`;
}

/**
 * `d` plus a whole number of months. The day-of-month is kept when the target
 * month has it; otherwise `rounding` decides (see {@link Rounding}).
 */
export function addMonths(d: Day, months: number, rounding: Rounding): Day {
  civil(d);
  const day = cd;
  const total = cy * 12 + (cm - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  const dim = daysInMonth(ty, tm);
  if (day <= dim) return daysFromCivil(ty, tm, day);
  // The target month is too short: the day after its last day is the 1st of the next month.
  return rounding === "end_of_month" ? daysFromCivil(ty, tm, dim) : daysFromCivil(ty, tm, dim) + 1;
}

/** True when `addMonths(d, months, ·)` depends on the rounding (the day-of-month does not exist there). */
export function overflows(d: Day, months: number): boolean {
  civil(d);
  const total = cy * 12 + (cm - 1) + months;
  const ty = Math.floor(total / 12);
  return cd > daysInMonth(ty, total - ty * 12 + 1);
}

export function years(n: number): Duration {
  return { months: n * 12, days: 0 };
}

export function months(n: number): Duration {
  return { months: n, days: 0 };
}

export function days(n: number): Duration {
  return { months: 0, days: n };
}

/**
 * Lexicographic on (months, days). Note this is a *calendar* order: 1 month
 * is more than 30 days even in February, which is what "满N年" texts mean.
 */
export function compareDuration(a: Duration, b: Duration): -1 | 0 | 1 {
  if (a.months !== b.months) return a.months < b.months ? -1 : 1;
  if (a.days !== b.days) return a.days < b.days ? -1 : 1;
  return 0;
}

export function addDurations(a: Duration, b: Duration): Duration {
  return { months: a.months + b.months, days: a.days + b.days };
}

/** Months first, then days: `addDuration(from, period(from, to, r), r) === to` for from ≤ to. */
export function addDuration(d: Day, dur: Duration, rounding: Rounding): Day {
  return addMonths(d, dur.months, rounding) + dur.days;
}

/**
 * The calendar period from `from` to `to`: the largest m ≥ 0 with
 * addMonths(from, m) ≤ to, then the remaining days. For to < from the result
 * is the negated period(to, from), so both parts are ≤ 0.
 *
 * O(1): the month difference of the two dates, minus one when to's day-of-month
 * is before from's, is exact or one short (the one-short case is a clamped
 * month end: Jan 31 → Feb 28 under end_of_month); one upward check fixes it.
 * addMonths is non-decreasing in m under both roundings, which makes the check sound.
 */
export function period(from: Day, to: Day, rounding: Rounding): Duration {
  if (to < from) {
    const p = period(to, from, rounding);
    // `0 - x` rather than `-x`: never produce -0, which deep equality and JSON treat oddly.
    return { months: 0 - p.months, days: 0 - p.days };
  }
  civil(from);
  const fy = cy,
    fm = cm,
    fd = cd;
  civil(to);
  let m = (cy - fy) * 12 + (cm - fm) - (cd < fd ? 1 : 0);
  let at = addMonths(from, m, rounding);
  // Defensive in both directions; by the argument above at most one step runs.
  while (at > to) at = addMonths(from, --m, rounding);
  for (;;) {
    const next = addMonths(from, m + 1, rounding);
    if (next > to) break;
    m++;
    at = next;
  }
  return { months: m, days: to - at };
}

/**
 * Completed years of age (周岁) on `on` for someone born on `birth`. The
 * rounding matters only for a 29 February birthday in a non-leap year (is the
 * birthday Feb 28 or Mar 1?). Negative when `on` precedes `birth`.
 */
export function completedYears(birth: Day, on: Day, rounding: Rounding): number {
  // `+ 0` turns a -0 (a few months before birth) into 0.
  return Math.trunc(period(birth, on, rounding).months / 12) + 0;
}

/** True iff the two roundings give a different age — the caller must then know which one the policy declared. */
export function completedYearsAmbiguous(birth: Day, on: Day): boolean {
  return completedYears(birth, on, "end_of_month") !== completedYears(birth, on, "next_day");
}

/**
 * Human form of a duration. zh: `4年11个月15天` (年 and 个月 always shown, 天
 * only when non-zero); en: `1 year 2 months 3 days`. A negative duration gets a
 * leading `-` and is otherwise printed by magnitude.
 */
export function formatDuration(dur: Duration, lang: "zh" | "en"): string {
  const negative = dur.months < 0 || dur.days < 0;
  const totalMonths = Math.abs(dur.months);
  const y = Math.floor(totalMonths / 12);
  const m = totalMonths % 12;
  const d = Math.abs(dur.days);
  let s: string;
  if (lang === "zh") {
    s = `${y}年${m}个月` + (d !== 0 ? `${d}天` : "");
  } else {
    const unit = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`;
    s = `${unit(y, "year")} ${unit(m, "month")}` + (d !== 0 ? ` ${unit(d, "day")}` : "");
  }
  return negative ? "-" + s : s;
}
