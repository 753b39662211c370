// Fields read only by relation (Shapes.relationalFields): a move's answer
// depends on an education group only through whether each school has one and
// whether they are the same, so the MIP builder memoises the move rules by
// those relations, not by the group's value. A group read any other way — by
// its value — must keep its value in the key: the proposals below go wrong
// (a move the rules forbid, a within-group move without its years) when the
// analysis or the key says otherwise.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { parseDatasetText } from "../../src/data/read.js";
import { propose } from "../../src/propose/propose.js";
import { Shapes } from "../../src/propose/shapes.js";
import type * as A from "../../src/syntax/ast.js";
import { HEADER, ROOT, checkText } from "../support/policy.js";
import { compiledOf } from "./support.js";

const DUE = `条款 P-1 必须 原文 "在同一学校任教满5年的教师应交流" {
  应交流 满五年: 当 岗位 是 "教师" 且 本校任教年限 满 5年
}
条款 P-2 必须 原文 "有应交流教师的学校至少交流3人" {
  检查 至少三人 对每个 学校 其中 计数(教师 其中 个人决定 是 "应交流") 多于 0: 计数(调出) 不少于 3
}
`;

function programFor(rules: string) {
  const c = checkText(HEADER + DUE + rules);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  return compile(c.policy!);
}

function relationalOf(program: ReturnType<typeof compile>): string[] {
  const shapes = new Shapes(program.policy);
  const exprs = program.checks
    .filter((c) => c.info.check.mode === "check")
    .flatMap((c) => [c.info.check.where, c.info.check.applicable, c.info.check.body])
    .filter((e): e is A.Expr => e !== undefined);
  const receiving = new Set<string>();
  for (const e of exprs) shapes.receivingFields(e, receiving);
  return [...shapes.relationalFields(exprs, [...receiving])].sort();
}

/**
 * One school per group given, in id order, each with one teacher not due, and
 * the last with six teachers due: the one they leave. The memo is filled in id
 * order, so a wrong key hands a later school the answer of an earlier one.
 */
function district(groups: readonly string[]): string {
  const ids = groups.map((_, i) => `S${i + 1}`);
  const schools = ids.map(
    (id, i) => `  - { id: ${id}, name: 学校${id}, district: 甲区, location: urban, group: ${groups[i]} }`,
  );
  const teachers: string[] = [];
  const person = (n: number, school: string, since: string) =>
    `  - { id: T${String(n).padStart(2, "0")}, sex: female, birth_date: 1985-01-01, role: teacher, school: ${school}, school_since: ${since} }`;
  ids.forEach((id, i) => teachers.push(person(1 + i, id, "2023-09-01")));
  for (let i = 1; i <= 6; i++) teachers.push(person(10 + i, ids[ids.length - 1]!, "2015-09-01"));
  return `as_of: 2025-09-01\nschools:\n${schools.join("\n")}\nteachers:\n${teachers.join("\n")}\n`;
}

async function proposeWith(rules: string, groups: readonly string[]) {
  const p = await propose(programFor(rules), parseDatasetText(district(groups), "d.yaml", "yaml").value!);
  expect(p.unsupported).toEqual([]);
  expect(p.residual).toEqual([]);
  expect(p.status).toBe("compliant");
  expect(p.check.compliant).toBe(true);
  return p.plan.moves;
}

const SAME_GROUP = `条款 P-3 必须 原文 "集团内交流不少于4年" {
  检查 集团内三年 对每个 交流
    其中 已知(调出学校.教育集团) 且 已知(调入学校.教育集团) 且 调出学校.教育集团 是 调入学校.教育集团:
    交流年限 不少于 4年
}
`;
const NOT_G2 = `条款 P-4 必须 原文 "不得交流到G2集团" {
  检查 不去G2 对每个 交流 其中 已知(调入学校.教育集团): 调入学校.教育集团 不是 "G2"
}
`;

describe("fields read only by relation", () => {
  it("Dalian reads the education group only by relation; tier and location by value", () => {
    expect(relationalOf(compiledOf(`${ROOT}/policies`, "dalian").program)).toEqual(["group"]);
  });

  it("a group compared with a text, or read on another record, is read by value", () => {
    expect(relationalOf(programFor(SAME_GROUP))).toEqual(["group"]);
    expect(relationalOf(programFor(SAME_GROUP + NOT_G2))).toEqual([]);
    const otherSchool = `条款 P-5 必须 原文 "集团学校至少交流3人" {
  检查 集团校 对每个 学校 其中 已知(学校.教育集团): 计数(调出) 不少于 0
}
`;
    expect(relationalOf(programFor(SAME_GROUP + otherSchool))).toEqual([]);
    // The receiving school counted as a whole (its id) is never read by relation: the group still is.
    const whole = `条款 P-6 必须 原文 "各校交流人员应分赴至少2所学校" {
  检查 分赴多校 对每个 学校 其中 计数(调出) 多于 0: 非重复计数(调出, 调入学校) 不少于 2
}
`;
    expect(relationalOf(programFor(SAME_GROUP + whole))).toEqual(["group"]);
  });

  it("a move inside the group gets its years, a move out of it need not", async () => {
    // S3 leaves; S1 (another group) is met first: a key without “the same group” would give S2 its answer.
    const moves = await proposeWith(SAME_GROUP, ["G2", "G1", "G1"]);
    expect(moves.length).toBe(3);
    expect(moves.some((m) => m.to === "S2")).toBe(true);
    // The first length tried is 3 years: enough out of the group, not inside it.
    for (const m of moves) expect(m.years).toBe(m.to === "S2" ? 4 : 3);
  });

  it("a group forbidden by its value is never a destination, the other groups still are", async () => {
    // S3 leaves; S1 (G2, forbidden) is met first: read by relation, S2 (G3) would be forbidden too.
    const moves = await proposeWith(SAME_GROUP + NOT_G2, ["G2", "G3", "G1"]);
    expect(moves.map((m) => m.to)).toEqual(["S2", "S2", "S2"]);
  });
});
