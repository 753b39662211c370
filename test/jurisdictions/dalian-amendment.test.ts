// Jurisdictions, Dalian with a district amendment (issue 7.1): a refining
// policy's `覆盖 参数` and `取代` are cited wherever an answer rests on them.
// The district is a FICTIONAL fixture (policies/dalian/tests/amendment-example),
// never a bundled jurisdiction. Through the CLI: `lungang test`, `case` (text
// and JSON) and `check --json`.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";

const FIXTURE = join(ROOT, "policies/dalian/tests/amendment-example");
const CASE = join(FIXTURE, "tests/cases/eight-years.case.yaml");

interface Cited {
  id: string;
  source: string;
  amended_by?: { clause: string; source: string; amends: string; name: string; before?: string; after?: string }[];
}

describe("issue 7.1: amendments are cited", () => {
  it("issue 7.1: the fixture's own cases pass (lungang test)", async () => {
    const r = await runCli(["test", FIXTURE]);
    expect(r.out.trim().split("\n").at(-1), r.out + r.err).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(r.code).toBe(0);
  });

  it("issue 7.1: case --json cites GJZ-1 with its 原文 and shows DL-T1 as amended", async () => {
    const r = await runCli(["case", CASE, "--policy", FIXTURE, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      decision: string;
      clauses: Cited[];
      explanation: { clause: string; amended_by?: unknown[] }[];
    };
    expect(j.decision).toBe("required");
    const byId = new Map(j.clauses.map((c) => [c.id, c] as const));
    expect([...byId.keys()].sort()).toEqual(["DL-T1", "GJZ-1"]);
    expect(byId.get("GJZ-1")!.source).toBe("在同一所学校任教满8年及以上的教师应交流轮岗。");
    expect(byId.get("DL-T1")!.amended_by).toEqual([
      expect.objectContaining({ clause: "GJZ-1", amends: "DL-T1", name: "任教年限门槛", before: "9年", after: "8年" }),
    ]);
    // The explanation line of the decisive rule names the amendment too.
    const t1 = j.explanation.find((v) => v.clause === "DL-T1" && v.amended_by);
    expect(t1).toBeDefined();
  });

  it("issue 7.1: the text answer shows DL-T1 only as amended, and quotes GJZ-1", async () => {
    const r = await runCli(["case", CASE, "--policy", FIXTURE]);
    expect(r.out).toContain("DL-T1（经 GJZ-1 修改：任教年限门槛 9年 → 8年）");
    expect(r.out).toContain("GJZ-1  「在同一所学校任教满8年及以上的教师应交流轮岗。」");
    // The same person under Dalian itself: not required, and no amendment anywhere.
    const dl = await runCli(["case", CASE, "--policy", join(ROOT, "policies/dalian"), "--json"]);
    expect(JSON.parse(dl.out).decision).toBe("not_required");
    expect(dl.out).not.toContain("GJZ");
  });

  it("issue 7.1: a violation resting on an overridden parameter carries the amending clause", async () => {
    const data = join(ROOT, "policies/dalian/tests/amendment-example/tests/cases/plan.dataset.json");
    const r = await runCli(["check", data, "--policy", FIXTURE, "--json"]);
    expect(r.code).toBe(1);
    const v = (JSON.parse(r.out) as { violations: { clause: Cited }[] }).violations.find(
      (x) => x.clause.id === "DL-R4",
    );
    expect(v?.clause.amended_by).toEqual([
      expect.objectContaining({
        clause: "GJZ-3",
        source: "骨干教师交流轮岗应不低于交流总数的30%。",
        before: "20%",
        after: "30%",
      }),
    ]);
    const text = await runCli(["check", data, "--policy", FIXTURE]);
    expect(text.out).toContain(
      "经 GJZ-3 修改：骨干教师占交流总数下限 20% → 30%「骨干教师交流轮岗应不低于交流总数的30%。」",
    );
  });
});
