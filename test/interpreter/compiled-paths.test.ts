// The compiled program's own paths, each against what the language means
// (found by mutation testing of src/interpreter/compile.ts: these paths gave
// the right answer in every test, but no test would have noticed if they had
// not). Each expectation is also the reference evaluator's, so a change in
// either evaluator alone fails here.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame, worldOf, type Atom } from "../../src/interpreter/frame.js";
import { referenceDecide } from "../../src/interpreter/reference.js";
import type { Decision } from "../../src/interpreter/decide.js";
import { Unknown } from "../../src/interpreter/values.js";
import type { School, Teacher } from "../../src/data/model.js";
import { monthRange } from "../../src/time/date.js";
import { HEADER, checkText } from "../support/policy.js";
import { day, personAt } from "../support/person.js";

const schools = new Map<string, School>([
  ["S1", { id: "S1", location: "urban", tier: "quality" }],
  ["S9", { id: "S9", location: "rural", tier: "weak" }],
]);

function policyOf(body: string, opts: { header?: string; withNational?: boolean } = {}) {
  const c = checkText((opts.header ?? HEADER) + body, { withNational: opts.withNational ?? true });
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  return c.policy!;
}

/** The decision of one rule `r` with condition `cond`, compiled (with and without trace) and by the reference. */
function decideBoth(
  body: string,
  t: Teacher,
  opts: { asOf?: number; params?: Map<string, unknown>; withNational?: boolean; header?: string } = {},
) {
  const policy = policyOf(body, opts);
  const program = compile(policy);
  const world = worldOf(policy, { asOf: opts.asOf ?? day(2024, 9, 1), schools }, opts.params as never);
  const plain = program.decide(t, newFrame(world));
  const traced = program.decide(t, newFrame(world), true);
  const ref = referenceDecide(policy, t, world);
  expect(view(traced)).toEqual(view(plain));
  expect(view(ref)).toEqual(view(plain));
  return { plain, traced, ref, program, world };
}

/** What a decision says, rule by rule: the value (an unknown as its reasons), the deferral limit seen, applicability. */
const view = (d: Decision) => ({
  decision: d.decision,
  results: d.results.map((r) => ({
    value: r.value instanceof Unknown ? r.value.reasons : r.value,
    limit: r.limit,
    applicable: r.applicable instanceof Unknown ? r.applicable.reasons : r.applicable,
  })),
});

const rule = (cond: string, extra = "") => `clause A-1 must source "必须" {\n${extra}  require r: when ${cond}\n}`;
const answer = (cond: string, t: Teacher = personAt(), extra = "", opts = {}) =>
  decideBoth(rule(cond, extra), t, opts).plain.decision;

describe("arithmetic, by type", () => {
  it.each([
    ["周岁 + 1 >= 45", "required"],
    ["周岁 + 1 >= 46", "not_required"],
    ["周岁 - 4 == 40", "required"],
    ["周岁 * 2 == 88", "required"],
    ["周岁 * 2 == 46", "not_required"],
    ["15% * 20 == 3", "required"],
    ["20 * 15% == 3", "required"],
    ["7% * 100 == 7", "required"],
    ["周岁 / 88 == 50%", "required"],
    ["周岁 / 88 >= 51%", "not_required"],
    ["(周岁 / 88) * 100 == 50", "required"],
    ["(周岁 / 88) * 10 == 5", "required"],
    ["5年 - 2年 == 3年", "required"],
    ["5年 + 2年 == 7年", "required"],
    ["5年 - 2年 == 7年", "not_required"],
    ["2年 * 3 == 6年", "required"],
    ["3 * 2年 == 6年", "required"],
    ["-(2年) + 5年 == 3年", "required"],
    ["-(周岁) == -44", "required"],
    ["基准日 - 1年 == 2023-09-01", "required"],
    ["基准日 + 1年 == 2025-09-01", "required"],
    ["较大值(周岁, 50) == 50", "required"],
    ["较大值(周岁, 40) == 44", "required"],
    ["较小值(周岁, 50) == 44", "required"],
    ["较小值(周岁, 40) == 40", "required"],
    ["较大值(2年, 3年) == 3年", "required"],
    ["较小值(2年, 3年) == 2年", "required"],
    ["较大值(3年, 2年) == 3年", "required"],
    ["较小值(3年, 2年) == 2年", "required"],
    ["较大值(基准日, 2030-01-01) == 2030-01-01", "required"],
    ["较小值(基准日, 2030-01-01) == 2024-09-01", "required"],
    ["期间(出生日期, 基准日) >= 44年", "required"],
    ["期间(出生日期, 基准日) >= 45年", "not_required"],
    ["年份(出生日期) == 1980", "required"],
    ["月份(出生日期) == 1", "required"],
    ["日期(2024, 9, 1) == 基准日", "required"],
    ["周岁于(2030-01-01) == 50", "required"],
    ["已知(职称)", "not_required"],
    ["已知(出生日期)", "required"],
  ])("%s: %s for a teacher aged 44", (cond, expected) => {
    expect(answer(cond)).toBe(expected);
  });

  it("a month-only birth date gives an age known only to an interval: no exact sum, whichever side", () => {
    // Born 1980-08 (day unknown), on 2024-08-15: 43 or 44.
    const t = personAt({ birth_date: monthRange(1980, 8) });
    const asOf = day(2024, 8, 15);
    for (const cond of ["周岁 + 1 >= 45", "1 + 周岁 >= 45"]) {
      const d = decideBoth(rule(cond), t, { asOf });
      expect(d.plain.decision).toBe("indeterminate");
      expect(d.ref.decision).toBe("indeterminate");
    }
  });

  it("a month-only birth date: its year and month are known, its day is not", () => {
    const t = personAt({ birth_date: monthRange(1980, 8) });
    expect(answer("年份(出生日期) == 1980 且 月份(出生日期) == 8", t)).toBe("required");
    expect(answer("期间(出生日期, 基准日) >= 44年", t, "", { asOf: day(2024, 8, 15) })).toBe("indeterminate");
  });
  it("a month-only birth date: an age that may be either of two is neither equal nor unequal to one", () => {
    const t = personAt({ birth_date: monthRange(1980, 8) });
    const asOf = day(2024, 8, 15);
    expect(answer("周岁 == 44", t, "", { asOf })).toBe("indeterminate");
    expect(answer("周岁 != 44", t, "", { asOf })).toBe("indeterminate");
    expect(answer("周岁 != 50", t, "", { asOf })).toBe("required");
  });
  it("over a person's service: a count, a sum of durations, and 全部/存在 with a missing fact", () => {
    const t = personAt({
      school_since: day(2020, 9, 1),
      history: [
        { school: "S9", from: day(2010, 9, 1), to: day(2013, 8, 31), rotation: true },
        { school: "S1", from: day(2013, 9, 1), to: day(2016, 8, 31) },
        { school: "S9", from: day(2016, 9, 1), to: day(2020, 8, 31), rotation: false },
      ],
    });
    expect(answer('计数(任职经历 其中 学校.学校代码 是 "S9") == 2', t)).toBe("required");
    // Two periods say nothing of rotation: how many were rotations is not known.
    expect(answer("计数(任职经历 其中 交流轮岗) == 1", t)).toBe("indeterminate");
    expect(answer("合计(任职经历, 时长) >= 14年", t)).toBe("required");
    expect(answer("合计(任职经历, 时长) >= 15年", t)).toBe("not_required");
    expect(answer('合计(任职经历 其中 学校.学校代码 是 "S9", 时长) >= 7年', t)).toBe("required");
    expect(answer('全部(任职经历 其中 学校.学校代码 是 "S9", 交流轮岗)', t)).toBe("not_required");
    // At S1 the current period was no rotation, the earlier one says nothing: not every one was; whether one was is not known.
    expect(answer('全部(任职经历 其中 学校.学校代码 是 "S1", 交流轮岗)', t)).toBe("not_required");
    expect(answer('存在(任职经历 其中 学校.学校代码 是 "S1", 交流轮岗)', t)).toBe("indeterminate");
    expect(answer("存在(任职经历 其中 交流轮岗)", t)).toBe("required");
  });
  it("a larger or smaller of a missing value is unknown, with its reason", () => {
    for (const cond of ["较大值(本校任教年限, 1年) >= 1年", "较小值(1年, 本校任教年限) <= 1年"]) {
      const d = decideBoth(rule(cond), personAt({ school_since: undefined }));
      expect(d.plain.decision).toBe("indeterminate");
    }
  });

  it("an unknown right operand makes the sum unknown, with its reason", () => {
    const d = decideBoth(rule("基准日 - p >= 2020-01-01", "  param p: duration\n"), personAt());
    expect(d.plain.decision).toBe("indeterminate");
    expect((d.plain.results[0]!.value as Unknown).reasons).toEqual([{ code: "E002", param: "p" }]);
  });
});

describe("explanations: what a traced decision records", () => {
  const body = rule(
    "周岁 >= 40 且 d 且 n > 1 且 存在(任职经历 其中 交流轮岗)",
    '  define d = 在编 且 性别 是 "男"\n  define n = 周岁 - 40\n',
  );
  const t = personAt({
    established: true,
    history: [{ school: "S9", from: day(2001, 9, 1), to: day(2004, 8, 31), rotation: true }],
  });
  it("no atoms without a trace; with one, each condition once, a definition's own below it", () => {
    const { plain, traced } = decideBoth(body, t);
    expect(plain.decision).toBe("required");
    expect(plain.results[0]!.atoms).toBeUndefined();
    const atoms = traced.results[0]!.atoms!;
    const show = (a: Atom) => {
      const text = body.slice(a.node.span.start - HEADER.length, a.node.span.end - HEADER.length);
      return [a.depth ?? 0, text, a.result instanceof Unknown ? "?" : a.result];
    };
    expect(atoms.map(show)).toEqual([
      [0, "周岁 >= 40", true],
      [0, "d", true],
      [1, "在编", true],
      [1, '性别 是 "男"', true],
      [0, "n > 1", true],
      [0, "存在(任职经历 其中 交流轮岗)", true],
    ]);
    // A definition's line names it.
    expect(atoms[1]!.node).toMatchObject({ kind: "Name", name: "d" });
    // The comparison keeps both sides it saw: a number-valued definition is a value, not an atom.
    expect(atoms[0]).toMatchObject({ left: 44, right: 40 });
    expect(atoms[4]).toMatchObject({ left: 4, right: 1 });
  });
  it("a deferral limit shows the years already deferred against the limit", () => {
    const limited = `clause A-1 must source "必须" {
  require base: when 周岁 >= 40
  defer lead overrides base: when 情形 包含 "project_lead" limit 3年
}`;
    const { traced } = decideBoth(limited, personAt({ conditions: ["project_lead"], deferred_years: 2 }));
    expect(traced.decision).toBe("deferred");
    expect(traced.results[1]!.limit).toEqual({ deferred: { months: 24, days: 0 }, limit: { months: 36, days: 0 } });
  });
});

describe("sets, retirement tracks, and anniversaries", () => {
  it("a set with a computed element: built per person, unknown when an element is", () => {
    const extra = '  define c = 若 在编 则 "孕期" 否则 "哺乳期"\n';
    const cond = '情形 包含任一 {"重病", c}';
    expect(answer(cond, personAt({ established: true, conditions: ["pregnant"] }), extra)).toBe("required");
    expect(answer(cond, personAt({ established: false, conditions: ["pregnant"] }), extra)).toBe("not_required");
    expect(answer(cond, personAt({ conditions: ["pregnant"] }), extra)).toBe("indeterminate");
  });
  it("a track whose original age is a parameter not given: the age it decides is unknown (E002)", () => {
    const body = `clause R-1 must source "退休" {
  param a: int
  track men: original a, starting 1965-01, step 4 months, max_delay 36 months
  define retirement_track = men
  require late: when 法定退休年龄 > 60年
}`;
    const d = decideBoth(body, personAt(), { withNational: false });
    expect(d.plain.decision).toBe("indeterminate");
    expect(JSON.stringify(d.plain.unknown)).toContain('"param":"a"');
    expect(decideBoth(body, personAt(), { withNational: false, params: new Map([["a", 62]]) }).plain.decision).toBe(
      "required",
    );
  });
  const tracks = (selector: string) => `clause R-1 must source "退休" {
  param p: bool
  track men: original 61, starting 1965-01, step 4 months, max_delay 36 months
  track women: original 62, starting 1965-01, step 4 months, max_delay 36 months
  define retirement_track = ${selector}
  require late: when 法定退休年龄 > 60年
  require same: when retirement_track 是 men
}`;
  it("a track chosen by a missing fact that has no list of values: every track is tried, and agrees here", () => {
    const d = decideBoth(tracks("if 本校任教年限 满 5年 then men else women"), personAt({ school_since: undefined }), {
      withNational: false,
    });
    // 61 and 62 years are both above 60: decided although the track is not known.
    expect(d.plain.results[0]!.value).toBe(true);
    expect(d.ref.results[0]!.value).toBe(true);
    expect((d.plain.results[1]!.value as Unknown).reasons).toEqual([{ code: "E001", fact: "school_since" }]);
  });
  it("a track the person may be on whose own age is not known: the age is unknown, not the other track's", () => {
    // Sex missing: a man (track men, whose original age is a parameter not given) or a woman (55).
    // Deciding by women alone said “not above 60” with confidence (found by mutation testing).
    const body = `clause R-1 must source "退休" {
  param a: int
  track men: original a, starting 1965-01, step 4 months, max_delay 36 months
  track women: original 55, starting 1965-01, step 4 months, max_delay 36 months
  define retirement_track = if 性别 是 "男" then men else women
  require late: when 法定退休年龄 > 60年
}`;
    const d = decideBoth(body, personAt({ sex: undefined }), { withNational: false });
    expect(d.plain.decision).toBe("indeterminate");
    const reasons = (d.plain.results[0]!.value as Unknown).reasons;
    expect(reasons).toContainEqual({ code: "E001", fact: "性别" });
    expect(reasons).toContainEqual({ code: "E002", param: "a" });
    // Known to be a woman: her track is known, the men's unknown age does not matter.
    expect(decideBoth(body, personAt({ sex: "female" }), { withNational: false }).plain.decision).toBe("not_required");
    // With the parameter given, both readings are known: 62 for a man, 55 for a woman — they disagree.
    const given = { withNational: false, params: new Map([["a", 62]]) };
    expect(decideBoth(body, personAt({ sex: undefined }), given).plain.decision).toBe("indeterminate");
  });
  it("tracks compare by name", () => {
    const same = (p: boolean) =>
      decideBoth(tracks("if p then men else women"), personAt(), { withNational: false, params: new Map([["p", p]]) })
        .plain.results[1]!.value;
    expect([same(true), same(false)]).toEqual([true, false]);
  });
  it("本校任教年限 at a month end: the two readings of “9 years later” disagree, so the answer needs the rounding", () => {
    // From 2016-02-29, nine years: 2025-02-28 (end of month) or 2025-03-01 (next day).
    const t = personAt({ school_since: day(2016, 2, 29) });
    const at = (header: string) =>
      decideBoth(rule("本校任教年限 满 9年"), t, { asOf: day(2025, 2, 28), header, withNational: false }).plain;
    expect(at(HEADER).decision).toBe("indeterminate");
    expect(at(HEADER).unknown).toEqual([{ code: "E003", what: "本校任教年限" }]);
    const rounded = (mode: string) => HEADER.replace("effective 2024-01-01", `effective 2024-01-01 rounding ${mode}`);
    expect(at(rounded("end_of_month")).decision).toBe("required");
    expect(at(rounded("next_day")).decision).toBe("not_required");
  });
});

// Paths of the reference evaluator that the rules above did not reach (mutation
// testing of src/interpreter/reference.ts): each answer is the compiled
// program's too, and each unknown carries the same reason, place included.
describe("comparisons by kind, places in reasons, and aggregates at their edges", () => {
  it.each([
    ['职称 >= "一级"', "first", "required"],
    ['职称 > "一级"', "first", "not_required"],
    ['职称 < "高级"', "first", "required"],
    ['职称 <= "二级"', "first", "not_required"],
    ['职称 > "二级"', "senior", "required"],
    ['职称 == "一级"', "first", "required"],
    ['职称 != "一级"', "second", "required"],
    ['职称 != "一级"', "first", "not_required"],
  ])("titles by rank: %s for a %s title is %s", (cond, title, expected) => {
    expect(answer(cond, personAt({ title: title as never }))).toBe(expected);
  });
  it.each([
    ["在编 == 真", true, "required"],
    ["在编 == 假", true, "not_required"],
    ["在编 != 假", true, "required"],
    ["在编 != 真", true, "not_required"],
    ['性别 == "男"', true, "required"],
    ['性别 != "男"', true, "not_required"],
  ])("truth values and texts compare equal or not: %s", (cond, established, expected) => {
    expect(answer(cond, personAt({ established, sex: "male" }))).toBe(expected);
  });

  it("a share over an empty set makes an individual rule not hold (E005 alone is not applicable), in both", () => {
    const d = decideBoth(rule("计数(任职经历 其中 交流轮岗) / 计数(任职经历) >= 10%"), personAt({ history: [] }));
    expect(d.plain.decision).toBe("not_required");
    expect(d.plain.results[0]!.value).toBe(false);
    expect(d.ref.results[0]!.value).toBe(false);
  });
  it("a share over an empty set beside a missing fact: the share does not hold, the missing fact is the one reason", () => {
    const d = decideBoth(
      rule('计数(任职经历 其中 交流轮岗) / 计数(任职经历) >= 10% 或 职称 == "一级"'),
      personAt({ history: [], title: undefined }),
    );
    expect(d.plain.decision).toBe("indeterminate");
    const reasons = (d.plain.results[0]!.value as Unknown).reasons;
    expect(reasons).toEqual([{ code: "E001", fact: "职称" }]);
  });
  it("a date moved by months past a month's end without a rounding: both readings, unknown (E003) at its place", () => {
    // 2024-01-31 + 1 month: 2024-02-29 (end of month) or 2024-03-01 (next day).
    const d = decideBoth(rule("基准日 + 1个月 == 2024-02-29"), personAt(), {
      asOf: day(2024, 1, 31),
      withNational: false,
    });
    expect(d.plain.decision).toBe("indeterminate");
    const reasons = (d.plain.results[0]!.value as Unknown).reasons;
    expect(reasons).toEqual([{ code: "E003", what: expect.stringMatching(/:\d+$/) }]);
    const plain = { withNational: false };
    // From a day every month has, one reading: 2024-02-29 + 1 month is 2024-03-29.
    expect(answer("基准日 + 1个月 == 2024-03-29", personAt(), "", { asOf: day(2024, 2, 29), ...plain })).toBe(
      "required",
    );
    expect(answer("基准日 + 1个月 == 2024-10-01", personAt(), "", { asOf: day(2024, 9, 1), ...plain })).toBe(
      "required",
    );
  });
  it("a period from a month's end without a rounding: both readings, unknown when they disagree", () => {
    // From 2023-01-31 to 2024-02-29: 1 year 0 months 29 days, or 1 year 1 month (next day) — they disagree on ≥ 1年1个月.
    const t = personAt({ school_since: day(2023, 1, 31) });
    const at = { asOf: day(2024, 2, 29), withNational: false };
    const d = decideBoth(rule("期间(本校起始日期, 基准日) >= 1年1个月"), t, at);
    expect(d.plain.decision).toBe("indeterminate");
    expect((d.plain.results[0]!.value as Unknown).reasons).toEqual([{ code: "E003", what: "period" }]);
    expect(answer("期间(本校起始日期, 基准日) >= 1年", t, "", at)).toBe("required");
  });

  it("全部 over no periods at all is true, 存在 false, a count 0 and a sum nothing", () => {
    const t = personAt({ history: [], school_since: undefined });
    expect(answer("全部(任职经历, 交流轮岗)", t)).toBe("required");
    expect(answer("存在(任职经历, 交流轮岗)", t)).toBe("not_required");
    expect(answer("计数(任职经历) == 0", t)).toBe("required");
    expect(answer("合计(任职经历, 时长) == 0年", t)).toBe("required");
  });
  it("distinct schools over a person's service, by record and by code, with and without a filter", () => {
    const t = personAt({
      school_since: day(2020, 9, 1),
      history: [
        { school: "S9", from: day(2010, 9, 1), to: day(2013, 8, 31), rotation: true },
        { school: "S1", from: day(2013, 9, 1), to: day(2016, 8, 31), rotation: false },
        { school: "S9", from: day(2016, 9, 1), to: day(2020, 8, 31), rotation: false },
      ],
    });
    expect(answer("非重复计数(任职经历, 学校) == 2", t)).toBe("required");
    expect(answer("非重复计数(任职经历, 学校.学校代码) == 2", t)).toBe("required");
    expect(answer("非重复计数(任职经历 其中 交流轮岗, 学校) == 1", t)).toBe("required");
    expect(answer("非重复计数(任职经历 其中 交流轮岗, 学校.学校代码) == 1", t)).toBe("required");
  });
});
