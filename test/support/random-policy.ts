// Test support: random policies as text, for the property tests (compiled ≡
// reference, parse/print round trip). Every generated policy checks: names
// exist, types agree, and exceptions override only earlier rules (acyclic).

import fc from "fast-check";

// ------------------------------------------------------------------ policies

const cmpWord = fc.constantFrom(
  ">=",
  ">",
  "<=",
  "<",
  "满",
  "超过",
  "不满",
  "不足",
  "不少于",
  "不超过",
  "at least",
  "more than",
  "less than",
);
const postWord = fc.constantFrom("以上", "及以上", "以下", "及以下", "or more");

const atom: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(cmpWord, fc.integer({ min: 20, max: 65 })).map(([w, n]) => `周岁 ${w} ${n}`),
  fc.tuple(postWord, fc.integer({ min: 20, max: 65 })).map(([w, n]) => `age ${n} ${w}`),
  fc
    .tuple(
      fc.constantFrom("本校任教年限", "tenure", "任职年限", "entity_tenure", "距法定退休"),
      cmpWord,
      fc.integer({ min: 0, max: 15 }),
      fc.constantFrom("年", " years", "个月"),
    )
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
    `非重复计数(任职经历 其中 时长 不少于 1年, 学校) 不少于 2`,
    `count_distinct(service where rotation, school) at least 1`,
    `存在(任职经历 其中 交流轮岗 且 人事关系调转)`,
    `全部(任职经历, 时长 >= 6个月)`,
    `法定退休年龄 > 60 years`,
    // Dates other than the reference date (issue 12): 乌石's 31 August, 章贡's school year and window.
    `周岁于(日期(年份(基准日), 8, 31)) <= 53`,
    `age_on(date(year(as_of) - 1, 9, 1)) > 45`,
    `月份(出生日期) >= 9`,
    `month(school_since) < 3`,
    `出生日期 >= 日期(若 月份(基准日) >= 9 则 年份(基准日) 否则 年份(基准日) - 1, 9, 1) - 50年`,
    `合计(任职经历 其中 交流轮岗 且 截止日期 >= 基准日 - 6年, 时长) 满 1年`,
  ),
  // Arithmetic and comparisons of every type (docs/language.md §10), so that each operator's
  // compiled form is held to the reference evaluator's.
  fc.constantFrom(
    `本校任教年限 + 6个月 >= 2年 * 3`,
    `tenure - 1 years < p_tenure`,
    `2 * 3年 > 距法定退休`,
    `-本校任教年限 < -2年`,
    `本校任教年限 是 6年`,
    `tenure != 9 years`,
    `周岁 + 5 > 60`,
    `周岁 - 3 * 2 <= 50`,
    `周岁 != 50`,
    `age == 45`,
    `-周岁 > -50`,
    `计数(任职经历 其中 交流轮岗) / 计数(任职经历) >= 50%`,
    `计数(任职经历 其中 时长 满 1年) / 计数(任职经历) 是 100%`,
    `15% * 计数(任职经历) <= 1`,
    // 7% × 100 is 7.000000000000001 in floating point: the product is rounded, whichever side the share is on.
    `(计数(任职经历) + 100) * 7% 是 7`,
    `7% * (100 + 计数(任职经历)) 是 7`,
    `计数(任职经历) * 50% > 1`,
    `50% + 10% > 计数(任职经历 其中 人事关系调转) / 计数(任职经历)`,
    `100% - 计数(任职经历 其中 交流轮岗) / 计数(任职经历) < 60%`,
    `较小值(周岁, 50) >= 45`,
    `较大值(本校任教年限, 任职年限) 满 6年`,
    `较小值(出生日期, 1980-01-01) < 1975-06-01`,
    `max(school_since, post_since) > 2015-03-31`,
    `期间(出生日期, 基准日) >= 40年`,
    `period(school_since, as_of) < 3 years 6 months`,
    `职称 高于 "一级"`,
    `职称 低于 "高级"`,
    `职称 不高于 "二级"`,
    `职称 是 "高级"`,
    `职称 不是 "一级"`,
    `在编 是 真`,
    `on_post != false`,
    `出生日期 != 1980-01-01`,
    `出生日期 是 1975-06-30`,
    `基准日 - 10年 >= school_since`,
    `年份(出生日期) + 周岁 >= 年份(基准日) - 1`,
    `(若 在编 则 本校任教年限 否则 任职年限) 满 6年`,
    `(若 已知(school_since) 则 school_since 否则 post_since) <= 2018-08-31`,
    `性别 属于 {"男"}`,
    `"孕期" 属于 情形`,
    `非 (情形 包含任一 {"孕期", "哺乳期"})`,
    `全部(任职经历, 交流轮岗)`,
    `存在(任职经历 其中 时长 > 3年)`,
    `计数(任职经历 其中 学校.层次 是 "薄弱") > 0`,
    `合计(任职经历, 时长) 不满 距法定退休`,
    `已知(school.tier)`,
    `学校.层次 不是 "优质"`,
    `school.location == "urban"`,
  ),
  fc.constantFrom("p_age", "p_tenure").map((p) => (p === "p_age" ? `周岁 <= p_age` : `tenure >= p_tenure`)),
);

const condOf = (leaf: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.letrec((tie) => ({
    c: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc
        .tuple(
          tie("c") as fc.Arbitrary<string>,
          fc.constantFrom("且", "或", "and", "or"),
          tie("c") as fc.Arbitrary<string>,
        )
        .map(([a, o, b]) => `(${a} ${o} ${b})`),
      (tie("c") as fc.Arbitrary<string>).map((a) => `非 (${a})`),
    ),
  })).c;

/** Conditions over the facts. */
const cond = condOf(atom);
/** Conditions that may also read the policy's definitions (memoised per person in the compiled program). */
const ruleCond = condOf(
  fc.oneof(
    { weight: 3, arbitrary: atom },
    {
      weight: 1,
      arbitrary: fc.constantFrom(`d_ok`, `非 d_ok`, `d_span 满 6年`, `d_span < p_tenure`, `(d_ok 且 d_span > 3年)`),
    },
  ),
);

/** Selection-order keys, one of each orderable type (T017). */
const orderKey = fc.constantFrom(
  "本校任教年限",
  "周岁",
  "职称",
  "出生日期",
  "在编",
  "距法定退休",
  "计数(任职经历)",
  "d_span",
  '职称 不低于 "一级"',
  "计数(任职经历 其中 交流轮岗) / 计数(任职经历)",
);

interface RuleSpec {
  kind: "require" | "eligible" | "exempt" | "defer" | "volunteer";
  cond: string;
  overrides: number[];
  limit?: number;
}

export const policyArb = fc
  .record({
    scope: fc.option(cond, { nil: undefined }),
    prereq: fc.option(fc.tuple(cond, fc.option(cond, { nil: undefined })), { nil: undefined }),
    redactAge: fc.boolean(),
    rounding: fc.constantFrom("", "rounding end_of_month", "rounding next_day"),
    defs: fc.tuple(cond, cond),
    order: fc.array(fc.tuple(orderKey, fc.constantFrom("降序", "升序", "descending", "ascending")), {
      minLength: 1,
      maxLength: 3,
    }),
    rules: fc.array(
      fc.record({
        kind: fc.constantFrom("require", "require", "eligible", "exempt", "defer", "volunteer") as fc.Arbitrary<
          RuleSpec["kind"]
        >,
        cond: ruleCond,
        pick: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
        limit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ scope, prereq, redactAge, rounding, defs, order, rules }) => {
    const specs: RuleSpec[] = [];
    rules.forEach((r, i) => {
      // Exceptions override earlier decision rules only (not 可自愿, T012), so priorities are acyclic by construction.
      const kind = i === 0 ? "require" : r.kind;
      const targets = specs.flatMap((s, k) => (s.kind === "volunteer" ? [] : [k]));
      const overrides =
        kind === "exempt" || kind === "defer" ? [...new Set(r.pick.map((k) => targets[k % targets.length]!))] : [];
      specs.push({ kind, cond: r.cond, overrides, ...(kind === "defer" && r.limit ? { limit: r.limit } : {}) });
    });
    const lines = [
      `policy "random" { issuer "x" effective 2024-01-01 ${rounding} }`,
      `clause R-0 must source "必须" {`,
      redactAge ? `  param p_age: int` : `  param p_age: int = 55`,
      `  param p_tenure: duration = 6 years`,
      `  define d_ok = ${defs[0]}`,
      `  define d_span: duration = if ${defs[1]} then tenure else 2 years 6 months`,
      `  selection_order o0: ${order.map(([k, d]) => `${k} ${d}`).join(", ")}`,
      scope ? `  scope s0: when ${scope}` : "",
      prereq ? `  prerequisite pq${prereq[1] ? ` only if ${prereq[1]}` : ""}: when ${prereq[0]}` : "",
      ...specs.map((s, i) => {
        const over = s.overrides.length ? ` overrides ${s.overrides.map((k) => `r${k}`).join(", ")}` : "";
        return `  ${s.kind} r${i}${over}: when ${s.cond}${s.limit ? ` limit ${s.limit} years` : ""}`;
      }),
      `}`,
    ];
    return lines.join("\n");
  });
