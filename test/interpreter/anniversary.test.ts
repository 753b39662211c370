// The compiled program's fast path for `本校任教年限 满 9年` — “the 9th
// anniversary of the start has come”, one month addition instead of a full
// period (compile.ts `anniversary`) — must answer as the period itself does.
// Without tracing the fast path runs; with tracing the general path does (the
// explanation shows the period). Both are compared on every operator, with and
// without a declared rounding, for starts on month ends and on 29 February, on
// the anniversary, the day before and the day after; and against the reference
// evaluator, which computes the period.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { referenceDecide } from "../../src/interpreter/reference.js";
import { Unknown } from "../../src/interpreter/values.js";
import type { School } from "../../src/data/model.js";
import { addMonths } from "../../src/time/date.js";
import { checkText } from "../support/policy.js";
import { day, personAt } from "../support/person.js";

const schools = new Map<string, School>([["S1", { id: "S1" } as School]]);
// 是/不是 never take the fast path (a period equal to 9 years is not “the anniversary has come”).
const OPS = ["满", "超过", "不满", "不超过", "是", "不是"] as const;
const ROUNDINGS = ["", "rounding end_of_month", "rounding next_day"] as const;
// A threshold with days never takes the fast path either.
const THRESHOLDS = ["1年", "6年", "9年", "6个月", "1年1个月", "1年10天"] as const;
const STARTS = [
  day(2012, 1, 31),
  day(2012, 2, 29),
  day(2011, 8, 30),
  day(2015, 3, 31),
  day(2015, 9, 1),
  day(2014, 12, 28),
];

function policy(op: string, threshold: string, rounding: string, field: string) {
  const c = checkText(
    `policy "a" { issuer "x" effective 2024-01-01 ${rounding} }
clause A-1 must source "必须" {
  require r: when ${field} ${op} ${threshold}
}`,
  );
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  return c.policy!;
}

const months = (t: string) => {
  const y = /(\d+)年/.exec(t);
  const m = /(\d+)个月/.exec(t);
  return (y ? Number(y[1]) * 12 : 0) + (m ? Number(m[1]) : 0);
};
const days = (t: string) => Number(/(\d+)天/.exec(t)?.[1] ?? 0);

describe("the anniversary fast path answers as the period does", () => {
  it("on every operator, rounding, threshold and start, at the anniversary and a day either side", () => {
    let compared = 0;
    let unknown = 0;
    let both = 0;
    for (const field of ["本校任教年限", "任职年限"] as const)
      for (const rounding of ROUNDINGS)
        for (const op of OPS)
          for (const threshold of THRESHOLDS) {
            const p = policy(op, threshold, rounding, field);
            const program = compile(p);
            for (const start of STARTS)
              for (const r of ["end_of_month", "next_day"] as const) {
                const anniversary = addMonths(start, months(threshold), r) + days(threshold);
                for (const asOf of [anniversary - 1, anniversary, anniversary + 1]) {
                  const t = personAt({ school_since: start, post_since: start });
                  const w = worldOf(p, { asOf, schools });
                  const fast = program.decide(t, newFrame(w));
                  const general = program.decide(t, newFrame(w), true);
                  const oracle = referenceDecide(p, t, w);
                  const seen = (v: unknown) =>
                    v instanceof Unknown ? v.reasons.map((x) => x.code).join() : (v as boolean);
                  const value = seen(fast.results[0]!.value);
                  expect([value, fast.decision]).toEqual([seen(general.results[0]!.value), general.decision]);
                  expect([value, fast.decision]).toEqual([seen(oracle.results[0]!.value), oracle.decision]);
                  compared++;
                  if (typeof value !== "boolean") unknown++;
                  if (value === true) both++;
                }
              }
          }
    // The grid reaches every kind of answer: true, false, and unknown (E003, month end without a rounding).
    expect(compared).toBe(2 * 3 * 6 * 6 * 6 * 2 * 3);
    expect(unknown).toBeGreaterThan(0);
    expect(both).toBeGreaterThan(0);
    expect(both).toBeLessThan(compared - unknown);
  });
  it("a start after the reference date is a negative period: the threshold is not met", () => {
    const p = policy("满", "0个月", "", "本校任教年限");
    const t = personAt({ school_since: day(2024, 9, 2) });
    const w = worldOf(p, { asOf: day(2024, 9, 1), schools });
    expect(compile(p).decide(t, newFrame(w)).decision).toBe(referenceDecide(p, t, w).decision);
  });
});
