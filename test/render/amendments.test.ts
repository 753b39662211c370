// Issue 7.1 in every format: a decision, violation or explanation line that
// rests on a district's amendment (the FICTIONAL fixture
// policies/dalian/tests/amendment-example: GJZ-1 sets 任教年限门槛 to 8 years,
// GJZ-3 the backbone share to 30%) cites the amending clause — its words
// `经 GJZ-1 修改：…` and its 原文 — in case (text, JSON, HTML), check (text,
// JSON, HTML, XLSX) and decide (text, JSON, CSV, XLSX). The words come from
// one helper (src/render/amendments.ts).

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";

const FIXTURE = join(ROOT, "policies/dalian/tests/amendment-example");
const CASE = join(FIXTURE, "tests/cases/eight-years.case.yaml");
const DATA = join(FIXTURE, "tests/cases/plan.dataset.json");
const dir = mkdtempSync(join(tmpdir(), "lungang-amendments-"));

const T1 = "经 GJZ-1 修改：任教年限门槛 9年 → 8年";
const T1_EN = "as amended by GJZ-1: 任教年限门槛 9年 → 8年";
const GJZ1 = "在同一所学校任教满8年及以上的教师应交流轮岗。";
const R4 = "经 GJZ-3 修改：骨干教师占交流总数下限 20% → 30%";
const GJZ3 = "骨干教师交流轮岗应不低于交流总数的30%。";

async function sheetRows(file: string, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name)!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
}

describe("issue 7.1: the explanation's condition lines cite the amendment they read", () => {
  it("text: the condition reading 任教年限门槛 carries GJZ-1, in Chinese and in English", async () => {
    const zh = await runCli(["case", CASE, "--policy", FIXTURE]);
    expect(zh.out).toContain(`本校任教年限 8年0个月 ≥ 任教年限门槛 8年0个月（满） ✓（${T1}）`);
    const en = await runCli(["case", CASE, "--policy", FIXTURE, "--lang", "en"]);
    expect(en.out).toContain(`✓ (${T1_EN})`);
    expect(en.out).not.toContain("（经");
  });

  it("JSON: the condition has amended_by with GJZ-1's 原文; a condition reading nothing amended has none", async () => {
    const r = await runCli(["case", CASE, "--policy", FIXTURE, "--json"]);
    const j = JSON.parse(r.out) as {
      explanation: {
        clause: string;
        conditions: { text: string; amended_by?: { clause: string; source: string }[] }[];
      }[];
    };
    const conds = j.explanation.find((v) => v.clause === "DL-T1" && v.conditions.some((c) => c.amended_by))!.conditions;
    const tenure = conds.find((c) => c.text.startsWith("本校任教年限"))!;
    expect(tenure.amended_by).toEqual([expect.objectContaining({ clause: "GJZ-1", source: GJZ1, text: T1 })]);
    expect(conds.find((c) => c.text.startsWith("是教师"))!.amended_by).toBeUndefined();
  });
});

describe("issue 7.1: case --format html cites the amendment", () => {
  it("shows DL-T1 only as amended, quotes GJZ-1, and marks the rule and the condition", async () => {
    const out = join(dir, "case.html");
    expect((await runCli(["case", CASE, "--policy", FIXTURE, "--format", "html", "--output", out])).code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain(`<b class="clause">DL-T1</b>（${T1}）「`);
    expect(html).toContain(`<b class="clause">GJZ-1</b>「${GJZ1}」`);
    expect(html).toContain(`<b>DL-T1</b>（${T1}） 应交流「教师任教满九年」`);
    expect(html).toContain(`（满） ✓（${T1}）`);
  });
});

describe("issue 7.1: check --format html|xlsx cite the amendment", () => {
  it("html: the DL-R4 violation carries GJZ-3's words and 原文", async () => {
    const out = join(dir, "check.html");
    expect((await runCli(["check", DATA, "--policy", FIXTURE, "--format", "html", "--output", out])).code).toBe(1);
    const html = readFileSync(out, "utf8");
    expect(html).toContain(`<span class="label">修改条款</span>${R4}「${GJZ3}」`);
    // The failing condition itself reads the overridden share.
    expect(html).toMatch(new RegExp(`✗（${R4}）`));
  });

  it("xlsx: 违规清单 has the citation column, 人员判定 shows DL-T1 as amended with GJZ-1's 原文", async () => {
    const out = join(dir, "check.xlsx");
    expect((await runCli(["check", DATA, "--policy", FIXTURE, "--format", "xlsx", "--output", out])).code).toBe(1);
    const v = await sheetRows(out, "违规清单");
    expect(v[0]!.at(-1)).toBe("修改条款（原文）");
    const r4 = v.find((row) => row[4] === "DL-R4")!;
    expect(r4.at(-1)).toBe(`${R4}「${GJZ3}」`);
    const people = await sheetRows(out, "人员判定");
    const b02 = people.find((row) => row[0] === "B02")!;
    expect(b02.at(-1)).toContain(`DL-T1（${T1}）「`);
    expect(b02.at(-1)).toContain(`GJZ-1「${GJZ1}」`);
  });
});

describe("issue 7.1: decide cites the amendment in every format", () => {
  it("text: rows show DL-T1 as amended; the amending clauses' 原文 follow once", async () => {
    const r = await runCli(["decide", DATA, "--policy", FIXTURE]);
    expect(r.out).toMatch(new RegExp(`B02 .*DL-T1（${T1}）、GJZ-1`));
    expect(r.out).toContain(`修改条款：\n  ${T1}「${GJZ1}」`);
    expect(r.out.split(`「${GJZ1}」`).length).toBe(2);
  });

  it("JSON: each decision resting on GJZ-1 has amended_by with its 原文", async () => {
    const r = await runCli(["decide", DATA, "--policy", FIXTURE, "--json"]);
    const j = JSON.parse(r.out) as { decisions: { teacher: { id: string }; amended_by?: unknown[] }[] };
    const b02 = j.decisions.find((d) => d.teacher.id === "B02")!;
    expect(b02.amended_by).toEqual([
      expect.objectContaining({
        clause: "GJZ-1",
        amends: "DL-T1",
        source: GJZ1,
        before: "9年",
        after: "8年",
        text: T1,
      }),
    ]);
  });

  it("CSV and XLSX: the clause cell shows DL-T1 as amended and a column cites GJZ-1 with its 原文", async () => {
    const csv = join(dir, "decide.csv");
    expect((await runCli(["decide", DATA, "--policy", FIXTURE, "--format", "csv", "--output", csv])).code).toBe(0);
    const text = readFileSync(csv, "utf8");
    expect(text.split("\r\n")[0]).toContain("修改条款（原文）");
    expect(text).toContain(`DL-T1（${T1}）、GJZ-1`);
    expect(text).toContain(`${T1}「${GJZ1}」`);
    const xlsx = join(dir, "decide.xlsx");
    expect((await runCli(["decide", DATA, "--policy", FIXTURE, "--format", "xlsx", "--output", xlsx])).code).toBe(0);
    const rows = await sheetRows(xlsx, "人员判定");
    const b02 = rows.find((row) => row[0] === "B02")!;
    expect(b02[5]).toBe(`DL-T1（${T1}）、GJZ-1`);
    expect(b02[7]).toBe(`${T1}「${GJZ1}」`);
  });
});
