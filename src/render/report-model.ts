// The content of a plan-check report as plain data: verdict, counts,
// violations grouped by subject (with names beside ids), what could not be
// decided, per-check tallies, and one row per school with its chart figures.
// Built once from a PlanResult; rendered by html-report.ts, xlsx-report.ts
// and sent as JSON to the web app, so every output shows the same content.

import type { Dataset } from "../data/model.js";
import type { CheckedPolicy } from "../checker/checked.js";
import type { PlanResult } from "../plan/check-plan.js";
import type { Figure } from "../plan/figures.js";
import type { Lang } from "../diagnostics/registry.js";
import { reasonText } from "./values.js";

/** One violation as shown (the same shape as `check --json`'s violations). */
export interface ViolationRow {
  readonly clause: { readonly id: string; readonly source: string };
  readonly severity: "error" | "warning";
  readonly subject: { readonly kind: string; readonly id: string; readonly name?: string };
  readonly message: string;
  readonly expected: string;
  readonly actual: string;
}

export interface SchoolRow {
  readonly id: string;
  readonly name: string;
  readonly district?: string;
  readonly teachers: number;
  readonly due: number;
  readonly deferred: number;
  readonly dueMoved: number;
  readonly movedOut: number;
  readonly movedIn: number;
  readonly backboneOut?: number;
  /** Violations whose subject is this school or one of its moves / teachers. */
  readonly violations: number;
  readonly figures: readonly Figure[];
}

/** Rows in = decided + rejected (docs/contract.md "Extensions"). */
export interface Counts {
  readonly teachers_in: number;
  readonly decided: number;
  readonly rejected: number;
  readonly moves_in: number;
  readonly moves_rejected: number;
}

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
  readonly figures: ReadonlyMap<string, readonly Figure[]>;
  readonly asOf: string;
  readonly lang: Lang;
  /** Rows read, decided and rejected, as the reader counted them (a roster's bad rows); by default all rows were valid. */
  readonly counts?: Counts;
}

/**
 * The name shown beside a subject's id: a school's or a teacher's name; a
 * move is named after the teacher moved. Districts and groups are their names.
 */
export function subjectName(data: Dataset, kind: string, id: string): string | undefined {
  if (kind === "school") return data.schoolById.get(id)?.name;
  if (kind === "teacher") return data.teacherById.get(id)?.name;
  if (kind === "move") return data.teacherById.get(id.split(":")[0] ?? "")?.name;
  return undefined;
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
  const named = (s: { kind: string; id: string }): ViolationRow["subject"] => {
    const name = subjectName(data, s.kind, s.id);
    return { kind: s.kind, id: s.id, ...(name !== undefined ? { name } : {}) };
  };
  const groups = new Map<string, { subject: ViolationRow["subject"]; violations: ViolationRow[] }>();
  const perSchool = new Map<string, number>();
  for (const v of input.views) {
    const k = `${v.subject.kind}\u0000${v.subject.id}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { subject: named(v.subject), violations: [] }));
    g.violations.push({ ...v, subject: g.subject });
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
      subject: named(u.subject),
      reasons: u.reasons.map((r) => reasonText(r, lang)),
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
      teachers: s.teachers,
      due: s.due,
      deferred: s.deferred,
      dueMoved: s.dueMoved,
      movedOut: s.movedOut,
      movedIn: s.movedIn,
      ...(s.backboneOut !== undefined ? { backboneOut: s.backboneOut } : {}),
      violations: perSchool.get(s.school.id) ?? 0,
      figures: input.figures.get(s.school.id) ?? [],
    })),
  };
}
