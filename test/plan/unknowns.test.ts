// A plan check on a subject whose facts are missing: an unknown `where`, an
// unknown `only if` (applicability) and an unknown body each leave the subject
// undetermined — never not applicable, never passed (issue 9: the mutant that
// turned an unknown applicability into "not applicable" survived the suite).
// Only a share over an empty set (E005 alone) is not applicable.

import { describe, expect, it } from "vitest";
import { parseDatasetText } from "../../src/data/read.js";
import { compile } from "../../src/interpreter/compile.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { HEADER, checkText } from "../support/policy.js";

// Q is a quality school, W a weak one, X has no tier (unknown); one teacher each, T0 moves Q → W.
const DATA = `as_of: 2025-09-01
schools:
  - { id: Q, location: urban, tier: quality }
  - { id: W, location: urban, tier: weak }
  - { id: X, location: urban }
teachers:
${["Q", "W", "X"].map((s, i) => `  - { id: T${i}, sex: male, birth_date: 1980-01-01, role: teacher, school: ${s}, school_since: 2010-09-01 }`).join("\n")}
plan:
  moves:
    - { teacher: T0, from: Q, to: W, mode: full_time, years: 2, personnel_transfer: false }
`;
const dataset = parseDatasetText(DATA, "data.yaml", "yaml").value!;

/** The one check of a policy `body`, on the dataset: its tally, the undetermined and failed subjects. */
function run(body: string) {
  const { policy, all } = checkText(`${HEADER}clause P-1 must source "必须" {\n${body}\n}`);
  expect(all.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
  const r = checkPlan(compile(policy!), dataset);
  const { passed, failed, notApplicable, undetermined } = r.evaluated[0]!;
  return {
    tally: { passed, failed, notApplicable, undetermined },
    undetermined: r.undetermined.map((u) => u.subject.id),
    failed: r.violations.map((v) => v.subject.id),
    complete: r.complete,
  };
}

describe("unknown facts in a plan check stay undetermined", () => {
  it("an unknown `where`: X is undetermined, W (where false) not applicable, Q passes", () => {
    const r = run(
      `check c for each school where school.tier is "quality" or school.tier is "general": count(moves) >= 1`,
    );
    expect(r.tally).toEqual({ passed: 1, failed: 0, notApplicable: 1, undetermined: 1 });
    expect(r.undetermined).toEqual(["X"]);
    expect(r.complete).toBe(false);
  });

  it("an unknown `only if` (applicability): X is undetermined, not dropped as not applicable", () => {
    const r = run(
      `check c for each school only if school.tier is "quality" or school.tier is "general": count(moves) >= 1`,
    );
    expect(r.tally).toEqual({ passed: 1, failed: 0, notApplicable: 1, undetermined: 1 });
    expect(r.undetermined).toEqual(["X"]);
    expect(r.complete).toBe(false);
  });

  it("an unknown body: X is undetermined; W fails; Q passes", () => {
    const r = run(`check c for each school: school.tier is "quality" or count(moves) >= 5`);
    expect(r.tally).toEqual({ passed: 1, failed: 1, notApplicable: 0, undetermined: 1 });
    expect(r.undetermined).toEqual(["X"]);
    expect(r.failed).toEqual(["W"]);
  });

  it("a share over an empty set is not applicable (E005 alone), and the plan stays complete", () => {
    const r = run(`check c for each school: count(moves) / count(teachers where tenure >= 30 years) >= 10%`);
    expect(r.tally).toEqual({ passed: 0, failed: 0, notApplicable: 3, undetermined: 0 });
    expect(r.complete).toBe(true);
  });

  it("a `where` or `only if` that is a share over an empty set makes the subject not applicable, not undetermined", () => {
    const share = "count(moves) / count(teachers where tenure >= 30 years) >= 10%";
    for (const head of [`where ${share}`, `only if ${share}`]) {
      const r = run(`check c for each school ${head}: count(moves) >= 5`);
      expect(r.tally, head).toEqual({ passed: 0, failed: 0, notApplicable: 3, undetermined: 0 });
      expect(r.complete).toBe(true);
    }
  });

  it("when every subject's facts are known the plan is complete", () => {
    const known = run(`check c for each school where school.location is "urban": count(moves) >= 0`);
    expect(known.tally).toEqual({ passed: 3, failed: 0, notApplicable: 0, undetermined: 0 });
    expect(known.complete).toBe(true);
  });
});
