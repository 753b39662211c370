// The content of a plan-check report as plain data: verdict, counts,
// violations grouped by subject (with names beside ids), what could not be
// decided, per-check tallies, and one row per school with its chart figures.
// Built once from a PlanResult; rendered by html-report.ts, xlsx-report.ts
// and sent as JSON to the web app, so every output shows the same content.

import type { Dataset } from "../data/model.js";
import type { CheckedPolicy } from "../checker/checked.js";
import type { PlanResult, SchoolSummary } from "../plan/check-plan.js";
import type { Counts } from "../api/answers.js";
import type { Figure } from "../plan/figures.js";
import type { Lang } from "../diagnostics/registry.js";
import { NO_NAMES, subjectView, undeterminedReasons, type Namer, type ViolationView } from "./violation.js";

export type { Counts };

/** One violation as shown (the same as `check --json`'s violations, with the amending clauses). */
export type ViolationRow = ViolationView;

/** One school's row: the plan check's summary of it, its name and district, violations and figures. */
export interface SchoolRow extends Omit<SchoolSummary, "school"> {
  readonly id: string;
  readonly name: string;
  readonly district?: string;
  /** Violations whose subject is this school or one of its moves / teachers. */
  readonly violations: number;
  readonly figures: readonly Figure[];
}

/** The columns of the per-school table, in the HTML report and the 各校概况 sheet alike. */
export const SCHOOL_COLUMNS = {
  zh: [
    "学校代码",
    "学校名称",
    "区县",
    "教师",
    "应交流",
    "暂缓",
    "已安排",
    "交流率",
    "调出",
    "调入",
    "调出骨干",
    "违规",
  ],
  en: [
    "school id",
    "name",
    "district",
    "teachers",
    "due",
    "deferred",
    "moved",
    "ratio",
    "out",
    "in",
    "backbone out",
    "violations",
  ],
} as const;

export interface ReportModel {
  readonly lang: Lang;
  readonly policy: string;
  readonly asOf: string;
  readonly compliant: boolean;
  readonly complete: boolean;
  readonly counts: Counts;
  readonly errors: number;
  readonly warnings: number;
  readonly groups: readonly { subject: ViolationRow["subject"]; violations: readonly ViolationRow[] }[];
  readonly undetermined: readonly {
    clause: string;
    source: string;
    subject: ViolationRow["subject"];
    reasons: string[];
  }[];
  readonly checks: readonly {
    clause: string;
    label: string;
    passed: number;
    failed: number;
    notApplicable: number;
    undetermined: number;
  }[];
  readonly schools: readonly SchoolRow[];
}

export interface ReportInput {
  readonly policy: CheckedPolicy;
  readonly data: Dataset;
  readonly result: PlanResult;
  /** The violations as check.ts shows them (expected / actual worked out from the failing comparison). */
  readonly views: readonly ViolationRow[];
  /** The names of the dataset's subjects (namerOf), for the subjects of what could not be decided. */
  readonly names?: Namer;
  readonly figures: ReadonlyMap<string, readonly Figure[]>;
  readonly asOf: string;
  readonly lang: Lang;
  /** Rows read, decided and rejected, as the reader counted them (a roster's bad rows); by default all rows were valid. */
  readonly counts?: Counts;
}

/** Which school a subject belongs to (for counting a school's violations). */
function schoolOf(data: Dataset, kind: string, id: string): string | undefined {
  if (kind === "school") return id;
  if (kind === "teacher") return data.teacherById.get(id)?.school;
  if (kind === "move") return id.split(":")[1]?.split("→")[0];
  return undefined;
}

export function buildReport(input: ReportInput): ReportModel {
  const { data, result, lang } = input;
  const names = input.names ?? NO_NAMES;
  const groups = new Map<string, { subject: ViolationRow["subject"]; violations: ViolationRow[] }>();
  const perSchool = new Map<string, number>();
  for (const v of input.views) {
    const k = `${v.subject.kind}\u0000${v.subject.id}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { subject: v.subject, violations: [] }));
    g.violations.push(v);
    const school = schoolOf(data, v.subject.kind, v.subject.id);
    if (school !== undefined) perSchool.set(school, (perSchool.get(school) ?? 0) + 1);
  }
  const errors = input.views.filter((v) => v.severity === "error").length;
  const moves = data.plan?.moves.length ?? 0;
  return {
    lang,
    policy: input.policy.name,
    asOf: input.asOf,
    compliant: result.compliant,
    complete: result.complete,
    counts: input.counts ?? {
      teachers_in: data.teachers.length,
      decided: result.decisions.size,
      rejected: 0,
      moves_in: moves,
      moves_rejected: 0,
    },
    errors,
    warnings: input.views.length - errors,
    groups: [...groups.values()],
    undetermined: result.undetermined.map((u) => ({
      clause: u.clause.id,
      source: u.clause.source,
      subject: subjectView(u.subject, names),
      reasons: undeterminedReasons(u, lang, names),
    })),
    checks: result.evaluated.map((e) => ({
      clause: e.check.clause.id,
      label: e.check.label,
      passed: e.passed,
      failed: e.failed,
      notApplicable: e.notApplicable,
      undetermined: e.undetermined,
    })),
    schools: result.schools.map((s) => ({
      id: s.school.id,
      name: s.school.name ?? "",
      ...(s.school.district !== undefined ? { district: s.school.district } : {}),
      ...summaryCounts(s),
      violations: perSchool.get(s.school.id) ?? 0,
      figures: input.figures.get(s.school.id) ?? [],
    })),
  };
}

/** A school summary's counts, without the school. */
function summaryCounts({ school: _, ...counts }: SchoolSummary): Omit<SchoolSummary, "school"> {
  return counts;
}
