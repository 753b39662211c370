// Decision semantics on small policies: exceptions engage only against a rule
// they override; two applicable rules with different outcomes and no priority
// are a reported conflict; a redacted parameter stops only the decisions that
// need it; month-end arithmetic is an error unless the policy declares its
// rounding; the statutory boundary words include or exclude the number.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { worldOf, newFrame } from "../../src/interpreter/frame.js";
import type { Teacher, School } from "../../src/data/model.js";
import { fromYmd } from "../../src/time/date.js";
import { HEADER, checkText } from "../support/policy.js";

const day = (s: string) => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return fromYmd(y, m, d)!;
};
const schools = new Map<string, School>([["S1", { id: "S1", location: "urban", tier: "quality" }]]);
function person(over: Partial<Record<keyof Teacher, unknown>> = {}): Teacher {
  return {
    id: "T",
    sex: "male",
    birth_date: day("1980-01-01"),
    role: "teacher",
    established: true,
    on_post: true,
    school: "S1",
    school_since: day("2010-09-01"),
    honors: [],
    conditions: [],
    deferred_years: 0,
    volunteer: false,
    history: [],
    ...over,
  } as Teacher;
}
function decide(text: string, t: Teacher, asOf = "2024-09-01", params = new Map()) {
  const c = checkText(HEADER.replace("effective 2024-01-01", "effective 2024-01-01") + text);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  const program = compile(c.policy!);
  return program.decide(t, newFrame(worldOf(c.policy!, { asOf: day(asOf), schools }, params)), true);
}

describe("exceptions and priorities", () => {
  const policy = `clause A-1 must source "必须" {
  require base: when tenure 满 9年
  defer d1 overrides base: when conditions contains "pregnant"
  exempt e1 overrides base: when conditions contains "disabled"
}`;
  it("an exception takes effect only against a rule it overrides that applies", () => {
    const short = decide(policy, person({ school_since: day("2020-09-01"), conditions: ["pregnant"] }));
    expect(short.decision).toBe("not_required");
    const long = decide(policy, person({ conditions: ["pregnant"] }));
    expect(long.decision).toBe("deferred");
    expect(long.winners.map((r) => r.label)).toEqual(["d1"]);
    expect(long.overridden.map((r) => r.label)).toEqual(["base"]);
  });
  it("two applicable exceptions with different outcomes and no priority: a reported conflict", () => {
    const d = decide(policy, person({ conditions: ["pregnant", "disabled"] }));
    expect(d.decision).toBe("indeterminate");
    expect(d.conflict?.map((r) => r.label).sort()).toEqual(["d1", "e1"]);
  });
  it("with an explicit priority the conflict is resolved by the text's order", () => {
    const ordered = policy.replace("exempt e1 overrides base", "exempt e1 overrides base, d1");
    const d = decide(ordered, person({ conditions: ["pregnant", "disabled"] }));
    expect(d.decision).toBe("not_required");
    expect(d.winners.map((r) => r.label)).toEqual(["e1"]);
  });
  it("an exception to an exception (a limit) re-imposes the requirement", () => {
    const limited = `clause A-1 must source "必须" {
  require base: when tenure 满 9年
  defer lead overrides base: when conditions contains "project_lead" limit 3 years
}`;
    expect(decide(limited, person({ conditions: ["project_lead"], deferred_years: 2 })).decision).toBe("deferred");
    expect(decide(limited, person({ conditions: ["project_lead"], deferred_years: 3 })).decision).toBe("required");
  });
});

describe("missing facts and redacted parameters", () => {
  it("a missing fact that cannot change the decision does not block it", () => {
    const p = `clause A-1 must source "必须" {
  require base: when tenure 满 9年 and role == "teacher"
  defer d overrides base: when post_since < 2000-01-01
}`;
    const d = decide(p, person({ school_since: day("2020-01-01") }));
    expect(d.decision).toBe("not_required");
  });
  it("a missing fact that matters makes the decision indeterminate, naming the fact", () => {
    const p = `clause A-1 must source "必须" { require base: when tenure 满 9年 }`;
    const d = decide(p, person({ school_since: undefined }));
    expect(d.decision).toBe("indeterminate");
    expect(d.unknown).toEqual([{ code: "E001", fact: "school_since" }]);
  });
  it("a redacted parameter (20xx) stops the decision until a value is supplied", () => {
    const p = `clause A-1 must source "必须" {
  param years_required: duration
  require base: when tenure 满 years_required
}`;
    const d = decide(p, person());
    expect(d.decision).toBe("indeterminate");
    expect(d.unknown).toEqual([{ code: "E002", param: "years_required" }]);
    const given = decide(p, person(), "2024-09-01", new Map([["years_required", { months: 12 * 6, days: 0 }]]));
    expect(given.decision).toBe("required");
  });
});

describe("statutory boundary words", () => {
  const at = (word: string, birth: string, asOf: string) =>
    decide(
      `clause A-1 must source "必须" { require r: when 周岁 ${word} 55 }`,
      person({ birth_date: day(birth) }),
      asOf,
    ).decision;
  it("满/以上/不少于 include the number; 超过 excludes it; 不满/不足 exclude it; 以下/不超过 include it", () => {
    // Born 1969-09-01: 55 on 2024-09-01, 54 the day before.
    expect(at("满", "1969-09-01", "2024-09-01")).toBe("required");
    expect(at("满", "1969-09-01", "2024-08-31")).toBe("not_required");
    expect(at("不少于", "1969-09-01", "2024-09-01")).toBe("required");
    expect(at("超过", "1969-09-01", "2024-09-01")).toBe("not_required");
    expect(at("超过", "1969-09-01", "2025-09-01")).toBe("required");
    expect(at("不满", "1969-09-01", "2024-09-01")).toBe("not_required");
    expect(at("不足", "1969-09-01", "2024-08-31")).toBe("required");
    expect(at("不超过", "1969-09-01", "2024-09-01")).toBe("required");
    const post = (w: string, asOf: string) =>
      decide(
        `clause A-1 must source "必须" { require r: when 周岁 55 ${w} }`,
        person({ birth_date: day("1969-09-01") }),
        asOf,
      ).decision;
    expect(post("以上", "2024-09-01")).toBe("required");
    expect(post("以上", "2024-08-31")).toBe("not_required");
    expect(post("以下", "2024-09-01")).toBe("required");
    expect(post("以下", "2025-09-01")).toBe("not_required");
  });
});

describe("month-end arithmetic", () => {
  const p = (rounding: string) => `policy "t" { issuer "x" effective 2024-01-01 ${rounding} }
clause A-1 must source "必须" { require r: when tenure 满 9年 }`;
  // Started 2015-08-31; 9 years later is 2024-08-31 — unambiguous. Started 2016-02-29: 9 years later
  // is 2025-02-28 (end of month) or 2025-03-01 (next day): on 2025-02-28 the answer depends on it.
  const t = person({ school_since: day("2016-02-29") });
  const run = (rounding: string, asOf: string) => {
    const c = checkText(p(rounding));
    return compile(c.policy!).decide(t, newFrame(worldOf(c.policy!, { asOf: day(asOf), schools })));
  };
  it("is an error (E003) when the answer depends on an undeclared rounding", () => {
    const d = run("", "2025-02-28");
    expect(d.decision).toBe("indeterminate");
    expect(d.unknown?.[0]?.code).toBe("E003");
  });
  it("is decided when both readings agree", () => {
    expect(run("", "2025-03-01").decision).toBe("required");
    expect(run("", "2025-02-27").decision).toBe("not_required");
  });
  it("follows the declared rounding", () => {
    expect(run("rounding end_of_month", "2025-02-28").decision).toBe("required");
    expect(run("rounding next_day", "2025-02-28").decision).toBe("not_required");
  });
});

describe("a retirement schedule is in force from its policy's 施行日期", () => {
  const c = checkText(`policy "own" { issuer "x" effective 2025-01-01 }
clause R-1 must source "退休" {
  track men: original 60, starting 1965-01, step 4 months, max_delay 36 months
  define retirement_track = men
  require late: when 法定退休年龄 > 60年
}`);
  it("one program, reference dates before and after: no delay before, the schedule after, in either order", () => {
    expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
    const program = compile(c.policy!);
    // Born 1970-03: 63 birth months after 1965-01, so 16 months of delay from 2025-01-01 on.
    const t = person({ birth_date: day("1970-03-15") });
    const at = (asOf: string) => program.decide(t, newFrame(worldOf(c.policy!, { asOf: day(asOf), schools }))).decision;
    expect([at("2025-06-01"), at("2024-06-01"), at("2025-01-01"), at("2024-12-31")]).toEqual([
      "required",
      "not_required",
      "required",
      "not_required",
    ]);
  });
});

describe("a quoted value takes the enumeration of the other side, whichever side it is on", () => {
  // Found by reading the checker against the language reference: with the literal on the left,
  // `"孕期" 属于 情形` compared the data's `pregnant` with the text "孕期" — silently false.
  const t = person({ conditions: ["pregnant"], title: "senior", sex: "male", established: true });
  const answer = (cond: string) => decide(`clause A-1 must source "必须" {\n  require r: when ${cond}\n}`, t).decision;
  it.each([
    [`"孕期" 属于 情形`],
    [`{"男"} 包含 性别`],
    [`{"孕期", "哺乳期"} 包含任一 情形`],
    [`"一级" < 职称`],
    [`"高级" <= 职称`],
    [`"高级" 是 职称`],
  ])("%s holds for a pregnant senior-titled man", (cond) => {
    expect(answer(cond)).toBe("required");
  });
  it.each([[`"哺乳期" 属于 情形`], [`{"女"} 包含 性别`], [`"正高级" <= 职称`]])("%s does not", (cond) => {
    expect(answer(cond)).toBe("not_required");
  });
  it("a parameter's or a definition's value is the enumeration's too", () => {
    const with_ = (decl: string, cond: string) =>
      decide(`clause A-1 must source "必须" {\n  ${decl}\n  require r: when ${cond}\n}`, t).decision;
    expect(with_(`param p: text = "孕期"`, `情形 包含 p`)).toBe("required");
    expect(with_(`param p: set = {"孕期"}`, `情形 包含任一 p`)).toBe("required");
    expect(with_(`param p: text = "男"`, `性别 是 p`)).toBe("required");
    expect(with_(`define d = "男"`, `"男" 是 性别 且 性别 是 d`)).toBe("required");
    const bad = checkText(
      HEADER + `clause A-1 must source "必须" {\n  param p: text = "男性"\n  require r: when 性别 是 p\n}`,
    );
    expect(bad.all.filter((d) => d.code === "T005").map((d) => d.message)).toEqual([expect.stringContaining("`男性`")]);
  });
  it.each([
    [`性别 是 (若 在编 则 "男" 否则 "女")`],
    [`(若 在编 则 "孕期" 否则 "哺乳期") 属于 情形`],
    [`(若 在编 则 "一级" 否则 "正高级") < 职称`],
    [`职称 < (若 在编 则 "正高级" 否则 "一级")`],
  ])("%s: a conditional's branches are values of the enumeration too", (cond) => {
    expect(answer(cond)).toBe("required");
    const viaDef = decide(
      `clause A-1 must source "必须" {\n  define x: set = if established then {"孕期"} else {"哺乳期"}\n  require r: when 情形 包含任一 x\n}`,
      t,
    );
    expect(viaDef.decision).toBe("required");
  });
  it.each([
    [`"孕期期" 属于 情形`, "孕期期"],
    [`性别 是 (若 在编 则 "男性" 否则 "女")`, "男性"],
    [`{"男性"} 包含 性别`, "男性"],
    [`"一级级" < 职称`, "一级级"],
    [`{"孕期期"} 包含任一 情形`, "孕期期"],
  ])("%s: a value the enumeration does not have is T005, on the left as on the right", (cond, value) => {
    const c = checkText(HEADER + `clause A-1 must source "必须" {\n  require r: when ${cond}\n}`);
    expect(c.all.filter((d) => d.code === "T005").map((d) => d.message)).toEqual([
      expect.stringContaining(`\`${value}\``),
    ]);
  });
});
