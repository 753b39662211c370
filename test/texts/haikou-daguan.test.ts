// 海口 HK-2-4 (issue 12): “从20xx年开始……用于在偏远学校任教而家不在任教学校所在村的教师生活、交通补贴” —
// an entitlement, listed by `lungang check` for the teachers of the four remote schools
// (not moved away) and for the moves into them: granted when the teacher's home village
// is not the school's village (both facts declared in policies/haikou-daguan/facts.policy,
// ADR 0003). The start year is redacted: without a value nothing can be told. YAML plan
// tests cannot state entitlements, so they are pinned here.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../src/api/compile.js";
import { parseDatasetText } from "../../src/data/read.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { ROOT } from "../support/policy.js";

const hk = (params: Record<string, string>) =>
  compilePolicy(join(ROOT, "policies", "haikou-daguan"), { params }).value!;

const teacher = (id: string, school: string, home?: string) => ({
  id,
  sex: "female",
  birth_date: "1990-01-01",
  role: "teacher",
  established: true,
  on_post: true,
  full_time: true,
  school,
  school_since: "2020-09-01",
  ...(home === undefined ? {} : { home_village: home }),
});

function subsidies(params: Record<string, string>) {
  const policy = hk(params);
  const read = parseDatasetText(
    JSON.stringify({
      as_of: "2025-09-01",
      schools: [
        { id: "H01", name: "海口中心小学", location: "town", tier: "quality", village: "海口村" },
        { id: "H02", name: "培文小学", location: "remote", tier: "weak", village: "培文村" },
        { id: "H03", name: "保婴小学", location: "remote", tier: "weak", village: "保婴村" },
      ],
      teachers: [
        teacher("A", "H02", "培文村"), // at a remote school, home in its village
        teacher("B", "H02", "海口村"), // at a remote school, home elsewhere
        teacher("C", "H02"), // home not recorded
        teacher("D", "H01", "培文村"), // not at a remote school
        teacher("E", "H01", "海口村"), // moved into 保婴小学
        teacher("F", "H02", "海口村"), // moved out of the remote schools
        teacher("G", "H01", "保婴村"), // moved into 保婴小学, whose village is home
      ],
      plan: {
        moves: [
          { teacher: "E", from: "H01", to: "H03", years: 2 },
          { teacher: "F", from: "H02", to: "H01", years: 2 },
          { teacher: "G", from: "H01", to: "H03", years: 2 },
        ],
      },
    }),
    "data.json",
    "json",
    { schema: policy.checked.input },
  );
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return Object.fromEntries(
    checkPlan(policy.program, read.value!, policy.params)
      .entitlements.filter((e) => e.clause.id === "HK-2-4")
      .map((e) => [e.teacher, e.granted]),
  );
}

describe("海口 HK-2-4: living and travel subsidy at the remote schools for teachers living elsewhere", () => {
  it("granted when home is not the school's village, for those teaching there and those moved there", () => {
    expect(subsidies({ 生活交通补贴起始年份: "2020" })).toEqual({
      A: false,
      B: true,
      C: "unknown",
      E: true,
      G: false,
    });
  });
  it("from the start year on: in 2025 with a start in 2025 it is granted; with 2026, not yet", () => {
    expect(subsidies({ 生活交通补贴起始年份: "2025" })).toMatchObject({ B: true, E: true });
    expect(subsidies({ 生活交通补贴起始年份: "2026" })).toEqual({
      A: false,
      B: false,
      C: false,
      E: false,
      G: false,
    });
  });
  it("without the redacted start year nothing can be told", () => {
    expect(Object.values(subsidies({}))).toEqual(["unknown", "unknown", "unknown", "unknown", "unknown"]);
  });
});
