// The parts of a plan check a report relies on beyond pass/fail (issue 9's
// mutation run of src/plan found them untested): the severity a clause's
// modality gives, completeness counting only must-clauses, the numbers a
// failed check reports (the first false conjunct; a negation as itself),
// the per-school backbone count, rows a roster reader turned away making a
// school's answer undetermined, the progress a long run reports, and shares
// over empty sets mixed with a missing fact.

import { describe, expect, it } from "vitest";
import type { Intake } from "../../src/data/model.js";
import { parseDatasetText } from "../../src/data/read.js";
import { compile } from "../../src/interpreter/compile.js";
import { checkPlan, rejectedRowsOf, type OnProgress } from "../../src/plan/check-plan.js";
import type { Subject } from "../../src/interpreter/frame.js";
import { HEADER, checkText } from "../support/policy.js";

// A (quality) sends T1 (a backbone teacher) to B and T2 to C; X has no tier.
const RAW = {
  as_of: "2025-09-01",
  schools: [
    { id: "A", district: "D1", location: "urban", tier: "quality" },
    { id: "B", district: "D1", location: "rural", tier: "weak" },
    { id: "C", district: "D2", location: "urban", tier: "general" },
    { id: "X", district: "D2", location: "urban" },
  ],
  teachers: [
    {
      id: "T1",
      sex: "male",
      birth_date: "1980-01-01",
      role: "teacher",
      school: "A",
      school_since: "2010-09-01",
      honors: ["市级骨干教师"],
    },
    { id: "T2", sex: "female", birth_date: "1985-01-01", role: "teacher", school: "A", school_since: "2012-09-01" },
    { id: "T3", sex: "male", birth_date: "1982-01-01", role: "teacher", school: "C", school_since: "2012-09-01" },
    { id: "T4", sex: "male", birth_date: "1982-01-01", role: "teacher", school: "X", school_since: "2012-09-01" },
  ],
  plan: {
    moves: [
      { teacher: "T1", from: "A", to: "B", mode: "full_time", years: 2, personnel_transfer: false },
      { teacher: "T2", from: "A", to: "C", mode: "full_time", years: 2, personnel_transfer: false },
    ],
  },
};
const read = (raw: object) => parseDatasetText(JSON.stringify(raw), "data.json", "json").value!;
const data = read(RAW);

function program(body: string, modality = "must") {
  const c = checkText(HEADER + `clause P-1 ${modality} source "原文" {\n${body}\n}`);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  return compile(c.policy!);
}
const run = (body: string, modality = "must", d = data) => checkPlan(program(body, modality), d);

describe("severity and completeness follow the clause's modality", () => {
  it("a must-clause's violation is an error and the plan is not compliant", () => {
    const r = run("check c for each school: count(moves_in) >= 1");
    expect(r.violations.map((v) => [v.subject.id, v.severity])).toEqual([
      ["A", "error"],
      ["X", "error"],
    ]);
    expect(r.compliant).toBe(false);
  });

  it("a should-clause's violation is a warning: the plan stays compliant", () => {
    const r = run("check c for each school: count(moves_in) >= 1", "should");
    expect(r.violations.map((v) => v.severity)).toEqual(["warning", "warning"]);
    expect(r.compliant).toBe(true);
  });

  it("an undetermined should-clause leaves the plan complete; an undetermined must-clause does not", () => {
    const body = `check c for each school: school.tier is "quality" or count(moves_in) >= 1`;
    const should = run(body, "should");
    expect(should.undetermined.map((u) => u.subject.id)).toEqual(["X"]);
    expect(should.complete).toBe(true);
    expect(run(body).complete).toBe(false);
  });
});

describe("what a failed check reports", () => {
  it("the first conjunct that is false, with the values it compared", () => {
    const r = run("check c for each school: count(moves) >= 0 and count(moves_in) >= 1");
    const a = r.violations.find((v) => v.subject.id === "A")!.atom!;
    expect(a.node.kind).toBe("Compare");
    expect([a.left, a.right, a.result]).toEqual([0, 1, false]);
  });

  it("a negation that is false is reported as the negation, not as its inner comparison", () => {
    const r = run("check c for each school: not (count(moves) >= 2)");
    const a = r.violations.find((v) => v.subject.id === "A")!.atom!;
    expect(a.node.kind).not.toBe("Compare");
    expect(a.result).toBe(false);
    expect(a).not.toHaveProperty("left");
  });
});

describe("the per-school summary", () => {
  it("counts only the backbone teachers among those moved out", () => {
    const r = run(`define 是骨干教师 = honors intersects {"市级骨干教师"}\ncheck c for each school: count(moves) >= 0`);
    const a = r.schools.find((s) => s.school.id === "A")!;
    expect([a.movedOut, a.backboneOut]).toEqual([2, 1]);
    expect(r.schools.find((s) => s.school.id === "C")!.backboneOut).toBe(0);
  });

  it("has no backbone count when the policy defines no one as backbone (a non-boolean definition is not one)", () => {
    for (const def of ["", `define backbone = {"市级骨干教师"}\n`]) {
      const r = run(`${def}check c for each school: count(moves) >= 0`);
      for (const s of r.schools) expect(s).not.toHaveProperty("backboneOut");
    }
  });

  it("counts the due, the deferred and the due moved per school", () => {
    const r = run(`check c for each school: count(moves) >= 0`);
    expect(r.schools.map((s) => [s.school.id, s.teachers, s.movedOut, s.movedIn])).toEqual([
      ["A", 2, 2, 0],
      ["B", 0, 0, 1],
      ["C", 1, 0, 1],
      ["X", 1, 0, 0],
    ]);
  });
});

describe("checks and their tallies", () => {
  it("the tallies are of the checks only: statistics and entitlements have none", () => {
    const r = run(
      `report share for each school: count(moves) / count(teachers)\n` +
        `entitle e for each move: years >= 2 years\n` +
        `check c for each school: count(moves) >= 0`,
    );
    expect(r.evaluated).toHaveLength(1);
    expect(r.evaluated[0]).toMatchObject({ passed: 4, failed: 0, notApplicable: 0, undetermined: 0 });
  });

  it("an entitlement whose `where` is a share over nobody is not listed (not applicable, not refused)", () => {
    const r = run(
      `entitle e for each school where count(moves) / count(teachers where tenure >= 30 years) >= 10%: true`,
    );
    expect(r.entitlements).toEqual([]);
  });

  it("a share over nobody together with a missing fact is undetermined, not not-applicable", () => {
    const r = run(
      `check c for each school: count(moves) / count(teachers where tenure >= 30 years) >= 10% or school.tier is "quality"`,
    );
    // A is quality (passes); B and C: the share over nobody alone (not applicable); X: its tier is missing too.
    expect(r.evaluated[0]).toMatchObject({ passed: 1, failed: 0, notApplicable: 2, undetermined: 1 });
    expect(r.undetermined.map((u) => u.subject.id)).toEqual(["X"]);
  });

  it("a roster without a plan has no moves to check", () => {
    const { plan: _plan, ...noPlan } = RAW;
    const r = run("check c for each move: years >= 1 year", "must", read(noPlan));
    expect(r.evaluated[0]).toMatchObject({ passed: 0, failed: 0, notApplicable: 0, undetermined: 0 });
    expect(r.schools.every((s) => s.movedOut === 0 && s.movedIn === 0)).toBe(true);
  });
});

describe("progress of a long run", () => {
  it("reports deciding from 0 to all, then each check in turn", () => {
    const seen: string[] = [];
    const onProgress: OnProgress = (phase, done, total) => seen.push(`${phase} ${done}/${total}`);
    checkPlan(
      program("check a for each school: count(moves) >= 0\ncheck b for each move: years >= 1 year"),
      data,
      new Map(),
      onProgress,
    );
    expect(seen).toEqual(["decide 0/4", "decide 4/4", "check 0/2", "check 1/2"]);
  });
});

describe("rows a roster reader turned away", () => {
  const intake = (over: Partial<Intake>): Intake => ({
    teachersIn: 5,
    rejectedTeachers: [],
    schoolsIn: 4,
    schoolsRejected: 0,
    movesIn: 2,
    movesRejected: 0,
    ...over,
  });
  const subject = (...ids: string[]) => ({ schools: ids.map((id) => data.schoolById.get(id)!) }) as unknown as Subject;

  it("none rejected, or no intake: no subject is affected", () => {
    expect(rejectedRowsOf(undefined)(subject("A"))).toBeUndefined();
    expect(rejectedRowsOf(intake({}))(subject("A"))).toBeUndefined();
  });

  it("a rejected teacher row affects the subjects of its school only, naming the row", () => {
    const why = rejectedRowsOf(intake({ rejectedTeachers: [{ row: "教师!7", id: "T9", school: "A" }] }));
    expect(why(subject("A"))).toEqual({ code: "E001", fact: "未采用的行 教师!7" });
    expect(why(subject("B", "A"))).toEqual({ code: "E001", fact: "未采用的行 教师!7" });
    expect(why(subject("C"))).toBeUndefined();
  });

  it("more than five rows are shown as the first five and an ellipsis", () => {
    const rows = [2, 3, 4, 5, 6, 7].map((n) => ({ row: `r${n}`, school: "A" }));
    expect((rejectedRowsOf(intake({ rejectedTeachers: rows }))(subject("A")) as { fact: string }).fact).toBe(
      "未采用的行 r2、r3、r4、r5、r6……",
    );
  });

  it("a rejected row whose school is unknown, a rejected plan row or school row affects every subject", () => {
    for (const over of [
      { rejectedTeachers: [{ row: "r2" }] },
      { movesRejected: 1 },
      { schoolsRejected: 1 },
    ] as Partial<Intake>[]) {
      const why = rejectedRowsOf(intake(over));
      expect(why(subject("C")), JSON.stringify(over)).toMatchObject({ code: "E001" });
    }
  });

  it("in a plan check: the school of a rejected row is undetermined, the others are decided", () => {
    const withRejects = { ...data, intake: intake({ rejectedTeachers: [{ row: "教师!7", school: "C" }] }) };
    const r = run("check c for each school: count(moves) >= 1", "must", withRejects);
    expect(r.undetermined.map((u) => [u.subject.id, u.reasons])).toEqual([
      ["C", [{ code: "E001", fact: "未采用的行 教师!7" }]],
    ]);
    expect(r.violations.map((v) => v.subject.id)).toEqual(["B", "X"]);
    expect(r.complete).toBe(false);
  });
});
