// A district's declared facts on the columnar path (ADR 0003): the CSV folder
// of examples/local-deferral — a declared school fact (山区学校, its own
// column 是否山区学校) and a value the district adds to 情形 (援派支教) — read
// into columns against the district's policy gives the object path's answer:
// the same diagnostics, counts, decisions and rendered report, and the
// decisions the district's clauses give.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPlan, checkPlanColumnar, compilePolicy, readColumnar, readDataset, render } from "../../src/index.js";
import { writeDatasetCsv } from "../../src/data/tabular/write.js";
import { ROOT, runCli } from "../support/policy.js";

const DISTRICT = join(ROOT, "examples/local-deferral");
const view = (ds: readonly { code: string; message: string; path?: string }[]) =>
  ds.map((d) => `${d.code} ${d.path ?? ""} ${d.message}`);

describe("a district-declared fact, columnar path ≡ object path", () => {
  it("reads the declared column and value into columns and decides as the object path does", async () => {
    const policy = compilePolicy(DISTRICT).value!;
    const yaml = (await readDataset(join(DISTRICT, "district.yaml"), policy)).value!;
    const dir = mkdtempSync(join(tmpdir(), "lungang-declared-"));
    // The district's own columns, values as their Chinese labels (援派支教), as a bureau's export has them.
    writeDatasetCsv(yaml, dir, "utf-8", policy.checked.input);
    const cols = await readColumnar(dir, policy);
    expect(cols.irregular).toBeUndefined();
    const objs = await readDataset(dir, policy);
    expect(view(cols.diagnostics)).toEqual(view(objs.diagnostics));
    expect(cols.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // Not ignored: no D103 for 是否山区学校, no rejected row for 援派支教.
    expect(cols.diagnostics.map((d) => d.code)).not.toContain("D103");
    expect(cols.value!.intake).toEqual(objs.value!.intake);
    const a = (await checkPlan(policy, objs.value!)).value!;
    const b = (await checkPlanColumnar(policy, cols.value!)).value!;
    const expected = { T1: "required", T2: "deferred", T3: "not_required", T4: "indeterminate" };
    expect(Object.fromEntries(a.result.decisions)).toEqual(expected);
    expect(Object.fromEntries(b.result.decisions)).toEqual(expected);
    expect(b.counts).toEqual(a.counts);
    for (const format of ["json", "text"] as const) {
      const ra = await render({ kind: "plan", answer: a }, { format, lang: "zh" });
      const rb = await render({ kind: "plan", answer: b }, { format, lang: "zh" });
      expect(rb.value).toEqual(ra.value);
    }
    // Against the standard facts alone the folder reads otherwise: the column ignored, the value refused.
    const plain = await readColumnar(dir, (await import("../../src/index.js")).standardFacts);
    expect(plain.diagnostics.map((d) => d.code)).toContain("D103");
    expect(plain.diagnostics.some((d) => d.severity === "error" && /援派支教/.test(d.message))).toBe(true);
  });

  it("`lungang check` on the folder (the columnar route) answers as on the YAML", async () => {
    const policy = compilePolicy(DISTRICT).value!;
    const yaml = (await readDataset(join(DISTRICT, "district.yaml"), policy)).value!;
    const dir = mkdtempSync(join(tmpdir(), "lungang-declared-"));
    writeDatasetCsv(yaml, dir, "gb18030", policy.checked.input);
    const fromCsv = await runCli(["check", dir, "--policy", DISTRICT, "--json"]);
    const fromYaml = await runCli(["check", join(DISTRICT, "district.yaml"), "--policy", DISTRICT, "--json"]);
    expect(fromCsv.code).toBe(fromYaml.code);
    // The whole answer: counts, violations, undetermined checks, statistics, the summary per school.
    expect(JSON.parse(fromCsv.out)).toEqual(JSON.parse(fromYaml.out));
    expect(JSON.parse(fromCsv.out).counts).toMatchObject({ teachers_in: 4, decided: 4, rejected: 0 });
    expect(fromCsv.err).not.toMatch(/D103|援派支教/);
  });
});
