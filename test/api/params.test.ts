// Parameter values given at evaluation time (`--param name=value`, the
// facade's `params` / `withParams`): read by the parameter's type; a text
// parameter compared with an enumerated fact takes one of its values, in
// either language, like a quoted value in the policy; anything else is C004,
// naming the parameter and why — never a value that silently matches nothing.

import { describe, expect, it } from "vitest";
import { compilePolicy, withParams } from "../../src/index.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import type { CompiledPolicy } from "../../src/api/compile.js";
import { day, personAt } from "../support/person.js";

const POLICY = `政策 "参数" { 发文机关 "x" 施行日期 2024-01-01 }
条款 A-1 必须 原文 "符合情形的教师应交流。" {
  参数 情形名: 文本
  参数 性别值: 文本 = "男"
  参数 年龄线: 整数
  参数 年限: 期限
  参数 比例: 百分比
  参数 起算日: 日期
  参数 在编要求: 布尔
  参数 备注值: 文本
  参数 情形集: 集合
  应交流 r1: 当 情形 包含 情形名
  应交流 r2: 当 性别 是 性别值 且 周岁 不超过 年龄线 且 本校任教年限 满 年限 且 基准日 >= 起算日 且 在编 是 在编要求
  可交流 r3: 当 比例 > 10% 且 姓名 是 备注值
  应交流 r4: 当 情形 包含任一 情形集
}`;

const compiled = (): CompiledPolicy => {
  const c = compilePolicy({ files: { "p.policy": POLICY } });
  expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return c.value!;
};

describe("--param values", () => {
  it("are read by type: numbers (周岁 too), durations, percentages, dates, yes/no, texts", () => {
    const p = withParams(compiled(), {
      年龄线: "55周岁",
      年限: "6年",
      比例: "12.5%",
      起算日: "2024-09-01",
      在编要求: "真",
      备注值: "张三",
    });
    expect(p.diagnostics).toEqual([]);
    expect(Object.fromEntries(p.value!.params)).toEqual({
      年龄线: 55,
      年限: { months: 72, days: 0 },
      比例: 0.125,
      起算日: day(2024, 9, 1),
      在编要求: true,
      备注值: "张三",
    });
  });

  it("a text parameter compared with an enumeration takes its value in either language", () => {
    const policy = compiled();
    for (const written of ["孕期", "pregnant"]) {
      const p = withParams(policy, { 情形名: written });
      expect(p.diagnostics).toEqual([]);
      expect(p.value!.params.get("情形名")).toBe("pregnant");
      const frame = newFrame(worldOf(p.value!.checked, { asOf: day(2024, 9, 1), schools: new Map() }, p.value!.params));
      const t = personAt({ conditions: ["pregnant"] });
      expect(p.value!.program.decide(t, frame).decision).toBe("required");
    }
    // The declared value of such a parameter is canonical too: 性别值 = "男" matches the data's male.
    const full = withParams(policy, { 年龄线: "60", 年限: "1年", 起算日: "2020-01-01", 在编要求: "true" }).value!;
    const frame = newFrame(worldOf(full.checked, { asOf: day(2024, 9, 1), schools: new Map() }, full.params));
    expect(full.program.decide(personAt({ established: true }), frame).winners.map((r) => r.label)).toEqual(["r2"]);
  });

  it("a set parameter takes values separated by commas (or 、), each read against the enumeration", () => {
    const policy = compiled();
    const p = withParams(policy, { 情形集: "孕期、nursing" });
    expect(p.diagnostics).toEqual([]);
    expect(p.value!.params.get("情形集")).toEqual(new Set(["pregnant", "nursing"]));
    const frame = newFrame(worldOf(p.value!.checked, { asOf: day(2024, 9, 1), schools: new Map() }, p.value!.params));
    const d = p.value!.program.decide(personAt({ conditions: ["nursing"] }), frame);
    expect(d.winners.map((r) => r.label)).toEqual(["r4"]);
    expect(withParams(policy, { 情形集: "" }).value!.params.get("情形集")).toEqual(new Set());
    const bad = withParams(policy, { 情形集: "孕期,孕妇,病假" });
    expect(bad.diagnostics.map((x) => x.message)).toEqual([
      expect.stringContaining('"孕妇, 病假" is not a condition value'),
    ]);
  });

  it("a value that is not of the parameter's type or enumeration is C004, naming both", () => {
    const p = withParams(compiled(), {
      情形名: "孕妇",
      年龄线: "五十五",
      年限: "六年",
      比例: "0.15",
      起算日: "2024-02-30",
      在编要求: "是",
      没有这个: "1",
    });
    expect(p.value).toBeUndefined();
    const msgs = p.diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(msgs).toHaveLength(7);
    expect(msgs.every((m) => m.startsWith("C004"))).toBe(true);
    expect(msgs.join("\n")).toContain('"孕妇" is not a condition value (allowed: pregnant (孕期)');
    for (const name of ["年龄线", "年限", "比例", "起算日", "在编要求", "没有这个"])
      expect(msgs.some((m) => m.includes(name))).toBe(true);
  });
});
