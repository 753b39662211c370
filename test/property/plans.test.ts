// Property: every jurisdiction's plan checks run on generated districts of
// random size, seed, reference date and plan share without throwing, and
// agree with themselves: the decisions a plan check uses are the compiled
// program's, and `compliant` is exactly "no error-severity violation".

import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.js";
import { parseDatasetText } from "../../src/data/read.js";
import { check } from "../../src/checker/check.js";
import { compile } from "../../src/interpreter/compile.js";
import { worldOf, newFrame } from "../../src/interpreter/frame.js";
import { loadPolicy } from "../../src/policy/load.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { ROOT } from "../support/policy.js";

const programs = ["dalian", "beijing", "beijing/haidian", "changzhou"].map((name) => {
  const c = check(loadPolicy(join(ROOT, "policies", name)).unit!);
  return { name, program: compile(c.policy!) };
});

describe("plan checks on generated districts", () => {
  it("never throw, and report consistently", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 20, max: 400 }),
        fc.constantFrom("2023-09-01", "2025-09-01", "2027-03-01"),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.boolean(),
        fc.constantFrom(...programs),
        (seed, teachers, asOf, movesPerDue, violations, { program }) => {
          const ds = generate({
            seed,
            teachers,
            schools: Math.max(2, Math.round(teachers / 40)),
            asOf,
            movesPerDue,
            violations,
          });
          const read = parseDatasetText(JSON.stringify(ds), "generated.json", "json");
          expect(read.value, JSON.stringify(read.diagnostics.slice(0, 3))).toBeDefined();
          const data = read.value!;
          const r = checkPlan(program, data);
          expect(r.compliant).toBe(!r.violations.some((v) => v.severity === "error"));
          const f = newFrame(
            worldOf(program.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }),
          );
          for (const t of data.teachers.slice(0, 30)) expect(r.decisions.get(t.id)).toBe(program.decide(t, f).decision);
        },
      ),
      { numRuns: 40 },
    );
  });
});
