// 章贡 ZG-5 确定原则 (选择顺序) in `lungang check` (issue 13): per school, a plan
// that moves someone while leaving a candidate who comes strictly first —
// applicants first, then the order's keys — breaches the order; the
// violation names both people and the deciding key with both values. A tie
// is no breach; a missing key that decides is undetermined. The columnar path
// answers as the object path does, and `lungang propose`'s own plan follows the order.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.js";
import { compilePolicy } from "../../src/api/compile.js";
import { checkPlan as answerObjects } from "../../src/api/plan.js";
import { checkColumnar } from "../../src/columnar/check.js";
import { checkPlanColumnar } from "../../src/columnar/plan.js";
import { readColumnar } from "../../src/columnar/read.js";
import type { Dataset } from "../../src/data/model.js";
import { parseDatasetText } from "../../src/data/read.js";
import { readTabular } from "../../src/data/tabular/read.js";
import { writeDatasetCsv } from "../../src/data/tabular/write.js";
import { checkPlan, type PlanResult } from "../../src/plan/check-plan.js";
import { propose } from "../../src/propose/propose.js";
import { render } from "../../src/render/render.js";
import { namerOf, undeterminedReasons, violationView } from "../../src/render/violation.js";
import { ROOT } from "../support/policy.js";

const params = { 校长任职年限门槛: "6年", 教师任教年限门槛: "6年", 内部调整规定年限: "3年" };
const zg = compilePolicy(join(ROOT, "policies", "zhanggong"), { params }).value!;
const schema = zg.checked.input;
const cases = (
  parse(readFileSync(join(ROOT, "policies/zhanggong/tests/order.yaml"), "utf8")) as {
    plans: { name: string; dataset: unknown }[];
  }
).plans;

function dataset(i: number, plan = true): Dataset {
  const raw = { ...(cases[i]!.dataset as Record<string, unknown>) };
  if (!plan) delete raw.plan;
  const read = parseDatasetText(JSON.stringify(raw), "order.json", "json", { schema });
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return read.value!;
}

const orderViolations = (r: PlanResult) => r.violations.filter((v) => v.clause.id === "ZG-5");

function message(i: number, lang: "zh" | "en" = "zh"): string {
  const data = dataset(i);
  const found = orderViolations(checkPlan(zg.program, data, zg.params));
  expect(found).toHaveLength(1);
  expect(found[0]!.severity).toBe("error");
  return violationView(zg.checked, found[0]!, lang, namerOf(data)).message;
}

describe("章贡 ZG-5: check verifies that the plan chose by the declared order", () => {
  it("a shorter tenure chosen over a longer one: both named, the tenure with both values", () => {
    expect(cases[1]!.name).toMatch(/N02/);
    const m = message(1);
    expect(m).toContain("选了 教师 N02，未选 教师 N01");
    expect(m).toContain("本校任教年限 16年0个月 > 14年0个月（降序）");
    expect(message(1, "en")).toContain("teacher N02 selected and teacher N01 passed over");
  });

  it("an applicant left while a non-applicant is chosen: the application decides", () => {
    expect(message(3)).toContain("选了 教师 N01，未选 教师 A03，而 A03 依序在先：本人申请：A03 ✓，N01 ✗");
  });

  it("applicants exceeding the quota are chosen among by the order (the earlier title date first)", () => {
    expect(message(5)).toContain("职称取得日期 2016-09-01 < 2017-09-01（升序）");
    expect(orderViolations(checkPlan(zg.program, dataset(4), zg.params))).toEqual([]);
  });

  it("a tie of every key is no breach, either way", () => {
    const r = checkPlan(zg.program, dataset(2), zg.params);
    expect(r.violations).toEqual([]);
    expect(r.undetermined).toEqual([]);
    const tally = r.evaluated.find((e) => e.check.clause.id === "ZG-5")!;
    expect([tally.passed, tally.failed, tally.undetermined]).toEqual([1, 0, 0]);
  });

  it("a missing key that decides is undetermined, naming the two people and the fact", () => {
    const data = dataset(6);
    const r = checkPlan(zg.program, data, zg.params);
    expect(r.violations).toEqual([]);
    const u = r.undetermined.filter((x) => x.clause.id === "ZG-5");
    expect(u.map((x) => x.subject)).toEqual([{ kind: "school", id: "S02" }]);
    expect(u[0]!.between).toEqual({ selected: "M01", passedOver: "M02" });
    expect(undeterminedReasons(u[0]!, "zh", namerOf(data))).toEqual([
      "选了 教师 M01、未选 教师 M02：二者先后无法判定",
      "缺少数据: 职称取得日期",
    ]);
    // Everyone moved: nobody was passed over, so the missing date decides nothing.
    expect(checkPlan(zg.program, dataset(7), zg.params).undetermined).toEqual([]);
  });

  it("a person whose own decision is indeterminate makes a breach that depends on it undetermined", () => {
    // Without the redacted thresholds nobody's decision is known: ZG-5 cannot tell who the candidates are.
    const bare = compilePolicy(join(ROOT, "policies", "zhanggong"), { params: { 内部调整规定年限: "3年" } }).value!;
    const r = checkPlan(bare.program, dataset(1), bare.params);
    expect(orderViolations(r)).toEqual([]);
    expect(r.undetermined.some((u) => u.clause.id === "ZG-5" && u.subject.id === "S01")).toBe(true);
  });

  it("the plan lungang propose makes on the roster follows the order: applicants first, then N01", async () => {
    const data = dataset(0, false);
    const p = await propose(zg.program, data, { params: zg.params });
    expect(p.residual).toEqual([]);
    const moved = p.plan.moves.map((m) => m.teacher);
    expect(moved.length).toBeGreaterThan(0);
    const order = ["A01", "A02", "A03", "N01", "N02"];
    // A prefix of the order (N03 and N04 tie: either may end it).
    expect(moved.filter((t) => order.includes(t)).sort()).toEqual(order.slice(0, Math.min(moved.length, 5)).sort());
    const r = checkPlan(zg.program, { ...data, plan: p.plan }, zg.params);
    expect(orderViolations(r)).toEqual([]);
    // Checked, and passed: S01 chose among its candidates.
    expect(r.evaluated.find((e) => e.check.clause.id === "ZG-5")?.passed).toBe(1);
  });
});

describe("ZG-5 on the columnar path ≡ the object path", () => {
  async function both(ds: Dataset): Promise<{ a: PlanResult; b: PlanResult; ja: string; jb: string }> {
    const dir = mkdtempSync(join(tmpdir(), "lungang-order-"));
    writeDatasetCsv(ds, dir, "utf-8");
    const ta = await readTabular(dir, { schema });
    const cb = await readColumnar(dir, { schema });
    expect(cb.irregular).toBeFalsy();
    const a = checkPlan(zg.program, ta.value!, zg.params);
    const b = checkColumnar(zg.program, cb.value!, zg.params);
    const pa = await answerObjects(zg, ta.value!);
    const pb = await checkPlanColumnar(zg, cb.value!);
    const ja = (
      await render({ kind: "plan", answer: pa.value!, diagnostics: pa.diagnostics }, { format: "json", lang: "zh" })
    ).value!;
    const jb = (
      await render({ kind: "plan", answer: pb.value!, diagnostics: pb.diagnostics }, { format: "json", lang: "zh" })
    ).value!;
    return { a, b, ja: String(ja), jb: String(jb) };
  }
  const strip = (r: PlanResult) => ({
    violations: r.violations.map((v) => ({ clause: v.clause.id, subject: v.subject, order: v.order ?? null })),
    undetermined: r.undetermined.map((u) => ({
      clause: u.clause.id,
      subject: u.subject,
      reasons: u.reasons,
      between: u.between ?? null,
    })),
    evaluated: r.evaluated.map((e) => [e.check.clause.id, e.passed, e.failed, e.notApplicable, e.undetermined]),
  });

  it("on the order cases", async () => {
    for (let i = 0; i < cases.length; i++) {
      const { a, b, ja, jb } = await both(dataset(i));
      expect(strip(b)).toEqual(strip(a));
      expect(jb).toEqual(ja);
      expect(a.evaluated.some((e) => e.check.clause.id === "ZG-5")).toBe(true);
    }
  }, 120_000);

  it("on generated districts with drafted plans (breaches, ties and missing keys among them)", async () => {
    let breaches = 0;
    let undetermined = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 40, max: 200 }),
        fc.constantFrom("2023-09-01", "2025-09-01"),
        async (seed, teachers, asOf) => {
          const raw = generate({
            seed,
            teachers,
            schools: Math.max(2, Math.round(teachers / 40)),
            asOf,
            violations: true,
            facts: schema,
          });
          const ds = parseDatasetText(JSON.stringify(raw), "generated.json", "json", { schema }).value!;
          const { a, b, ja, jb } = await both(ds);
          expect(strip(b)).toEqual(strip(a));
          expect(jb).toEqual(ja);
          breaches += orderViolations(a).length;
          undetermined += a.undetermined.filter((u) => u.clause.id === "ZG-5").length;
        },
      ),
      { numRuns: 12 },
    );
    // The property saw the order at work, not only schools where it chose nothing.
    expect(breaches + undetermined).toBeGreaterThan(0);
  }, 300_000);
});
