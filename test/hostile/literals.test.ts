// Finding 7 of issue 9, the policy side: literals range-checked by type and
// unit. Each reproduction of the issue (a 400-digit integer, an age, a
// percentage over 100%, a 30-digit year count) passed lint without a word;
// each is now T090 at the literal, saying what was written and the bounds.

import { describe, expect, it } from "vitest";
import type { CodedDiagnostic } from "../../src/diagnostics/registry.js";
import { messageIn } from "../../src/diagnostics/registry.js";
import { checkText } from "../support/policy.js";

const policy = (items: string) =>
  `政策 "t" {\n  施行日期 2021-09-01\n}\n条款 X-1 应 原文 "应当交流" {\n${items}\n  应交流 r: 当 周岁 >= 30\n}\n`;

function t090(items: string): { text: string; d: CodedDiagnostic[] } {
  const text = policy(items);
  const out = checkText(text);
  return { text, d: out.all.filter((x) => x.code === "T090") as CodedDiagnostic[] };
}

describe("policy literals outside their range are T090 (finding 7)", () => {
  it("a 400-digit integer: T090 at the literal, by its length (it reads as Infinity)", () => {
    const digits = "1".repeat(400);
    const { text, d } = t090(`  参数 上限: 整数 = ${digits}`);
    expect(d).toHaveLength(1);
    expect(d[0]!.span).toMatchObject({ start: text.indexOf(digits), end: text.indexOf(digits) + 400 });
    expect(d[0]!.args).toMatchObject({
      written: "a 400-digit number",
      written_zh: "400 位数字",
      min: "0",
      max: "1000000",
    });
    expect(d[0]!.severity).toBe("error");
  });

  it("ages: 200周岁 and a plain 200 compared with 周岁 are outside 0–120周岁; 120周岁 and 周岁 >= 60 are not", () => {
    const { d } = t090(
      `  应交流 a: 当 周岁 < 200周岁\n  应交流 b: 当 周岁 >= 200\n  应交流 c: 当 200 > 周岁\n  应交流 d: 当 周岁 <= 120周岁 且 周岁 >= 60`,
    );
    expect(d.map((x) => x.args.written)).toEqual(["200周岁", "200", "200"]);
    expect(d.every((x) => x.args.what === "an age" && x.args.max === "120周岁")).toBe(true);
  });

  it("a 30-digit age is reported once (as a number), not again as an age", () => {
    const { d } = t090(`  应交流 a: 当 周岁 >= ${"9".repeat(30)}`);
    expect(d.map((x) => x.args.what)).toEqual(["a number"]);
  });

  it("percentages over 100%: 150% and 100.5% are T090; 100% and 0.5% are not", () => {
    const { d } = t090(
      `  参数 a: 百分比 = 150%\n  参数 b: 百分比 = 100.5%\n  参数 c: 百分比 = 100%\n  参数 e: 百分比 = 0.5%`,
    );
    expect(d.map((x) => x.args.written)).toEqual(["150%", "100.5%"]);
    expect(d[0]!.args).toMatchObject({ what: "a percentage", min: "0%", max: "100%" });
  });

  it("a 30-digit year count: T090 shortened with its length; 100年 is inside, 101年 and 1201个月 are not", () => {
    const years = "1" + "0".repeat(29) + "年";
    const { d } = t090(
      `  参数 a: 期限 = ${years}\n  参数 b: 期限 = 100年\n  参数 c: 期限 = 101年\n  参数 e: 期限 = 1201个月`,
    );
    expect(d.map((x) => x.args.written)).toEqual([`100000000000…000年 (31 characters)`, "101年", "1201个月"]);
    expect(d[0]!.args).toMatchObject({ what: "a period", max: "100年" });
  });

  it("a date before 1900 or after 2100 in a policy is T090 with the bounds (0001-01-01 is a placeholder)", () => {
    const { d } = t090(
      `  应交流 a: 当 本校起始日期 > 0001-01-01\n  应交流 b: 当 本校起始日期 < 2101-01-01\n  应交流 c: 当 本校起始日期 > 1990-01-01`,
    );
    expect(d.map((x) => [x.args.written, x.args.min, x.args.max])).toEqual([
      ["0001-01-01", "1900-01-01", "2100-12-31"],
      ["2101-01-01", "1900-01-01", "2100-12-31"],
    ]);
  });

  it("each bound itself is inside: 1000000, 120周岁, 100%, 100年 = 1200个月, 1900-01-01 and 2100-12-31; one past is not", () => {
    const inside = t090(
      `  参数 a: 整数 = 1000000\n  参数 b: 期限 = 1200个月\n  应交流 c: 当 周岁 <= 120周岁 且 周岁 >= 0\n  参数 e: 百分比 = 100%\n` +
        `  应交流 f: 当 本校起始日期 >= 1900-01-01 且 本校起始日期 <= 2100-12-31\n  参数 g: 期限 = 100年`,
    );
    expect(inside.d).toEqual([]);
    const past = t090(
      `  参数 a: 整数 = 1000001\n  参数 b: 期限 = 1200个月1天\n  应交流 c: 当 周岁 <= 121周岁\n` +
        `  应交流 f: 当 本校起始日期 >= 1899-12-31 且 本校起始日期 <= 2101-01-01`,
    );
    expect(past.d.map((x) => x.args.written)).toEqual([
      "1000001",
      "1200个月1天",
      "121周岁",
      "1899-12-31",
      "2101-01-01",
    ]);
  });

  it("a number of up to 15 digits is shown as written; from 16 digits by its length", () => {
    const { d } = t090(`  参数 a: 整数 = 100000000000000\n  参数 b: 整数 = 1000000000000000`);
    expect(d.map((x) => [x.args.written, x.args.written_zh])).toEqual([
      ["100000000000000", "100000000000000"],
      ["a 16-digit number", "16 位数字"],
    ]);
  });

  it("in a track (the national schedule's kind of declaration) an original age of 600周岁 is T090", () => {
    const { d } = t090(`  退休轨道 甲: 原退休年龄 600周岁, 起始月 1965-01, 每 4个月, 最多延迟 36个月`);
    expect(d.map((x) => x.args.written)).toEqual(["600周岁"]);
  });

  it("the message names what was written and the bounds, in both languages", () => {
    const { d } = t090(`  参数 a: 百分比 = 150%`);
    expect(messageIn(d[0]!, "en")).toBe("150% is outside the range of a percentage (0% to 100%)");
    expect(messageIn(d[0]!, "zh")).toBe("150% 超出百分比的范围（0% 至 100%）");
  });

  it("every bundled policy is inside the ranges", async () => {
    const { readdirSync } = await import("node:fs");
    const { loadPolicy } = await import("../../src/policy/load.js");
    const { check } = await import("../../src/checker/check.js");
    const { ROOT, policyFolders } = await import("../support/policy.js");
    const found: string[] = [];
    for (const dir of policyFolders(`${ROOT}/policies`)) {
      const loaded = loadPolicy(dir);
      if (loaded.unit)
        found.push(
          ...check(loaded.unit)
            .diagnostics.filter((x) => x.code === "T090")
            .map((x) => dir),
        );
    }
    expect(readdirSync(`${ROOT}/policies`).length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });
});
