// 章贡 ZG-5's selection order, the parts the src/plan mutation run found
// untested: who is a candidate (due; a volunteer only when a 可自愿 rule admits
// them; an unknown admission is "maybe"), how each key compares (by its type),
// the tally a report prints, a person whose own decision is unknown on either
// side of the comparison, the pairwise path (a key missing somewhere in the
// school) answering as the fast one does, a month-only date that decides, and
// rejected roster rows.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../src/api/compile.js";
import type { Dataset } from "../../src/data/model.js";
import { parseDatasetText } from "../../src/data/read.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { checkPlan, type PlanResult } from "../../src/plan/check-plan.js";
import { candidacy, keyKinds } from "../../src/plan/order.js";
import { monthRange } from "../../src/time/date.js";
import { ROOT } from "../support/policy.js";

const params = { 校长任职年限门槛: "6年", 教师任教年限门槛: "6年", 内部调整规定年限: "3年" };
const zg = compilePolicy(join(ROOT, "policies", "zhanggong"), { params }).value!;
const cases = (
  parse(readFileSync(join(ROOT, "policies/zhanggong/tests/order.yaml"), "utf8")) as {
    plans: { name: string; dataset: Record<string, unknown> }[];
  }
).plans;

type Row = Record<string, unknown>;
/** Case `i`'s dataset, each teacher changed by `edit` (return the row to keep it). */
function dataset(i: number, edit: (t: Row) => Row = (t) => t): Dataset {
  const raw = { ...cases[i]!.dataset, teachers: (cases[i]!.dataset.teachers as Row[]).map((t) => edit({ ...t })) };
  const read = parseDatasetText(JSON.stringify(raw), "order.json", "json", { schema: zg.checked.input });
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return read.value!;
}
const drop = (id: string, field: string) => (t: Row) => {
  if (t.id === id) delete t[field];
  return t;
};
const both =
  (...edits: ((t: Row) => Row)[]) =>
  (t: Row) =>
    edits.reduce((r, e) => e(r), t);

const zg5 = (r: PlanResult) => ({
  violations: r.violations.filter((v) => v.clause.id === "ZG-5"),
  undetermined: r.undetermined.filter((u) => u.clause.id === "ZG-5"),
  tally: r.evaluated.find((e) => e.check.clause.id === "ZG-5")!,
});
const tally = (t: ReturnType<typeof zg5>["tally"]) => [t.passed, t.failed, t.notApplicable, t.undetermined];

describe("who the order chooses among", () => {
  const data = dataset(0);
  const frame = (p = zg) =>
    newFrame(
      worldOf(p.program.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }, p.params),
    );
  const t = (id: string) => data.teacherById.get(id)!;

  it("the due are candidates, the indeterminate may be, the others are not", () => {
    const f = frame();
    expect(candidacy(zg.program, t("N01"), "required", f)).toBe("yes");
    expect(candidacy(zg.program, t("N01"), "indeterminate", f)).toBe("maybe");
    expect(candidacy(zg.program, t("N01"), "not_required", f)).toBe("no");
    expect(candidacy(zg.program, t("A01"), "deferred", f)).toBe("no");
  });

  it("a volunteer not due is a candidate when the 可自愿 rule admits them, maybe when that is unknown", () => {
    // A01 at the school since: 5 years (not due under 6, admitted from 3), 1 year (not admitted).
    const at = (since: string) => dataset(0, (r) => (r.id === "A01" ? { ...r, school_since: since } : r));
    const ask = (p: typeof zg, d: Dataset) => {
      const f = newFrame(
        worldOf(p.program.policy, { asOf: d.asOf, schools: d.schoolById, teachers: d.teacherById }, p.params),
      );
      const a01 = d.teacherById.get("A01")!;
      const decision = p.program.decideValue(a01, f);
      return [decision, candidacy(p.program, a01, decision, f)];
    };
    expect(ask(zg, at("2020-09-01"))).toEqual(["not_required", "yes"]);
    expect(ask(zg, at("2024-09-01"))).toEqual(["not_required", "no"]);
    // The same five years without an application: not a candidate (the rule admits only who applies).
    const notApplying = dataset(0, (r) =>
      r.id === "A01" ? { ...r, school_since: "2020-09-01", volunteer: false } : r,
    );
    expect(ask(zg, notApplying)).toEqual(["not_required", "no"]);
    // Without 内部调整规定年限 the admission (ZG-4-3) cannot be decided.
    const bare = compilePolicy(join(ROOT, "policies", "zhanggong"), {
      params: { 校长任职年限门槛: "6年", 教师任教年限门槛: "6年" },
    }).value!;
    expect(ask(bare, at("2020-09-01"))).toEqual(["not_required", "maybe"]);
  });

  it("each key compares by its declared type: durations, a condition (职称 不低于 一级), a date", () => {
    expect(keyKinds(zg.program.policy, zg.program.orders[0]!.info)).toEqual(["duration", "bool", "date", "duration"]);
  });
});

describe("the order's tally per school", () => {
  it("a breach at S01, nothing chosen at S02 and S03", () => {
    expect(tally(zg5(checkPlan(zg.program, dataset(1), zg.params)).tally)).toEqual([0, 1, 2, 0]);
  });
  it("the order kept at S01", () => {
    expect(tally(zg5(checkPlan(zg.program, dataset(0), zg.params)).tally)).toEqual([1, 0, 2, 0]);
  });
  it("a missing key that decides at S02", () => {
    expect(tally(zg5(checkPlan(zg.program, dataset(6), zg.params)).tally)).toEqual([0, 0, 2, 1]);
  });
});

describe("a person whose own decision is unknown", () => {
  // Case 1 moves the applicants and N02 (14 years) and leaves N01 (16 years): a breach when both are due.
  it("the one moved: the comparison with the one left who comes first is undetermined, naming the moved", () => {
    const r = zg5(checkPlan(zg.program, dataset(1, drop("N02", "full_time")), zg.params));
    expect(r.violations).toEqual([]);
    expect(r.undetermined.map((u) => [u.subject.id, u.between, u.reasons])).toEqual([
      ["S01", { selected: "N02", passedOver: "N01" }, [{ code: "E001", fact: "个人决定(N02)" }]],
    ]);
  });

  it("the one left: undetermined, naming the one left", () => {
    const r = zg5(checkPlan(zg.program, dataset(1, drop("N01", "full_time")), zg.params));
    expect(r.violations).toEqual([]);
    expect(r.undetermined.map((u) => [u.between, u.reasons])).toEqual([
      [{ selected: "N02", passedOver: "N01" }, [{ code: "E001", fact: "个人决定(N01)" }]],
    ]);
  });
});

describe("with a key missing somewhere in the school (every pair compared)", () => {
  // A01's title date is not recorded: an applicant, always first, so it never decides.
  const noA01Date = drop("A01", "title_since");

  it("a breach is the same breach", () => {
    const r = zg5(checkPlan(zg.program, dataset(1, noA01Date), zg.params));
    expect(r.violations.map((v) => [v.order!.selected, v.order!.passedOver, v.order!.key])).toEqual([
      ["N02", "N01", 0],
    ]);
    expect(r.undetermined).toEqual([]);
  });

  it("a tie is still no breach", () => {
    const r = zg5(checkPlan(zg.program, dataset(2, noA01Date), zg.params));
    expect(r.violations).toEqual([]);
    expect(r.undetermined).toEqual([]);
    expect(tally(r.tally)).toEqual([1, 0, 2, 0]);
  });

  it("a person whose decision is unknown makes it undetermined, naming them", () => {
    const r = zg5(checkPlan(zg.program, dataset(1, both(noA01Date, drop("N01", "full_time"))), zg.params));
    expect(r.violations).toEqual([]);
    expect(r.undetermined.map((u) => [u.between, u.reasons])).toEqual([
      [{ selected: "N02", passedOver: "N01" }, [{ code: "E001", fact: "个人决定(N01)" }]],
    ]);
  });
});

describe("a date known only to the month", () => {
  it("when it decides, the school is undetermined (E010, naming the key)", () => {
    // The tabular reader makes “2013.09” the month's DayRange (JSON and YAML take whole dates only).
    const data = dataset(6, (t) => (t.id === "M02" ? { ...t, title_since: "2013-09-01" } : t));
    const m02 = data.teacherById.get("M02")! as unknown as Record<string, unknown>;
    m02.title_since = monthRange(2013, 9);
    const r = zg5(checkPlan(zg.program, data, zg.params));
    expect(r.violations).toEqual([]);
    expect(r.undetermined.map((u) => [u.subject.id, u.reasons])).toEqual([
      ["S02", [{ code: "E010", fact: "职称取得日期" }]],
    ]);
  });
});

describe("rows a roster reader turned away", () => {
  it("make the order's answer for their school undetermined, with no pair named", () => {
    const data = dataset(0);
    const intake = {
      teachersIn: 10,
      rejectedTeachers: [{ row: "教师!12", school: "S01" }],
      schoolsIn: 3,
      schoolsRejected: 0,
      movesIn: 4,
      movesRejected: 0,
    };
    const r = zg5(checkPlan(zg.program, { ...data, intake }, zg.params));
    expect(r.undetermined.map((u) => [u.subject.id, u.reasons])).toEqual([
      ["S01", [{ code: "E001", fact: "未采用的行 教师!12" }]],
    ]);
    expect(r.undetermined[0]).not.toHaveProperty("between");
    expect(tally(r.tally)).toEqual([0, 0, 2, 1]);
  });
});
