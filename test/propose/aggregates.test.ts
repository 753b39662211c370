// Move-level aggregates in the proposal model: 非重复计数 over the receiving
// schools (an indicator per school: moved to or not) and 合计 over the moves'
// years are rows of the MIP like counts — not skipped as unsupported — and the
// plan drafted meets them by the same check users run.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { parseDatasetText } from "../../src/data/read.js";
import { propose } from "../../src/propose/propose.js";
import { HEADER, checkText } from "../support/policy.js";

const POLICY = `条款 P-1 必须 原文 "在同一学校任教满5年的教师应交流" {
  应交流 满五年: 当 岗位 是 "教师" 且 本校任教年限 满 5年
}
条款 P-2 必须 原文 "各校交流人员应分赴至少3所学校，交流年限合计不少于10年" {
  检查 分赴多校 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0:
    非重复计数(调出, 调入学校) 不少于 3
  检查 年限合计 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0:
    合计(调出, 交流年限) 不少于 10年
}
`;

/** Four schools; at S1 six teachers are due, elsewhere nobody is. */
function district(): string {
  const schools = ["S1", "S2", "S3", "S4"].map((id) => `  - { id: ${id}, name: 学校${id}, district: 甲区 }`);
  const teachers: string[] = [];
  for (let i = 1; i <= 16; i++) {
    const school = i <= 10 ? "S1" : `S${2 + (i % 3)}`;
    const since = i <= 6 ? "2015-09-01" : "2023-09-01";
    teachers.push(
      `  - { id: T${String(i).padStart(2, "0")}, sex: female, birth_date: 1985-01-01, role: teacher, school: ${school}, school_since: ${since} }`,
    );
  }
  return `as_of: 2025-09-01\nschools:\n${schools.join("\n")}\nteachers:\n${teachers.join("\n")}\n`;
}

describe("count_distinct and sum over moves in proposals", () => {
  it("spreads the moves over 3 receiving schools and sums their years, as the check requires", async () => {
    const c = checkText(HEADER + POLICY);
    expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
    const program = compile(c.policy!);
    const data = parseDatasetText(district(), "d.yaml", "yaml").value!;
    const p = await propose(program, data);
    expect(p.unsupported).toEqual([]);
    expect(p.residual).toEqual([]);
    expect(p.status).toBe("compliant");
    expect(p.check.compliant).toBe(true);
    const out = p.plan.moves.filter((m) => m.from === "S1");
    expect(new Set(out.map((m) => m.to)).size).toBeGreaterThanOrEqual(3);
    expect(out.reduce((n, m) => n + (m.years ?? 0), 0)).toBeGreaterThanOrEqual(10);
    // As few moves as the rules need: the years summed need 4 moves of 3 years.
    expect(out.length).toBe(4);
  });
});
