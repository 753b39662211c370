// One failing and one passing example for every checker rule: the failing
// snippet must produce exactly the expected code, with its span over the
// expected text; the fixed snippet must produce no diagnostic of that code.

import { describe, expect, it } from "vitest";
import { HEADER, checkText } from "../support/policy.js";

interface Example {
  code: string;
  bad: string;
  /** The text the diagnostic's span must cover. */
  at: string;
  good: string;
  national?: boolean;
}

const C = (body: string, modality = "must", source = "必须 test") =>
  `clause T-1 ${modality} source "${source}" {\n${body}\n}\n`;

const examples: Example[] = [
  {
    code: "P001",
    bad: HEADER + C("require r: when age >= "),
    at: "}",
    good: HEADER + C("require r: when age >= 3"),
  },
  {
    code: "P002",
    bad: HEADER + C("require r: when age >= 3 ¤"),
    at: "¤",
    good: HEADER + C("require r: when age >= 3"),
  },
  {
    code: "P011",
    bad: HEADER + `clause T-1 mustt source "必须" { require r: when true }`,
    at: "mustt",
    good: HEADER + `clause T-1 must source "必须" { require r: when true }`,
  },
  {
    code: "P012",
    bad: HEADER + C("param p: integer = 3\nrequire r: when age >= p"),
    at: "integer",
    good: HEADER + C("param p: int = 3\nrequire r: when age >= p"),
  },
  {
    code: "P013",
    bad: HEADER + C("check c for each schol: count(teachers) > 0"),
    at: "schol",
    good: HEADER + C("check c for each school: count(teachers) > 0"),
  },
  {
    code: "N001",
    bad: HEADER + C("require r: when tenur >= 9 years"),
    at: "tenur",
    good: HEADER + C("require r: when tenure >= 9 years"),
  },
  {
    code: "N002",
    bad: HEADER + C(`require r: when school.locaton == "urban"`),
    at: "locaton",
    good: HEADER + C(`require r: when school.location == "urban"`),
  },
  {
    code: "N003",
    bad: HEADER + C("param p: int = 3\nparam p: int = 4\nrequire r: when age >= p"),
    at: "p",
    good: HEADER + C("param p: int = 3\nparam q: int = 4\nrequire r: when age >= p and age <= q"),
  },
  {
    code: "N004",
    bad: HEADER + C("override param p: int = 3\nrequire r: when age >= p"),
    at: "p",
    good: HEADER + C("param p: int = 3\nrequire r: when age >= p"),
  },
  {
    code: "N005",
    bad: HEADER + C("require r: when true") + C("require s: when true"),
    at: "T-1",
    good: HEADER + C("require r: when true") + C("require s: when true").replace("T-1", "T-2"),
  },
  {
    code: "N006",
    bad: HEADER + C("require r: when true\nrequire r: when false"),
    at: "r",
    good: HEADER + C("require r: when true\nrequire s: when false"),
  },
  {
    code: "N007",
    bad: HEADER + C("param p: int = 3\nrequire r: when age >= p\nexempt e overrides p: when false or age > 70"),
    at: "p",
    good: HEADER + C("param p: int = 3\nrequire r: when age >= p\nexempt e overrides r: when age > 70"),
  },
  {
    code: "N009",
    bad: HEADER + C("define a = b\ndefine b = a\nrequire r: when a"),
    at: "a",
    good: HEADER + C("define a = age > 3\ndefine b = a\nrequire r: when b"),
  },
  {
    code: "N010",
    bad: HEADER + C("require r: when true\ndefer d overrides r, e: when age > 3\nexempt e overrides d: when age > 5"),
    at: "d",
    good: HEADER + C("require r: when true\ndefer d overrides r: when age > 3\nexempt e overrides d, r: when age > 5"),
  },
  {
    code: "N011",
    bad: HEADER + C("require r: when to_retirement > 5 years"),
    at: "to_retirement",
    good: HEADER + C("require r: when to_retirement > 5 years"),
    national: true,
  },
  {
    code: "T001",
    bad: HEADER + C("require r: when tenure >= 9"),
    at: "tenure >= 9",
    good: HEADER + C("require r: when tenure >= 9 years"),
  },
  {
    code: "T002",
    bad: HEADER + C("require r: when age"),
    at: "age",
    good: HEADER + C("require r: when age > 3"),
  },
  {
    code: "T003",
    bad: HEADER + C("require r: when birth_date - school_since > 3 years"),
    at: "birth_date - school_since",
    good: HEADER + C("require r: when period(birth_date, school_since) > 3 years"),
  },
  {
    code: "T004",
    bad: HEADER + C("param p: duration = 15%\nrequire r: when tenure >= p"),
    at: "15%",
    good: HEADER + C("param p: duration = 9 years\nrequire r: when tenure >= p"),
  },
  {
    code: "T005",
    bad: HEADER + C(`require r: when sex == "men"`),
    at: `"men"`,
    good: HEADER + C(`require r: when sex == "男"`),
  },
  {
    code: "T006",
    bad: HEADER + C("check c for each school: age > 3"),
    at: "age",
    good: HEADER + C("check c for each school: count(teachers where age > 3) > 0"),
  },
  {
    code: "T007",
    bad: HEADER + C("require r: when peroid(birth_date, as_of) > 3 years"),
    at: "peroid",
    good: HEADER + C("require r: when period(birth_date, as_of) > 3 years"),
  },
  {
    code: "T008",
    bad: HEADER + C("require r: when period(birth_date) > 3 years"),
    at: "period(birth_date)",
    good: HEADER + C("require r: when period(birth_date, as_of) > 3 years"),
  },
  {
    code: "T009",
    bad: HEADER + C("require r: when count(moves) > 3"),
    at: "moves",
    good: HEADER + C("check c for each school: count(moves) > 3"),
  },
  {
    code: "T010",
    bad: HEADER + C("require r: when true\ndefer d: when age > 3"),
    at: "d",
    good: HEADER + C("require r: when true\ndefer d overrides r: when age > 3"),
  },
  {
    code: "T011",
    bad: HEADER + C("require r: when true\nscope s overrides r: when true"),
    at: "r",
    good: HEADER + C("require r: when true\nscope s: when true"),
  },
  {
    code: "T012",
    bad: HEADER + C("scope s: when true\nrequire r: when true\nexempt e overrides s: when age > 3"),
    at: "s",
    good: HEADER + C("scope s: when true\nrequire r: when true\nexempt e overrides r: when age > 3"),
  },
  {
    code: "T013",
    bad: HEADER + C("require r: when true limit 3 years"),
    at: "3 years",
    good: HEADER + C("require r: when true\ndefer d overrides r: when age > 3 limit 3 years"),
  },
  {
    code: "T014",
    bad: HEADER + C("param p: int = age\nrequire r: when age > p"),
    at: "age",
    good: HEADER + C("param p: int = 30\nrequire r: when age > p"),
  },
  {
    code: "T015",
    bad: HEADER + C("require r: when birth_date > 2023-02-29"),
    at: "2023-02-29",
    good: HEADER + C("require r: when birth_date > 2024-02-29"),
  },
  {
    code: "W001",
    bad: HEADER + `clause T-1 must source "" { require r: when true }`,
    at: "T-1",
    good: HEADER + `clause T-1 must source "必须" { require r: when true }`,
  },
  {
    code: "W002",
    bad: HEADER + "require r: when true\n",
    at: "require r: when true",
    good: HEADER + C("require r: when true"),
  },
  {
    code: "W003",
    bad: HEADER + C("define unused = age > 3\nrequire r: when true"),
    at: "unused",
    good: HEADER + C("define used = age > 3\nrequire r: when used"),
  },
  {
    code: "W004",
    bad: HEADER + C("param p: int = 3\nrequire r: when true"),
    at: "p",
    good: HEADER + C("param p: int = 3\nrequire r: when age > p"),
  },
  {
    code: "W005",
    bad: HEADER + C("require r: when true\ndefer d overrides r: when age > 3\ndefer e overrides d: when age > 5"),
    at: "e",
    good: HEADER + C("require r: when true\ndefer d overrides r: when age > 3\nrequire e overrides d: when age > 5"),
  },
  {
    code: "W005",
    bad: HEADER + C("require r: when age <= 55 and tenure >= 9 years\nexempt e overrides r: when age > 60"),
    at: "e",
    good: HEADER + C("require r: when age <= 55 and tenure >= 9 years\nexempt e overrides r: when age > 50"),
  },
  {
    code: "W006",
    bad:
      HEADER + C(`require r: when true\ndefer d overrides r: when age > 3\nexempt e overrides r: when sex == "male"`),
    at: "e",
    good:
      HEADER +
      C(`require r: when true\ndefer d overrides r: when age > 3\nexempt e overrides r, d: when sex == "male"`),
  },
  {
    code: "W007",
    bad: HEADER + C("require r: when true", "must", "原则上应交流"),
    at: "must",
    good: HEADER + C("require r: when true", "should", "原则上应交流"),
  },
  {
    code: "W010",
    bad:
      HEADER + `clause T-1 must because "作为……必要条件" source "将交流经历作为评聘条件之一" { require r: when true }`,
    at: `"作为……必要条件"`,
    good:
      HEADER + `clause T-1 must because "作为……条件之一" source "将交流经历作为评聘条件之一" { require r: when true }`,
  },
  {
    code: "N012",
    bad: HEADER + C("define 周岁 = 30\nrequire r: when 周岁 > 3"),
    at: "周岁",
    good: HEADER + C("define 年龄门槛 = 30\nrequire r: when 周岁 > 年龄门槛"),
  },
  {
    code: "W008",
    bad: HEADER + C("param p: int\nrequire r: when age > p"),
    at: "p",
    good: HEADER + C("param p: int = 3\nrequire r: when age > p"),
  },
  {
    code: "W009",
    bad: C("require r: when true"),
    at: "",
    good: HEADER + C("require r: when true"),
  },
];

describe("checker rules: one failing and one passing example each", () => {
  for (const ex of examples) {
    it(`${ex.code}: reported on the failing example, at the right span`, () => {
      const r = checkText(ex.bad, { withNational: !!ex.national && ex.code !== "N011" });
      const hits = r.all.filter((d) => d.code === ex.code);
      expect(hits.length, JSON.stringify(r.all.map((d) => [d.code, d.message]))).toBeGreaterThan(0);
      const d = hits[0]!;
      expect(d.span).toBeDefined();
      expect(ex.bad.slice(d.span!.start, d.span!.end)).toBe(ex.at);
    });
    it(`${ex.code}: not reported once fixed`, () => {
      const r = checkText(ex.good, { withNational: !!ex.national });
      expect(r.all.filter((d) => d.code === ex.code).map((d) => d.message)).toEqual([]);
    });
  }
});

describe("error recovery", () => {
  it("reports every syntax error of a file in one run", () => {
    const text =
      HEADER +
      C("require a: when age >=") +
      C("require b when age > 3").replace("T-1", "T-2") +
      C("define c = 3 +").replace("T-1", "T-3");
    const r = checkText(text);
    const parseErrors = r.all.filter((d) => d.code.startsWith("P"));
    expect(parseErrors.length).toBeGreaterThanOrEqual(3);
    const lines = new Set(parseErrors.map((d) => text.slice(0, d.span!.start).split("\n").length));
    expect(lines.size).toBeGreaterThanOrEqual(3);
  });
  it("reports name and type errors of several rules together", () => {
    const r = checkText(
      HEADER + C(`require a: when tenur > 3 years\nrequire b: when age > 3 years\nrequire c: when sex == "men"`),
    );
    expect(r.all.map((d) => d.code).sort()).toEqual(["N001", "T001", "T005"]);
  });
});

describe("parameters without a value", () => {
  it("W008 when the source redacts it, W011 when another document sets it", () => {
    const codes = (decl: string) =>
      checkText(HEADER + `clause A-1 must source "x" {\n  ${decl}\n  require r: when 本校任教年限 满 年限\n}`).all.map(
        (d) => d.code,
      );
    expect(codes(`param 年限: duration`)).toContain("W008");
    expect(codes(`param 年限: duration`)).not.toContain("W011");
    expect(codes(`参数 年限: 期限 出处 "区教字[2023]14号"`)).toContain("W011");
    expect(codes(`参数 年限: 期限 出处 "区教字[2023]14号"`)).not.toContain("W008");
  });
});
