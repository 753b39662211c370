// Tests for src/data/tabular/: roster workbooks and CSV folders as bureaus keep
// them — every date form, Chinese labels, list separators, ID numbers, title
// rows, encodings — errors naming sheet, cell, header and value, rejected rows
// counted, and the bundled Dalian workbook and GB18030 CSV folder giving
// exactly the YAML's check result.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { messageIn } from "../../src/diagnostics/registry.js";
import type { CodedDiagnostic } from "../../src/diagnostics/registry.js";
import { readTabular } from "../../src/data/tabular/read.js";
import { readColumnar } from "../../src/columnar/read.js";
import { idNumberFacts } from "../../src/data/tabular/idnumber.js";
import { parseBool, parseDate } from "../../src/data/tabular/values.js";
import { gb18030Encode } from "../../src/data/tabular/write.js";
import { formatDate, parseIsoDate } from "../../src/time/date.js";
import { ROOT, runCli } from "../support/policy.js";
import { tmpDir, workbook } from "../support/roster.js";

const D = (s: string) => parseIsoDate(s)!;
const zh = (d: unknown) => messageIn(d as CodedDiagnostic, "zh");

/** A small valid roster: two schools, three teachers, one move. */
const SCHOOL_ROWS = [
  ["学校代码", "学校名称", "区县", "城乡类别", "办学层次", "具备交流条件"],
  ["S1", "第一小学", "中山区", "城区", "优质", "是"],
  ["S2", "第二小学", "中山区", "农村", "薄弱", "是"],
];
const TEACHER_ROWS: unknown[][] = [
  ["工号", "姓名", "性别", "出生年月", "岗位", "所在学校", "进本校时间", "职称", "荣誉称号", "特殊情形"],
  ["T1", "张伟", "男", "1975-03-15", "教师", "第一小学", "2010年9月1日", "一级教师", "市级骨干教师、区级优秀教师", ""],
  ["T2", "李娜", "女", "1980.13", "教师", "S1", "2012/9/1", "高级", "", "哺乳期"],
  ["T3", "王芳", "女", 1975.1, "教师", "S2", "2011.09.01", "二级", "", "孕期；产假"],
];

/**
 * A check's JSON answer; anything else fails with the whole output. These tests
 * failed now and then under load with an answer that was not a plan answer, and
 * the output is what tells why.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field by each test
function planJson(r: { code: number; out: string; err: string }): any {
  let j: Record<string, unknown> | undefined;
  try {
    j = JSON.parse(r.out) as Record<string, unknown>;
  } catch {
    j = undefined;
  }
  if (!j || typeof j.complete !== "boolean")
    throw new Error(`not a plan answer (exit ${r.code}):\n${r.out.slice(0, 4000)}\n${r.err.slice(0, 4000)}`);
  return j;
}

describe("cell values", () => {
  it("reads every date form of the contract; month-only dates are the month's days", () => {
    for (const s of ["1980-03-05", "1980-3-5", "1980/03/05", "1980.03.05", "1980年3月5日", "19800305"])
      expect(parseDate(s), s).toEqual({ value: D("1980-03-05") });
    expect(parseDate(new Date(Date.UTC(1980, 2, 5)))).toEqual({ value: D("1980-03-05") });
    // Excel's serial 29285 is 1980-03-05.
    expect(parseDate(29285)).toEqual({ value: D("1980-03-05") });
    for (const s of ["1980.03", "1980-03", "1980年3月", "198003", "1980.3"])
      expect(parseDate(s), s).toEqual({
        value: D("1980-03-01"),
        interval: { from: D("1980-03-01"), to: D("1980-03-31") },
      });
  });

  it("reports a number cell 1975.1 as ambiguous, and impossible dates as invalid — never guessed", () => {
    expect(parseDate(1975.1)).toMatchObject({ bad: true, ambiguous: true });
    expect(parseDate("1975.1")).toMatchObject({ bad: true, ambiguous: true });
    for (const s of ["1980.13", "1980-02-30", "80-3-5", "三月", "1980年13月"])
      expect(parseDate(s), s).toMatchObject({ bad: true });
  });

  it("reads 是/否 and true/false", () => {
    expect(parseBool("是")).toEqual({ value: true });
    expect(parseBool("否")).toEqual({ value: false });
    expect(parseBool(true)).toEqual({ value: true });
    expect(parseBool("有")).toMatchObject({ bad: true });
  });
});

describe("resident ID numbers", () => {
  it("verifies the check digit and derives birth date and sex", () => {
    // 11010519491231002X: the GB 11643 example (born 1949-12-31, digit 17 even: female).
    expect(idNumberFacts("11010519491231002X")).toEqual({ ok: true, birth: D("1949-12-31"), sex: "female" });
    expect(idNumberFacts("110105194912310021")).toEqual({ ok: false, why: "check" });
    expect(idNumberFacts("1101051949")).toEqual({ ok: false, why: "form" });
  });

  it("fills birth date and sex from the number, reports a mismatch, and never prints the number", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2024-09-01"]],
      学校: SCHOOL_ROWS,
      教师: [
        ["工号", "姓名", "身份证号", "岗位", "学校"],
        ["T1", "甲", "11010519491231002X", "教师", "S1"],
        ["T2", "乙", "110105194912310021", "教师", "S1"],
      ],
    });
    const r = await readTabular(file);
    expect(r.value!.teacherById.get("T1")).toMatchObject({ birth_date: D("1949-12-31"), sex: "female" });
    expect(r.value!.intake!.rejectedTeachers.map((t) => t.id)).toEqual(["T2"]);
    const all = JSON.stringify(r.diagnostics.map((d) => [d.message, zh(d)]));
    expect(all).toContain("教师!C3");
    expect(all).not.toContain("110105194912310021");
    expect(JSON.stringify(r.value)).not.toContain("11010519491231002X");
  });
});

describe("roster workbooks", () => {
  it("reads Chinese headers and labels, schools by name, lists, a title row and blank rows above the header", async () => {
    const file = await workbook(
      {
        基本信息: [["基准日", new Date(Date.UTC(2024, 8, 1))]],
        学校: [["大连市某区学校名单"], [], ...SCHOOL_ROWS],
        教师: [["大连市某区教师花名册"], [], ...TEACHER_ROWS],
      },
      (wb) => wb.getWorksheet("教师")!.mergeCells("A1:J1"),
    );
    const r = await readTabular(file);
    const ds = r.value!;
    expect(ds.asOf).toBe(D("2024-09-01"));
    const t1 = ds.teacherById.get("T1")!;
    expect(t1).toMatchObject({ sex: "male", role: "teacher", school: "S1", title: "first" });
    expect(t1.school_since).toBe(D("2010-09-01"));
    expect(t1.honors).toEqual(["市级骨干教师", "区级优秀教师"]);
    expect(ds.teacherById.get("T2")).toBeUndefined();
    expect(ds.intake).toMatchObject({ teachersIn: 3, schoolsIn: 2 });
  });

  it("names sheet, cell, header and value for every bad cell in one run; the other rows are read", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2024-09-01"]],
      学校: SCHOOL_ROWS,
      教师: [["教师花名册"], ...TEACHER_ROWS],
    });
    const r = await readTabular(file);
    const msgs = r.diagnostics.map(zh);
    expect(msgs).toContain(
      "教师!D4：出生年月“1980.13”不是有效日期（如 1980-03-05、1980/3/5、1980.03.05、1980年3月5日；只到月：1980-03、1980年3月）",
    );
    expect(msgs.some((m) => m.startsWith("教师!D5：出生年月“1975.1”有歧义"))).toBe(true);
    expect(r.value!.teachers.map((t) => t.id)).toEqual(["T1"]);
    expect(r.value!.intake!.rejectedTeachers.map((t) => t.row)).toEqual(["教师!4", "教师!5"]);
  });

  it("reports an undeclared column once as ignored", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2024-09-01"]],
      学校: SCHOOL_ROWS,
      教师: [
        ["工号", "性别", "出生日期", "岗位", "学校", "备注"],
        ["T1", "男", "1975-03-15", "教师", "S1", "x"],
        ["T2", "男", "1975-03-15", "教师", "S1", "y"],
      ],
    });
    const r = await readTabular(file);
    const ignored = r.diagnostics.filter((d) => d.code === "D103");
    expect(ignored.map(zh)).toEqual(["教师!F1：列“备注”不是已声明的事实，已忽略"]);
  });

  it("check on a roster with a rejected row: counts say so and the answer is incomplete (exit 2)", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2024-09-01"]],
      学校: SCHOOL_ROWS,
      教师: TEACHER_ROWS,
      交流方案: [
        ["工号", "调出学校", "调入学校", "交流方式", "交流年限", "人事关系调转"],
        ["T1", "第一小学", "S2", "全职", "3年", "是"],
      ],
    });
    const r = await runCli(["check", file, "--policy", join(ROOT, "policies/dalian"), "--json"]);
    const j = planJson(r);
    expect(r.code).toBe(2);
    expect(j.counts).toEqual({ teachers_in: 3, decided: 1, rejected: 2, moves_in: 1, moves_rejected: 0 });
    expect(j.complete).toBe(false);
  });

  it("a rejected row makes the counts it could change undetermined: its school's and district's, not another school's", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2024-09-01"]],
      学校: [
        ["学校代码", "学校名称", "区县", "城乡类别", "办学层次", "具备交流条件"],
        ["S1", "第一小学", "中山区", "城区", "一般", "是"],
        ["S2", "第二小学", "西岗区", "城区", "一般", "是"],
      ],
      教师: [
        ["工号", "性别", "出生日期", "岗位", "学校", "到校时间", "在编", "在岗"],
        ["T1", "男", "1975-03-15", "教师", "S1", "2010-09-01", "是", "是"],
        // Rejected (no such date): due or not, it could change S1's and 中山区's shares.
        ["T2", "男", "1975-02-30", "教师", "S1", "2010-09-01", "是", "是"],
        ["T3", "男", "1975-03-15", "教师", "S2", "2010-09-01", "是", "是"],
      ],
      交流方案: [
        ["工号", "调出学校", "调入学校", "交流方式", "交流年限"],
        ["T1", "S1", "S2", "全职", "3"],
        ["T3", "S2", "S1", "全职", "3"],
      ],
    });
    const r = await runCli(["check", file, "--policy", join(ROOT, "policies/dalian"), "--json"]);
    const j = planJson(r);
    expect(r.code).toBe(2);
    type U = { subject: { kind: string; id: string }; reasons: string[] };
    const und = (j.undetermined as U[]).map((u) => `${u.subject.kind}:${u.subject.id}`);
    expect(und).toContain("school:S1");
    expect(und).toContain("district:中山区");
    expect(und).not.toContain("school:S2");
    expect(und).not.toContain("district:西岗区");
    const why = (j.undetermined as U[]).find((u) => u.subject.id === "S1")!;
    expect(JSON.stringify(why)).toContain("教师!3");
    expect(j.complete).toBe(false);
  });
});

describe("CSV folders", () => {
  function csvFolder(encode: (s: string) => Buffer): string {
    const dir = tmpDir();
    const csv = (rows: unknown[][]) =>
      rows.map((r) => r.map((c) => (c === undefined ? "" : String(c))).join(",")).join("\r\n");
    writeFileSync(join(dir, "schools.csv"), encode(csv(SCHOOL_ROWS)));
    writeFileSync(
      join(dir, "teachers.csv"),
      encode(csv(TEACHER_ROWS.slice(0, 2).map((r) => r.map((c) => String(c).replace(/、/g, "/"))))),
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "dataset.yaml"), "as_of: 2024-09-01\n");
    return dir;
  }

  for (const [name, encode] of [
    ["UTF-8", (s: string) => Buffer.from(s, "utf8")],
    ["UTF-8 with BOM", (s: string) => Buffer.from("\ufeff" + s, "utf8")],
    ["GB18030", gb18030Encode],
  ] as const) {
    it(`reads ${name}`, async () => {
      const r = await readTabular(csvFolder(encode));
      expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const t = r.value!.teacherById.get("T1")!;
      expect(t).toMatchObject({ name: "张伟", school: "S1", honors: ["市级骨干教师", "区级优秀教师"] });
      expect(formatDate(t.birth_date)).toBe("1975-03-15");
    });
  }

  it("refuses a file in neither encoding with D080 naming that file, its line and byte — by both CSV readers", async () => {
    const dir = csvFolder((s) => Buffer.from(s, "utf8"));
    const file = join(dir, "teachers.csv");
    const head = Buffer.from("工号,姓名\nT1,张伟\n", "utf8");
    writeFileSync(file, Buffer.concat([head, Buffer.from([0xff, 0x0a])]));
    for (const r of [await readTabular(dir), await readColumnar(dir)]) {
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([["D080", file]]);
      const d = r.diagnostics[0] as CodedDiagnostic;
      expect(d.args).toMatchObject({ file, line: 3, offset: head.length });
      expect(messageIn(d, "zh")).toBe(
        `${file}：第 3 行（第 ${head.length} 字节）：既不是 UTF-8 也不是 GB18030；请将文件另存为 UTF-8`,
      );
    }
    // teachers.ndjson (one JSON object a line) alike.
    writeFileSync(file, "");
    const nd = join(dir, "teachers.ndjson");
    writeFileSync(nd, Buffer.concat([Buffer.from('{"id":"T1"}\n'), Buffer.from([0xff, 0x0a])]));
    const r = await readColumnar(dir);
    expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([["D080", nd]]);
  });
});

describe("the bundled Dalian roster", () => {
  const policy = join(ROOT, "policies/dalian");
  it("workbook, GB18030 CSV folder and YAML give identical violations, counts and exit codes", async () => {
    const runs = await Promise.all(
      ["district.yaml", "district.xlsx", "district-csv"].map((f) =>
        runCli(["check", join(ROOT, "examples/dalian", f), "--policy", policy, "--json"]),
      ),
    );
    const [yaml, ...rest] = runs.map((r) => ({ code: r.code, json: JSON.parse(r.out) }));
    expect(yaml!.code).toBe(1);
    expect(yaml!.json.violations.length).toBeGreaterThan(0);
    for (const r of rest) {
      expect(r.code).toBe(yaml!.code);
      expect(r.json).toEqual(yaml!.json);
    }
  }, 120_000);
});

describe("lungang template and lungang decide", () => {
  const policy = join(ROOT, "policies/dalian");
  it("writes a template whose sheets, headers, drop-downs and example row read back as a roster", async () => {
    const out = join(tmpDir(), "模板.xlsx");
    const r = await runCli(["template", "--policy", policy, "--output", out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["说明", "基本信息", "学校", "教师", "交流方案", "任职经历"]),
    );
    const teachers = wb.getWorksheet("教师")!;
    const headers = (teachers.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(["工号", "性别", "出生日期", "岗位", "学校", "特殊情形"]));
    const sexCol = headers.indexOf("性别") + 1;
    expect(teachers.getCell(2, sexCol).dataValidation).toMatchObject({ type: "list" });
    const birthCol = headers.indexOf("出生日期") + 1;
    expect(teachers.getCell(2, birthCol).numFmt).toBe("yyyy-mm-dd");
    const back = await readTabular(out);
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(back.value!.teachers).toHaveLength(1);
  });

  it("decides every person of a roster as a table in each format, names beside ids", async () => {
    const file = join(ROOT, "examples/dalian/district.xlsx");
    const json = await runCli(["decide", file, "--policy", policy, "--json"]);
    expect(json.code).toBe(0);
    const j = JSON.parse(json.out);
    expect(j.counts).toEqual({ teachers_in: 3000, decided: 3000, rejected: 0 });
    const t6 = j.decisions.find((d: { teacher: { id: string } }) => d.teacher.id === "T0006");
    expect(t6).toMatchObject({
      teacher: { id: "T0006", name: "熊辉杰" },
      school: { id: "S001", name: "大连市中山区第十小学" },
      decision: "required",
      clauses: ["DL-T1"],
    });
    const text = await runCli(["decide", file, "--policy", policy]);
    expect(text.out).toContain("T0006 熊辉杰  [S001 大连市中山区第十小学]  应交流轮岗  DL-T1");
    const csvOut = join(tmpDir(), "名单.csv");
    expect((await runCli(["decide", file, "--policy", policy, "--format", "csv", "--output", csvOut])).code).toBe(0);
    const xlsxOut = join(tmpDir(), "名单.xlsx");
    expect((await runCli(["decide", file, "--policy", policy, "--format", "xlsx", "--output", xlsxOut])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxOut);
    expect(wb.getWorksheet("人员判定")!.rowCount).toBe(3001);
  }, 120_000);

  it("decides a month-only birth date when every day of the month agrees, and not otherwise", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2024-09-01"]],
      学校: SCHOOL_ROWS,
      教师: [
        ["工号", "性别", "出生年月", "岗位", "学校", "到校时间", "在编", "在岗"],
        // 55 on 2024-09-01 whatever the day of March 1969 (limit: 男55周岁及以下).
        ["T1", "男", "1969.03", "教师", "S1", "2010-09-01", "是", "是"],
        // Born September 1968: 55 or 56 on 2024-09-01 depending on the day.
        ["T2", "男", "1968年9月", "教师", "S1", "2010-09-01", "是", "是"],
      ],
    });
    const r = await runCli(["decide", file, "--policy", policy, "--json"]);
    const j = JSON.parse(r.out);
    const by = Object.fromEntries(
      j.decisions.map((d: { teacher: { id: string }; decision: string }) => [d.teacher.id, d.decision]),
    );
    expect(by).toEqual({ T1: "required", T2: "indeterminate" });
    expect(r.code).toBe(2);
  });

  it("a month-only 职称取得时间 or 任现职时间 is the month's DayRange too, never its first day", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2024-09-01"]],
      学校: SCHOOL_ROWS,
      教师: [
        ["工号", "性别", "出生日期", "岗位", "学校", "职称取得时间", "任现职时间"],
        ["T1", "男", "1975-03-15", "校长", "S1", "2015.03", "2016年9月"],
      ],
    });
    const t = (await readTabular(file)).value!.teacherById.get("T1")!;
    expect(t.title_since).toEqual({ from: D("2015-03-01"), to: D("2015-03-31") });
    expect(t.post_since).toEqual({ from: D("2016-09-01"), to: D("2016-09-30") });
  });

  it("check: a month-only birth date is the month's days, never its first day — a school whose share depends on the day is undetermined", async () => {
    const file = await workbook({
      基本信息: [["基准日", "2024-09-01"]],
      学校: SCHOOL_ROWS,
      教师: [
        ["工号", "性别", "出生年月", "岗位", "学校", "到校时间", "在编", "在岗"],
        // Born September 1968: 55 (due under DL-T1) or 56 (not) on 2024-09-01 depending on the day.
        // Read as the 1st of the month he would be 56 and simply not due; the school would pass.
        ["T2", "男", "1968年9月", "教师", "S1", "2010-09-01", "是", "是"],
      ],
      交流方案: [["工号", "调出学校", "调入学校"]],
    });
    const r = await runCli(["check", file, "--policy", policy, "--json"]);
    const j = planJson(r);
    expect(j.complete).toBe(false);
    expect(j.undetermined.map((u: { subject: { id: string } }) => u.subject.id)).toContain("S1");
    expect(r.code).toBe(2);
  });
});
