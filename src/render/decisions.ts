// Rendering — the table of every person's decision (`lungang decide`, the
// 应交流名单 and the rest): one row per person with id, name, school, decision,
// clause ids and the deciding reason. This file builds the rows; one file per
// format renders them (decisions-text.ts, -json.ts, -csv.ts, -xlsx.ts).

import type { Decision } from "../interpreter/decide.js";
import type { Lang } from "../diagnostics/registry.js";
import type { DateDoubt, DecisionsAnswer, TableRow } from "../api/answers.js";
import { decisionWord } from "./case.js";
import { reasonText } from "./values.js";
import { amendedMark, amendmentCitations, decisionAmendments, type AmendmentJson } from "./amendments.js";

export interface DecisionRow {
  readonly id: string;
  readonly name?: string;
  readonly school: string;
  readonly schoolName?: string;
  /** required | deferred | not_required | eligible | indeterminate */
  readonly decision: string;
  readonly clauses: readonly string[];
  /** Why, in the chosen language: the deciding rules, or what is missing. */
  readonly reason: string;
  /** The district clauses (覆盖/取代) the decision rests on, each with its 原文. */
  readonly amended_by: readonly AmendmentJson[];
}

export interface DecisionTable {
  readonly policy: string;
  readonly asOf: string;
  readonly rows: readonly DecisionRow[];
  readonly counts: {
    readonly teachers_in: number;
    readonly decided: number;
    readonly rejected: number;
  };
  /** The rejected rows (where, and the id when it could be read): never decided, never dropped silently. */
  readonly rejected: readonly { readonly row: string; readonly id?: string }[];
}

/** The table of a `decideEach` answer, in the reader's language. */
export function decisionTable(a: DecisionsAnswer, lang: Lang): DecisionTable {
  return {
    policy: a.policy.name,
    asOf: a.asOf,
    rows: a.rows.map((r) => decisionRow(a, r, lang)),
    counts: a.counts,
    rejected: a.rejected,
  };
}

const DOUBT: Readonly<Record<DateDoubt, { readonly zh: string; readonly en: string }>> = {
  too_many_readings: { zh: "日期只到月，可能的日期组合过多", en: "month-only dates: too many possible days" },
  depends_on_day: {
    zh: "日期只到月，结论取决于具体日期（请补全到日）",
    en: "month-only date: the answer depends on the day (add the day)",
  },
};

function decisionRow(a: DecisionsAnswer, r: TableRow, lang: Lang): DecisionRow {
  const d = r.decision;
  // Month-only dates: decided on every day of the month, indeterminate unless all agree.
  const doubt = r.doubt ? DOUBT[r.doubt][lang] : undefined;
  return {
    id: r.teacher.id,
    ...(r.teacher.name !== undefined ? { name: r.teacher.name } : {}),
    school: r.teacher.school,
    ...(r.school?.name !== undefined ? { schoolName: r.school.name } : {}),
    decision: doubt || !d ? "indeterminate" : d.decision,
    clauses: d ? d.clauses.map((c) => c.id) : [],
    reason: d ? decidingReason(d, lang, doubt) : doubt!,
    amended_by: d ? decisionAmendments(a.policy, d, lang) : [],
  };
}

/** The clause ids of a row, an amended parent with its amendment: `DL-T1（经 GJZ-1 修改：…）、GJZ-1`. */
export function clauseCell(r: DecisionRow, lang: Lang): string {
  return r.clauses
    .map(
      (id) =>
        id +
        amendedMark(
          r.amended_by.filter((a) => a.amends === id),
          lang,
        ),
    )
    .join(lang === "zh" ? "、" : ", ");
}

/** The deciding reason of a decision in words: its winning rules, a conflict, or what is unknown. */
export function decidingReason(d: Decision, lang: Lang, extra?: string): string {
  const zh = lang === "zh";
  const parts: string[] = [];
  if (d.conflict?.length)
    parts.push(
      (zh ? "规定冲突：" : "conflicting rules: ") + d.conflict.map((r) => `${r.clause.id}「${r.label}」`).join("、"),
    );
  if (d.unknown?.length) parts.push(d.unknown.map((r) => reasonText(r, lang)).join(zh ? "；" : "; "));
  if (extra) parts.push(extra);
  if (parts.length === 0) {
    if (d.winners.length) parts.push(d.winners.map((r) => `${r.clause.id}「${r.label}」`).join(zh ? "、" : ", "));
    else if (d.clauses.length)
      parts.push(
        zh
          ? `不满足 ${d.clauses.map((c) => c.id).join("、")} 的条件`
          : `the conditions of ${d.clauses.map((c) => c.id).join(", ")} are not met`,
      );
    else parts.push(zh ? "没有适用的交流规定" : "no rotation rule applies");
  }
  return parts.join(zh ? "；" : "; ");
}

/** The headers of the table's columns. */
export function decisionHeaders(lang: Lang): string[] {
  return lang === "zh"
    ? ["工号", "姓名", "学校代码", "学校名称", "判定", "依据条款", "判定理由", "修改条款（原文）"]
    : ["id", "name", "school", "school name", "decision", "clauses", "reason", "amended by (original text)"];
}

/** One row as the cells of the text, CSV and XLSX renderings. */
export function decisionCells(r: DecisionRow, lang: Lang): string[] {
  return [
    r.id,
    r.name ?? "",
    r.school,
    r.schoolName ?? "",
    decisionWord(r.decision, lang),
    clauseCell(r, lang),
    r.reason,
    amendmentCitations(r.amended_by, lang),
  ];
}
