// Month-only dates (出生年月 “1970.03”, a DayRange): 周岁 and tenure are decided
// when every day of the month gives the same answer and are unknown (E010,
// naming the field) otherwise — by the compiled program and the reference
// evaluator alike, never by picking a day.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { referenceDecide } from "../../src/interpreter/reference.js";
import type { School, Teacher } from "../../src/data/model.js";
import { monthRange } from "../../src/time/date.js";
import { HEADER, checkText } from "../support/policy.js";
import { day, personAt } from "../support/person.js";

const schools = new Map<string, School>([["S1", { id: "S1" }]]);
const person = (over: Record<string, unknown>) => personAt({ birth_date: day(1970, 6, 1), ...over });

/** The one rule's value by both evaluators (which must agree), and the reasons when unknown. */
function value(when: string, t: Teacher, asOf = day(2025, 3, 15)) {
  const c = checkText(HEADER + `clause A-1 must source "x" {\n  require r: when ${when}\n}`);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  const w = worldOf(c.policy!, { asOf, schools });
  const a = compile(c.policy!).decide(t, newFrame(w)).results[0]!.value;
  const b = referenceDecide(c.policy!, t, w).results[0]!.value;
  const show = (v: unknown) =>
    typeof v === "boolean" ? v : ((v as { reasons: { code: string; fact?: string }[] }).reasons ?? []);
  expect(show(a)).toEqual(show(b));
  return show(a);
}

describe("month-only dates", () => {
  const born = { birth_date: monthRange(1970, 3) };
  it("周岁 is decided when every day of the birth month gives the same answer", () => {
    // On 2025-03-15 someone born in March 1970 is 54 or 55: both are at most 55, neither is 56.
    expect(value("周岁 55 及以下", person(born))).toBe(true);
    expect(value("周岁 >= 56", person(born))).toBe(false);
  });
  it("and unknown, naming the field, when the day decides", () => {
    expect(value("周岁 55 以上", person(born))).toEqual([{ code: "E010", fact: "出生日期" }]);
  });
  it("tenure from a month-only start: decided unless the anniversary falls inside the month", () => {
    const since = { school_since: monthRange(2016, 3) };
    expect(value("本校任教年限 满 8年", person(since))).toBe(true);
    expect(value("本校任教年限 满 10年", person(since))).toBe(false);
    expect(value("本校任教年限 满 9年", person(since))).toContainEqual({ code: "E010", fact: "本校起始日期" });
  });
});
