// Language features the 章贡/海口/灞桥/乌石 texts need (issue 12): the
// `eligible` outcome (经学校讨论决定), the modality words 需 and 不得, the boundary
// words 已满/年满, the reference date inside a service-history filter, and the
// date functions 年份/日期/周岁于. Each is checked through the compiled program
// and the reference evaluator, which must agree.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { worldOf, newFrame } from "../../src/interpreter/frame.js";
import { referenceCompare, referenceDecide } from "../../src/interpreter/reference.js";
import type { School, Teacher } from "../../src/data/model.js";
import { fromYmd } from "../../src/time/date.js";
import { HEADER, checkText } from "../support/policy.js";

const day = (s: string) => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return fromYmd(y, m, d)!;
};
const schools = new Map<string, School>([
  ["S1", { id: "S1", location: "urban", tier: "quality" }],
  ["S2", { id: "S2", location: "rural", tier: "weak" }],
]);
function person(over: Partial<Record<keyof Teacher, unknown>> = {}): Teacher {
  return {
    id: "T",
    sex: "female",
    birth_date: day("1975-09-01"),
    role: "teacher",
    established: true,
    on_post: true,
    full_time: true,
    school: "S1",
    school_since: day("2015-09-01"),
    honors: [],
    conditions: [],
    deferred_years: 0,
    volunteer: false,
    history: [],
    ...over,
  } as Teacher;
}
/** Decides with both evaluators and checks they agree on decision and clauses. */
function decide(text: string, t: Teacher, asOf = "2025-09-01") {
  const c = checkText(HEADER + text);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  const world = worldOf(c.policy!, { asOf: day(asOf), schools }, new Map());
  const a = compile(c.policy!).decide(t, newFrame(world), true);
  const b = referenceDecide(c.policy!, t, world);
  expect(b.decision).toBe(a.decision);
  expect(b.clauses.map((x) => x.id)).toEqual(a.clauses.map((x) => x.id));
  // The fast path (no explanation) gives the same decision.
  expect(compile(c.policy!).decideValue(t, newFrame(world))).toBe(a.decision);
  return a;
}
const codes = (text: string) => checkText(HEADER + text).all.map((d) => d.code);

describe("eligible (可交流): the person meets the conditions, the school decides", () => {
  const policy = `条款 W-1 可 原文 "经学校讨论决定……可暂缓交流。" {
  可交流 自愿申请: 当 本人申请
  暂缓 怀孕哺乳 优先于 自愿申请: 当 情形 包含任一 {"孕期", "哺乳期"}
}
条款 W-2 须 原文 "需进行磨练交流" {
  应交流 磨练: 当 情形 包含 "受处分"
}`;
  it("a base rule: its condition alone gives eligible, citing its clause", () => {
    const d = decide(policy, person({ volunteer: true }));
    expect(d.decision).toBe("eligible");
    expect(d.clauses.map((c) => c.id)).toEqual(["W-1"]);
  });
  it("not met: not required, citing the eligible rule that was checked", () => {
    const d = decide(policy, person());
    expect(d.decision).toBe("not_required");
    expect(d.clauses.map((c) => c.id)).toEqual(["W-1", "W-2"]);
  });
  it("a deferral can override it (乌石's deferrals need no 应交流)", () => {
    const d = decide(policy, person({ volunteer: true, conditions: ["pregnant"] }));
    expect(d.decision).toBe("deferred");
    expect(d.winners.map((r) => r.label)).toEqual(["怀孕哺乳"]);
  });
  it("an obligation subsumes eligibility: required, not a conflict, and the eligible rule is not a winner", () => {
    const d = decide(policy, person({ volunteer: true, conditions: ["sanctioned"] }));
    expect(d.decision).toBe("required");
    expect(d.winners.map((r) => r.label)).toEqual(["磨练"]);
  });
  it("eligible against a deferral of another base rule is a reported conflict", () => {
    const text = `条款 W-1 可 原文 "可" {
  可交流 自愿申请: 当 本人申请
  应交流 满六年: 当 本校任教年限 满 6年
  暂缓 孕期 优先于 满六年: 当 情形 包含 "孕期"
}`;
    const d = decide(text, person({ volunteer: true, conditions: ["pregnant"] }));
    expect(d.decision).toBe("indeterminate");
    expect(d.conflict?.map((r) => r.label).sort()).toEqual(["孕期", "自愿申请"].sort());
  });
  it("English spelling parses to the same kind", () => {
    expect(codes(`clause W-1 may source "可" { eligible applied: when 本人申请 }`)).toEqual([]);
  });
});

describe("a definition's set of enum labels is read as enum values", () => {
  it("岗位 属于 a defined set of Chinese role labels holds for a teacher (was silently false)", () => {
    const text = `条款 E-1 必须 原文 "必须" {
  定义 交流对象岗位 = {"教师", "副校长", "中层干部"}
  应交流 a: 当 岗位 属于 交流对象岗位
}`;
    expect(decide(text, person()).decision).toBe("required");
    expect(decide(text, person({ role: "principal" })).decision).toBe("not_required");
  });
  it("a label that is no value of the enum is T005 at the definition's literal", () => {
    const text = `条款 E-1 必须 原文 "必须" {
  定义 交流对象岗位 = {"教师", "班主任"}
  应交流 a: 当 岗位 属于 交流对象岗位
}`;
    expect(codes(text)).toContain("T005");
  });
});

describe("modality words 需 and 不得", () => {
  it("需 and 不得 are must (no P011), and W007 accepts them as the text's modal word", () => {
    expect(codes(`条款 X-1 需 原文 "需符合规定年限" { 应交流 a: 当 本校任教年限 满 6年 }`)).toEqual([]);
    expect(
      codes(`条款 X-2 不得 原文 "不得将患病教师列为交流教师" { 检查 b 对每个 交流: 非 情形 包含 "重病" }`),
    ).toEqual([]);
    const c = checkText(HEADER + `条款 X-3 不得 原文 "不得" { 应交流 a: 当 本校任教年限 满 6年 }`);
    expect(c.policy!.clauses.find((x) => x.id === "X-3")!.clause.modality.value).toBe("must");
  });
  it("a must clause whose text has neither is still W007", () => {
    expect(codes(`条款 X-1 需 原文 "交流周期两年" { 应交流 a: 当 本校任教年限 满 6年 }`)).toContain("W007");
  });
});

describe("boundary words 已满 and 年满 include the number", () => {
  const policy = `条款 B-1 必须 原文 "必须" { 应交流 已满三年: 当 本校任教年限 已满 3年 }
条款 B-2 必须 原文 "必须" { 免交流 年满五十 优先于 已满三年: 当 周岁 年满 50 }`;
  it("已满: the day the tenure is reached counts, the day before does not", () => {
    expect(decide(policy, person({ birth_date: day("1990-01-01"), school_since: day("2022-09-01") })).decision).toBe(
      "required",
    );
    expect(decide(policy, person({ birth_date: day("1990-01-01"), school_since: day("2022-09-02") })).decision).toBe(
      "not_required",
    );
  });
  it("年满: on the 50th birthday the exemption holds, the day before it does not", () => {
    expect(decide(policy, person({ birth_date: day("1975-09-01") })).winners.map((r) => r.label)).toEqual(["年满五十"]);
    expect(decide(policy, person({ birth_date: day("1975-09-02") })).decision).toBe("required");
  });
});

describe("the reference date in a service-history filter (a window before it)", () => {
  const policy = `条款 P-1 必须 原文 "近两个聘期必须有至少1年的交流轮岗经历" {
  参数 聘期: 期限 = 3年
  定义 窗口起点 = 基准日 - 聘期 * 2
  晋升条件 近两个聘期交流一年:
    当 合计(任职经历 其中 交流轮岗 且 截止日期 >= 窗口起点, 期间(较大值(起始日期, 窗口起点), 截止日期 + 1天)) 满 1年
}`;
  const prereq = (t: Teacher) => decide(policy, t).results.find((r) => r.rule.label === "近两个聘期交流一年")!.value;
  it("counts only the part of a rotation inside the window", () => {
    // Window from 2019-09-01. A rotation 2018-09-01..2020-08-31 has exactly 1 year inside it.
    const h = (from: string, to: string) => [
      { school: "S2", from: day(from), to: day(to), rotation: true, personnel_transfer: true },
    ];
    expect(prereq(person({ school_since: day("2020-09-01"), history: h("2018-09-01", "2020-08-31") }))).toBe(true);
    expect(prereq(person({ school_since: day("2020-09-01"), history: h("2018-09-01", "2020-08-30") }))).toBe(false);
    // Entirely before the window: not counted however long.
    expect(prereq(person({ school_since: day("2019-09-01"), history: h("2014-09-01", "2019-08-31") }))).toBe(false);
  });
  it("基准日 is readable in a school check too, and does not make it read a person", () => {
    expect(
      codes(`条款 C-1 必须 原文 "必须" { 检查 c 对每个 学校 仅当 基准日 >= 2025-01-01: 计数(调出) >= 0 }`),
    ).toEqual([]);
  });
});

describe("date functions: 年份, 日期, 周岁于", () => {
  const policy = `条款 A-1 必须 原文 "凡男53周岁、女50周岁以下的（以当年8月31日为准）" {
  定义 当年八月三十一日 = 日期(年份(基准日), 8, 31)
  应交流 八月底年龄线内: 当 (性别 是 "女" 且 周岁于(当年八月三十一日) 50 以下) 或 (性别 是 "男" 且 周岁于(当年八月三十一日) 53 以下)
}`;
  it("the age on 31 August of the reference date's year, not on the reference date", () => {
    // as_of 2025-03-01; born 1974-08-31 → 51 on 2025-08-31 (but 50 on as_of) → outside the line.
    expect(decide(policy, person({ birth_date: day("1974-08-31") }), "2025-03-01").decision).toBe("not_required");
    // born 1974-09-01 → 50 on 2025-08-31 → within (以下 includes 50).
    expect(decide(policy, person({ birth_date: day("1974-09-01") }), "2025-03-01").decision).toBe("required");
    // A man of 53 on 31 August is within; 54 is not.
    expect(decide(policy, person({ sex: "male", birth_date: day("1972-08-31") }), "2025-03-01").decision).toBe(
      "required",
    );
    expect(decide(policy, person({ sex: "male", birth_date: day("1971-08-31") }), "2025-03-01").decision).toBe(
      "not_required",
    );
  });
  it("年份 compares with a year parameter (从20xx年开始)", () => {
    const text = `条款 Y-1 必须 原文 "从20xx年开始" {
  参数 起始年份: 整数 = 2024
  晋升条件 p 仅当 年份(基准日) >= 起始年份: 当 存在(任职经历 其中 学校.地域 是 "农村")
}`;
    const r = (asOf: string) => decide(text, person(), asOf).results[0]!;
    expect(r("2024-01-01").applicable).toBe(true);
    expect(r("2023-12-31").applicable).toBe(false);
  });
  it("type rules: 年份 takes a date, 日期 three numbers, 周岁于 needs a person", () => {
    expect(codes(`条款 A-1 必须 原文 "必须" { 应交流 a: 当 年份(3) >= 2024 }`)).toContain("T004");
    expect(codes(`条款 A-1 必须 原文 "必须" { 应交流 a: 当 日期(2025, "8", 31) >= 基准日 }`)).toContain("T004");
    expect(codes(`条款 A-1 必须 原文 "必须" { 应交流 a: 当 日期(2025, 8) >= 基准日 }`)).toContain("T008");
    expect(codes(`条款 A-1 必须 原文 "必须" { 检查 c 对每个 学校: 周岁于(基准日) >= 1 }`)).toContain("T006");
  });
  it("a day the month does not have is unknown, never moved to another day", () => {
    const text = `条款 D-1 必须 原文 "必须" { 应交流 a: 当 基准日 >= 日期(2025, 2, 30) }`;
    const d = decide(text, person());
    expect(d.decision).toBe("indeterminate");
  });
});

describe("selection order (选择顺序): a declared order between people, for plan proposals", () => {
  const text = `条款 O-1 必须 原文 "以同一所学校连续任教时间长短为序……距退休年限较短的参加交流轮岗。" {
  选择顺序 确定原则: 本校任教年限 降序, 职称 不低于 "一级" 降序, 职称取得日期 升序, 距法定退休 升序
}`;
  const setup = () => {
    const c = checkText(HEADER + text, { withNational: true });
    expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
    const world = worldOf(c.policy!, { asOf: day("2025-09-01"), schools }, new Map());
    const program = compile(c.policy!);
    const order = program.orders[0]!;
    const cmp = (a: Teacher, b: Teacher) => {
      const x = order.compare(a, b, newFrame(world));
      // The reference evaluator agrees, and the order is antisymmetric.
      expect(referenceCompare(c.policy!, order.info, a, b, world)).toEqual(x);
      const y = order.compare(b, a, newFrame(world));
      if (typeof x === "number") expect(y).toBe(x === 0 ? 0 : -x);
      return x;
    };
    return { c, cmp, order };
  };
  it("is exposed in the checked policy and the program with its label, clause and keys", () => {
    const { c, order } = setup();
    expect(c.policy!.orders.map((o) => [o.label, o.clause.id, o.order.keys.map((k) => k.direction)])).toEqual([
      ["确定原则", "O-1", ["descending", "descending", "ascending", "ascending"]],
    ]);
    expect(order.info.label).toBe("确定原则");
  });
  it("longest continuous tenure first; ties broken by a mid-level title, then the earlier title, then nearest retirement", () => {
    const { cmp } = setup();
    const base = { title: "first", title_since: day("2015-01-01"), post_category: "professional" };
    const long = person({ ...base, school_since: day("2010-09-01") });
    const short = person({ ...base, school_since: day("2012-09-01") });
    expect(cmp(long, short)).toBe(-1);
    const noMid = person({ ...base, title: "second" });
    expect(cmp(person(base), noMid)).toBe(-1);
    const earlier = person({ ...base, title_since: day("2012-01-01") });
    expect(cmp(earlier, person(base))).toBe(-1);
    // Same tenure and title: nearer retirement first (older, born earlier).
    const older = person({ ...base, birth_date: day("1970-01-01") });
    expect(cmp(older, person(base))).toBe(-1);
    expect(cmp(person(base), person(base))).toBe(0);
  });
  it("a key that matters and is missing makes the comparison unknown, never a guess", () => {
    const { cmp } = setup();
    const a = person({ title: "first", post_category: "professional" }); // no title_since
    const b = person({ title: "first", title_since: day("2015-01-01"), post_category: "professional" });
    const r = cmp(a, b);
    expect(typeof r).toBe("object");
    // Decided by an earlier key, the missing one does not matter.
    expect(cmp(person({ title: "first", school_since: day("2009-09-01") }), b)).toBe(-1);
  });
  it("prints and parses back in both spellings", () => {
    expect(codes(`clause O-1 must source "s" { selection_order by_tenure: tenure descending, age ascending }`)).toEqual(
      [],
    );
  });
  it("a key without an order is T017", () => {
    expect(codes(`条款 O-1 必须 原文 "s" { 选择顺序 x: 姓名 降序 }`)).toContain("T017");
    expect(codes(`条款 O-1 必须 原文 "s" { 选择顺序 x: 荣誉 降序 }`)).toContain("T017");
  });
});

describe("checker totality on what the property test found", () => {
  it("a parameter whose value names itself does not overflow the stack (amendment links)", () => {
    const text = `条款 A-1 必须 原文 "必须" { 参数 上限: 整数 = 上限 + 1
  应交流 a: 当 周岁 上限 以下 }`;
    expect(() => checkText(HEADER + text)).not.toThrow();
  });
});
