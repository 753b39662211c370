// Jurisdictions, Beijing vs Haidian: a district that refines its city changes
// the answer only where its own text differs. Each case file under
// policies/beijing/haidian/tests/cases/ is decided under both policies through
// the CLI (`lungang case --json`), and the two answers are compared rule by
// rule; the subsidies dataset is checked under Haidian (`lungang check --json`).

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";

const CASES = join(ROOT, "policies/beijing/haidian/tests/cases");
const BEIJING = join(ROOT, "policies/beijing");
const HAIDIAN = join(ROOT, "policies/beijing/haidian");

interface RuleView {
  clause: string;
  rule: string;
  kind: string;
  policy: string;
  result: "applies" | "does_not_apply" | "unknown";
  role: string;
  conditions: { text: string; holds: boolean | null }[];
}

interface CaseJson {
  policy: string;
  teacher: string;
  decision: string;
  clauses: { id: string; source: string; policy: string }[];
  explanation: RuleView[];
  prerequisites: { clause: string; rule: string; applicable: boolean; met: boolean | null }[];
  volunteer?: { eligible: boolean | "unknown"; clauses: string[] };
}

async function decide(file: string, policy: string): Promise<CaseJson> {
  const r = await runCli(["case", join(CASES, file), "--policy", policy, "--json"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as CaseJson;
}

async function both(file: string): Promise<{ bj: CaseJson; hd: CaseJson }> {
  return { bj: await decide(file, BEIJING), hd: await decide(file, HAIDIAN) };
}

const key = (v: { clause: string; rule: string }) => `${v.clause}/${v.rule}`;

/** The rules both policies evaluate (same clause and label), with their results under each. */
function shared(bj: CaseJson, hd: CaseJson): { key: string; bj: RuleView; hd: RuleView }[] {
  const byKey = new Map(hd.explanation.map((v) => [key(v), v] as const));
  return bj.explanation.filter((v) => byKey.has(key(v))).map((v) => ({ key: key(v), bj: v, hd: byKey.get(key(v))! }));
}

/** Every rule result shared by both policies is identical — result, role and every condition with its values. */
function expectSharedIdentical(bj: CaseJson, hd: CaseJson): void {
  const common = shared(bj, hd);
  // Beijing's principal rule and both scope rules stay in force under Haidian.
  expect(common.map((c) => c.key)).toEqual(
    expect.arrayContaining([
      "BJ-1/公办学校正副校长",
      "BJ-1/正副校长距退休超过五年且任职满六年",
      "BJ-2/公办学校在编在岗教师",
    ]),
  );
  for (const c of common) expect(c.hd, c.key).toEqual(c.bj);
  expect(hd.prerequisites).toEqual(bj.prerequisites);
}

describe("Beijing and Haidian: the same person differs only where Haidian's text differs", () => {
  it("Haidian replaces Beijing's teacher rule (BJ-2) with its own (HD-1) and keeps the rest", async () => {
    const { bj, hd } = await both("ordinary.case.yaml");
    const bjRules = bj.explanation.map(key);
    const hdRules = hd.explanation.map(key);
    expect(bjRules).toContain("BJ-2/在编在岗教师距退休超过五年且连续工作满六年");
    expect(hdRules).not.toContain("BJ-2/在编在岗教师距退休超过五年且连续工作满六年");
    expect(hdRules).toContain("HD-1/法人学校连续工作满六年的在编在岗专任教师");
    // Only HD-0 (党政正职: scope and eligible), HD-1 (in place of BJ-2's rule) and HD-3 (volunteering) are Haidian's own.
    expect(hdRules.filter((k) => !bjRules.includes(k)).sort()).toEqual([
      "HD-0/党政正职全区统筹调配",
      "HD-0/党政正职由区统筹调配",
      "HD-1/法人学校连续工作满六年的在编在岗专任教师",
      "HD-3/市级骨干特级正高级教师不受年龄限制",
    ]);
  });

  it("issue 7.6: a 书记 is in scope in both (Beijing BJ-D-SJ, Haidian also HD-0); Beijing requires nothing of a 书记, Haidian leaves the 党政正职 to the district (eligible)", async () => {
    const { bj, hd } = await both("secretary.case.yaml");
    const applies = (j: CaseJson) =>
      j.explanation
        .filter((v) => v.kind === "scope" && v.result === "applies")
        .map(key)
        .sort();
    expect(applies(bj)).toEqual(["BJ-D-SJ/书记校长交流轮换"]);
    expect(applies(hd)).toEqual(["BJ-D-SJ/书记校长交流轮换", "HD-0/党政正职全区统筹调配"]);
    expect(bj.decision).toBe("not_required");
    expect(hd.decision).toBe("eligible");
    // BJ-1 was checked and does not apply: its condition names 正、副校长 only.
    for (const j of [bj, hd]) {
      const bj1 = j.explanation.find((v) => v.clause === "BJ-1" && v.kind === "require")!;
      expect(bj1.result).toBe("does_not_apply");
    }
    expect(bj.clauses.map((c) => c.id).sort()).toEqual(["BJ-1", "BJ-2"]);
    expect(hd.clauses.map((c) => c.id)).toEqual(["HD-0"]);
  });

  it("a teacher both texts treat alike gets the same decision, and every shared rule result is identical", async () => {
    const { bj, hd } = await both("ordinary.case.yaml");
    expect(bj.policy).toBe("beijing");
    expect(hd.policy).toBe("beijing/haidian");
    expect(bj.decision).toBe("required");
    expect(hd.decision).toBe("required");
    expectSharedIdentical(bj, hd);
  });

  it("legal-entity tenure: required under Haidian, not under Beijing — and Haidian's explanation names HD-1", async () => {
    const { bj, hd } = await both("legal-entity.case.yaml");
    expect(bj.decision).toBe("not_required");
    expect(hd.decision).toBe("required");
    expectSharedIdentical(bj, hd);

    // Beijing: BJ-2 checked and not met, on 本校任教年限 (3 years at the current campus).
    expect(bj.clauses.map((c) => c.id).sort()).toEqual(["BJ-1", "BJ-2"]);
    const bj2 = bj.explanation.find((v) => v.clause === "BJ-2" && v.kind === "require")!;
    expect(bj2.result).toBe("does_not_apply");
    expect(bj2.conditions.find((c) => c.text.startsWith("本校任教年限"))).toMatchObject({ holds: false });
    expect(bj2.conditions.find((c) => c.text.startsWith("本校任教年限"))!.text).toContain("3年0个月");

    // Haidian: HD-1 decided it, on 法人学校任教年限 (7 years across the two campuses of E1).
    expect(hd.clauses.map((c) => c.id)).toEqual(["HD-1"]);
    expect(hd.clauses[0]!.source).toContain("同一所法人学校连续工作满6年");
    expect(hd.clauses[0]!.policy).toBe("beijing/haidian");
    const hd1 = hd.explanation.find((v) => v.clause === "HD-1")!;
    expect(hd1).toMatchObject({ kind: "require", result: "applies", role: "winner", policy: "beijing/haidian" });
    const entity = hd1.conditions.find((c) => c.text.startsWith("法人学校任教年限"))!;
    expect(entity.holds).toBe(true);
    expect(entity.text).toContain("7年0个月");
  });

  it("a teacher who is not 专任: Beijing (在编在岗教师) requires, Haidian (在编在岗专任教师) does not", async () => {
    const { bj, hd } = await both("not-full-time.case.yaml");
    expect(bj.decision).toBe("required");
    expect(bj.clauses.map((c) => c.id)).toEqual(["BJ-2"]);
    expect(hd.decision).toBe("not_required");
    expect(hd.clauses.map((c) => c.id).sort()).toEqual(["BJ-1", "HD-0", "HD-1"]);
    const hd1 = hd.explanation.find((v) => v.clause === "HD-1")!;
    expect(hd1.conditions.find((c) => c.text.startsWith("专任教师"))).toMatchObject({ holds: false });
    expectSharedIdentical(bj, hd);
  });

  it("HD-3: a 市级骨干 teacher near retirement is not required in either, but may volunteer only in Haidian", async () => {
    const { bj, hd } = await both("backbone-near-retirement.case.yaml");
    expect(bj.decision).toBe("not_required");
    expect(hd.decision).toBe("not_required");
    expect(bj.volunteer).toBeUndefined();
    expect(hd.volunteer).toEqual({ eligible: true, clauses: ["HD-3"] });
    const hd1 = hd.explanation.find((v) => v.clause === "HD-1")!;
    expect(hd1.conditions.find((c) => c.text.startsWith("距法定退休"))!.text).toContain("3年7个月9天");
    expectSharedIdentical(bj, hd);
  });

  it("BJ-1 and the BJ-4 promotion prerequisite are Beijing's and answer alike under Haidian", async () => {
    const { bj, hd } = await both("principal-rotated.case.yaml");
    expect(bj.decision).toBe("required");
    expect(hd.decision).toBe("required");
    expect(bj.clauses.map((c) => c.id)).toEqual(["BJ-1"]);
    expect(hd.clauses.map((c) => c.id)).toEqual(["BJ-1"]);
    expect(bj.prerequisites).toEqual([
      expect.objectContaining({ clause: "BJ-4", met: true }),
      // Miyun's own condition concerns only 密云区 teachers.
      expect.objectContaining({ clause: "BJ-D-MY", applicable: false, met: null }),
    ]);
    expectSharedIdentical(bj, hd);
  });

  it("BJ-4 is not met without a recognised rotation in the history", async () => {
    const { bj, hd } = await both("legal-entity.case.yaml");
    expect(bj.prerequisites).toEqual([
      expect.objectContaining({ clause: "BJ-4", met: false }),
      expect.objectContaining({ clause: "BJ-D-MY", applicable: false }),
    ]);
    expect(hd.prerequisites).toEqual(bj.prerequisites);
  });
});

describe("Haidian HD-6 subsidies and Beijing's Huairou rule (entitlements, `lungang check --json`)", () => {
  interface Entitlement {
    clause: { id: string };
    entitlement: string;
    subject: { kind: string; id: string };
    teacher?: string;
    granted: boolean | "unknown";
  }

  async function entitlements(policy: string): Promise<{ compliant: boolean; list: Entitlement[] }> {
    const r = await runCli(["check", join(CASES, "subsidies.dataset.yaml"), "--policy", policy, "--json"]);
    expect(r.err).toBe("");
    const j = JSON.parse(r.out) as { compliant: boolean; entitlements: Entitlement[] };
    return { compliant: j.compliant, list: j.entitlements };
  }
  const line = (e: Entitlement) => `${e.clause.id} ${e.entitlement} ${e.subject.id} ${String(e.granted)}`;

  it("urban → northern rural: both subsidies (on completing the task); rural → urban: neither during the exchange; other moves: nothing", async () => {
    const { compliant, list } = await entitlements(HAIDIAN);
    expect(compliant).toBe(true);
    const hd6 = list
      .filter((e) => e.clause.id === "HD-6")
      .map(line)
      .sort();
    expect(hd6).toEqual(
      [
        "HD-6 完成工作任务后享受北部地区边远农村补贴 U1:HU1→HR1 true",
        "HD-6 完成工作任务后享受北部地区边远农村补贴 U2:HU1→HR2 true",
        "HD-6 完成工作任务后享受乡村教师补助 U1:HU1→HR1 true",
        "HD-6 完成工作任务后享受乡村教师补助 U2:HU1→HR2 true",
        "HD-6 交流期间农村地区补贴 R1:HR1→HU2 false",
        "HD-6 交流期间乡村教师补助 R1:HR1→HU2 false",
      ].sort(),
    );
    for (const e of list.filter((x) => x.clause.id === "HD-6")) expect(e.teacher).toBe(e.subject.id.split(":")[0]);
  });

  it("Huairou: an under-staffed school gets the performance-pay uplift, an over-staffed one does not, unrecorded staffing is unknown", async () => {
    for (const policy of [BEIJING, HAIDIAN]) {
      const { list } = await entitlements(policy);
      expect(
        list
          .filter((e) => e.clause.id === "BJ-D-HR")
          .map(line)
          .sort(),
      ).toEqual(
        [
          "BJ-D-HR 缺编单位按人均标准的百分之二十核增绩效工资 HRU true",
          "BJ-D-HR 缺编单位按人均标准的百分之二十核增绩效工资 HRO false",
          "BJ-D-HR 缺编单位按人均标准的百分之二十核增绩效工资 HRX unknown",
        ].sort(),
      );
    }
  });

  it("Beijing alone grants no Haidian subsidies", async () => {
    const { list } = await entitlements(BEIJING);
    expect(list.some((e) => e.clause.id.startsWith("HD-"))).toBe(false);
  });
});
