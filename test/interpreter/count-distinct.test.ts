// 非重复计数 / count_distinct, the aggregate of distinct values: “2所以上学校工作经历”
// counts schools, not periods of service. Checked by the type checker (a value
// is required, and it must be one that is equal or not), and evaluated alike by
// the compiled program and the reference evaluator, in three-valued logic: an
// element whose condition is unknown leaves the count unknown only if its value
// is not already counted.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { referenceDecide } from "../../src/interpreter/reference.js";
import type { School, Teacher } from "../../src/data/model.js";
import { fromYmd } from "../../src/time/date.js";
import { HEADER, checkText } from "../support/policy.js";

const day = (s: string) => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return fromYmd(y, m, d)!;
};
const schools = new Map<string, School>(["S1", "S2", "S3"].map((id) => [id, { id }] as const));
const period = (school: string, from: string, to: string, rotation?: boolean) => ({
  school,
  from: day(from),
  to: day(to),
  ...(rotation !== undefined ? { rotation } : {}),
});
function person(history: unknown[]): Teacher {
  return {
    id: "T",
    sex: "male",
    birth_date: day("1980-01-01"),
    role: "teacher",
    school: "S1",
    school_since: day("2020-09-01"),
    honors: [],
    conditions: [],
    deferred_years: 0,
    volunteer: false,
    history,
  } as unknown as Teacher;
}

const POLICY = `clause A-1 must source "具有2所以上学校工作经历" {
  prerequisite two_schools: when 非重复计数(任职经历 其中 时长 不少于 1年, 学校) 不少于 2
}`;
const POLICY_EN = `clause A-1 must source "具有2所以上学校工作经历" {
  prerequisite two_schools: when count_distinct(service where rotation, school) at least 2
}`;

/** The prerequisite's value for one person, by both evaluators (which must agree). */
function value(text: string, t: Teacher): boolean | "unknown" {
  const c = checkText(HEADER + text);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  const w = worldOf(c.policy!, { asOf: day("2024-09-01"), schools });
  const compiled = compile(c.policy!).decide(t, newFrame(w)).results[0]!.value;
  const reference = referenceDecide(c.policy!, t, w).results[0]!.value;
  const show = (v: unknown) => (typeof v === "boolean" ? v : "unknown");
  expect(show(compiled)).toBe(show(reference));
  return show(compiled);
}

describe("非重复计数 (count_distinct)", () => {
  it("counts schools, not periods: two periods at one school are one school", () => {
    // S2 twice (two long periods) and the current school S1 (four years).
    expect(
      value(POLICY, person([period("S2", "2010-01-01", "2014-12-31"), period("S2", "2015-01-01", "2020-08-31")])),
    ).toBe(true);
    // Only S1: the current school and an earlier period there.
    expect(value(POLICY, person([period("S1", "2010-01-01", "2014-12-31")]))).toBe(false);
  });

  it("applies its condition before counting (a short period does not count)", () => {
    expect(value(POLICY, person([period("S2", "2020-01-01", "2020-03-31")]))).toBe(false);
  });

  it("an unknown condition matters only for a value not already counted", () => {
    // rotation unknown on a period at S2 — S2 is counted anyway through a known rotation.
    const known = person([
      period("S2", "2010-01-01", "2012-12-31", true),
      period("S3", "2013-01-01", "2015-12-31", true),
      period("S2", "2016-01-01", "2018-12-31"),
    ]);
    expect(value(POLICY_EN, known)).toBe(true);
    // rotation unknown on the only period at S3: whether there are 2 schools depends on it.
    const open = person([period("S2", "2010-01-01", "2012-12-31", true), period("S3", "2013-01-01", "2015-12-31")]);
    expect(value(POLICY_EN, open)).toBe("unknown");
  });

  it("needs the value counted (T008) and one that can be equal or not (T004)", () => {
    const codes = (when: string) =>
      checkText(HEADER + `clause A-1 must source "x" {\n  prerequisite p: when ${when}\n}`).all.map((d) => d.code);
    expect(codes(`非重复计数(任职经历) 不少于 2`)).toContain("T008");
    expect(codes(`非重复计数(任职经历, 时长) 不少于 2`)).toContain("T004");
    expect(codes(`非重复计数(任职经历, 学校) 不少于 2`).filter((c) => !c.startsWith("W"))).toEqual([]);
  });
});
