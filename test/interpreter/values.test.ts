// The interpreter's values (src/interpreter/values.ts): merging the reasons
// of two unknown operands keeps each reason once, in order; a share keeps its
// counts and is their quotient; a duration is told from other values by shape.

import { describe, expect, it } from "vitest";
import { Ratio, Unknown, isDuration, missing } from "../../src/interpreter/values.js";

describe("values", () => {
  it("merging unknowns keeps every reason once, the left's first", () => {
    const a = new Unknown([
      { code: "E001", fact: "出生日期" },
      { code: "E001", fact: "职称" },
    ]);
    const b = new Unknown([
      { code: "E001", fact: "职称" },
      { code: "E002", param: "门槛" },
    ]);
    expect(Unknown.merge(a, b).reasons).toEqual([
      { code: "E001", fact: "出生日期" },
      { code: "E001", fact: "职称" },
      { code: "E002", param: "门槛" },
    ]);
    expect(Unknown.merge(missing("x"), missing("x")).reasons).toEqual([{ code: "E001", fact: "x" }]);
  });

  it("a share is its numerator over its denominator", () => {
    const r = new Ratio(2, 20);
    expect([r.num, r.den, r.value]).toEqual([2, 20, 0.1]);
    expect(new Ratio(3, 4).value).toBe(0.75);
  });

  it("a duration is a value with months and days", () => {
    expect(isDuration({ months: 1, days: 0 })).toBe(true);
    for (const v of [null, 3, "1年", { months: 1 }, { days: 2 }, new Ratio(1, 2), true])
      expect(isDuration(v), JSON.stringify(v)).toBe(false);
  });
});
