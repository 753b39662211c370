// Rendering, shared wording: the words of decisions, explanations and plan
// reports in Chinese and English (the documents' own vocabulary), and the
// rule kinds as the policy's keywords spell them. Used by every renderer.

import type { Lang } from "../diagnostics/registry.js";
import type * as A from "../syntax/ast.js";
import { RULE_KINDS } from "../semantics/rule-kinds.js";
import type { DocumentKind } from "./document.js";

// The wording of decisions and explanations. The Chinese words are the
// documents' own (应交流轮岗, 暂缓交流轮岗): a teacher or a bureau reads the
// answer in the vocabulary of the policy. Diagnostics have their own registry;
// these are outcomes, not errors. `{name}` slots are filled by `fill`.
export const WORDS = {
  zh: {
    required: "应交流轮岗",
    eligible: "可交流轮岗（由学校或教育局决定）",
    deferred: "暂缓交流轮岗",
    not_required: "无需交流轮岗",
    indeterminate: "无法判定",
    applies: "适用",
    notApplies: "不适用",
    unknown: "无法判断",
    winner: "决定性",
    overridden: "被例外覆盖",
    notEngaged: "未触发（其所例外的规则不适用）",
    decision: "决定",
    clauses: "依据条款",
    reasons: "理由",
    missing: "缺少数据",
    redacted: "参数未赋值（原文隐去）",
    ambiguous: "日期计算取决于月末进位方式，政策未声明",
    noTrack: "无法确定退休轨道",
    empty: "分母为空，不适用",
    conflict: "规则冲突，且无优先关系",
    volunteer: "可自愿申请交流",
    noVolunteer: "不在自愿申请范围",
    change: "什么会改变结论",
    onDate: "按现有事实，自 {date} 起结论将变为：{decision}",
    noChange: "按现有事实，十年内结论不会因时间推移而改变",
    ifException: "若 {clause}「{label}」的条件成立，结论将变为：{decision}",
    ifNot: "若 {clause}「{label}」的条件不再成立，结论将变为：{decision}",
    scope: "范围",
    prerequisites: "晋升条件（职称评聘、评优、任职的前置条件）",
    met: "已满足",
    prereqNotApplicable: "不适用于此人",
    notMet: "未满足",
    limit: "已暂缓 {already}，加本次1年，最长 {limit}",
  },
  en: {
    required: "required to rotate",
    eligible: "eligible to rotate (the school or bureau decides)",
    deferred: "rotation deferred",
    not_required: "not required to rotate",
    indeterminate: "cannot be decided",
    applies: "applies",
    notApplies: "does not apply",
    unknown: "cannot tell",
    winner: "decisive",
    overridden: "overridden by an exception",
    notEngaged: "not engaged (the rule it is an exception to does not apply)",
    decision: "Decision",
    clauses: "Clauses",
    reasons: "Reasons",
    missing: "missing fact",
    redacted: "parameter has no value (redacted in the source)",
    ambiguous: "date arithmetic depends on month-end rounding, which the policy does not declare",
    noTrack: "no retirement track",
    empty: "empty denominator, not applicable",
    conflict: "rules conflict with no priority between them",
    volunteer: "may apply to rotate voluntarily",
    noVolunteer: "not eligible to volunteer",
    change: "What would change the answer",
    onDate: "On the same facts, from {date} the decision becomes: {decision}",
    noChange: "On the same facts, the passage of time does not change the decision within ten years",
    ifException: "If the condition of {clause} “{label}” held, the decision would be: {decision}",
    ifNot: "If the condition of {clause} “{label}” no longer held, the decision would be: {decision}",
    scope: "scope",
    prerequisites: "Promotion prerequisites",
    met: "met",
    prereqNotApplicable: "does not concern this person",
    notMet: "not met",
    limit: "already deferred {already}, plus this year, limit {limit}",
  },
} as const;

// Both languages have the same keys; the zh table is the reference shape.
export type Words = (typeof WORDS)["zh"];
export function words(lang: Lang): Words {
  return WORDS[lang] as Words;
}

/** Fill `{name}` slots; an unfilled slot stays visible as `{name}` rather than vanishing. */
export function fill(t: string, args: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (m, k: string) => args[k] ?? m);
}

// The rule kinds as the policy's keywords spell them (the semantic table's
// own words), so a line of the explanation reads like the rule it reports.
export const KIND_WORD: Readonly<Record<A.RuleKind, { readonly zh: string; readonly en: string }>> = RULE_KINDS;

/** The documents a format renders, as a message names them (`输出格式 xlsx 不能用于个人判定`). */
export const DOCUMENT_WORD: Record<DocumentKind, { zh: string; en: string }> = {
  case: { zh: "个人判定", en: "a case" },
  plan: { zh: "方案核查", en: "a plan check" },
  decisions: { zh: "人员判定表", en: "a table of decisions" },
  proposal: { zh: "交流方案草案", en: "a proposed plan" },
  diff: { zh: "修订前后对比", en: "an amendment's effect" },
  lint: { zh: "政策检查", en: "a lint" },
  tests: { zh: "测试结果", en: "a test run" },
  diagnostics: { zh: "诊断信息", en: "diagnostics" },
};

/** The kinds of subject a plan check is about, as the reader calls them. */
export const SUBJECT_WORD: Record<A.SubjectKind, { zh: string; en: string }> = {
  school: { zh: "学校", en: "school" },
  district: { zh: "区县", en: "district" },
  group: { zh: "集团", en: "group" },
  location: { zh: "地域", en: "location" },
  tier: { zh: "办学层次", en: "tier" },
  move: { zh: "调动", en: "move" },
  teacher: { zh: "教师", en: "teacher" },
  plan: { zh: "方案", en: "plan" },
};
