// 章贡 ZG-9-1 (issue 12): “参与交流轮岗的教师、校长享受相应交流学校的山区教师补贴，按岗发放” — an
// entitlement per move, granted when the receiving school is a mountain school, a fact the
// policy declares itself (policies/zhanggong/facts.policy, ADR 0003). `lungang check` lists
// it; YAML plan tests cannot state entitlements, so it is pinned here. Also: `lungang test`
// reads a case file's declared facts with the policy's own declarations.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../src/api/compile.js";
import { parseDatasetText } from "../../src/data/read.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { ROOT, runCli } from "../support/policy.js";
import { tmpDir } from "../support/roster.js";

const params = { 校长任职年限门槛: "6年", 教师任教年限门槛: "6年", 内部调整规定年限: "3年" };
const zg = compilePolicy(join(ROOT, "policies", "zhanggong"), { params }).value!;

const teacher = (id: string) => ({
  id,
  sex: "female",
  birth_date: "1985-03-10",
  role: "teacher",
  post_category: "professional",
  full_time: true,
  school: "S01",
  school_since: "2010-09-01",
});

function subsidies(mountain: Record<string, boolean | undefined>) {
  const schools = [
    { id: "S01", name: "厚德路小学", location: "urban", tier: "quality" },
    ...Object.entries(mountain).map(([id, m]) => ({
      id,
      name: `${id}学校`,
      location: "rural",
      tier: "general",
      ...(m === undefined ? {} : { mountain_school: m }),
    })),
  ];
  const ids = Object.keys(mountain);
  const read = parseDatasetText(
    JSON.stringify({
      as_of: "2025-09-01",
      schools,
      teachers: ids.map((_, i) => teacher(`T${i + 1}`)),
      plan: {
        moves: ids.map((to, i) => ({
          teacher: `T${i + 1}`,
          from: "S01",
          to,
          mode: "full_time",
          years: 3,
          personnel_transfer: true,
        })),
      },
    }),
    "data.json",
    "json",
    { schema: zg.checked.input },
  );
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return checkPlan(zg.program, read.value!, zg.params)
    .entitlements.filter((e) => e.clause.id === "ZG-9-1")
    .map((e) => [e.teacher, e.granted]);
}

describe("章贡 ZG-9-1: the mountain-area subsidy of the receiving school", () => {
  it("is granted for a move to a mountain school, not for one to another school", () => {
    expect(subsidies({ M1: true, M2: false })).toEqual([
      ["T1", true],
      ["T2", false],
    ]);
  });
  it("a school not marked as a mountain school is not one (the fact defaults to 否)", () => {
    expect(subsidies({ M3: undefined })).toEqual([["T1", false]]);
  });
});

describe("lungang test reads the policy's declared facts in its case files", () => {
  it("a declared fact in a test case decides the case (not dropped as unknown)", async () => {
    const dir = join(tmpDir(), "p");
    mkdirSync(join(dir, "tests"), { recursive: true });
    writeFileSync(
      join(dir, "p.policy"),
      [
        '政策 "测试" {',
        '  发文机关 "测试"',
        '  引用 "national"',
        "}",
        '事实 人员 借调 (seconded): 布尔 表头 "是否借调"',
        '条款 T-1 应 原文 "任教满六年应交流。" 出处 "一" {',
        "  应交流 满六年: 当 本校任教年限 满 6年",
        "}",
        '条款 T-2 可 原文 "借调的除外。" 出处 "二" {',
        "  免交流 借调 优先于 满六年: 当 借调",
        "}",
        "",
      ].join("\n"),
    );
    const person = (id: string, seconded: boolean) =>
      `  - name: ${id}\n    teacher: { id: ${id}, sex: male, birth_date: 1980-01-01, role: teacher, school: S1, school_since: 2010-09-01, seconded: ${seconded} }\n` +
      `    expect: { decision: ${seconded ? "not_required" : "required"} }\n`;
    writeFileSync(
      join(dir, "tests", "cases.yaml"),
      `as_of: 2025-09-01\nschools:\n  - { id: S1, name: 一小 }\ncases:\n${person("A", true)}${person("B", false)}`,
    );
    // `引用 "national"` is reached through --policies (the temporary folder is not under policies/).
    const r = await runCli(["test", dir, "--policies", join(ROOT, "policies")]);
    expect(r.err + r.out).toMatch(/2 passed, 0 failed|2 通过/);
    expect(r.code).toBe(0);
  });
});
