// Every person's decision as a row for people (the XLSX 人员判定 sheet, the
// web app's school view): id and name, school with its name, the decision,
// the clauses that decided it with their 原文, and a one-line reason.
// Consumes a compiled program and a dataset; yields rows lazily so a
// million-person roster is never held twice.

import type { Dataset, Teacher } from "../data/model.js";
import type { Program } from "../interpreter/compile.js";
import { newFrame, worldOf } from "../interpreter/frame.js";
import type { Decision } from "../interpreter/decide.js";
import type { Value } from "../interpreter/values.js";
import type { Lang } from "../diagnostics/registry.js";
import { reasonText } from "./values.js";
import { decisionWord } from "./case.js";
import { citedClauseAmendments, amendedMark } from "./amendments.js";
import type { CheckedPolicy } from "../checker/checked.js";

export interface PersonRow {
  readonly id: string;
  readonly name: string;
  readonly school: string;
  readonly schoolName: string;
  readonly decision: string;
  readonly decisionText: string;
  readonly clauses: string;
  readonly source: string;
  readonly reason: string;
  readonly moved: boolean;
}

/** The reason in one line: the deciding rules, or why nothing decided, or what is missing. */
export function reasonLine(d: Decision, lang: Lang): string {
  if (d.decision === "indeterminate") {
    const why = (d.unknown ?? []).map((r) => reasonText(r, lang));
    if (d.conflict?.length)
      why.unshift(
        (lang === "zh" ? "规则冲突：" : "rules conflict: ") +
          d.conflict.map((r) => `${r.clause.id}「${r.label}」`).join(lang === "zh" ? "、" : ", "),
      );
    return why.join(lang === "zh" ? "；" : "; ");
  }
  if (d.winners.length) return d.winners.map((r) => `${r.clause.id}「${r.label}」`).join(lang === "zh" ? "、" : ", ");
  if (d.inScope === false) return lang === "zh" ? "不在交流范围内" : "outside the scope of rotation";
  return lang === "zh" ? "各项应交流规则的条件均不成立" : "no rule requiring rotation applies";
}

/**
 * One person's row. The clauses' 原文 shows a parent clause only as amended
 * (`DL-T1（经 GJZ-1 修改：…）「…」；GJZ-1「…」`): the amending clause is cited too.
 */
export function personRow(
  p: CheckedPolicy,
  t: Teacher,
  d: Decision,
  data: Dataset,
  moved: boolean,
  lang: Lang,
): PersonRow {
  const sep = lang === "zh" ? "；" : "; ";
  return {
    id: t.id,
    name: t.name ?? "",
    school: t.school,
    schoolName: data.schoolById.get(t.school)?.name ?? "",
    decision: d.decision,
    decisionText: decisionWord(d.decision, lang),
    clauses: d.clauses.map((c) => c.id).join(", "),
    source: d.clauses
      .map((c) => `${c.id}${amendedMark(citedClauseAmendments(p, d, c, lang).amended_by, lang)}「${c.source}」`)
      .join(sep),
    reason: reasonLine(d, lang),
    moved,
  };
}

/** Rows for the given people (all of the dataset by default), decided one at a time. */
export function* personRows(
  program: Program,
  data: Dataset,
  params: ReadonlyMap<string, Value>,
  lang: Lang,
  people: Iterable<Teacher> = data.teachers,
): Generator<PersonRow> {
  const moved = new Set((data.plan?.moves ?? []).map((m) => m.teacher));
  const f = newFrame(
    worldOf(program.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }, params),
  );
  for (const t of people) yield personRow(program.policy, t, program.decide(t, f), data, moved.has(t.id), lang);
}
