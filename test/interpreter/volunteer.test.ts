// 可自愿 (volunteer rules) in a decision (src/interpreter/decide.ts): a person
// who is not required may apply when a volunteer rule holds — yes, naming the
// rules that hold; unknown when none holds and one cannot be decided (naming
// them all); no otherwise. A person who is required, deferred or exempt gets
// no volunteer verdict at all.

import { describe, expect, it } from "vitest";
import type { School, Teacher } from "../../src/data/model.js";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { fromYmd } from "../../src/time/date.js";
import { HEADER, checkText } from "../support/policy.js";
import { personAt } from "../support/person.js";

const schools = new Map<string, School>([["S1", { id: "S1", location: "urban", tier: "quality" }]]);
const POLICY = `条款 V-1 应 原文 "满十二年的应交流；满六年的可自愿申请；任教满三年且有骨干称号的也可申请。" {
  应交流 满十二年: 当 本校任教年限 满 12年
  可自愿 满六年可申请: 当 本校任教年限 满 6年
  可自愿 骨干可申请: 当 本校任教年限 满 3年 且 荣誉 包含 "市级骨干教师"
}`;
const c = checkText(HEADER + POLICY);
const program = compile(c.policy!);
const world = worldOf(c.policy!, { asOf: fromYmd(2025, 9, 1)!, schools }, new Map());
const since = (y: number) => fromYmd(y, 9, 1)!;
const decide = (over: Record<string, unknown>) =>
  program.decide(personAt({ school: "S1", ...over }) as Teacher, newFrame(world), true);
const labels = (d: ReturnType<typeof decide>) => (d.volunteerRules ?? []).map((r) => r.label);

describe("the volunteer verdict of a person not required", () => {
  it("no errors in the policy", () => expect(c.all.filter((d) => d.severity === "error")).toEqual([]));

  it("yes, naming only the rules that hold", () => {
    const d = decide({ school_since: since(2018) });
    expect([d.decision, d.volunteer]).toEqual(["not_required", true]);
    expect(labels(d)).toEqual(["满六年可申请"]);
  });

  it("no, naming the rules checked", () => {
    const d = decide({ school_since: since(2023) });
    expect([d.decision, d.volunteer]).toEqual(["not_required", false]);
    expect(labels(d)).toEqual(["满六年可申请", "骨干可申请"]);
  });

  it("unknown when none holds and one cannot be decided (honours not recorded)", () => {
    const d = decide({ school_since: since(2021), honors: undefined });
    expect([d.decision, d.volunteer]).toEqual(["not_required", "unknown"]);
    expect(labels(d)).toEqual(["满六年可申请", "骨干可申请"]);
  });

  it("a person required gets no volunteer verdict", () => {
    const d = decide({ school_since: since(2010) });
    expect(d.decision).toBe("required");
    expect(d).not.toHaveProperty("volunteer");
  });
});
