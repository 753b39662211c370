// The value operations of the interpreter (src/interpreter/ops.ts), one by
// one — the mutation run of issue 9 found these paths reached only through
// whole policies or not at all: intervals from month-only dates (== and !=
// decided only when the intervals are exact or disjoint), durations with
// several readings (month-end rounding), date ± duration under each rounding,
// the year, month and date functions on intervals and unknowns, 周岁于 of a
// month-only or 29 February birth, and selection keys by type and direction.

import { describe, expect, it } from "vitest";
import {
  ageOn,
  cmpDurations,
  cmpRanged,
  compareKey,
  dateOf,
  dateShift,
  durationPlus,
  durationTimes,
  fromReadings,
  isAmbiguous,
  monthOf,
  yearOf,
  type AmbiguousDuration,
} from "../../src/interpreter/ops.js";
import { Between, Unknown, isUnknown } from "../../src/interpreter/values.js";
import { fromYmd, monthRange } from "../../src/time/date.js";

const day = (y: number, m: number, d: number) => fromYmd(y, m, d)!;
const why = (fact: string) => new Unknown([{ code: "E010", fact }]);
const reasons = (v: unknown) => (isUnknown(v as never) ? (v as Unknown).reasons : v);
const amb = (months: number, days: number, alts: [number, number][], fact = "r"): AmbiguousDuration => ({
  months,
  days,
  alts: alts.map(([m, d]) => ({ months: m, days: d })),
  why: why(fact),
});

describe("comparisons with an interval (a month-only date)", () => {
  const june = new Between(10, 20, why("出生日期"));
  it("== and != are decided when the intervals are disjoint or both exact, unknown when they overlap", () => {
    expect(cmpRanged("==", june, 25)).toBe(false);
    expect(cmpRanged("!=", june, 25)).toBe(true);
    expect(cmpRanged("!=", 5, june)).toBe(true);
    expect(cmpRanged("==", new Between(7, 7, why("x")), 7)).toBe(true);
    expect(cmpRanged("!=", new Between(7, 7, why("x")), 7)).toBe(false);
    expect(reasons(cmpRanged("==", june, 15))).toEqual([{ code: "E010", fact: "出生日期" }]);
    expect(reasons(cmpRanged("!=", june, 20))).toEqual([{ code: "E010", fact: "出生日期" }]);
  });
  it("an order is decided when it holds alike at every end, with both reasons when both sides are intervals", () => {
    expect(cmpRanged("<", june, 21)).toBe(true);
    expect(cmpRanged("<", june, 20)).toEqual(why("出生日期"));
    expect(cmpRanged(">=", 20, june)).toBe(true);
    expect(cmpRanged(">", 20, june)).toEqual(why("出生日期"));
    expect(reasons(cmpRanged("<", june, new Between(15, 30, why("任职日期"))))).toEqual([
      { code: "E010", fact: "出生日期" },
      { code: "E010", fact: "任职日期" },
    ]);
    expect(cmpRanged("<", june, new Between(21, 30, why("任职日期")))).toBe(true);
    expect(cmpRanged("<", 3, 4)).toBe(true);
  });
});

describe("durations with several readings", () => {
  it("a sum keeps every pair of readings, and the reasons of both sides", () => {
    const s = durationPlus(amb(1, 0, [[0, 30]], "a"), amb(0, 1, [[0, 2]], "b"), 1);
    expect(isAmbiguous(s)).toBe(true);
    const r = s as AmbiguousDuration;
    expect([r.months, r.days]).toEqual([1, 1]);
    expect(r.alts.map((d) => [d.months, d.days])).toEqual([
      [1, 2],
      [0, 31],
      [0, 32],
    ]);
    expect(r.why.reasons.map((x) => (x as { fact: string }).fact)).toEqual(["a", "b"]);
  });
  it("a difference subtracts days as well as months; exact sides give an exact result", () => {
    expect(durationPlus({ months: 5, days: 10 }, { months: 2, days: 3 }, -1)).toEqual({ months: 3, days: 7 });
    const one = durationPlus(amb(1, 0, [[0, 30]]), { months: 0, days: 4 }, -1) as AmbiguousDuration;
    expect(one.alts.map((d) => [d.months, d.days])).toEqual([[0, 26]]);
    expect(one.why).toEqual(why("r"));
  });
  it("a multiple multiplies days too, and every reading", () => {
    expect(durationTimes({ months: 2, days: 3 }, 2)).toEqual({ months: 4, days: 6 });
    const t = durationTimes(amb(1, 0, [[0, 30]]), 3) as AmbiguousDuration;
    expect([t.months, t.days, t.alts[0]!.days]).toEqual([3, 0, 90]);
  });
  it("readings that coincide make a plain duration; distinct ones keep every reason, nested ones too", () => {
    expect(
      fromReadings(
        [
          { months: 1, days: 2 },
          { months: 1, days: 2 },
        ],
        why("x"),
      ),
    ).toEqual({ months: 1, days: 2 });
    const d = fromReadings([{ months: 1, days: 2 }, { months: 1, days: 3 }, amb(1, 2, [[0, 33]], "inner")], why("x"));
    expect(isAmbiguous(d)).toBe(true);
    const a = d as AmbiguousDuration;
    expect(a.alts.map((x) => [x.months, x.days])).toEqual([
      [1, 3],
      [0, 33],
    ]);
    expect(a.why.reasons.map((x) => (x as { fact: string }).fact)).toEqual(["x", "inner"]);
  });
  it("a comparison stands only when every reading agrees", () => {
    expect(cmpDurations(">=", amb(12, 0, [[11, 30]]), { months: 11, days: 0 })).toBe(true);
    expect(cmpDurations(">=", amb(12, 0, [[11, 30]]), { months: 12, days: 0 })).toEqual(why("r"));
    expect(cmpDurations("<", { months: 11, days: 0 }, amb(12, 0, [[11, 30]]))).toBe(true);
  });
});

describe("a date shifted by a duration", () => {
  const jan31 = day(2025, 1, 31);
  const oneMonth = { months: 1, days: 0 };
  it("follows the declared rounding across a month end", () => {
    expect(dateShift(jan31, oneMonth, 1, "end_of_month", "w")).toBe(day(2025, 2, 28));
    expect(dateShift(jan31, oneMonth, 1, "next_day", "w")).toBe(day(2025, 3, 1));
    expect(dateShift(day(2025, 3, 31), oneMonth, -1, "next_day", "w")).toBe(day(2025, 3, 1));
  });
  it("without a declared rounding: unknown (E003) where the two differ, the date where they agree", () => {
    expect(reasons(dateShift(jan31, oneMonth, 1, undefined, "任职满"))).toEqual([{ code: "E003", what: "任职满" }]);
    expect(dateShift(day(2025, 1, 15), { months: 1, days: 2 }, 1, undefined, "w")).toBe(day(2025, 2, 17));
  });
});

describe("year, month and date of a value", () => {
  const inJune = new Between(day(2025, 6, 1), day(2025, 6, 30), why("d"));
  const acrossYears = new Between(day(2024, 12, 1), day(2025, 1, 31), why("d"));
  const acrossMonths = new Between(day(2025, 5, 1), day(2025, 6, 30), why("d"));
  it("an interval has a year or a month when all of it lies in one", () => {
    expect(yearOf(inJune)).toBe(2025);
    expect(yearOf(acrossYears)).toEqual(why("d"));
    expect(monthOf(inJune)).toBe(6);
    expect(monthOf(acrossMonths)).toEqual(why("d"));
    expect(monthOf(new Between(day(2024, 6, 1), day(2025, 6, 30), why("d")))).toEqual(why("d"));
    expect(monthOf(day(2025, 3, 4))).toBe(3);
    expect(monthOf(why("m"))).toEqual(why("m"));
  });
  it("日期(y, m, d): unknown from an unknown or an interval argument, and for a day the month does not have", () => {
    expect(dateOf(2025, 2, 28)).toBe(day(2025, 2, 28));
    expect(dateOf(2025, why("m"), 1)).toEqual(why("m"));
    expect(dateOf(2025, 9, new Between(1, 2, why("b")))).toEqual(why("b"));
    expect(reasons(dateOf(2025, 2, 30))).toEqual([{ code: "E001", fact: "日期(2025, 2, 30)" }]);
  });
});

describe("周岁于: completed years on a date", () => {
  it("an unknown or interval date gives no age", () => {
    expect(ageOn(day(1970, 6, 15), why("on"), "end_of_month")).toEqual(why("on"));
    expect(ageOn(day(1970, 6, 15), new Between(1, 2, why("b")), "end_of_month")).toEqual(why("b"));
  });
  it("a month-only birth: the age when the whole month gives it, else unknown (E010 出生日期)", () => {
    const june1970 = monthRange(1970, 6) as unknown as number;
    expect(ageOn(june1970, day(2025, 8, 31), undefined)).toBe(55);
    expect(reasons(ageOn(june1970, day(2025, 6, 15), undefined))).toEqual([{ code: "E010", fact: "出生日期" }]);
  });
  it("a 29 February birth: unknown (E003) without a declared rounding where the readings differ, else by it", () => {
    const leap = day(1972, 2, 29);
    const on = day(2025, 2, 28);
    expect(reasons(ageOn(leap, on, undefined))).toEqual([{ code: "E003", what: "周岁 (born 29 February)" }]);
    expect(ageOn(leap, on, "end_of_month")).toBe(53);
    expect(ageOn(leap, on, "next_day")).toBe(52);
    expect(ageOn(leap, day(2025, 3, 1), undefined)).toBe(53);
  });
});

describe("selection keys", () => {
  it("titles by rank, truth before falsehood when descending, numbers, in either direction", () => {
    expect(compareKey("title", "descending", "first", "second")).toBe(-1);
    expect(compareKey("title", "ascending", "first", "second")).toBe(1);
    expect(compareKey("title", "descending", "first", "first")).toBe(0);
    expect(compareKey("bool", "descending", true, false)).toBe(-1);
    expect(compareKey("bool", "ascending", true, false)).toBe(1);
    expect(compareKey("int", "ascending", 3, 10)).toBe(-1);
    expect(compareKey("date", "descending", 3, 10)).toBe(1);
  });
  it("durations; unknown when either is, or when the readings of a duration disagree", () => {
    expect(compareKey("duration", "descending", { months: 20, days: 0 }, { months: 12, days: 0 })).toBe(-1);
    expect(compareKey("duration", "ascending", { months: 12, days: 0 }, { months: 12, days: 0 })).toBe(0);
    expect(compareKey("duration", "ascending", why("a"), { months: 1, days: 0 })).toEqual(why("a"));
    expect(compareKey("duration", "ascending", { months: 1, days: 0 }, why("b"))).toEqual(why("b"));
    // 12 months or 11 months 30 days, against 12 months: < is unknown.
    expect(compareKey("duration", "ascending", amb(12, 0, [[11, 30]]), { months: 12, days: 0 })).toEqual(why("r"));
    // 12 months or 12 months 1 day against 12 months: not <, but > is unknown.
    expect(compareKey("duration", "ascending", amb(12, 0, [[12, 1]]), { months: 12, days: 0 })).toEqual(why("r"));
  });
});
