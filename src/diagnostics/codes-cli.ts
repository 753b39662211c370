// Diagnostic codes of the command line (C…) and of evaluation (E…). E codes
// also name the reasons an individual decision is indeterminate.

import { registerCodes } from "./registry.js";

registerCodes({
  C001: {
    severity: "error",
    en: "unknown command `{name}`",
    zh: "未知命令 `{name}`",
    doc: "Commands: lint, case, check, test. Run `lungang --help`.",
  },
  C002: {
    severity: "error",
    en: "missing argument: {what}",
    zh: "缺少参数：{what}",
    doc: "A command was given without a required argument, e.g. `lungang case` without a case file or `--policy`.",
  },
  C003: {
    severity: "error",
    en: "invalid option {option}: {why}",
    zh: "选项 {option} 无效：{why}",
    doc: "An option's value is malformed (`--lang` other than zh/en, `--as-of` not a YYYY-MM-DD date, `--param` not name=value) or the option is unknown.",
  },
  C006: {
    severity: "error",
    en: "unknown format `{format}` (available: {formats})",
    zh: "未知的输出格式 `{format}`（可用：{formats}）",
    doc: "`--format` names a format no renderer provides. The formats a command supports are listed in its help (`lungang help <command>`).",
  },
  C007: {
    severity: "error",
    en: "format `{format}` cannot render {kind} (available: {formats})",
    zh: "输出格式 `{format}` 不能用于{kind}（可用：{formats}）",
    doc: "The format exists but not for this command's answer (e.g. a spreadsheet of a lint).",
  },
  C008: {
    severity: "error",
    en: "unexpected argument `{arg}`: `lungang {command}` takes {takes}",
    zh: "多余的参数 `{arg}`：`lungang {command}` 只接受{takes}",
    doc: "A command was given more positional arguments than it takes; the extra one would otherwise be silently ignored. `lungang lint` and `lungang fmt` take several policies.",
  },
  C009: {
    severity: "error",
    en: "{file} is a dataset ({teachers} teachers), not a case file: choose the person with `--teacher ID`",
    zh: "{file} 是数据集（{teachers} 位教师），不是单人案例文件：请用 `--teacher 工号` 指定教师",
    doc: "`lungang case` takes a case file (one `teacher`), or a dataset together with `--teacher ID` naming the person to decide.",
  },
  C004: {
    severity: "error",
    en: "`--param {name}`: {why}",
    zh: "`--param {name}`：{why}",
    doc: "A value supplied with `--param` names no parameter of the policy, or does not parse as the parameter's type.",
  },
  C005: {
    severity: "error",
    en: "no teacher `{id}` in the dataset",
    zh: "数据中没有教师 `{id}`",
    doc: "`lungang case <dataset> --teacher ID` decides one person of a dataset; the id must be one of its teachers' ids.",
  },
  E001: {
    severity: "error",
    en: "missing fact `{fact}`",
    zh: "缺少数据 `{fact}`",
    doc: "A rule needs a fact the input does not record (e.g. `post_since` for a principal). The rule is indeterminate; the decision says so instead of passing silently. In a plan check of a declared selection order (选择顺序) the fact may be `个人决定(ID)`: that person's own decision is indeterminate, so whether they are a candidate the order ranks cannot be told, and the school's answer is undetermined.",
  },
  E002: {
    severity: "error",
    en: "parameter `{param}` has no value",
    zh: "参数 `{param}` 未赋值",
    doc: "The source redacts the number (“20xx”). Supply it with `--param name=value`.",
  },
  E003: {
    severity: "error",
    en: "date arithmetic is ambiguous: {what}",
    zh: "日期计算有歧义：{what}",
    doc: "Adding months from a 29th–31st (or a 29 February birthday) lands past a month's end, and the two readings give different answers. Declare `rounding end_of_month` or `next_day` (日期进位 月末/次日) in the policy header.",
  },
  E004: {
    severity: "error",
    en: "no retirement track: {detail}",
    zh: "无法确定退休轨道：{detail}",
    doc: "Years to retirement need the person's statutory retirement track; the national policy's `retirement_track` definition selects it.",
  },
  E005: {
    severity: "note",
    en: "a share over an empty set: not applicable ({what})",
    zh: "分母为空的比例：不适用（{what}）",
    doc: "A ratio whose denominator is zero (no one due at a school) is not applicable — neither a pass nor a violation.",
  },
  E010: {
    severity: "error",
    en: "`{fact}` is known only to the month, and the answer depends on the day",
    zh: "`{fact}` 只知到月，结果取决于具体日期",
    doc: "A date in the data is a month (出生年月 1980.03), not a day. What is derived from it (周岁, tenure, time to retirement, a period's length) is decided when every day of the month gives the same answer; when the days disagree the rule is indeterminate — never decided by guessing a day. Record the full date to decide it.",
  },
  E007: {
    severity: "warning",
    en: "the reference date {as_of} is before {policy} takes effect ({effective})",
    zh: "基准日 {as_of} 早于 {policy} 的施行日期（{effective}）",
    doc: "The policy was not yet in force on the reference date; the answer applies its rules anyway, as a what-if. Check `as_of` or `--as-of`.",
  },
  E008: {
    severity: "warning",
    en: "the reference date {as_of} is after {policy} ceased to have effect ({expires})",
    zh: "基准日 {as_of} 晚于 {policy} 的失效日期（{expires}）",
    doc: "The policy had expired on the reference date; the answer applies its rules anyway. Use the policy that replaced it.",
  },
  E009: {
    severity: "warning",
    en: "school {school} has no district: it takes part in no district-level check",
    zh: "学校 {school} 未填所在区：不参与按区的检查",
    doc: "`for each district` checks group schools by `district`; a school without one cannot be counted in any district's totals. Fill in the district.",
  },
  E011: {
    severity: "warning",
    en: "the dataset has no plan (`plan`, or a 交流方案 sheet): every plan rule is checked against no moves",
    zh: "数据中没有交流方案（plan，或“交流方案”工作表）：各项方案规则按无人交流检查",
    doc: "`check` checks a draft plan, and this dataset holds none (no `plan`, `plan` left empty, or a workbook without its 交流方案 sheet), so quotas read as if nobody moved. Add the plan, or use `decide` for the 应交流名单 alone and `propose` to draft a plan.",
  },
  E006: {
    severity: "error",
    en: "rules {rules} apply with different outcomes and neither has priority",
    zh: "规则 {rules} 同时适用且结论不同，二者之间没有优先关系",
    doc: "A person meets two rules that decide differently and the policy does not say which wins. The decision is reported as a conflict; add `overrides` to the policy.",
  },
});
