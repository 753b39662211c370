// The type rules of docs/language.md §10, row by row: what each arithmetic
// form yields (declared as a definition of each type, only the right one
// checks), which are errors (T003), and which comparisons are allowed between
// which types (T001 otherwise; T005 for a value the enumeration lacks).

import { describe, expect, it } from "vitest";
import { HEADER, checkText } from "../support/policy.js";

const TYPES = ["整数", "百分比", "期限", "日期", "布尔"] as const;
type T = (typeof TYPES)[number];

function errorsAs(expr: string, type: T): string {
  const c = checkText(HEADER + `条款 A-1 必须 原文 "必须" {\n  定义 x: ${type} = ${expr}\n  应交流 r: 当 x 是 x\n}`);
  const errs = c.all.filter((d) => d.severity === "error");
  return errs.length ? errs.map((d) => d.code).join("+") : "OK";
}

describe("arithmetic: the type of each form", () => {
  it.each([
    ["3 + 4", "整数"],
    ["3 - 4", "整数"],
    ["3 * 4", "整数"],
    ["3 / 4", "百分比"],
    ["15% + 5%", "百分比"],
    ["15% - 5%", "百分比"],
    ["15% * 20", "整数"],
    ["20 * 15%", "整数"],
    ["3 / 4 * 20", "整数"],
    ["1年 + 6个月", "期限"],
    ["1年 - 6个月", "期限"],
    ["2年 * 3", "期限"],
    ["3 * 2年", "期限"],
    ["2024-09-01 + 1年", "日期"],
    ["2024-09-01 - 6个月", "日期"],
    ["-3", "整数"],
    ["-15%", "百分比"],
    ["-1年", "期限"],
    ["若 真 则 1年 否则 2年", "期限"],
    ["较小值(1年, 2年)", "期限"],
    ["年份(2024-09-01)", "整数"],
    ["期间(2020-01-01, 2024-01-01)", "期限"],
    ["日期(2024, 2, 28)", "日期"],
  ] as const)("%s is a %s", (expr, type) => {
    expect(TYPES.map((t) => [t, errorsAs(expr, t)])).toEqual(TYPES.map((t) => [t, t === type ? "OK" : "T004"]));
  });

  it.each([
    "2024-09-01 - 2023-09-01",
    "3 + 1年",
    "1年 + 2024-09-01",
    "15% + 3",
    "15% * 15%",
    "1年 * 1年",
    "1年 / 2",
    "1年 - 2024-09-01",
    "2 * 2024-09-01",
    "较小值(1年, 2)",
  ])("%s is an error (T003), whatever it is declared as", (expr) => {
    expect(TYPES.map((t) => errorsAs(expr, t))).toEqual(TYPES.map(() => "T003"));
  });

  it("date − date says how to write the time between two dates", () => {
    const c = checkText(HEADER + `条款 A-1 必须 原文 "必须" {\n  应交流 r: 当 基准日 - 出生日期 > 50年\n}`);
    expect(c.all.find((d) => d.code === "T003")?.help).toBe(
      "the time between two dates is `period(start, end)` (期间)",
    );
    // date + date is an error too, but not one that 期间 answers.
    const plus = checkText(HEADER + `条款 A-1 必须 原文 "必须" {\n  应交流 r: 当 基准日 + 出生日期 > 基准日\n}`);
    expect(plus.all.filter((d) => d.code === "T003").map((d) => d.help)).toEqual([undefined]);
  });
});

describe("comparisons: which types may meet", () => {
  const VALUES: Record<string, string> = {
    int: "3",
    percent: "15%",
    duration: "1年",
    date: "2024-09-01",
    bool: "真",
    text: '"a"',
    set: '{"a"}',
  };
  const errs = (cond: string) => {
    const c = checkText(HEADER + `条款 A-1 必须 原文 "必须" {\n  应交流 r: 当 ${cond}\n}`);
    const e = c.all.filter((d) => d.severity === "error");
    return e.length ? e.map((d) => d.code).join("+") : "OK";
  };
  it("ordered (<): numbers, shares, durations and dates with their own kind only; not truth values, texts or sets", () => {
    for (const [a, x] of Object.entries(VALUES))
      for (const [b, y] of Object.entries(VALUES))
        expect(errs(`${x} < ${y}`), `${a} < ${b}`).toBe(
          a === b && ["int", "percent", "duration", "date"].includes(a) ? "OK" : "T001",
        );
  });
  it("是: any type but a set with its own kind (a set is compared with 包含 or 包含任一)", () => {
    for (const [a, x] of Object.entries(VALUES))
      for (const [b, y] of Object.entries(VALUES))
        expect(errs(`${x} 是 ${y}`), `${a} 是 ${b}`).toBe(a === b && a !== "set" ? "OK" : "T001");
    // 情形 是 {"孕期"} compared two sets by identity and was false for a pregnant teacher.
    const c = checkText(HEADER + `条款 A-1 必须 原文 "必须" {\n  应交流 r: 当 情形 是 {"孕期"}\n}`);
    expect(c.all.find((d) => d.code === "T001")?.help).toContain("包含任一");
  });
  it("属于 / 包含 / 包含任一: an element and a set, a set and an element, two sets", () => {
    for (const [a, x] of Object.entries(VALUES))
      for (const [b, y] of Object.entries(VALUES)) {
        expect(errs(`${x} 属于 ${y}`), `${a} 属于 ${b}`).toBe(a === "text" && b === "set" ? "OK" : "T001");
        expect(errs(`${x} 包含 ${y}`), `${a} 包含 ${b}`).toBe(a === "set" && b === "text" ? "OK" : "T001");
        expect(errs(`${x} 包含任一 ${y}`), `${a} 包含任一 ${b}`).toBe(a === "set" && b === "set" ? "OK" : "T001");
      }
  });
  it("titles compare by rank with a title value on either side; another enumeration's value is T001", () => {
    expect(errs(`职称 不低于 "高级"`)).toBe("OK");
    expect(errs(`"高级" 不高于 职称`)).toBe("OK");
    expect(errs(`职称 < 性别`)).toBe("T001");
    expect(errs(`职称 < "男"`)).toBe("T005");
    expect(errs(`性别 < "男"`)).toBe("T001");
  });
  it("a duration and a number: the help says to write the unit; a share and a count: to write a percentage", () => {
    const help = (cond: string) =>
      checkText(HEADER + `条款 A-1 必须 原文 "必须" {\n  应交流 r: 当 ${cond}\n}`).all.find((d) => d.code === "T001")
        ?.help;
    expect(help("本校任教年限 满 9")).toBe("write the threshold with its unit, e.g. `9年` or `9 years`");
    expect(help("9 < 本校任教年限")).toBe("write the threshold with its unit, e.g. `9年` or `9 years`");
    expect(help("计数(任职经历) / 计数(任职经历) >= 3")).toBe(
      "a percentage is not a count: write the threshold as a percentage (15%) or compare counts",
    );
    expect(help("3 < 15%")).toBe(
      "a percentage is not a count: write the threshold as a percentage (15%) or compare counts",
    );
    expect(help("3 < 2024-09-01")).toBeUndefined();
  });
});
