// Facts declared in policy files (ADR 0003): a district declares a school fact
// (山区学校) and a new condition value (援派支教) in its own policy file, and
// people are decided by them from YAML and from a workbook; the template
// writes the declared column with its drop-down; the checker's F-codes; the
// national restatement kept in step with src/data/fields.ts.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { restatement } from "../../src/data/declare-text.js";
import { ROOT, checkText, runCli } from "../support/policy.js";
import { tmpDir, workbook } from "../support/roster.js";

const DISTRICT = join(ROOT, "examples/local-deferral");
const HDR = '政策 "测试" {\n  发文机关 "测试"\n}\n';

type Row = { teacher: { id: string }; decision: string; clauses: string[] };
const decisions = (out: string) =>
  Object.fromEntries((JSON.parse(out).decisions as Row[]).map((d) => [d.teacher.id, d.decision]));

const EXPECTED = { T1: "required", T2: "deferred", T3: "not_required", T4: "indeterminate" };

describe("a district's own facts and values, in its policy file only", () => {
  it("decides people by them from YAML", async () => {
    const r = await runCli(["decide", join(DISTRICT, "district.yaml"), "--policy", DISTRICT, "--json"]);
    expect(decisions(r.out)).toEqual(EXPECTED);
    // T4's school does not record 山区学校: the exemption cannot be settled, the answer is incomplete.
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/D007/);
  });

  it("decides people by them from a workbook, the value as its Chinese label or another spelling", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2025-09-01"]],
      学校: [
        ["学校代码", "学校名称", "区县", "城乡类别", "办学层次", "是否山区学校"],
        ["S1", "第一小学", "某区", "城区", "一般", "否"],
        ["S2", "山里小学", "某区", "农村", "薄弱", "是"],
        ["S3", "第三小学", "某区", "城区", "一般", ""],
      ],
      教师: [
        ["工号", "姓名", "性别", "出生日期", "岗位", "学校", "到校时间", "在编", "在岗", "特殊情形"],
        ["T1", "甲", "男", "1980-05-01", "教师", "S1", "2010-09-01", "是", "是", ""],
        ["T2", "乙", "男", "1980-05-01", "教师", "S1", "2010-09-01", "是", "是", "援派支教"],
        ["T3", "丙", "女", "1985-05-01", "教师", "S2", "2010-09-01", "是", "是", ""],
        ["T4", "丁", "女", "1985-05-01", "教师", "S3", "2010-09-01", "是", "是", ""],
        ["T5", "戊", "男", "1980-05-01", "教师", "S1", "2010-09-01", "是", "是", "援疆援藏支教"],
      ],
    });
    const r = await runCli(["decide", file, "--policy", DISTRICT, "--json"]);
    expect(decisions(r.out)).toEqual({ ...EXPECTED, T5: "deferred" });
    expect(r.err).not.toMatch(/是否山区学校/);
  });

  it("without the district's declarations the value is refused and the column ignored", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2025-09-01"]],
      学校: [
        ["学校代码", "学校名称", "是否山区学校"],
        ["S1", "第一小学", "是"],
      ],
      教师: [
        ["工号", "性别", "出生日期", "岗位", "学校", "特殊情形"],
        ["T1", "男", "1980-05-01", "教师", "S1", "援派支教"],
      ],
    });
    const r = await runCli(["decide", file, "--policy", join(ROOT, "policies/dalian"), "--json"]);
    expect(r.code).toBe(2);
    // The reading's diagnostics travel with the JSON table (a rejected row's errors among them).
    const diags = JSON.parse(r.out).warnings as { code: string; message: string }[];
    expect(diags.filter((d) => d.code === "D103")).toHaveLength(1);
    expect(diags.some((d) => d.code === "D106" && d.message.includes("援派支教"))).toBe(true);
  });

  it("the template writes the declared column with its drop-down, and the new value in the list", async () => {
    const out = join(tmpDir(), "模板.xlsx");
    expect((await runCli(["template", "--policy", DISTRICT, "--output", out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const schools = wb.getWorksheet("学校")!;
    const headers = (schools.getRow(1).values as unknown[]).slice(1);
    const col = headers.indexOf("是否山区学校") + 1;
    expect(col).toBeGreaterThan(0);
    expect(schools.getCell(2, col).dataValidation).toMatchObject({ type: "list" });
    const guide = JSON.stringify(wb.getWorksheet("说明")!.getSheetValues());
    expect(guide).toContain("是否山区学校");
    expect(guide).toContain("援派支教");
  });
});

describe("propose and diff read the roster against each policy's declared facts", { timeout: 240_000 }, () => {
  it("propose drafts a plan by them: the deferred (援派支教) and the exempt (山区学校) are never sent", async () => {
    const r = await runCli(["propose", join(DISTRICT, "district.yaml"), "--policy", DISTRICT, "--json"]);
    expect(r.err).not.toMatch(/D007|aid_assignment/);
    const out = JSON.parse(r.out);
    const moved = (out.plan.moves as { teacher: string }[]).map((m) => m.teacher);
    expect(moved).toEqual(["T1"]);
  });

  it("diff: the earlier policy reads without the district's facts, the amendment with them", async () => {
    // T2 without 援派支教, which dalian does not know; mountain_school is the district's declared school fact.
    const dir = tmpDir();
    const data = join(dir, "district.yaml");
    writeFileSync(
      data,
      readFileSync(join(DISTRICT, "district.yaml"), "utf8").replace(", conditions: [aid_assignment]", ""),
    );
    const r = await runCli(["diff", data, "--policy", join(ROOT, "policies/dalian"), "--against", DISTRICT, "--json"]);
    expect(r.code).toBe(0);
    const people = (JSON.parse(r.out).people as { teacher: string; before: string; after: string }[]).map((p) => [
      p.teacher,
      p.before,
      p.after,
    ]);
    // Read by the district's facts on the amendment's side only: 山区学校 exempts T3, T4's school does not say.
    expect(people).toEqual([
      ["T3", "required", "not_required"],
      ["T4", "required", "indeterminate"],
    ]);
    // dalian's side is told, once, that it leaves out the district's field (D130; the data is read once for both).
    const text = await runCli(["diff", data, "--policy", join(ROOT, "policies/dalian"), "--against", DISTRICT]);
    expect(text.err.match(/D130/g)).toHaveLength(1);
    expect(text.err).not.toMatch(/D007/);
  });

  it("diff between two versions of the district's policy: both sides read its value 援派支教", async () => {
    // The amendment drops the deferral ground (XQ-1); the value is still declared on both sides.
    const amended = join(tmpDir(), "amended");
    mkdirSync(amended);
    const text = readFileSync(join(DISTRICT, "district.policy"), "utf8");
    const dropped = text.replace(/条款 XQ-1[\s\S]*?\n}\n/, "").replace(", 援派支教:", ":");
    expect(dropped).not.toContain("XQ-1");
    writeFileSync(join(amended, "district.policy"), dropped);
    const r = await runCli([
      "diff",
      join(DISTRICT, "district.yaml"),
      "--policy",
      DISTRICT,
      "--against",
      amended,
      "--json",
    ]);
    expect(r.err).toBe("");
    const out = JSON.parse(r.out);
    expect(
      out.people.map((p: { teacher: string; before: string; after: string }) => [p.teacher, p.before, p.after]),
    ).toEqual([["T2", "deferred", "required"]]);
  });
});

describe("the checker's rules for declarations", () => {
  const codes = (text: string) => checkText(HDR + text, { withNational: true }).all.map((d) => d.code);
  it("types references to declared facts", () => {
    const ok = `事实 人员 岗位等级 (post_grade): 整数 表头 "岗位等级"
条款 X-1 必须 原文 "岗位等级在九级以上的教师必须交流。" { 应交流 高等级: 当 岗位等级 满 9 }`;
    expect(codes(ok).filter((c) => !c.startsWith("W"))).toEqual([]);
    expect(codes(ok.replace("满 9", "满 9年"))).toContain("T001");
  });
  it("reports each malformed declaration with its code", () => {
    expect(codes(`事实 人员 甲: 整数\n事实 人员 甲: 布尔`)).toContain("S001");
    expect(codes(`事实 人员 甲: 整型`)).toContain("S002");
    expect(codes(`事实 教室 甲: 整数`)).toContain("S003");
    expect(codes(`扩展 没有这项 { "x" }`)).toContain("S004");
    expect(codes(`扩展 出生日期 { "x" }`)).toContain("S005");
    expect(codes(`事实 人员 甲: 枚举 { "a", "a" }`)).toContain("S006");
    expect(codes(`事实 人员 甲: 整数 { "a" }`)).toContain("S006");
    expect(codes(`扩展 性别 { "未知" (male) }`)).toContain("S006");
    expect(codes(`事实 人员 周岁: 整数`)).toContain("S007");
    expect(codes(`事实 人员 性别 (sex): 枚举 { "男" (male) } 必填 表头 "性别"`)).toContain("S008");
    expect(codes(`事实 人员 甲: 整数 表头 "姓名"`)).toContain("S009");
    expect(codes(`事实 人员 甲: 整数 必需`)).toContain("S010");
    expect(codes(`事实 人员 甲: 学校`)).toContain("S011");
    // A declared name is a fact's: a parameter cannot take it.
    expect(codes(`事实 人员 甲: 整数\n条款 X-1 应 原文 "…" { 参数 甲: 整数 = 1 }`)).toContain("N012");
  });
});

describe("the standard set", () => {
  it("policies/national/facts.policy is the restatement generated from src/data/fields.ts", () => {
    // Regenerate with `npm run gen:facts` after changing fields.ts.
    expect(readFileSync(join(ROOT, "policies/national/facts.policy"), "utf8")).toBe(restatement());
  });
  it("restating it is accepted by the checker and changes nothing", () => {
    const r = checkText(HDR, { withNational: true });
    expect(r.all.filter((d) => d.code.startsWith("F"))).toEqual([]);
    expect(r.policy!.facts.fields("person").get("情形")?.name).toBe("conditions");
  });
});
