// Diagnostic codes of the checker: names (N…), types and units (T…) and
// policy lint (W…). Some W codes are errors: a rule outside a clause or a
// clause without its source text cannot be accepted.

import { registerCodes } from "./registry.js";

registerCodes({
  N001: {
    severity: "error",
    en: "unknown name `{name}`",
    zh: "未定义的名称 `{name}`",
    doc: "The name is not a parameter, definition, retirement track, fact of the person/school/move in this context, or derived fact (周岁, 本校任教年限 …). The help line suggests the closest known name.",
  },
  N002: {
    severity: "error",
    en: "{type} has no field `{name}`",
    zh: "{type_zh}没有字段 `{name}`",
    doc: "A `.field` access names a field the record does not have. See the language reference for the fields of a person, a school and a move.",
  },
  N003: {
    severity: "error",
    en: "`{name}` is already defined",
    zh: "`{name}` 已被定义",
    doc: "Two parameters, definitions or tracks share a name. In a refining policy, write `override param …`/`覆盖 参数 …` to change the parent's value on purpose.",
  },
  N004: {
    severity: "error",
    en: "`override` of `{name}`, but no policy below this one defines it",
    zh: "`覆盖` 了 `{name}`，但被细化的政策中没有该名称",
    doc: "`override` replaces the value a parent or used policy gives a name; there is nothing of that name to replace.",
  },
  N005: {
    severity: "error",
    en: "duplicate clause id `{id}`",
    zh: "条款编号 `{id}` 重复",
    doc: "Every clause id must be unique across a policy and the policies it refines, so that a violation names exactly one clause.",
  },
  N006: {
    severity: "error",
    en: "duplicate rule label `{name}`",
    zh: "规则标签 `{name}` 重复",
    doc: "Rule labels are how exceptions name the rules they override; they must be unique. A refining policy uses `replaces` to substitute a parent's rule.",
  },
  N007: {
    severity: "error",
    en: "`{name}` is not a rule",
    zh: "`{name}` 不是规则",
    doc: "`overrides`/`优先于` and `replaces`/`取代` must name rule labels.",
  },
  N008: {
    severity: "error",
    en: "`replaces {name}`, but no policy this one refines has that rule",
    zh: "`取代 {name}`，但被细化的政策中没有该规则",
    doc: "Only a refining policy (with `extends`) can replace a rule, and only one of its parent's.",
  },
  N009: {
    severity: "error",
    en: "definition `{name}` depends on itself: {cycle}",
    zh: "定义 `{name}` 循环依赖：{cycle}",
    doc: "Definitions must not refer to themselves, directly or through others.",
  },
  N010: {
    severity: "error",
    en: "rule priorities form a cycle: {cycle}",
    zh: "规则优先关系成环：{cycle}",
    doc: "`overrides` must form a hierarchy; a cycle means no rule can win.",
  },
  N011: {
    severity: "error",
    en: "years to retirement are used, but no retirement track is selected",
    zh: "使用了距法定退休时间，但未选择退休轨道",
    doc: "`距法定退休`/`to_retirement`, `法定退休日期` and `法定退休年龄` need a definition `retirement_track` (适用退休轨道) naming the person's track; the national policy provides one: add `uses \"national\"`.",
  },
  N012: {
    severity: "error",
    en: "`{name}` is the name of a fact; a parameter, definition or track cannot take it",
    zh: "`{name}` 是数据字段或派生事实的名称，参数、定义或退休轨道不能使用该名称",
    doc: "Facts of people, schools and moves (性别, 周岁, 本校任教年限 …) and collections (教师, 调出 …) are looked up before policy names, so a declaration with the same name would never be used. Choose another name.",
  },
  T001: {
    severity: "error",
    en: "cannot compare {left} with {right}",
    zh: "无法比较{left_zh}与{right_zh}",
    doc: "Both sides of a comparison must have the same type and unit: a duration with a duration (`9年`), a percentage with a percentage (`15%`), a number with a number. A percentage is not a count, and a duration is not a date.",
  },
  T002: {
    severity: "error",
    en: "expected a condition (true/false), found {found}",
    zh: "此处应为条件（真/假），实为{found_zh}",
    doc: "Rules, `where`/`其中` filters and `and`/`or`/`not` take conditions.",
  },
  T003: {
    severity: "error",
    en: "`{op}` is not defined for {left} and {right}",
    zh: "{left_zh}与{right_zh}之间不能使用 `{op}`",
    doc: "Arithmetic is typed: date ± duration is a date, duration ± duration a duration, count / count a percentage. Subtracting two dates is ambiguous — use `period(from, to)`/`期间(…)`.",
  },
  T004: {
    severity: "error",
    en: "expected {expected}, found {found}",
    zh: "此处应为{expected_zh}，实为{found_zh}",
    doc: "A value has the wrong type for where it is used (a parameter's declared type, a limit, a track setting, a function argument).",
  },
  T005: {
    severity: "error",
    en: "`{value}` is not a {enum} value",
    zh: "`{value}` 不是 {enum} 的取值",
    doc: "A quoted value compared with an enum field must be one of its values, in English or Chinese (`\"male\"` or `\"男\"`). The help line lists them.",
  },
  T006: {
    severity: "error",
    en: "`{name}` needs a person, but there is none here",
    zh: "`{name}` 需要针对某个人员求值，此处没有人员",
    doc: "Facts of a person (and definitions that read them) can be used in individual rules, in `for each teacher`/`move` checks, and inside `count(teachers where …)`; not directly in a school or district check.",
  },
  T007: {
    severity: "error",
    en: "unknown function `{name}`",
    zh: "未知函数 `{name}`",
    doc: "Functions: period(a, b)/期间 (the time between two dates), min/较小值, max/较大值, known(x)/已知 (whether a fact is recorded).",
  },
  T008: {
    severity: "error",
    en: "`{name}` takes {expected} argument(s), found {found}",
    zh: "`{name}` 需要 {expected} 个参数，实有 {found} 个",
    doc: "A function was called with the wrong number of arguments.",
  },
  T009: {
    severity: "error",
    en: "`{name}` is not a collection available here",
    zh: "`{name}` 不是此处可用的集合",
    doc: "Aggregates range over the subject's `teachers` (教师), `moves` (调出), `moves_in` (调入) or `schools` (学校列表), inside a `check … for each …`.",
  },
  T010: {
    severity: "error",
    en: "`{kind}` rule `{name}` must say which rules it overrides",
    zh: "`{kind}` 规则 `{name}` 须写明优先于哪些规则",
    doc: "Exemptions and deferrals are exceptions: they take effect only against the rules they override, so they must name them with `overrides`/`优先于`.",
  },
  T011: {
    severity: "error",
    en: "a `{kind}` rule cannot override other rules",
    zh: "`{kind}` 规则不能优先于其他规则",
    doc: "Only rules that decide (require, exempt, defer) take part in priorities; scope and volunteer rules stand on their own.",
  },
  T012: {
    severity: "error",
    en: "`{name}` cannot be overridden by a decision rule",
    zh: "`{name}` 不能被决定类规则覆盖",
    doc: "An exception overrides a require, exempt or defer rule — not a scope or volunteer rule.",
  },
  T013: {
    severity: "error",
    en: "only a `defer` rule can have a limit",
    zh: "只有暂缓规则可以规定最长期限",
    doc: "`limit`/`最长` bounds the total deferral (e.g. 延长时间原则上不超过3年).",
  },
  T014: {
    severity: "error",
    en: "a parameter value must be a constant",
    zh: "参数值必须是常量",
    doc: "Parameters are the numbers the text sets; they cannot depend on a person. Use `define` for derived facts.",
  },
  T015: {
    severity: "error",
    en: "`{text}` is not a calendar date",
    zh: "`{text}` 不是有效日期",
    doc: "A date literal names a day that does not exist (2023-02-29, 2024-13-01).",
  },
  W001: {
    severity: "error",
    en: "clause `{id}` has no source text",
    zh: "条款 `{id}` 缺少原文",
    doc: "Every clause quotes the official wording it encodes (`source \"…\"`/`原文 \"…\"`), so every decision can cite it.",
  },
  W002: {
    severity: "error",
    en: "{what} outside a clause",
    zh: "{what}不在任何条款内",
    doc: "Rules, parameters and definitions live inside clauses, so that each traces to the text it encodes.",
  },
  W003: {
    severity: "warning",
    en: "definition `{name}` is never used",
    zh: "定义 `{name}` 未被使用",
    doc: "A definition no rule, check or other definition refers to. Remove it, or use it.",
  },
  W004: {
    severity: "warning",
    en: "parameter `{name}` is never used",
    zh: "参数 `{name}` 未被使用",
    doc: "A parameter no rule refers to: the threshold it encodes is not being checked.",
  },
  W005: {
    severity: "warning",
    en: "exception `{name}` can never change a decision",
    zh: "例外规则 `{name}` 永远不会改变决定",
    doc: "The exception's condition is always false, or it overrides only rules that reach the same outcome it does.",
  },
  W006: {
    severity: "warning",
    en: "rules `{a}` and `{b}` may both apply with different outcomes and neither has priority",
    zh: "规则 `{a}` 与 `{b}` 可能同时适用且结论不同，二者之间没有优先关系",
    doc: "Both are exceptions to a common rule and decide differently. If both apply to a person the decision is a reported conflict; state which wins with `overrides`.",
  },
  W007: {
    severity: "warning",
    en: "clause `{id}` is marked `{modality}`, but its text does not say {words}",
    zh: "条款 `{id}` 标为 `{modality}`，但原文中没有 {words}",
    doc: "The modality should come from the text: must ← 必须/应/须/要 (or a bare quota: 不低于/不少于/不超过/多于), should ← 原则上/一般/优先, may ← 可. A mismatch usually means a mis-encoded clause.",
  },
  W008: {
    severity: "note",
    en: "parameter `{name}` has no value (redacted in the source); evaluation that needs it will stop",
    zh: "参数 `{name}` 未赋值（原文隐去）；需要它的判定将无法完成",
    doc: "The source prints the number as “20xx”. Give a value at evaluation time with `--param name=value`.",
  },
  W009: {
    severity: "error",
    en: "a policy file without a header",
    zh: "政策文件缺少文件头",
    doc: "The first file of a policy carries `policy \"title\" { … }`/`政策 \"…\" { … }` with its issuer, document number and dates.",
  },
});
