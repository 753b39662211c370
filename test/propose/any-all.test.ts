// 存在 and 全部 over a school's moves in the proposal model: each becomes a
// count of the moves that witness it (存在: some move meets the condition, so
// witnesses ≥ 1) or break it (全部: every move meeting the filter meets the
// predicate, so breaches ≤ 0) — rows of the MIP like the counts, not skipped
// as unsupported — and the plan drafted meets them by the same check users run.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { parseDatasetText } from "../../src/data/read.js";
import { propose } from "../../src/propose/propose.js";
import { HEADER, checkText } from "../support/policy.js";

const DUE = `条款 P-1 必须 原文 "在同一学校任教满5年的教师应交流" {
  应交流 满五年: 当 岗位 是 "教师" 且 本校任教年限 满 5年
}
`;
const QUOTA = `条款 P-2 必须 原文 "有应交流教师的学校至少交流2人" {
  检查 至少两人 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0: 计数(调出) 不少于 2
}
`;

/** Four schools: S1 (urban) has six teachers due; S2 is rural, S3 urban, S4 a town school. */
function district(): string {
  const loc: Record<string, string> = { S1: "urban", S2: "rural", S3: "urban", S4: "town" };
  const schools = Object.entries(loc).map(
    ([id, l]) => `  - { id: ${id}, name: 学校${id}, district: 甲区, location: ${l} }`,
  );
  const teachers: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const school = i <= 8 ? "S1" : `S${2 + (i % 3)}`;
    const since = i <= 6 ? "2015-09-01" : "2023-09-01";
    teachers.push(
      `  - { id: T${String(i).padStart(2, "0")}, sex: female, birth_date: 1985-01-01, role: teacher, school: ${school}, school_since: ${since} }`,
    );
  }
  return `as_of: 2025-09-01\nschools:\n${schools.join("\n")}\nteachers:\n${teachers.join("\n")}\n`;
}

async function proposeWith(rules: string) {
  const c = checkText(HEADER + DUE + QUOTA + rules);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  const p = await propose(compile(c.policy!), parseDatasetText(district(), "d.yaml", "yaml").value!);
  expect(p.unsupported).toEqual([]);
  expect(p.residual).toEqual([]);
  expect(p.status).toBe("compliant");
  expect(p.check.compliant).toBe(true);
  return p.plan.moves.filter((m) => m.from === "S1");
}

describe("存在 and 全部 over moves in proposals", () => {
  it("存在: at least one of the school's moves goes to a rural school", async () => {
    const out = await proposeWith(`条款 P-3 必须 原文 "每校至少一人到农村学校交流" {
  检查 至少一人到农村 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0:
    存在(调出 其中 调入学校.地域 是 "农村")
}
`);
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(out.some((m) => m.to === "S2")).toBe(true);
  });

  it("全部 with a predicate: every move out of the city goes to a rural school, none to the town school", async () => {
    const out = await proposeWith(`条款 P-3 必须 原文 "每校至少一人到农村学校交流" {
  检查 至少一人到农村 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0:
    存在(调出 其中 调入学校.地域 是 "农村")
}
条款 P-4 必须 原文 "到城区以外交流的，应到农村学校" {
  检查 城外即农村 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0:
    全部(调出 其中 调入学校.地域 不是 "城区", 调入学校.地域 是 "农村")
}
`);
    expect(out.some((m) => m.to === "S2")).toBe(true);
    expect(out.some((m) => m.to === "S4")).toBe(false);
  });

  it("a 全部 that reads the move's own attributes is named unsupported, never called infeasible", async () => {
    const c = checkText(
      HEADER +
        DUE +
        QUOTA +
        `条款 P-3 必须 原文 "交流期间人事关系不变" {
  检查 人事关系不变 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0:
    全部(调出 其中 非 人事关系调转)
}
`,
    );
    const p = await propose(compile(c.policy!), parseDatasetText(district(), "d.yaml", "yaml").value!);
    expect(p.unsupported.map((u) => u.why)).toEqual([
      "all(…) over 调出 reads a move's own mode, years or transfer, which the model fixes per receiving school",
    ]);
    expect(p.infeasible.map((r) => r.clause.id)).toEqual([]);
  });
});
