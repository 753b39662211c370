// Property: on random policies and random people, the compiled program and
// the reference evaluator reach the same decision, cite the same clauses and
// name the same deciding rules; and neither ever throws, whatever facts are
// missing. Policies are generated as text, so the whole front end is exercised.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasErrors } from "../../src/diagnostics/diagnostic.js";
import { compile, newFrame } from "../../src/interpreter/compile.js";
import { referenceDecide } from "../../src/interpreter/reference.js";
import type { School, Teacher } from "../../src/data/model.js";
import { fromYmd } from "../../src/time/date.js";
import { checkText } from "../support/policy.js";

// ------------------------------------------------------------------ policies

const cmpWord = fc.constantFrom(">=", ">", "<=", "<", "满", "超过", "不满", "不足", "不少于", "不超过", "at least", "more than", "less than");
const postWord = fc.constantFrom("以上", "及以上", "以下", "及以下", "or more");

const atom: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(cmpWord, fc.integer({ min: 20, max: 65 })).map(([w, n]) => `周岁 ${w} ${n}`),
  fc.tuple(postWord, fc.integer({ min: 20, max: 65 })).map(([w, n]) => `age ${n} ${w}`),
  fc.tuple(fc.constantFrom("本校任教年限", "tenure", "任职年限", "entity_tenure", "距法定退休"), cmpWord, fc.integer({ min: 0, max: 15 }), fc.constantFrom("年", " years", "个月"))
    .map(([f, w, n, u]) => `${f} ${w} ${n}${u}`),
  fc.constantFrom(
    `性别 是 "男"`,
    `sex == "female"`,
    `岗位 属于 {"教师", "中层干部"}`,
    `role in {"principal", "vice_principal"}`,
    `情形 包含 "孕期"`,
    `conditions intersects {"nursing", "serious_illness"}`,
    `荣誉 包含任一 {"市级骨干教师", "特级教师"}`,
    `在编`,
    `on_post`,
    `学校.地域 属于 {"偏远农村", "海岛"}`,
    `school.rotation_feasible`,
    `职称 不低于 "高级"`,
    `已知(post_since)`,
    `birth_date < 1980-01-01`,
    `school_since + 9 years <= as_of`,
    `(若 性别 是 "男" 则 55 否则 50) >= 周岁`,
    `合计(任职经历 其中 学校.地域 属于 {"农村", "海岛"} 或 学校.层次 是 "薄弱", 时长) 满 1年`,
    `计数(任职经历 其中 时长 不少于 2年) 不少于 2`,
    `存在(任职经历 其中 交流轮岗 且 人事关系调转)`,
    `全部(任职经历, 时长 >= 6个月)`,
    `法定退休年龄 > 60 years`,
  ),
  fc.constantFrom("p_age", "p_tenure").map((p) => (p === "p_age" ? `周岁 <= p_age` : `tenure >= p_tenure`)),
);

const cond: fc.Arbitrary<string> = fc.letrec((tie) => ({
  c: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    fc.tuple(tie("c") as fc.Arbitrary<string>, fc.constantFrom("且", "或", "and", "or"), tie("c") as fc.Arbitrary<string>).map(([a, o, b]) => `(${a} ${o} ${b})`),
    (tie("c") as fc.Arbitrary<string>).map((a) => `非 (${a})`),
  ),
})).c;

interface RuleSpec {
  kind: "require" | "exempt" | "defer";
  cond: string;
  overrides: number[];
  limit?: number;
}

const policyArb = fc
  .record({
    scope: fc.option(cond, { nil: undefined }),
    redactAge: fc.boolean(),
    rounding: fc.constantFrom("", "rounding end_of_month", "rounding next_day"),
    rules: fc.array(
      fc.record({
        kind: fc.constantFrom("require", "require", "exempt", "defer") as fc.Arbitrary<RuleSpec["kind"]>,
        cond,
        pick: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
        limit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ scope, redactAge, rounding, rules }) => {
    const specs: RuleSpec[] = [];
    rules.forEach((r, i) => {
      // Exceptions override earlier rules only, so priorities are acyclic by construction.
      const kind = i === 0 ? "require" : r.kind;
      const overrides = kind === "require" || i === 0 ? [] : [...new Set(r.pick.map((k) => k % i))];
      specs.push({ kind, cond: r.cond, overrides, ...(kind === "defer" && r.limit ? { limit: r.limit } : {}) });
    });
    const lines = [
      `policy "random" { issuer "x" effective 2024-01-01 ${rounding} }`,
      `clause R-0 must source "必须" {`,
      redactAge ? `  param p_age: int` : `  param p_age: int = 55`,
      `  param p_tenure: duration = 6 years`,
      scope ? `  scope s0: when ${scope}` : "",
      ...specs.map((s, i) => {
        const over = s.overrides.length ? ` overrides ${s.overrides.map((k) => `r${k}`).join(", ")}` : "";
        return `  ${s.kind} r${i}${over}: when ${s.cond}${s.limit ? ` limit ${s.limit} years` : ""}`;
      }),
      `}`,
    ];
    return lines.join("\n");
  });

// ------------------------------------------------------------------ people

const day = (y: number, m: number, d: number) => fromYmd(y, m, d)!;
const dateArb = (from: number, to: number) =>
  fc.tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => fromYmd(y, m, Math.min(d, 28 + ((y + m) % 4))) ?? day(y, m, 1));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 5 });

const teacherArb: fc.Arbitrary<Teacher> = fc
  .record({
    sex: fc.constantFrom("male", "female"),
    birth_date: dateArb(1960, 2000),
    role: fc.constantFrom("teacher", "middle_manager", "principal", "vice_principal", "school_leader", "support_staff"),
    post_category: maybe(fc.constantFrom("professional", "management", "worker")),
    established: maybe(fc.boolean()),
    on_post: maybe(fc.boolean()),
    school: fc.constantFrom("S1", "S2", "S3"),
    school_since: maybe(dateArb(2000, 2024)),
    post_since: maybe(dateArb(2005, 2024)),
    title: maybe(fc.constantFrom("third", "second", "first", "senior", "full_senior")),
    honors: fc.subarray(["市级骨干教师", "特级教师", "区级骨干教师"]),
    conditions: fc.subarray(["pregnant", "nursing", "serious_illness", "project_lead"]),
    deferred_years: fc.integer({ min: 0, max: 4 }),
    history: fc.array(
      fc.record({
        school: fc.constantFrom("S1", "S2", "S3", "S9"),
        from: dateArb(1985, 2005),
        days: fc.integer({ min: 0, max: 3000 }),
        rotation: maybe(fc.boolean()),
        personnel_transfer: maybe(fc.boolean()),
      }).map(({ days, ...h }) => ({ ...h, to: h.from + days })),
      { maxLength: 3 },
    ),
  })
  .map((r) => ({ id: "T", volunteer: false, ...r }) as unknown as Teacher);

const schools = new Map<string, School>([
  ["S1", { id: "S1", location: "urban", tier: "quality", rotation_feasible: true, legal_entity: "E1" }],
  ["S2", { id: "S2", location: "island", tier: "weak", rotation_feasible: false }],
  ["S3", { id: "S3", tier: "general" }],
]);

// ------------------------------------------------------------------ property

describe("compiled program ≡ reference evaluator", () => {
  it("agrees on decision, clauses and deciding rules; never throws", () => {
    let checkedPolicies = 0;
    fc.assert(
      fc.property(policyArb, fc.array(teacherArb, { minLength: 1, maxLength: 8 }), dateArb(2020, 2030), (text, people, asOf) => {
        const c = checkText(text, { withNational: true });
        if (!c.policy || hasErrors(c.diagnostics)) {
          throw new Error("generated policy does not check:\n" + text + "\n" + JSON.stringify(c.all.map((d) => [d.code, d.message])));
        }
        checkedPolicies++;
        const program = compile(c.policy);
        const world = { asOf, schools, ...(c.policy.rounding ? { rounding: c.policy.rounding } : {}) };
        const frame = newFrame(world);
        for (const t of people) {
          const a = program.decide(t, frame);
          const traced = program.decide(t, frame, true);
          const b = referenceDecide(c.policy, t, world);
          const view = (d: typeof a) => ({
            decision: d.decision,
            clauses: d.clauses.map((x) => x.id),
            winners: d.winners.map((r) => r.label).sort(),
            results: d.results.map((r) => (typeof r.value === "boolean" ? r.value : "unknown")),
          });
          expect(view(a)).toEqual(view(b));
          expect(view(traced)).toEqual(view(a));
          expect(program.decideValue(t, frame)).toBe(a.decision);
        }
      }),
      { numRuns: 300 },
    );
    expect(checkedPolicies).toBeGreaterThan(0);
  });
});
