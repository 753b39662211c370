// The command line of proposals: `propose --output` writes the dataset with
// the plan, which `check` finds compliant; on a roster with no backbone
// teacher due, `propose` exits 1 naming DL-R4, and `check` reports DL-R4 as
// "cannot be met on this roster" (`infeasible`), not as the plan's violation.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.js";
import { ROOT, runCli } from "../support/policy.js";
import { programOf } from "./support.js";

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

// 灞桥 declares a move's 交流形式 and whether it is made as a full-time teacher, a person's unfitness
// and refusals, and a 情形 value (facts.policy): propose reads the roster against them, gives every
// move a value of each declared move fact, writes them out, and check reads them back — nothing left
// undetermined for want of them.
describe("lungang propose with a policy's declared facts (灞桥)", { timeout: 240_000 }, () => {
  it("reads the roster with the policy's facts and writes the declared move facts", async () => {
    const BAQIAO = join(ROOT, "policies/baqiao");
    const schema = programOf(BAQIAO).policy.input;
    const dir = mkdtempSync(join(tmpdir(), "lungang-propose-"));
    const input = join(dir, "baqiao.json");
    const out = join(dir, "proposed.json");
    writeFileSync(input, JSON.stringify(generate({ seed: 11, teachers: 120, schools: 4, facts: schema })));
    // The roster holds a declared 情形 value (其他原因不宜交流): read with the built-in facts it would be rejected.
    expect(readFileSync(input, "utf8")).toContain("otherwise_unsuitable");
    const r = await runCli(["propose", input, "--policy", BAQIAO, "--output", out, "--json"]);
    expect(r.err).toBe("");
    expect([0, 1]).toContain(r.code);
    const written = JSON.parse(readFileSync(out, "utf8")) as { plan: { moves: Record<string, unknown>[] } };
    expect(written.plan.moves.length).toBeGreaterThan(0);
    for (const m of written.plan.moves) {
      expect(Object.keys(schema.enumTable("exchange_form").labels)).toContain(m.exchange_form);
      expect(typeof m.as_full_time_teacher).toBe("boolean");
    }
    const c = await runCli(["check", out, "--policy", BAQIAO, "--json"]);
    const doc = JSON.parse(c.out) as { complete: boolean; undetermined: unknown[]; violations: unknown[] };
    expect(doc.undetermined).toEqual([]);
    expect(doc.complete).toBe(true);
    expect(doc.violations).toEqual([]);
  });
});
