// Report formats of `check --format html|xlsx` and `case --format html`
// (CONTRACT "Extensions: formats"): the HTML file is self-contained (ECharts
// inlined, a CSP that forbids every fetch), names stand beside ids, every
// violation carries its clause's 原文 and numbers; the workbook has the three
// sheets with frozen, filtered headers and one row per person.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";

const DISTRICT = join(ROOT, "examples/dalian/district.yaml");
const FIXED = join(ROOT, "examples/dalian/district-fixed.yaml");
const CASE = join(ROOT, "examples/cases/dalian-teacher.yaml");
const DALIAN = join(ROOT, "policies/dalian");
const dir = mkdtempSync(join(tmpdir(), "lungang-reports-"));

describe("check --format html", () => {
  it("writes one self-contained Chinese file with summary, violations with 原文, names beside ids and charts", async () => {
    const out = join(dir, "r.html");
    const r = await runCli(["check", DISTRICT, "--policy", DALIAN, "--format", "html", "--output", out]);
    expect(r.code).toBe(1);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("default-src 'none'");
    // No resource from anywhere: no src/href pointing at a URL.
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).toContain("echarts"); // the library itself, inlined
    expect(html.length).toBeGreaterThan(900_000);
    expect(html).toContain("结论：不合规");
    // DL-R3 at S001 with its original wording and the numbers.
    expect(html).toMatch(/S001 [^<]+（1）/);
    expect(html).toContain("城镇学校或优质学校每学年教师交流轮岗的比例不低于符合交流轮岗条件教师总数的15%");
    expect(html).toContain("10.53% (2/19)");
    const figures = JSON.parse(/<script type="application\/json" id="report-figures">(.*?)<\/script>/s.exec(html)![1]!);
    expect(Object.keys(figures.figures).length).toBeGreaterThan(10);
    expect(html).toContain("@media print");
    expect(html).toContain("break-before:page");
  });

  it("writes English with --lang en", async () => {
    const out = join(dir, "r-en.html");
    await runCli(["check", FIXED, "--policy", DALIAN, "--format", "html", "--output", out, "--lang", "en"]);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Verdict: compliant");
  });

  it("refuses xlsx without --output and an unknown format", async () => {
    expect((await runCli(["check", DISTRICT, "--policy", DALIAN, "--format", "xlsx"])).code).toBe(2);
    expect((await runCli(["check", DISTRICT, "--policy", DALIAN, "--format", "pdf"])).code).toBe(2);
    expect((await runCli(["case", CASE, "--policy", DALIAN, "--format", "xlsx"])).code).toBe(2);
  });
});

describe("check --format xlsx", () => {
  it("writes 违规清单, 各校概况 and 人员判定 with frozen filtered headers and every person", async () => {
    const out = join(dir, "r.xlsx");
    const r = await runCli(["check", DISTRICT, "--policy", DALIAN, "--format", "xlsx", "--output", out]);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["违规清单", "各校概况", "人员判定"]);
    for (const s of wb.worksheets) {
      expect(s.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(s.autoFilter).toBeTruthy();
      expect(s.getColumn(1).width).toBeGreaterThan(5);
    }
    const v = wb.getWorksheet("违规清单")!;
    const rows = v.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]).toContain("原文");
    const r3 = rows.find((x) => x.includes("DL-R3") && x.includes("S001"))!;
    expect(r3).toBeTruthy();
    expect(String(r3[9])).toContain("15%");
    const people = wb.getWorksheet("人员判定")!;
    // Header + 3000 teachers of the example district.
    expect(people.actualRowCount).toBe(3001);
    const header = people.getRow(1).values as unknown[];
    expect(header).toEqual(expect.arrayContaining(["工号", "姓名", "判定", "条款", "理由", "原文"]));
    const required = (people.getSheetValues() as unknown[][]).find((x) => x && x[6] === "required")!;
    expect(String(required[8])).toMatch(/DL-/);
    expect(String(required[10])).toContain("「");
  });
});

describe("case --format html", () => {
  it("writes a printable appeal answer: person, decision, clauses quoted, reasons, what would change", async () => {
    const out = join(dir, "c.html");
    const r = await runCli(["case", CASE, "--policy", DALIAN, "--format", "html", "--output", out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("结论：应交流轮岗");
    expect(html).toContain("在同一所学校任教满9年及以上的教师");
    expect(html).toContain("9年0个月");
    expect(html).toContain("什么会改变结论");
    expect(html).toContain("2031-03-15");
    expect(html).not.toContain("<script");
  });
});
