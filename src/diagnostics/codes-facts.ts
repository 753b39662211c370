// Diagnostic codes of declared facts (ADR 0003): `事实 …` and `扩展 …` items,
// judged by src/checker/facts.ts before any expression is typed.

import { registerCodes } from "./registry.js";

registerCodes({
  S001: {
    severity: "error",
    en: "fact `{name}` of {record} is declared twice, differently",
    zh: "{record_zh}的数据项 `{name}` 被重复声明，且两处不一致",
    doc: "A fact (a column of the roster) has one declaration. Declaring it again in the same or another layer is allowed only when the two agree in every part; otherwise the data could not be read one way. Remove one, or give the new fact another name.",
  },
  S002: {
    severity: "error",
    en: "`{word}` is not a type of a fact ({choices})",
    zh: "`{word}` 不是数据项的类型（{choices}）",
    doc: "A declared fact's type is one of the language's: 布尔/bool, 整数/int, 日期/date, 期限/duration, 文本/text, 文本集合/texts, 编号/id, 枚举/enum {…}, 枚举集合/enums {…}. The help line suggests the closest.",
  },
  S003: {
    severity: "error",
    en: "`{word}` is not a kind of record ({choices})",
    zh: "`{word}` 不是记录的种类（{choices}）",
    doc: "A fact belongs to a person (人员), a school (学校), a move (交流) or a period of service (任职经历).",
  },
  S004: {
    severity: "error",
    en: "`{name}` is not a declared fact, so it cannot be extended",
    zh: "`{name}` 不是已声明的数据项，无法扩展取值",
    doc: "`扩展`/`extend` adds values to a fact that an enumeration type was declared for (情形, 岗位, 地域 …, or a policy's own). No layer of this policy declares a fact of that name.",
  },
  S005: {
    severity: "error",
    en: "`{name}` is {type}, not an enumeration: it has no values to extend",
    zh: "`{name}` 的类型是{type_zh}，不是枚举，无法扩展取值",
    doc: "Only a fact whose type is an enumeration (枚举 or 枚举集合) takes further values.",
  },
  S006: {
    severity: "error",
    en: "value `{value}` of `{name}`: {why}",
    zh: "`{name}` 的取值 `{value}`：{why_zh}",
    doc: "Each value of an enumeration has one data value and one Chinese label, neither used by another value; an enumeration type needs at least one value, and only enumerations take values.",
  },
  S007: {
    severity: "error",
    en: "`{name}` is the name of a derived fact or a collection; a declared fact cannot take it",
    zh: "`{name}` 是派生事实或集合的名称，数据项不能使用该名称",
    doc: "周岁, 本校任教年限, 教师, 调出 … are computed by the engine; a column of that name could never be read by a rule. Choose another name.",
  },
  S008: {
    severity: "error",
    en: "`{name}` restates the built-in fact `{builtin}` differently ({what})",
    zh: "`{name}` 重述了内置数据项 `{builtin}`，但与内置声明不一致（{what_zh}）",
    doc: "The standard facts are built into the engine (src/data/fields.ts) and restated by policies/national/facts.policy, which is generated from them (`npm run gen:facts`). A restatement must agree in type, values, headers and whether required; add new facts under a new name instead.",
  },
  S009: {
    severity: "error",
    en: "header `{header}` is already read as `{other}` of {record}",
    zh: "表头“{header}”已是{record_zh}的 `{other}` 的表头",
    doc: "Each column header of a sheet belongs to one fact, so a roster is read one way. Give the declared fact another header.",
  },
  S010: {
    severity: "error",
    en: "`{word}` is not an attribute of a fact ({choices})",
    zh: "`{word}` 不是数据项的属性（{choices}）",
    doc: 'After its type, a declared fact may say 必填/required (a row without it is rejected), 默认/default (absent means none, zero or false), `表头 "…"`/`headers "…"` and `说明 "…"`/`doc "…"`.',
  },
  S011: {
    severity: "error",
    en: "a declared fact cannot refer to {type}; only the built-in facts do",
    zh: "声明的数据项不能引用{type_zh}；只有内置数据项可以",
    doc: "Record references (a person's 学校, a move's 交流人员) are resolved by the readers for the built-in fields only. Declare the fact as 编号/id or 文本/text instead.",
  },
});
