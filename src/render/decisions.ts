// Rendering — the table of every person's decision (`lungang decide`, the
// 应交流名单 and the rest): one row per person with id, name, school, decision,
// clause ids and the deciding reason. This file builds the rows; one file per
// format renders them (decisions-text.ts, -json.ts, -csv.ts, -xlsx.ts).

import type { Decision } from "../interpreter/decide.js";
import type { Lang } from "../diagnostics/registry.js";
import { decisionWord } from "./case.js";
import { reasonText } from "./values.js";

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

export function decisionLabel(d: string, lang: Lang): string {
  return decisionWord(d, lang);
}

/** The headers of the table's columns. */
export function decisionHeaders(lang: Lang): string[] {
  return lang === "zh"
    ? ["工号", "姓名", "学校代码", "学校名称", "判定", "依据条款", "判定理由"]
    : ["id", "name", "school", "school name", "decision", "clauses", "reason"];
}

/** One row as the cells of the text, CSV and XLSX renderings. */
export function decisionCells(r: DecisionRow, lang: Lang): string[] {
  return [
    r.id,
    r.name ?? "",
    r.school,
    r.schoolName ?? "",
    decisionLabel(r.decision, lang),
    r.clauses.join(lang === "zh" ? "、" : ", "),
    r.reason,
  ];
}
