// Plan checks grouped by every kind of subject (school, district, group,
// location, tier, plan), shares over empty sets, and the per-school summary.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { Ratio } from "../../src/interpreter/values.js";
import { parseDatasetText } from "../../src/data/read.js";
import { HEADER, checkText } from "../support/policy.js";

const data = parseDatasetText(
  JSON.stringify({
    as_of: "2025-09-01",
    schools: [
      { id: "A", district: "D1", location: "urban", tier: "quality", group: "G" },
      { id: "B", district: "D1", location: "rural", tier: "weak", group: "G" },
      { id: "C", district: "D2", location: "urban", tier: "general" },
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
      { id: "T2", sex: "female", birth_date: "1985-01-01", role: "teacher", school: "A", school_since: "2020-09-01" },
      { id: "T3", sex: "male", birth_date: "1982-01-01", role: "teacher", school: "C", school_since: "2012-09-01" },
    ],
    plan: { moves: [{ teacher: "T1", from: "A", to: "B", mode: "full_time", years: 2, personnel_transfer: false }] },
  }),
  "data.json",
  "json",
).value!;

function run(body: string) {
  const c = checkText(HEADER + `clause P-1 must source "必须" {\n${body}\n}`);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  return checkPlan(compile(c.policy!), data);
}
const subjects = (r: ReturnType<typeof run>) => r.violations.map((v) => `${v.subject.kind}:${v.subject.id}`).sort();

describe("plan check subjects", () => {
  it("groups schools by school, district, group, location, tier and the whole plan", () => {
    expect(subjects(run("check c for each school: count(moves) >= 1"))).toEqual(["school:B", "school:C"]);
    expect(subjects(run("check c for each district: count(moves) >= 1"))).toEqual(["district:D2"]);
    expect(subjects(run("check c for each group: count(moves_in) >= 2"))).toEqual(["group:G"]);
    // Urban schools A and C send one move; rural B sends none.
    expect(subjects(run("check c for each location: count(moves) >= 1"))).toEqual(["location:rural"]);
    expect(subjects(run(`check c for each tier where tier is "weak": count(moves_in) == 0`))).toEqual(["tier:weak"]);
    expect(subjects(run("check c for each plan: count(moves) >= 2"))).toEqual(["plan:plan"]);
  });
  it("subjects a check's `where` excludes count as not applicable, never as passed", () => {
    const r = run(`check c for each school where school.location is "urban": count(moves) >= 1`);
    // A (urban) passes, C (urban) fails, B (rural) is excluded.
    expect(r.evaluated[0]).toMatchObject({ passed: 1, failed: 1, notApplicable: 1 });
  });
  it("entitlements are listed for the subjects they are about, granted or not", () => {
    const r = run(`entitle e for each move where to.location is "rural": years >= 2 years`);
    expect(r.entitlements.map((x) => [x.subject.id, x.granted])).toEqual([["T1:A→B", true]]);
    expect(run(`entitle e for each move where to.location is "urban": true`).entitlements).toEqual([]);
  });
  it("per-move and per-teacher checks name the move and the teacher", () => {
    expect(subjects(run("check c for each move: personnel_transfer"))).toEqual(["move:T1:A→B"]);
    expect(subjects(run("check c for each teacher where tenure >= 9 years: moved"))).toEqual(["teacher:T3"]);
  });
  it("a share over an empty set is not applicable, not a violation; exactly at the threshold passes", () => {
    const r = run("check c for each school: count(moves) / count(teachers where tenure >= 9 years) >= 100%");
    // A: 1/1 = 100% passes; B: nobody due → not applicable; C: 0/1 fails.
    expect(subjects(r)).toEqual(["school:C"]);
    expect(r.evaluated[0]).toMatchObject({ passed: 1, failed: 1, notApplicable: 1 });
  });
  it("the per-school summary counts backbone teachers moved out when the policy defines them", () => {
    const r = run(
      `define 是骨干教师 = honors intersects {"市级骨干教师"}\ncheck c for each school: count(moves where 是骨干教师) >= 0`,
    );
    expect(r.schools.find((s) => s.school.id === "A")?.backboneOut).toBe(1);
  });
});

describe("statistics (统计)", () => {
  it("are computed per subject and never violations", () => {
    const c = checkText(
      HEADER +
        `clause P-1 must source "必须" {\n  report moved_share for each district: count(moves) / count(teachers)\n}`,
    );
    expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
    const r = checkPlan(compile(c.policy!), data);
    expect(r.violations).toEqual([]);
    // A share keeps its numerator and denominator (shown as “50% (1/2)”).
    const shown = r.statistics.map(
      (s) => `${s.subject.id} ${s.value instanceof Ratio ? `${s.value.num}/${s.value.den}` : String(s.value)}`,
    );
    expect(shown.sort()).toEqual(["D1 1/2", "D2 0/1"]);
  });
  it("must be figures, not conditions", () => {
    const c = checkText(
      HEADER + `clause P-1 must source "必须" {\n  report bad for each district: count(moves) > 0\n}`,
    );
    expect(c.all.map((d) => d.code)).toContain("T004");
  });
});
