// Amendments: the diff of a policy with itself is empty; Dalian's tenure
// threshold lowered from 9 to 8 years lists exactly the people with 8 (not 9)
// years at their school who thereby become due. Policy versions: the version
// in force on the reference date is chosen and `diff` between two dates works.

import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataset } from "../../src/data/read.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { diffPolicies } from "../../src/diff/diff.js";
import { resolveVersion } from "../../src/policy/versions.js";
import { addMonths, parseIsoDate } from "../../src/time/date.js";
import { ROOT, runCli } from "../support/policy.js";
import { programOf } from "./support.js";

const EXAMPLE = join(ROOT, "examples/dalian/district.yaml");

/** A copy of policies/ in a temporary folder, with Dalian's threshold changed to `years`. */
function amendedPolicies(years: number): string {
  const dir = mkdtempSync(join(tmpdir(), "lungang-diff-"));
  const root = join(dir, "policies");
  cpSync(join(ROOT, "policies"), root, { recursive: true });
  const f = join(root, "dalian/dalian.policy");
  const text = readFileSync(f, "utf8");
  expect(text).toContain("参数 任教年限门槛: 期限 = 9年");
  writeFileSync(f, text.replace("参数 任教年限门槛: 期限 = 9年", `参数 任教年限门槛: 期限 = ${years}年`));
  return root;
}

describe("diff", () => {
  it("of a policy with itself is empty", () => {
    const p = programOf(join(ROOT, "policies/dalian"));
    const r = diffPolicies(p, p, readDataset(EXAMPLE).value!);
    expect(r.people).toEqual([]);
    expect(r.clauses).toEqual([]);
    expect(r.params).toEqual([]);
    expect(r.schools).toEqual([]);
    expect(r.quotas).toEqual([]);
  });

  it("Dalian 9 → 8 years lists exactly the people with 8 years", () => {
    const data = readDataset(EXAMPLE).value!;
    const old = programOf(join(ROOT, "policies/dalian"));
    const neu = programOf(join(amendedPolicies(8), "dalian"));
    const r = diffPolicies(old, neu, data);
    expect(r.params).toEqual([{ name: "任教年限门槛", clause: "DL-T1", before: "9年", after: "8年" }]);
    expect(r.people.length).toBeGreaterThan(0);
    const eight = (id: string) => {
      const t = data.teacherById.get(id)!;
      const since = t.school_since!;
      return addMonths(since, 96, "end_of_month") <= data.asOf && data.asOf < addMonths(since, 108, "end_of_month");
    };
    for (const p of r.people) {
      expect(eight(p.teacher.id)).toBe(true);
      expect(p.before).toBe("not_required");
      expect(["required", "deferred"]).toContain(p.after);
      expect(p.because.map((c) => c.id)).toContain("DL-T1");
    }
    // Conversely: everyone with 8 years who is due under the amendment was not due before, and is listed.
    const listed = new Set(r.people.map((p) => p.teacher.id));
    const world = worldOf(neu.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById });
    const fa = newFrame(world);
    const fb = newFrame(world);
    for (const t of data.teachers) {
      const changed = old.decideValue(t, fa) !== neu.decideValue(t, fb);
      expect(listed.has(t.id)).toBe(changed);
    }
    expect(r.summary.becameDue).toBe(r.people.filter((p) => p.after === "required").length);
    expect(r.schools.length).toBeGreaterThan(0);
    expect(r.quotas.length).toBeGreaterThan(0);
  });

  it("on the command line: text ends with the summary line, JSON lists the people", async () => {
    const root = amendedPolicies(8);
    const text = await runCli([
      "diff",
      EXAMPLE,
      "--policy",
      join(ROOT, "policies/dalian"),
      "--against",
      join(root, "dalian"),
    ]);
    expect(text.code).toBe(0);
    expect(text.out.trim().split("\n").at(-1)).toMatch(/人判定改变/);
    const json = await runCli([
      "diff",
      EXAMPLE,
      "--policy",
      join(ROOT, "policies/dalian"),
      "--against",
      join(root, "dalian"),
      "--json",
    ]);
    const doc = JSON.parse(json.out) as { people: { teacher: string; because: { id: string }[] }[] };
    expect(doc.people.length).toBeGreaterThan(0);
  });
});

describe("diff as HTML and XLSX, like check", () => {
  const run = async (format: string, ext: string) => {
    const root = amendedPolicies(8);
    const out = join(mkdtempSync(join(tmpdir(), "lungang-diff-")), `diff.${ext}`);
    const base = ["diff", EXAMPLE, "--policy", join(ROOT, "policies/dalian"), "--against", join(root, "dalian")];
    const json = JSON.parse((await runCli([...base, "--json"])).out) as {
      summary: { line: string };
      people: { teacher: string }[];
      schools: unknown[];
      quotas: unknown[];
    };
    const r = await runCli([...base, "--format", format, "--output", out]);
    expect(r.code).toBe(0);
    return { out, json };
  };

  it("HTML: one self-contained page with the summary line and every person whose decision changes", async () => {
    const { out, json } = await run("html", "html");
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(json.summary.line);
    for (const p of json.people) expect(html).toContain(`<td>${p.teacher}</td>`);
    // Nothing loaded from elsewhere: no external script, style sheet, image or link.
    expect(html).not.toMatch(/\b(src|href)=|<link|@import|https?:/);
  });

  it("XLSX: a workbook with 摘要 and one sheet per table, a row per changed person", async () => {
    const { out, json } = await run("xlsx", "xlsx");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "摘要",
      "条款参数变化",
      "人员变化",
      "各校变化",
      "各区变化",
      "比例变化",
    ]);
    expect(wb.getWorksheet("摘要")!.getCell("A3").value).toBe(json.summary.line);
    const people = wb.getWorksheet("人员变化")!;
    expect(people.getRow(1).getCell(1).value).toBe("工号");
    expect(people.rowCount).toBe(json.people.length + 1);
    const ids = new Set<string>();
    people.eachRow((row, i) => void (i > 1 && ids.add(String(row.getCell(1).value))));
    expect(ids).toEqual(new Set(json.people.map((p) => p.teacher)));
    const changes: unknown[] = [];
    wb.getWorksheet("条款参数变化")!.eachRow((row) => void changes.push(row.values));
    expect(changes).toContainEqual([undefined, "DL-T1", "任教年限门槛", "修改", "9年", "8年"]);
    expect(wb.getWorksheet("各校变化")!.rowCount).toBe(json.schools.length + 1);
    expect(wb.getWorksheet("比例变化")!.rowCount).toBe(json.quotas.length + 1);
  });

  it("XLSX without --output is refused (a workbook is not written to the terminal)", async () => {
    const r = await runCli([
      "diff",
      EXAMPLE,
      "--policy",
      join(ROOT, "policies/dalian"),
      "--against",
      "2026-09-01",
      "--format",
      "xlsx",
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/C002/);
  });
});

describe("policy versions", () => {
  /** policies/dalian-versions/{v2024,v2026}: the second lowers the threshold and supersedes the first. */
  function versions(): string {
    const root = amendedPolicies(8);
    const folder = join(root, "dalian-versions");
    mkdirSync(folder);
    cpSync(join(ROOT, "policies/dalian"), join(folder, "v2024"), { recursive: true });
    cpSync(join(root, "dalian"), join(folder, "v2026"), { recursive: true });
    const head = join(folder, "v2026/dalian.policy");
    const t = readFileSync(head, "utf8");
    const m = /施行日期 (\d{4}-\d{2}-\d{2})/.exec(t);
    expect(m).not.toBeNull();
    writeFileSync(head, t.replace(m![0], "施行日期 2026-01-01"));
    return folder;
  }

  it("chooses the version in force on the reference date", () => {
    const folder = versions();
    expect(resolveVersion(folder, parseIsoDate("2025-09-01")!).version?.name).toBe("v2024");
    expect(resolveVersion(folder, parseIsoDate("2026-09-01")!).version?.name).toBe("v2026");
    expect(resolveVersion(folder, parseIsoDate("1990-01-01")!).diagnostics.map((d) => d.code)).toEqual(["R003"]);
  });

  it("diff between two dates of one folder works like between two folders", async () => {
    const folder = versions();
    const r = await runCli(["diff", EXAMPLE, "--policy", folder, "--against", "2026-09-01", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { before: string; after: string; params: unknown[]; people: unknown[] };
    expect(doc.before).toMatch(/v2024/);
    expect(doc.after).toMatch(/v2026/);
    expect(doc.people.length).toBeGreaterThan(0);
  });
});
