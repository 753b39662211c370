// W005 (an exception that can never change a decision) on the cases its
// interval reasoning decides: an exception whose condition contradicts every
// rule it overrides — the same fact required to lie in an empty interval —
// can never be engaged. Closed and open ends, the constant on either side, a
// parameter's value as the constant, a definition's conjuncts, months and days.

import { describe, expect, it } from "vitest";
import { HEADER, checkText } from "../support/policy.js";

function w005(base: string, exception: string, extra = ""): boolean {
  const c = checkText(
    HEADER +
      `clause A-1 must source "必须" {\n${extra}  require base: when ${base}\n  defer ex overrides base: when ${exception}\n}`,
  );
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  return c.all.some((d) => d.code === "W005");
}

describe("W005: an exception whose condition contradicts its base", () => {
  it.each([
    // [base, exception, contradictory?]
    ["tenure >= 9 years", "tenure < 9 years", true],
    ["tenure >= 9 years", "tenure <= 9 years", false],
    ["tenure > 9 years", "tenure <= 9 years", true],
    ["tenure >= 9 years", "tenure < 10 years", false],
    ["tenure >= 10 years", "tenure < 9 years", true],
    ["tenure > 9 years", "tenure < 9 years 1 months", false],
    ["tenure >= 9 years", "9 years > tenure", true],
    ["9 years <= tenure", "tenure < 9 years", true],
    ["age >= 50", "age < 50", true],
    ["age >= 50", "age <= 50", false],
    ["age >= 50 and age <= 55", "age > 55", true],
    ["age >= 50 and age <= 55", "age >= 55", false],
    ["age >= 50", 'age < 50 or sex is "male"', false],
    ["age >= 50", "post_tenure < 1 years", false],
    ["tenure >= 6 months", "tenure < 6 months 1 days", false],
    ["tenure >= 6 months 1 days", "tenure < 6 months 1 days", true],
    // Two bounds at the same value: the open one is the tighter.
    ["tenure <= 9 years", "tenure >= 9 years and tenure > 9 years", true],
    ["tenure >= 9 years", "tenure <= 9 years and tenure < 9 years", true],
  ] as const)("%s / %s: %s", (base, exception, contradictory) => {
    expect(w005(base, exception)).toBe(contradictory);
  });

  it("reads a parameter's value as the constant, and a definition's conjuncts", () => {
    const params = "  param cap: duration = 9 years\n  param n: int = 50\n";
    expect(w005("tenure >= cap", "tenure < cap", params)).toBe(true);
    expect(w005("tenure >= cap", "tenure < 10 years", params)).toBe(false);
    expect(w005("age >= n", "age < n", params)).toBe(true);
    const defs = "  define old = age >= 50 and tenure >= 9 years\n";
    expect(w005("old", "age < 50", defs)).toBe(true);
    expect(w005("old", "age < 60", defs)).toBe(false);
  });

  it("an exception whose outcome is its base's, or whose condition is false, can never change a decision either", () => {
    const c = checkText(
      HEADER +
        `clause A-1 must source "必须" {\n  require base: when tenure >= 9 years\n  require again overrides base: when age > 40\n  exempt never overrides base: when false\n  exempt some overrides base: when age > 40\n}`,
    );
    expect(
      c.all
        .filter((d) => d.code === "W005")
        .map((d) => d.message)
        .sort(),
    ).toEqual(["exception `never` can never change a decision"]);
  });
});
