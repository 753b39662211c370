// "What would change the answer" (src/interpreter/counterfactual.ts): the first
// day on which the same facts give another decision (found to the day, within
// ten years), and the exceptions whose condition, flipped, would change it.
// exceptionFlips settles most flips locally; it must agree with re-deciding
// every flip in full, on every combination of facts tried here.

import { describe, expect, it } from "vitest";
import type { School, Teacher } from "../../src/data/model.js";
import { compile } from "../../src/interpreter/compile.js";
import { exceptionFlips, nextChange } from "../../src/interpreter/counterfactual.js";
import { decideFromResults, type Decision } from "../../src/interpreter/decide.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { RULE_KINDS } from "../../src/semantics/rule-kinds.js";
import { formatDate } from "../../src/time/date.js";
import { HEADER, checkText } from "../support/policy.js";
import { day, personAt } from "../support/person.js";

const schools = new Map<string, School>([["S1", { id: "S1", location: "urban", tier: "quality" }]]);
const POLICY = `条款 C-0 必须 原文 "范围为登记了性别的教师。" {
  范围 登记性别: 当 性别 属于 {"男", "女"}
}
条款 C-1 必须 原文 "任教满六年的教师（男55周岁及以下）应交流。" {
  应交流 满六年: 当 本校任教年限 满 6年 且 (性别 是 "女" 或 周岁 55 及以下)
}
条款 C-2 可 原文 "孕期的可暂缓；项目领衔教师可暂缓，不超过3年。" {
  参数 领衔上限: 期限 = 3年
  暂缓 孕期 优先于 满六年: 当 情形 包含 "孕期"
  暂缓 项目领衔 优先于 满六年:
    当 情形 包含 "项目领衔"
    最长 领衔上限
}
条款 C-3 可 原文 "重病的免于交流，也优先于暂缓。" {
  免交流 重病 优先于 满六年, 孕期, 项目领衔: 当 情形 包含 "重病"
}
条款 C-4 可 原文 "主持课题的可暂缓；有特殊困难的免于交流。" {
  暂缓 课题主持 优先于 满六年: 当 情形 包含 "课题主持"
  免交流 特殊困难 优先于 满六年: 当 情形 包含 "特殊困难"
}`;
const c = checkText(HEADER + POLICY);
const program = compile(c.policy!);
const asOf = day(2025, 9, 1);
const frame = newFrame(worldOf(c.policy!, { asOf, schools }, new Map()));
const person = (over: Record<string, unknown>) => personAt({ school: "S1", ...over }) as Teacher;
const decide = (t: Teacher) => program.decide(t, frame, true);

/**
 * Every flip re-decided in full (decideFromResults), the path exceptionFlips
 * takes when it cannot settle a flip locally: what it must equal. Which flips
 * are asked about at all (an exception with a known answer, not one whose
 * limit is used up) is the specification, checked case by case below.
 */
function flipsInFull(base: Decision) {
  const out: { rule: string; held: boolean; decision: string }[] = [];
  base.results.forEach((r, i) => {
    if (!RULE_KINDS[r.rule.rule.ruleKind].exception || typeof r.value !== "boolean") return;
    if (r.limit && r.value === false) return;
    const d = decideFromResults(base.results.map((x, j) => (j === i ? { ...x, value: !r.value } : x)));
    if (d.decision !== base.decision) out.push({ rule: r.rule.label, held: !r.value, decision: d.decision });
  });
  return out;
}
const flips = (d: Decision) =>
  exceptionFlips(d).map((f) => ({ rule: f.rule.label, held: f.held, decision: f.decision }));

describe("the policy", () => {
  it("has no errors", () => expect(c.all.filter((d) => d.severity === "error")).toEqual([]));
});

/** The decision on the reference date, and the first change after it (date and decision), if any. */
function changeOf(over: Record<string, unknown>, f = frame) {
  const t = person(over);
  const base = program.decide(t, f, true);
  const next = nextChange(program, t, f, base);
  return { now: base.decision, date: next && formatDate(next.date), then: next?.decision.decision };
}
const young = day(1990, 1, 1);
/** The first change for a one-rule policy of its own, from a reference date. */
function changeUnder(rule: string, from: number) {
  const one = checkText(HEADER + `条款 X-1 必须 原文 "应交流。" {\n  ${rule}\n}`);
  expect(one.all.filter((d) => d.severity === "error")).toEqual([]);
  const p = compile(one.policy!);
  const f = newFrame(worldOf(one.policy!, { asOf: from, schools }, new Map()));
  const t = person({});
  const next = nextChange(p, t, f, p.decide(t, f));
  return { date: next && formatDate(next.date), then: next?.decision.decision };
}

describe("nextChange: the first day the decision differs", () => {
  it("the day tenure reaches six years (满 includes the day)", () => {
    expect(changeOf({ school_since: day(2020, 10, 17) })).toEqual({
      now: "not_required",
      date: "2026-10-17",
      then: "required",
    });
  });

  it("the 56th birthday, when a man passes 55周岁及以下", () => {
    expect(changeOf({ birth_date: day(1970, 3, 15), school_since: day(2010, 1, 1) })).toEqual({
      now: "required",
      date: "2026-03-15",
      then: "not_required",
    });
  });

  it("a change on the first day of a month is found on that day, not at the month's end", () => {
    expect(changeOf({ school_since: day(2019, 12, 1) }).date).toBe("2025-12-01");
  });

  it("the day after the reference date counts", () => {
    expect(changeOf({ school_since: day(2019, 9, 2) }).date).toBe("2025-09-02");
  });

  it("within the ten years, to their last day, and not a day after them", () => {
    expect(changeOf({ birth_date: young, school_since: day(2029, 7, 20) }).date).toBe("2035-07-20");
    expect(changeOf({ birth_date: young, school_since: day(2029, 8, 15) }).date).toBe("2035-08-15");
    expect(changeOf({ birth_date: young, school_since: day(2029, 9, 1) }).date).toBe("2035-09-01");
    expect(changeOf({ birth_date: young, school_since: day(2029, 9, 2) })).toEqual({
      now: "not_required",
      date: undefined,
      then: undefined,
    });
  });

  it("from 29 February, the ten years end on 28 February ten years on: a change on 1 March after is beyond them", () => {
    const leap = day(2024, 2, 29);
    expect(changeUnder(`应交流 晚: 当 基准日 >= 2034-02-28`, leap)).toEqual({ date: "2034-02-28", then: "required" });
    expect(changeUnder(`应交流 晚: 当 基准日 >= 2034-03-01`, leap)).toEqual({ date: undefined, then: undefined });
  });

  it("the day the decision became what it is (the reference date itself) is not a change", () => {
    // Six years reached on the reference date; the 56th birthday two weeks later.
    expect(changeOf({ birth_date: day(1969, 9, 15), school_since: day(2019, 9, 1) })).toEqual({
      now: "required",
      date: "2025-09-15",
      then: "not_required",
    });
  });

  it("from a reference date on the 31st, a change in a shorter month is found on its day", () => {
    const f31 = newFrame(worldOf(c.policy!, { asOf: day(2026, 1, 31), schools }, new Map()));
    expect(changeOf({ school_since: day(2020, 3, 30) }, f31)).toEqual({
      now: "not_required",
      date: "2026-03-30",
      then: "required",
    });
  });

  it("a change that lasts one calendar month, shorter than the reference date's day, is not stepped over", () => {
    // From 31 January, stepping by months on the next-day reading (1 March) would miss February altogether.
    expect(changeUnder(`应交流 二月: 当 月份(基准日) 是 2`, day(2026, 1, 31))).toEqual({
      date: "2026-02-01",
      then: "required",
    });
  });
  it("a change that lasts less than a month is found on its first day (every day is looked at)", () => {
    expect(changeUnder(`应交流 上旬: 当 基准日 >= 2026-09-01 且 基准日 <= 2026-09-10`, day(2026, 1, 15))).toEqual({
      date: "2026-09-01",
      then: "required",
    });
  });
  it("none within ten years: an exemption that stays", () => {
    expect(changeOf({ school_since: day(2010, 1, 1), birth_date: young, conditions: ["serious_illness"] })).toEqual({
      now: "not_required",
      date: undefined,
      then: undefined,
    });
  });
});

describe("exceptionFlips: the exceptions that would change the decision", () => {
  it("a person required: each deferral and each exemption, if it held", () => {
    const d = decide(person({ school_since: day(2010, 1, 1) }));
    expect(d.decision).toBe("required");
    expect(flips(d)).toEqual([
      { rule: "孕期", held: true, decision: "deferred" },
      { rule: "项目领衔", held: true, decision: "deferred" },
      { rule: "重病", held: true, decision: "not_required" },
      { rule: "课题主持", held: true, decision: "deferred" },
      { rule: "特殊困难", held: true, decision: "not_required" },
    ]);
  });

  it("a person deferred: the deferral, if it no longer held; each exemption, if it held", () => {
    const d = decide(person({ school_since: day(2010, 1, 1), conditions: ["pregnant"] }));
    expect(d.decision).toBe("deferred");
    expect(flips(d)).toEqual([
      { rule: "孕期", held: false, decision: "required" },
      { rule: "重病", held: true, decision: "not_required" },
      // Both would stand, with no priority between them: a conflict, so no decision.
      { rule: "特殊困难", held: true, decision: "indeterminate" },
    ]);
  });

  it("a deferral whose limit is used up is not offered", () => {
    const d = decide(person({ school_since: day(2010, 1, 1), conditions: ["project_lead"], deferred_years: 3 }));
    expect(d.decision).toBe("required");
    expect(flips(d).map((f) => f.rule)).toEqual(["孕期", "重病", "课题主持", "特殊困难"]);
  });

  it("a person not required: no exception would change it", () => {
    expect(flips(decide(person({ school_since: day(2024, 1, 1) })))).toEqual([]);
  });

  it("a person exempt: the exemption, if it no longer held; a deferral it does not take priority over, if it held", () => {
    const d = decide(person({ school_since: day(2010, 1, 1), conditions: ["serious_illness", "pregnant"] }));
    expect(d.decision).toBe("not_required");
    expect(flips(d)).toEqual([
      { rule: "重病", held: false, decision: "deferred" },
      // 重病 does not take priority over 课题主持: the two would conflict.
      { rule: "课题主持", held: true, decision: "indeterminate" },
    ]);
  });

  it("agrees with re-deciding every flip in full, on every combination tried", () => {
    expect(agreeingCombinations(decide, [[]])).toBe(11 * 3 * 4 * 5);
  });
  it("agrees as well where an eligible (可交流) rule stands beside the requirement, with and without its exception", () => {
    const e = checkText(
      HEADER +
        POLICY +
        `
条款 C-5 可 原文 "市级骨干教师可交流；援藏的免于交流。" {
  可交流 骨干: 当 荣誉 包含 "市级骨干教师"
  免交流 援藏 优先于 骨干: 当 情形 包含 "特殊困难"
}`,
    );
    expect(e.all.filter((d) => d.severity === "error")).toEqual([]);
    const p = compile(e.policy!);
    const f = newFrame(worldOf(e.policy!, { asOf, schools }, new Map()));
    expect(agreeingCombinations((t) => p.decide(t, f, true), [[], ["市级骨干教师"]])).toBe(2 * 11 * 3 * 4 * 5);
  });
});

/** Every combination of facts tried: exceptionFlips equals re-deciding every flip in full. */
function agreeingCombinations(decideOne: (t: Teacher) => Decision, honorSets: readonly string[][]): number {
  const conditionSets = [
    [],
    ["pregnant"],
    ["serious_illness"],
    ["project_lead"],
    ["pregnant", "serious_illness"],
    ["pregnant", "project_lead"],
    ["research_project"],
    ["hardship"],
    ["research_project", "serious_illness"],
    // A conflict (two exceptions with no priority between them).
    ["pregnant", "hardship"],
    undefined,
  ];
  let n = 0;
  for (const honors of honorSets)
    for (const conditions of conditionSets)
      for (const since of [day(2010, 1, 1), day(2024, 1, 1), undefined])
        for (const deferred_years of [0, 2, 3, undefined])
          for (const [sex, birth] of [
            ["male", day(1980, 1, 1)],
            ["male", day(1960, 1, 1)],
            ["female", day(1960, 1, 1)],
            [undefined, day(1960, 1, 1)],
            // Scope unknown (sex not recorded) while the rule itself is decided (under 55 either way).
            [undefined, day(1980, 1, 1)],
          ] as const) {
            const d = decideOne(
              person({ honors, conditions, school_since: since, deferred_years, sex, birth_date: birth }),
            );
            expect(flips(d), JSON.stringify({ honors, conditions, since, deferred_years, sex })).toEqual(
              flipsInFull(d),
            );
            n++;
          }
  return n;
}
