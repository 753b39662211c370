// Language features for moves the 章贡 text needs (issue 12): a definition that
// reads a move's fields (the zone test written once: 同一片区内交流), and a
// person's own exchange history read against the move (an extension of the
// exchange running up to the reference date, 延长时间不超过三年). Move checks are
// plan-level; the reference evaluator decides individuals only, so these are
// checked through the plan checker, against hand-computed expectations.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { parseDatasetText } from "../../src/data/read.js";
import { HEADER, checkText } from "../support/policy.js";

function dataset(history: unknown[], moves: unknown[]) {
  return parseDatasetText(
    JSON.stringify({
      as_of: "2025-09-01",
      schools: [
        { id: "A", name: "甲小学", location: "urban", tier: "quality" },
        { id: "B", name: "乙小学", location: "rural", tier: "weak" },
        { id: "C", name: "丙小学", location: "urban", tier: "general" },
      ],
      teachers: [
        {
          id: "T1",
          sex: "male",
          birth_date: "1980-01-01",
          role: "teacher",
          school: "A",
          school_since: "2010-09-01",
          history,
        },
        { id: "T2", sex: "female", birth_date: "1985-01-01", role: "teacher", school: "C", school_since: "2012-09-01" },
      ],
      plan: { moves },
    }),
    "data.json",
    "json",
  ).value!;
}
const move = (teacher: string, from: string, to: string, years: number) => ({
  teacher,
  from,
  to,
  mode: "full_time",
  years,
  personnel_transfer: false,
});

function run(body: string, data: ReturnType<typeof dataset>) {
  const c = checkText(HEADER + `条款 P-1 必须 原文 "必须" {\n${body}\n}`);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  return checkPlan(compile(c.policy!), data);
}
const violated = (r: ReturnType<typeof run>) => r.violations.map((v) => v.subject.id).sort();
const codes = (body: string) => checkText(HEADER + `条款 P-1 必须 原文 "必须" {\n${body}\n}`).all.map((d) => d.code);

describe("a definition may read a move's fields", () => {
  const zones = `
  定义 片区甲 = {"甲小学", "乙小学"}
  定义 同一片区内交流 = 调出学校.校名 属于 片区甲 且 调入学校.校名 属于 片区甲
  `;
  const data = dataset([], [move("T1", "A", "B", 3), move("T2", "C", "B", 3)]);
  it("in a per-move check's filter and body, read for each move", () => {
    const r = run(zones + `检查 片区内 对每个 交流: 同一片区内交流`, data);
    expect(violated(r)).toEqual(["T2:C→B"]);
    const w = run(zones + `检查 跨片区三年 对每个 交流 其中 非 同一片区内交流: 交流年限 满 4年`, data);
    expect(violated(w)).toEqual(["T2:C→B"]);
    expect(w.evaluated[0]).toMatchObject({ failed: 1, notApplicable: 1 });
  });
  it("inside 调出/调入 其中 of a school check, read for each move of the school", () => {
    const r = run(zones + `检查 片区内调入 对每个 学校: 计数(调入 其中 同一片区内交流) >= 1`, data);
    // B receives T1 (A→B, same zone) and T2 (C→B); A and C receive nothing.
    expect(violated(r)).toEqual(["A", "C"]);
  });
  it("through another definition", () => {
    const r = run(zones + `定义 跨片区 = 非 同一片区内交流\n检查 c 对每个 交流: 非 跨片区`, data);
    expect(violated(r)).toEqual(["T2:C→B"]);
  });
  it("where there is no move it is T025 (a school check, a per-teacher check); in an individual rule too", () => {
    expect(codes(zones + `检查 c 对每个 学校: 同一片区内交流`)).toContain("T025");
    expect(codes(zones + `检查 c 对每个 教师: 同一片区内交流`)).toContain("T025");
    expect(codes(zones + `检查 c 对每个 学校: 计数(教师 其中 同一片区内交流) >= 1`)).toContain("T025");
    expect(codes(zones + `应交流 r: 当 同一片区内交流`)).toContain("T025");
  });
  it("a move's field outside a definition and outside a move is still N001", () => {
    expect(codes(`检查 c 对每个 学校: 调入学校.校名 是 "甲小学"`)).toContain("N001");
  });
});

describe("a person's own exchange history read against the move", () => {
  // 延长: a rotation at the receiving school that runs up to the day before the reference date or later.
  const ext = `
  定义 延长本人交流 = 存在(任职经历 其中 交流轮岗 且 学校.学校代码 是 调入学校.学校代码 且 截止日期 >= 基准日 - 1天)
  检查 首轮三年 对每个 交流 其中 非 延长本人交流: 交流年限 是 3年
  检查 延长不超过三年 对每个 交流 其中 延长本人交流: 交流年限 不超过 3年
  `;
  const rotation = (to: string, school = "B") => ({ school, from: "2022-09-01", to, rotation: true });
  const labels = (r: ReturnType<typeof run>) => r.violations.map((v) => v.check.label).sort();
  it("a rotation ending the day before the reference date is extended: 2 years pass, 4 exceed", () => {
    expect(labels(run(ext, dataset([rotation("2025-08-31")], [move("T1", "A", "B", 2)])))).toEqual([]);
    expect(labels(run(ext, dataset([rotation("2025-08-31")], [move("T1", "A", "B", 3)])))).toEqual([]);
    expect(labels(run(ext, dataset([rotation("2025-08-31")], [move("T1", "A", "B", 4)])))).toEqual(["延长不超过三年"]);
  });
  it("ending on the reference date: extended; two days before: a first term again", () => {
    expect(labels(run(ext, dataset([rotation("2025-09-01")], [move("T1", "A", "B", 2)])))).toEqual([]);
    expect(labels(run(ext, dataset([rotation("2025-08-30")], [move("T1", "A", "B", 2)])))).toEqual(["首轮三年"]);
  });
  it("a rotation at another school, or a period that was no rotation, is not extended", () => {
    expect(labels(run(ext, dataset([rotation("2025-08-31", "C")], [move("T1", "A", "B", 2)])))).toEqual(["首轮三年"]);
    const plain = { school: "B", from: "2022-09-01", to: "2025-08-31", rotation: false };
    expect(labels(run(ext, dataset([plain], [move("T1", "A", "B", 2)])))).toEqual(["首轮三年"]);
  });
  it("the move's fields are visible in the history filter of a move check, directly", () => {
    const r = run(
      `检查 c 对每个 交流: 存在(任职经历 其中 学校.学校代码 是 调入学校.学校代码)`,
      dataset([rotation("2025-08-31")], [move("T1", "A", "B", 2), move("T2", "C", "B", 3)]),
    );
    expect(violated(r)).toEqual(["T2:C→B"]);
  });
  it("an unrecorded rotation flag leaves the extension undetermined, never a first term", () => {
    const r = run(ext, dataset([{ school: "B", from: "2022-09-01", to: "2025-08-31" }], [move("T1", "A", "B", 2)]));
    expect(r.violations).toEqual([]);
    expect(r.undetermined.length).toBeGreaterThan(0);
  });
  it("in an individual rule's history filter a move's field is N001 (no move there)", () => {
    expect(codes(`晋升条件 p: 当 存在(任职经历 其中 学校 是 调入学校)`)).toContain("N001");
  });
});
