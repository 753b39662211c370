// The bureau's requests (`propose --constraints FILE`, key `requests`): what a
// receiving school asks for — a headcount and/or people per subject — are
// soft lower bounds on the people sent there. A request is met when the rules
// allow, reported short (with why) when not, and never makes the plan miss a
// rule: the plan stays what `check` finds compliant. The constraints file is
// validated field by field, every wrong field at once (R005, with its line,
// column and path); a file that is not YAML/JSON or not a mapping stays R002.

import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, type Program } from "../../src/interpreter/compile.js";
import { parseDatasetText } from "../../src/data/read.js";
import type { Dataset } from "../../src/data/model.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { readConstraints } from "../../src/propose/constraints.js";
import { propose, type BureauRequest, type Proposal } from "../../src/propose/propose.js";
import { proposalJson } from "../../src/render/propose.js";
import { HEADER, checkText, runCli } from "../support/policy.js";

const DUE = `条款 P-1 必须 原文 "在同一学校任教满5年的教师应交流" {
  应交流 满五年: 当 岗位 是 "教师" 且 本校任教年限 满 5年
}
`;
const QUOTA = `条款 P-2 必须 原文 "有应交流教师的学校至少交流1人" {
  检查 至少一人 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0: 计数(调出) 不少于 1
}
`;
/** A must-rule a request for many people would break: no school sends more than one. */
const AT_MOST_ONE = `条款 P-3 必须 原文 "每校调出不超过1人" {
  检查 至多一人 对每个 学校: 计数(调出) 不超过 1
}
`;
/** A should-rule met by one composite row (an indicator, priced once): a school with people due sends exactly one. */
const EXACTLY_ONE = `条款 P-4 原则上 原文 "有应交流教师的学校原则上交流1人" {
  检查 恰好一人 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0: 计数(调出) 是 1
}
`;

/**
 * Four schools of one district. S1: six people due (语文 ×3, 英语, 数学 ×2 —
 * the mathematicians last in the order, T04 and T06);
 * S2: one due (语文); S3 and S4: nobody due (物理 and 语文 at S3, 数学 at S4) —
 * so 物理 is taught, but nobody who may move teaches it.
 */
const TEACHERS: [string, string, string][] = [
  ["S1", "语文", "2015"],
  ["S1", "英语", "2015"],
  ["S1", "语文", "2015"],
  ["S1", "数学", "2015"],
  ["S1", "语文", "2015"],
  ["S1", "数学", "2015"],
  ["S2", "语文", "2015"],
  ["S3", "物理", "2023"],
  ["S3", "语文", "2023"],
  ["S4", "数学", "2023"],
];
const DISTRICT =
  "as_of: 2025-09-01\nschools:\n" +
  ["S1", "S2", "S3", "S4"].map((id) => `  - { id: ${id}, name: 学校${id}, district: 甲区 }\n`).join("") +
  "teachers:\n" +
  TEACHERS.map(
    ([school, subject, since], i) =>
      `  - { id: T${String(i + 1).padStart(2, "0")}, sex: female, birth_date: 1985-01-01, role: teacher, subject: ${subject}, school: ${school}, school_since: ${since}-09-01 }\n`,
  ).join("");

const data = (): Dataset => parseDatasetText(DISTRICT, "d.yaml", "yaml").value!;

function programOf(rules: string): { program: Program; policy: NonNullable<ReturnType<typeof checkText>["policy"]> } {
  const c = checkText(HEADER + rules);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  return { program: compile(c.policy!), policy: c.policy! };
}

type Req = Record<string, { count?: number; subjects?: Record<string, number> }>;
const requestsOf = (r: Req): Map<string, BureauRequest> =>
  new Map(
    Object.entries(r).map(([id, q]) => [
      id,
      {
        ...(q.count !== undefined ? { count: q.count } : {}),
        ...(q.subjects ? { subjects: new Map(Object.entries(q.subjects)) } : {}),
      },
    ]),
  );

async function proposeWith(rules: string, requests: Req, capacity?: Record<string, number>): Promise<Proposal> {
  const { program } = programOf(rules);
  const p = await propose(program, data(), {
    constraints: {
      requests: requestsOf(requests),
      ...(capacity ? { capacity: new Map(Object.entries(capacity)) } : {}),
    },
  });
  expect(p.unsupported).toEqual([]);
  expect(p.residual).toEqual([]);
  return p;
}

const into = (p: Proposal, school: string) => p.plan.moves.filter((m) => m.to === school);
const subjectOf = (id: string) => TEACHERS[Number(id.slice(1)) - 1]![1];

describe("the bureau's requests in a proposal", () => {
  it("meets a headcount request: the school gets the people it asked for, and the plan is compliant", async () => {
    // Without the request the rules move two people (one from S1, one from S2); S3 asks for three.
    const p = await proposeWith(DUE + QUOTA, { S3: { count: 3 } });
    expect(p.requests).toEqual([{ school: "S3", asked: 3, given: 3, met: true }]);
    expect(into(p, "S3")).toHaveLength(3);
    for (const s of p.selections) expect(s.requests).toEqual([{ school: "S3" }]);
    // As few moves as the rules and the request need.
    expect(p.plan.moves).toHaveLength(3);
    expect(p.status).toBe("compliant");
  });

  it("sends a requesting school what it asked for, not the spill of the other moves", async () => {
    // Two moves are needed anyway; S3 asks for one: the other goes elsewhere.
    const p = await proposeWith(DUE + QUOTA, { S3: { count: 1 } });
    expect(p.plan.moves).toHaveLength(2);
    expect(into(p, "S3")).toHaveLength(1);
    expect(p.requests[0]).toMatchObject({ asked: 1, given: 1, met: true });
  });

  it("meets a subject request with people of that subject, and names it as their reason", async () => {
    const p = await proposeWith(DUE + QUOTA, { S4: { subjects: { 数学: 2 } } });
    expect(p.requests).toEqual([{ school: "S4", subject: "数学", asked: 2, given: 2, met: true }]);
    const math = into(p, "S4").filter((m) => subjectOf(m.teacher) === "数学");
    expect(math).toHaveLength(2);
    for (const s of p.selections)
      expect(s.requests).toEqual(
        s.move.to === "S4" && subjectOf(s.teacher.id) === "数学" ? [{ school: "S4", subject: "数学" }] : [],
      );
    expect(p.status).toBe("compliant");
  });

  it("reports a request nobody may meet as short, and the plan stays compliant by check", async () => {
    // 物理 is taught at S3 only, by someone not due: nobody who may move teaches it.
    const p = await proposeWith(DUE + QUOTA, { S4: { count: 1, subjects: { 物理: 1 } } });
    expect(p.requests).toEqual([
      { school: "S4", asked: 1, given: 1, met: true },
      { school: "S4", subject: "物理", asked: 1, given: 0, met: false, why: { kind: "candidates", candidates: 0 } },
    ]);
    expect(p.status).toBe("compliant");
    const { program } = programOf(DUE + QUOTA);
    const checked = checkPlan(program, { ...data(), plan: p.plan });
    expect(checked.compliant).toBe(true);
  });

  it("never overrides a must-rule: a school that may send one sends one, and the request is short", async () => {
    const p = await proposeWith(DUE + QUOTA + AT_MOST_ONE, { S3: { count: 5 } });
    expect(p.status).toBe("compliant");
    expect(p.check.violations).toEqual([]);
    for (const from of ["S1", "S2"]) expect(p.plan.moves.filter((m) => m.from === from)).toHaveLength(1);
    // Seven people could go (S1's six and S2's one): it is the rule that leaves S3 three short.
    expect(p.requests).toEqual([
      { school: "S3", asked: 5, given: 2, met: false, why: { kind: "rules", candidates: 7 } },
    ]);
  });

  it("never costs a should-rule either, even when the people short together outweigh it", async () => {
    // Breaking P-4 once at S1 would meet the whole request (5 people short × 30 > 100): it stays met.
    const p = await proposeWith(DUE + EXACTLY_ONE, { S3: { count: 7 } });
    expect(p.check.violations.map((v) => `${v.clause.id} ${v.subject.id}`)).toEqual([]);
    expect(p.plan.moves.filter((m) => m.from === "S1")).toHaveLength(1);
    expect(p.requests[0]).toMatchObject({ asked: 7, given: 2, met: false, why: { kind: "rules" } });
  });

  it("says when a request is short because the school's capacity is reached", async () => {
    const p = await proposeWith(DUE + QUOTA, { S3: { count: 2 } }, { S3: 1 });
    expect(into(p, "S3")).toHaveLength(1);
    expect(p.requests).toEqual([
      { school: "S3", asked: 2, given: 1, met: false, why: { kind: "capacity", capacity: 1 } },
    ]);
  });

  it("is deterministic: the same roster and requests give the same answer", async () => {
    const { policy } = programOf(DUE + QUOTA);
    const req = { S3: { count: 2 }, S4: { subjects: { 数学: 1, 语文: 1 } } };
    const a = await proposeWith(DUE + QUOTA, req);
    const b = await proposeWith(DUE + QUOTA, req);
    expect(proposalJson(policy, data(), b, "zh")).toEqual(proposalJson(policy, data(), a, "zh"));
    expect(a.requests.every((q) => q.met)).toBe(true);
  });

  it("gives the JSON its requests, requests_met and each person's reasons.requests", async () => {
    const { policy } = programOf(DUE + QUOTA);
    const p = await proposeWith(DUE + QUOTA, { S4: { subjects: { 数学: 1, 物理: 1 } } });
    const j = proposalJson(policy, data(), p, "en");
    expect(j.requests).toEqual([
      { school: "S4", name: "学校S4", subject: "数学", asked: 1, given: 1, met: true, short: 0 },
      {
        school: "S4",
        name: "学校S4",
        subject: "物理",
        asked: 1,
        given: 0,
        met: false,
        short: 1,
        why: { kind: "candidates", candidates: 0 },
        reason: "nobody of the people who may be moved (物理) can be sent there",
      },
    ]);
    expect(j.requests_met).toBe(false);
    const served = j.selected.filter((s) => s.reasons.requests.length > 0);
    expect(served.map((s) => [s.to, subjectOf(s.teacher), s.reasons.requests])).toEqual([
      ["S4", "数学", [{ school: "S4", subject: "数学" }]],
    ]);
  });
});

/** A constraints file written to a fresh folder. */
function file(name: string, text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), "lungang-requests-")), name);
  writeFileSync(f, text);
  return f;
}

/** [code, path, line:col] of each diagnostic, from its message's position. */
const where = (ds: readonly Diagnostic[]) => ds.map((d) => [d.code, d.path, /:(\d+:\d+): /.exec(d.message)?.[1] ?? ""]);

describe("reading the constraints file", () => {
  it("reads requests: a headcount and people per subject", () => {
    const r = readConstraints(
      file("c.yaml", "requests:\n  S3: { count: 2 }\n  S4: { subjects: { 数学: 1 } }\n"),
      data(),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.requests).toEqual(requestsOf({ S3: { count: 2 }, S4: { subjects: { 数学: 1 } } }));
  });

  it("reports every wrong field at once, in file order, each at its line and column with its path", () => {
    const text = [
      "must_move: [T01, T99]", // T99: no such teacher
      "must_not_move: [T01]", // in both lists
      "capacity: { S1: -1 }", // not ≥ 0
      "requests:",
      "  S3: { count: 0 }", // not ≥ 1
      "  S4: { subjects: { 数学: 1.5 } }", // not a whole number
      "  S2: {}", // asks for nothing
      "",
    ].join("\n");
    const r = readConstraints(file("c.yaml", text), data());
    expect(r.value).toBeUndefined();
    expect(where(r.diagnostics)).toEqual([
      ["R005", "must_move[1]", "1:18"],
      ["R005", "must_not_move[0]", "2:17"],
      ["R005", "capacity.S1", "3:17"],
      ["R005", "requests.S3.count", "5:16"],
      ["R005", "requests.S4.subjects.数学", "6:25"],
      ["R005", "requests.S2", "7:7"],
    ]);
    // The span is the offending value itself, for the caret under it.
    const d = r.diagnostics[0]!;
    expect(text.slice(d.span!.start, d.span!.end)).toBe("T99");
  });

  it("names an unknown school, subject or key at the key itself, with the closest known one", () => {
    const text = "requests:\n  S9: { count: 1 }\n  S3: { counts: 1 }\n  S4: { subjects: { 数字: 1 } }\ncapasity: {}\n";
    const r = readConstraints(file("c.yaml", text), data());
    expect(where(r.diagnostics)).toEqual([
      ["R005", "requests.S9", "2:3"],
      // S3 asks for nothing (its only key is unknown): the mapping, then the key in it.
      ["R005", "requests.S3", "3:7"],
      ["R005", "requests.S3.counts", "3:9"],
      ["R005", "requests.S4.subjects.数字", "4:21"],
      ["R005", "capasity", "5:1"],
    ]);
    expect(r.diagnostics.map((d) => d.help)).toEqual([
      "did you mean `S1`?",
      undefined,
      "did you mean `count`?",
      "did you mean `数学`?",
      "did you mean `capacity`?",
    ]);
    // A subject nobody in the dataset teaches is unknown, whatever the file says.
    expect(r.diagnostics[3]!.message).toMatch(/nobody in the dataset teaches `数字`/);
  });

  it("locates the fields of a JSON file too", () => {
    const r = readConstraints(file("c.json", '{\n  "requests": {\n    "S3": { "count": "two" }\n  }\n}\n'), data());
    expect(where(r.diagnostics)).toEqual([["R005", "requests.S3.count", "3:22"]]);
  });

  it("keeps R002 for a file that is not YAML or not a mapping", () => {
    const bad = readConstraints(file("c.yaml", "requests: { S3: { count: 2 }\n"), data());
    expect(bad.diagnostics.map((d) => d.code)).toEqual(["R002"]);
    const list = readConstraints(file("c.yaml", "- S3\n"), data());
    expect(list.diagnostics.map((d) => d.code)).toEqual(["R002"]);
  });
});

// The command line, on a policy folder of the rules above.
describe("lungang propose --constraints with requests", () => {
  const dir = mkdtempSync(join(tmpdir(), "lungang-requests-cli-"));
  const policyDir = join(dir, "policy");
  mkdirSync(policyDir);
  writeFileSync(join(policyDir, "test.policy"), HEADER + DUE + QUOTA);
  const roster = join(dir, "district.yaml");
  writeFileSync(roster, DISTRICT);
  const constraints = file("c.yaml", "requests:\n  S3: { count: 2 }\n  S4: { subjects: { 数学: 1, 物理: 1 } }\n");

  it("prints the bureau's requests, each asked against given, met or short with why; exit 0", async () => {
    const r = await runCli(["propose", roster, "--policy", policyDir, "--constraints", constraints]);
    expect(r.err).toBe("");
    // Soft: a request short leaves the plan compliant (exit 0).
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    const at = lines.indexOf("教育局的调入需求：");
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 4)).toEqual([
      "  S3 学校S3: 要求 2 人，安排 2 人 — 已满足",
      "  S4 学校S4（数学）: 要求 1 人，安排 1 人 — 已满足",
      "  S4 学校S4（物理）: 要求 1 人，安排 0 人 — 差 1 人：可交流人员中没有能调入该校的物理学科人选",
    ]);
    // Each person sent for a request says so in the reason line.
    expect(lines.filter((l) => l.includes("理由: 调入需求 S3；"))).toHaveLength(2);
    expect(lines.filter((l) => l.includes("理由: 调入需求 S4（数学）；"))).toHaveLength(1);
    const en = await runCli(["propose", roster, "--policy", policyDir, "--constraints", constraints, "--lang", "en"]);
    expect(en.out).toContain("The bureau's requests:\n  S3 学校S3: asked 2, given 2 — met\n");
    expect(en.out).toContain("short by 1: nobody of the people who may be moved (物理) can be sent there");
  });

  it("exits 2 on a wrong constraints file, every R005 on stderr with file:line:col", async () => {
    const wrong = file("wrong.yaml", "requests:\n  S9: { count: 1 }\n  S3: { count: -2 }\n");
    const r = await runCli(["propose", roster, "--policy", policyDir, "--constraints", wrong]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(`错误[R005]: ${wrong}:2:3：requests.S9：数据集中没有学校 \`S9\``);
    expect(r.err).toContain(`错误[R005]: ${wrong}:3:16：requests.S3.count：应为不小于 1 的整数（需求人数）`);
    expect(r.err).toContain(`  --> ${wrong}:3:16`);
  });
});
