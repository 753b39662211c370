// Property: the columnar path (src/columnar) gives exactly the object path's
// answer. Generated districts are written as CSV folders (UTF-8 or GB18030),
// then damaged line by line (bad dates, month-only dates, spaces, empty
// required cells, quoted cells, duplicate rows, unknown schools, moves of
// unknown people); the folder is read by readTabular + checkPlan and by
// readColumnar + checkColumnar: the same diagnostics, the same counts and the
// same rendered answer (text and JSON), and each person's decision equal to
// the reference evaluator's.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.js";
import { check } from "../../src/checker/check.js";
import { checkColumnar, Rows, columnarWorld } from "../../src/columnar/check.js";
import { checkPlanColumnar } from "../../src/columnar/plan.js";
import { readColumnar } from "../../src/columnar/read.js";
import { parseDatasetText } from "../../src/data/read.js";
import { writeDatasetCsv, gb18030Encode } from "../../src/data/tabular/write.js";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame } from "../../src/interpreter/frame.js";
import { referenceDecide } from "../../src/interpreter/reference.js";
import { loadPolicy } from "../../src/policy/load.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { render } from "../../src/render/render.js";
import { bothReaders } from "../support/columnar.js";
import { ROOT } from "../support/policy.js";

const policies = ["dalian", "beijing", "beijing/haidian", "changzhou"].map((name) => {
  const c = check(loadPolicy(join(ROOT, "policies", name)).unit!);
  return { name, checked: c.policy!, program: compile(c.policy!), params: new Map() };
});

type Edit = "bad-date" | "month" | "space" | "empty" | "quote" | "duplicate" | "school" | "mover";
const EDITS: readonly Edit[] = ["bad-date", "month", "space", "empty", "quote", "duplicate", "school", "mover"];

/** Damage some data lines of one CSV file of the folder (UTF-8 text, no quotes in generated data). */
function damage(dir: string, file: string, edits: readonly [Edit, number][]): void {
  const path = join(dir, file);
  const lines = readFileSync(path, "utf8").split("\r\n");
  const body = lines.length - 2; // header, trailing empty
  if (body <= 0) return;
  for (const [edit, at] of edits) {
    const i = 1 + (at % body);
    const cells = lines[i]!.split(",");
    const c = at % cells.length;
    switch (edit) {
      case "bad-date":
        cells[Math.min(3, cells.length - 1)] = "1980.13";
        break;
      case "month":
        if (/^\d{4}-\d{2}-\d{2}$/.test(cells[3] ?? "")) cells[3] = cells[3]!.slice(0, 7);
        break;
      case "space":
        cells[c] = ` ${cells[c]} `;
        break;
      case "empty":
        cells[0] = "";
        break;
      case "quote":
        cells[c] = `"${cells[c]!.replace(/"/g, '""')}"`;
        break;
      case "duplicate":
        lines.splice(i, 0, lines[i]!);
        continue;
      case "school":
        if (file === "teachers.csv") cells[11] = "S9999";
        else cells[1] = "S9999";
        break;
      case "mover":
        cells[0] = "T9999999";
        break;
    }
    lines[i] = cells.join(",");
  }
  writeFileSync(path, lines.join("\r\n"));
}

describe("columnar path ≡ object path", () => {
  it("same diagnostics, counts and rendered answer on damaged generated CSV folders; decisions ≡ reference", async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 20, max: 300 }),
        fc.constantFrom("2023-09-01", "2025-09-01"),
        fc.boolean(),
        fc.constantFrom(...policies.keys()),
        fc.constantFrom("utf-8" as const, "gb18030" as const),
        fc.array(fc.tuple(fc.constantFrom(...EDITS), fc.nat()), { maxLength: 6 }),
        fc.constantFrom("teachers.csv", "moves.csv", "history.csv", "schools.csv"),
        async (seed, teachers, asOf, violations, which, encoding, edits, file) => {
          const policy = policies[which]!;
          const raw = generate({ seed, teachers, schools: Math.max(2, Math.round(teachers / 40)), asOf, violations });
          const ds = parseDatasetText(JSON.stringify(raw), "generated.json", "json").value!;
          const dir = mkdtempSync(join(tmpdir(), "lungang-columnar-"));
          writeDatasetCsv(ds, dir, "utf-8");
          damage(dir, file, edits);
          if (encoding === "gb18030")
            for (const f of ["teachers.csv", "schools.csv", "moves.csv", "history.csv"]) {
              const p = join(dir, f);
              writeFileSync(p, gb18030Encode(readFileSync(p, "utf8")));
            }
          const compiled = { checked: policy.checked, program: policy.program, params: policy.params };
          const both = await bothReaders(dir, compiled);
          if (both.irregular) return;
          expect(both.differences).toEqual([]);
          const { objects, columns } = both;
          if (!objects || !columns) return;
          // The bulk result itself, field by field (the rendering shows most, not all of it).
          const oa = checkPlan(policy.program, objects, policy.params);
          const ob = checkColumnar(policy.program, columns, policy.params);
          expect(ob.evaluated).toEqual(oa.evaluated);
          expect(ob.schools).toEqual(oa.schools);
          expect([...ob.decisions]).toEqual([...oa.decisions]);
          // Each person loaded from the columns decides as the reference evaluator does.
          const rows = new Rows(columns, policy.program, true);
          const world = columnarWorld(policy.program, rows, policy.params);
          const f = newFrame(world);
          for (let r = 0; r < rows.count; r += 7) {
            const t = rows.teacher(r);
            expect(t).toEqual(objects.teacherById.get(t.id));
            expect(referenceDecide(policy.checked, t, world).decision).toBe(policy.program.decide(t, f).decision);
            expect(ob.decisions.get(t.id)).toBe(policy.program.decide(t, f).decision);
          }
          compared++;
        },
      ),
      { numRuns: 16 },
    );
    expect(compared).toBeGreaterThan(0);
  }, 600_000);
});

describe("NDJSON teachers", () => {
  it("teachers.ndjson reads as teachers.csv does; a line that is no object is rejected and counted", async () => {
    const raw = generate({ seed: 7, teachers: 200, schools: 5 });
    const ds = parseDatasetText(JSON.stringify(raw), "generated.json", "json").value!;
    const csv = mkdtempSync(join(tmpdir(), "lungang-ndjson-"));
    writeDatasetCsv(ds, csv, "utf-8");
    const nd = mkdtempSync(join(tmpdir(), "lungang-ndjson-"));
    writeDatasetCsv(ds, nd, "utf-8");
    const lines = raw.teachers.map(({ history: _h, ...t }) => JSON.stringify(t));
    writeFileSync(join(nd, "teachers.ndjson"), lines.join("\n") + "\n");
    writeFileSync(join(nd, "teachers.csv"), "");
    const policy = policies[0]!;
    const compiled = { checked: policy.checked, program: policy.program, params: policy.params };
    const a = await readColumnar(csv);
    const b = await readColumnar(nd);
    expect(b.diagnostics).toEqual([]);
    const ra = await render(
      { kind: "plan", answer: (await checkPlanColumnar(compiled, a.value!)).value!, diagnostics: [] },
      { format: "json", lang: "zh" },
    );
    const rb = await render(
      { kind: "plan", answer: (await checkPlanColumnar(compiled, b.value!)).value!, diagnostics: [] },
      { format: "json", lang: "zh" },
    );
    expect(rb.value).toEqual(ra.value);

    writeFileSync(
      join(nd, "teachers.ndjson"),
      [lines[0], "[1,2]", lines[1], '{"id":"X1","history":[{}]}'].join("\n") + "\n",
    );
    const c = await readColumnar(nd);
    const bad = c.diagnostics.filter((d) => d.code === "D106");
    expect(bad.map((d) => [d.code, (d as unknown as { args: { where: string } }).args.where])).toEqual([
      ["D106", "teachers.ndjson!2"],
      ["D106", "teachers.ndjson!4 history"],
    ]);
    expect(c.value!.intake.teachersIn).toBe(4);
    expect(c.value!.intake.rejectedTeachers.map((r) => r.row)).toEqual(["teachers.ndjson!2", "teachers.ndjson!4"]);
  });
});

describe("a history table without its teacher column (found by the roster fuzz stream)", () => {
  it("every row is rejected with D108 by both readers — the columns read none of them in place", async () => {
    const raw = generate({ seed: 5, teachers: 60, schools: 4 });
    const ds = parseDatasetText(JSON.stringify(raw), "generated.json", "json").value!;
    const dir = mkdtempSync(join(tmpdir(), "lungang-columnar-"));
    writeDatasetCsv(ds, dir, "utf-8");
    const path = join(dir, "history.csv");
    const lines = readFileSync(path, "utf8").split("\r\n");
    writeFileSync(path, lines.map((l) => l.split(",").slice(1).join(",")).join("\r\n"));
    const policy = policies[0]!;
    const both = await bothReaders(dir, { checked: policy.checked, program: policy.program, params: policy.params });
    if (both.irregular) throw new Error("the columns declined the folder");
    expect(both.differences).toEqual([]);
    const b = await readColumnar(dir);
    const rows = lines.length - 2;
    expect(rows).toBeGreaterThan(0);
    expect(b.diagnostics.map((d) => d.code)).toEqual(Array.from({ length: rows }, () => "D108"));
    expect(b.diagnostics[0]!.message).toContain("history.csv!2");
  });
});
