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
