// The figures a report charts per school (src/plan/figures.ts): each share a
// per-school check compares with a number, against that threshold — for
// schools that pass too — with the counts behind it and the relation as the
// policy wrote it. Not charted: shares over nobody, other conditions, schools
// a check is not about, checks of other subjects, statistics.

import { describe, expect, it } from "vitest";
import { parseDatasetText } from "../../src/data/read.js";
import { compile } from "../../src/interpreter/compile.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { schoolFigures } from "../../src/plan/figures.js";
import { HEADER, checkText } from "../support/policy.js";

// A: 2 teachers, 1 moved out (50%); C: 2 teachers, none moved (0%); B: 1 teacher, who arrived and is not counted.
const teacher = (id: string, school: string, since = "2010-09-01") => ({
  id,
  sex: "male",
  birth_date: "1980-01-01",
  role: "teacher",
  school,
  school_since: since,
});
const data = parseDatasetText(
  JSON.stringify({
    as_of: "2025-09-01",
    schools: [
      { id: "A", location: "urban", tier: "quality" },
      { id: "B", location: "rural", tier: "weak" },
      { id: "C", location: "urban", tier: "general" },
    ],
    teachers: [teacher("T1", "A"), teacher("T2", "A"), teacher("T3", "C"), teacher("T4", "C"), teacher("T5", "B")],
    plan: { moves: [{ teacher: "T1", from: "A", to: "B", mode: "full_time", years: 2, personnel_transfer: false }] },
  }),
  "data.json",
  "json",
).value!;

function figures(body: string) {
  const c = checkText(HEADER + `clause P-1 must source "原文" {\n${body}\n}`);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  const program = compile(c.policy!);
  const out = schoolFigures(program, data, checkPlan(program, data));
  return Object.fromEntries([...out].map(([id, list]) => [id, list.map((f) => ({ ...f }))]));
}

describe("per-school figures for charts", () => {
  it("a share against its threshold for every school, passing or not, with the counts and the relation", () => {
    const f = figures(
      `check c for each school where school.location is "urban": count(moves) / count(teachers) >= 40%`,
    );
    expect(f).toEqual({
      A: [{ clause: "P-1", label: "c", value: 0.5, num: 1, den: 2, threshold: 0.4, op: "≥", ok: true }],
      C: [{ clause: "P-1", label: "c", value: 0, num: 0, den: 2, threshold: 0.4, op: "≥", ok: false }],
    });
  });

  it("each relation is shown as written", () => {
    const ops: [string, string][] = [
      [">=", "≥"],
      [">", ">"],
      ["<=", "≤"],
      ["<", "<"],
    ];
    for (const [op, shown] of ops) {
      const f = figures(`check c for each school: count(moves) / count(teachers) ${op} 50%`);
      expect(f.A![0]!.op, op).toBe(shown);
      expect(f.A![0]!.ok, op).toBe(op === ">=" || op === "<=");
    }
  });

  it("a school a check's `where` or `only if` leaves out is not charted", () => {
    const share = "count(moves) / count(teachers) >= 40%";
    for (const head of [`where school.tier is "quality"`, `only if school.tier is "quality"`]) {
      expect(Object.keys(figures(`check c for each school ${head}: ${share}`)), head).toEqual(["A"]);
    }
  });

  it("a share over nobody, a count, a condition and a comparison with no number are not charted", () => {
    // B has no teacher who has been there 30 years: a share over nobody is not a bar at 0.
    expect(figures("check c for each school: count(moves) / count(teachers where tenure >= 30 years) >= 10%")).toEqual(
      {},
    );
    expect(figures("check c for each school: count(moves) >= 1")).toEqual({});
    expect(figures(`check c for each school: not (school.tier is "weak")`)).toEqual({});
    expect(figures("check c for each school: count(moves) / count(teachers) == 50%")).toEqual({});
  });

  it("only the share conjuncts of a check are charted, each against its own threshold", () => {
    const f = figures(
      "check c for each school: count(moves) >= 0 and count(moves) / count(teachers) >= 40% and count(moves) / count(teachers) <= 60%",
    );
    expect(f.A!.map((x) => [x.op, x.threshold, x.ok])).toEqual([
      ["≥", 0.4, true],
      ["≤", 0.6, true],
    ]);
  });

  it("checks of other subjects, entitlements and statistics give no figures", () => {
    const share = "count(moves) / count(teachers) >= 40%";
    expect(figures(`check c for each district: ${share}`)).toEqual({});
    expect(figures(`check c for each plan: ${share}`)).toEqual({});
    expect(figures(`entitle e for each school: ${share}`)).toEqual({});
    expect(figures(`report r for each school: count(moves) / count(teachers)`)).toEqual({});
  });

  it("a share that asks who moved reads the plan", () => {
    const f = figures("check c for each school: count(teachers where moved) / count(teachers) >= 40%");
    expect([f.A![0]!.num, f.A![0]!.den, f.C![0]!.num]).toEqual([1, 2, 0]);
  });

  it("the counts are of the plan's moves: without a plan every share is 0", () => {
    const c = checkText(
      HEADER + `clause P-1 must source "原文" {\ncheck c for each school: count(moves) / count(teachers) >= 40%\n}`,
    );
    const program = compile(c.policy!);
    const noPlan = { ...data, plan: undefined };
    const f = schoolFigures(program, noPlan, checkPlan(program, noPlan));
    expect([...f].map(([id, l]) => [id, l[0]!.num, l[0]!.den])).toEqual([
      ["A", 0, 2],
      ["B", 0, 1],
      ["C", 0, 2],
    ]);
  });
});
