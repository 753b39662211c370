// The retirement track of a person whose fact the track selector reads is
// missing: every value the fact could take is tried. The values are the
// policy's — an enumeration a policy extends (扩展 岗位类别 { "特聘" }) has
// that value too, so a track only it selects is a possible reading, and a
// rule on the time to retirement is undetermined rather than decided by the
// built-in values alone.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { referenceDecide } from "../../src/interpreter/reference.js";
import type { School } from "../../src/data/model.js";
import { checkText } from "../support/policy.js";
import { day, personAt } from "../support/person.js";

const policy = (extend: boolean) =>
  `政策 "t" { 发文机关 "x" 施行日期 2024-01-01 日期进位 月末 }\n` +
  (extend ? `扩展 岗位类别 { "特聘岗" (special) }\n` : "") +
  `条款 A-1 必须 原文 "距法定退休不满五年的必须交流。" 出处 "一" {
  退休轨道 长: 原退休年龄 65周岁, 起始月 1965-01, 每 4个月, 最多延迟 0个月
  退休轨道 短: 原退休年龄 60周岁, 起始月 1965-01, 每 4个月, 最多延迟 0个月
  定义 适用退休轨道 = 若 ${extend ? `岗位类别 是 "特聘岗"` : "假"} 则 长 否则 短
  应交流 临近退休: 当 距法定退休 < 5年
}`;

const schools = new Map<string, School>([["S1", { id: "S1", name: "一校", district: "甲" } as School]]);
// Born 1968-06-01: 60 on 2028-06-01 (track 短), 65 on 2033-06-01 (track 长); on 2024-09-01
// 短 leaves under 5 years, 长 over 8.
const person = personAt({ birth_date: day(1968, 6, 1) });
const asOf = day(2024, 9, 1);

function decide(text: string) {
  const c = checkText(text);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  const w = worldOf(c.policy!, { asOf, schools });
  const compiled = compile(c.policy!).decide(person, newFrame(w), true);
  const reference = referenceDecide(c.policy!, person, w);
  return { compiled: compiled.decision, reference: reference.decision };
}

describe("the tracks a person could be on, when the selector's fact is missing", () => {
  it("without the extension, every value gives 短: required", () => {
    expect(decide(policy(false))).toEqual({ compiled: "required", reference: "required" });
  });

  it("with an extended enumeration, its new value is tried too: 长 is possible, so undetermined", () => {
    expect(decide(policy(true))).toEqual({ compiled: "indeterminate", reference: "indeterminate" });
  });
});
