// The command line of proposals: `propose --output` writes the dataset with
// the plan, which `check` finds compliant; on a roster with no backbone
// teacher due, `propose` exits 1 naming DL-R4, and `check` reports DL-R4 as
// "cannot be met on this roster" (`infeasible`), not as the plan's violation.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";

const EXAMPLE = join(ROOT, "examples/dalian/district.yaml");
const DALIAN = join(ROOT, "policies/dalian");

/** The example district with every honour removed: no backbone teacher anywhere. */
function noBackbone(): string {
  const doc = YAML.parse(readFileSync(EXAMPLE, "utf8")) as { teachers: { honors?: string[] }[] };
  for (const t of doc.teachers) delete t.honors;
  const f = join(mkdtempSync(join(tmpdir(), "lungang-propose-")), "no-backbone.yaml");
  writeFileSync(f, YAML.stringify(doc));
  return f;
}

// A whole district proposed (and checked) per test: minutes on a loaded machine, not seconds.
describe("lungang propose", { timeout: 240_000 }, () => {
  it("writes a plan that check finds compliant", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "lungang-propose-")), "proposed.yaml");
    const r = await runCli(["propose", EXAMPLE, "--policy", DALIAN, "--output", out, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { status: string; selected: { reasons: { quotas: unknown[] } }[] };
    expect(doc.status).toBe("compliant");
    for (const s of doc.selected) expect(s.reasons.quotas.length).toBeGreaterThan(0);
    // The roster is kept as written (its comments too); only the plan is new.
    expect(readFileSync(out, "utf8")).toContain("合成数据");
    const c = await runCli(["check", out, "--policy", DALIAN, "--json"]);
    expect(JSON.parse(c.out).compliant).toBe(true);
    expect(c.code).toBe(0);
  });

  it("exits 1 and names DL-R4 where no backbone teacher is due", async () => {
    const r = await runCli(["propose", noBackbone(), "--policy", DALIAN, "--json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { infeasible: { clause: { id: string }; subject: { kind: string } }[] };
    expect(doc.infeasible.some((x) => x.clause.id === "DL-R4" && x.subject.kind === "district")).toBe(true);
  });
});

// A whole district proposed (and checked) per test: minutes on a loaded machine, not seconds.
describe("lungang propose on the example workbook", { timeout: 240_000 }, () => {
  it("fills the workbook's 交流方案 sheet, keeps the other sheets, and check finds it compliant", async () => {
    const input = join(ROOT, "examples/dalian/district.xlsx");
    const out = join(mkdtempSync(join(tmpdir(), "lungang-propose-")), "proposed.xlsx");
    const r = await runCli(["propose", input, "--policy", DALIAN, "--output", out, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { output: string; plan: { moves: { teacher: string; to: string }[] } };
    expect(doc.output).toBe(out);
    const ExcelJS = (await import("exceljs")).default;
    const [before, after] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await before.xlsx.readFile(input);
    await after.xlsx.readFile(out);
    // The same sheets in the same order; the roster sheets untouched.
    expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
    expect(after.getWorksheet("教师")!.rowCount).toBe(before.getWorksheet("教师")!.rowCount);
    const plan = after.getWorksheet("交流方案")!;
    expect(plan.getRow(1).values).toEqual([
      undefined,
      "工号",
      "调出学校",
      "调入学校",
      "交流方式",
      "交流年限",
      "人事关系调转",
    ]);
    expect(plan.rowCount).toBe(doc.plan.moves.length + 1);
    expect(plan.getRow(2).getCell(1).value).toBe(doc.plan.moves[0]!.teacher);
    const c = await runCli(["check", out, "--policy", DALIAN, "--json"]);
    expect(c.err).toBe("");
    expect(JSON.parse(c.out).compliant).toBe(true);
    expect(c.code).toBe(0);
  });
});

// A whole district proposed (and checked) per test: minutes on a loaded machine, not seconds.
describe("lungang check on a roster where a rule cannot be met", { timeout: 240_000 }, () => {
  it("reports DL-R4 as infeasible, not as a violation of the plan", async () => {
    const r = await runCli(["check", noBackbone(), "--policy", DALIAN, "--json"]);
    const doc = JSON.parse(r.out) as {
      compliant: boolean;
      violations: { clause: { id: string } }[];
      infeasible: { clause: { id: string }; reason: string }[];
    };
    expect(doc.infeasible.map((x) => x.clause.id)).toContain("DL-R4");
    expect(doc.violations.map((x) => x.clause.id)).not.toContain("DL-R4");
    expect(doc.infeasible[0]!.reason).toMatch(/无法满足/);
    expect(doc.compliant).toBe(false);
    expect(r.code).toBe(1);
  });
});
