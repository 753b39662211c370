// The amendments a rule rests on (src/checker/amendments.ts), on a chain of
// three policies — a city, a district refining it, a school group refining
// the district: every link of an override chain, nearest first, with the
// values before and after; a parameter read through a definition, or through
// another parameter's value; a definition overridden; a replaced rule; the
// track selector behind a retirement fact; each amendment once.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Amendment } from "../../src/checker/checked.js";
import { check } from "../../src/checker/check.js";
import { loadPolicy } from "../../src/policy/load.js";
import { printExpr } from "../../src/syntax/print.js";
import { amendmentText } from "../../src/render/amendments.js";

const root = mkdtempSync(join(tmpdir(), "lungang-amend-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (dir: string, text: string) => {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, "p.policy"), text);
};

write(
  "city",
  `政策 "市" { 发文机关 "市" 施行日期 2021-09-01 引用 "national" }
条款 C-1 应 原文 "任教满9年的应交流；男55周岁及以下。" {
  参数 门槛: 期限 = 9年
  参数 上限年龄: 整数 = 55
  参数 起点: 期限 = 门槛
  定义 年龄在限内 = 周岁 不超过 上限年龄
  应交流 满年限: 当 本校任教年限 满 门槛 且 年龄在限内
  应交流 满起点: 当 任职年限 满 起点
  应交流 近退休: 当 距法定退休 超过 5年
}
条款 C-2 可 原文 "孕期的可暂缓。" {
  暂缓 孕期 优先于 满年限: 当 情形 包含 "孕期"
}`,
);
write(
  "district",
  `政策 "区" { 发文机关 "区" 施行日期 2022-09-01 细化 "../city" }
条款 D-1 应 原文 "任教满8年的应交流。" {
  覆盖 参数 门槛: 期限 = 8年
}
条款 D-2 应 原文 "男50周岁及以下。" {
  覆盖 定义 年龄在限内 = 周岁 不超过 50
}
条款 D-3 可 原文 "孕期、哺乳期的可暂缓。" {
  暂缓 孕哺 优先于 满年限 取代 孕期: 当 情形 包含任一 {"孕期", "哺乳期"}
}`,
);
write(
  "group",
  `政策 "集团" { 发文机关 "集团" 施行日期 2023-09-01 细化 "../district" }
条款 G-1 应 原文 "任教满7年的应交流。" {
  覆盖 参数 门槛: 期限 = 7年
}`,
);

function amendmentsOf(dir: string) {
  // The three folders share one policy root (as a bureau configures its own and its districts').
  const loaded = loadPolicy(join(root, dir), { roots: [root] });
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const c = check(loaded.unit!);
  expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const show = (a: Amendment) =>
    `${a.kind} ${a.name}: ${a.of.id} → ${a.by.id}` +
    (a.before || a.after
      ? ` (${a.before ? printExpr(a.before, "zh") : "—"} → ${a.after ? printExpr(a.after, "zh") : "—"})`
      : "");
  return new Map(c.policy!.rules.map((r) => [r.label, (r.amendments ?? []).map(show)] as const));
}

describe("the amendments a rule rests on", () => {
  it("the city itself: none", () => {
    const a = amendmentsOf("city");
    expect([...a.values()].flat()).toEqual([]);
  });

  it("a district: the overridden parameter and definition it reads, directly or through another parameter", () => {
    const a = amendmentsOf("district");
    expect(a.get("满年限")).toEqual([
      "param 门槛: C-1 → D-1 (9年 → 8年)",
      "define 年龄在限内: C-1 → D-2 (周岁 <= 上限年龄 → 周岁 <= 50)",
    ]);
    // 起点 = 门槛: the override of 门槛 reaches a rule that reads 起点.
    expect(a.get("满起点")).toEqual(["param 门槛: C-1 → D-1 (9年 → 8年)"]);
    expect(a.get("孕哺")).toEqual(["rule 孕期: C-2 → D-3"]);
    expect(a.get("近退休")).toEqual([]);
  });

  it("a chain of three: every link, nearest first, each once", () => {
    const a = amendmentsOf("group");
    expect(a.get("满年限")).toEqual([
      "param 门槛: D-1 → G-1 (8年 → 7年)",
      "param 门槛: C-1 → D-1 (9年 → 8年)",
      "define 年龄在限内: C-1 → D-2 (周岁 <= 上限年龄 → 周岁 <= 50)",
    ]);
    expect(a.get("满起点")).toEqual(["param 门槛: D-1 → G-1 (8年 → 7年)", "param 门槛: C-1 → D-1 (9年 → 8年)"]);
  });

  it("an overridden definition is shown with its text before and after, not as redacted", () => {
    const loaded = loadPolicy(join(root, "district"), { roots: [root] });
    const p = check(loaded.unit!).policy!;
    const rule = p.rules.find((r) => r.label === "满年限")!;
    const def = rule.amendments!.find((a) => a.kind === "define")!;
    expect(amendmentText(p, def, "zh")).toBe("经 D-2 修改：年龄在限内 周岁 不超过 上限年龄 → 周岁 不超过 50");
  });
});
