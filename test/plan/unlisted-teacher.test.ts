// A move whose teacher has no record. The data reader never lets one through
// (D020, or the row is rejected and the check does not run), but the library
// takes a Dataset from its caller: a plan built in code may name a teacher it
// did not include. Every fact of that person is then missing, so what reads one
// is undetermined for that move — never a crash, never a pass, never a guess.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { parseDatasetText } from "../../src/data/read.js";
import type { Dataset } from "../../src/data/model.js";
import { HEADER, checkText } from "../support/policy.js";

const base = parseDatasetText(
  JSON.stringify({
    as_of: "2025-09-01",
    schools: [
      { id: "A", district: "D1", location: "urban", tier: "quality" },
      { id: "B", district: "D1", location: "rural", tier: "weak" },
    ],
    teachers: [
      { id: "T1", sex: "male", birth_date: "1980-01-01", role: "teacher", school: "A", school_since: "2010-09-01" },
    ],
    plan: { moves: [{ teacher: "T1", from: "A", to: "B", mode: "full_time", years: 2, personnel_transfer: false }] },
  }),
  "data.json",
  "json",
).value!;
const first = base.plan!.moves[0]!;
// T9 is on no roster: the dataset a library caller assembled without reading it.
const dataset: Dataset = { ...base, plan: { ...base.plan!, moves: [first, { ...first, teacher: "T9" }] } };

function run(body: string) {
  const c = checkText(HEADER + `clause P-1 must source "必须" {\n${body}\n}`);
  expect(c.all.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
  const r = checkPlan(compile(c.policy!), dataset);
  const { passed, failed, notApplicable, undetermined } = r.evaluated[0]!;
  return {
    tally: { passed, failed, notApplicable, undetermined },
    undetermined: r.undetermined.map((u) => u.subject.id),
    codes: r.undetermined.flatMap((u) => u.reasons.map((x) => x.code)),
    complete: r.complete,
  };
}

describe("a move naming a teacher with no record", () => {
  it.each([
    ["a plain field", `sex is "male"`],
    ["a derived fact", "tenure >= 6 years"],
    ["an aggregate over the person's service", "count(service) >= 0"],
  ])("%s of that teacher is unknown: the move is undetermined, T1's passes", (_, cond) => {
    const r = run(`check c for each move: ${cond}`);
    expect(r.tally).toEqual({ passed: 1, failed: 0, notApplicable: 0, undetermined: 1 });
    expect(r.undetermined).toEqual(["T9:A→B"]);
    expect(r.codes).toContain("E001");
    expect(r.complete).toBe(false);
  });

  it("a school's count of moves that reads the teacher is unknown, not a count of the others", () => {
    const r = run(
      `check c for each school where school.location is "urban": count(moves where tenure >= 6 years) >= 1`,
    );
    expect(r.tally).toEqual({ passed: 0, failed: 0, notApplicable: 1, undetermined: 1 });
    expect(r.undetermined).toEqual(["A"]);
  });
});
