// Facade, stage 5 — check a plan: a compiled policy and a dataset with a
// draft plan → every violation (clause, severity from the clause's modality,
// subject, the numbers), what could not be determined, entitlements,
// statistics and a per-school summary. Never throws on user input.

import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import type { Dataset } from "../data/model.js";
import { checkPlan as checkPlanWith, type OnProgress, type PlanResult } from "../plan/check-plan.js";
import { districtsOf, matchInfeasible, type InfeasibleRule } from "../propose/propose.js";
import { datasetSource, infeasibleRules } from "../columnar/solve.js";
import type { Counts, PlanAnswer } from "./answers.js";
import type { CompiledPolicy } from "./compile.js";
import { dateNotes } from "./notes.js";

export type { Counts, OnProgress, PlanAnswer, PlanResult };

/** Options of `checkPlan`. */
export interface PlanOptions {
  /** Told how far the run is: people decided, then checks run (a progress bar). */
  readonly onProgress?: OnProgress;
}

/**
 * Check the dataset's draft plan. The answer says whether the plan is
 * `compliant` and `complete` (no must-check undetermined); `diagnostics`
 * holds warnings only (reference date outside the policy's dates; a school
 * without a district when the policy has district checks, E009).
 */
export async function checkPlan(
  policy: CompiledPolicy,
  dataset: Dataset,
  options: PlanOptions = {},
): Promise<Result<PlanAnswer>> {
  const checked = checkPlanWith(policy.program, dataset, policy.params, options.onProgress);
  const source = datasetSource(dataset, checked.decisions);
  return answerPlan(policy, dataset, checked, (districts) => infeasibleRules(policy, source, districts));
}

/**
 * @internal The answer from a plan check's result, on the object path (above)
 * or the columnar one (src/columnar/plan.ts); `search` finds the rules no plan
 * could meet in the districts the violated must-rules lie in (src/columnar/solve.ts).
 */
export async function answerPlan(
  policy: CompiledPolicy,
  dataset: Dataset,
  checked: PlanResult,
  search: (districts: ReadonlySet<string>) => Promise<InfeasibleRule[]>,
): Promise<Result<PlanAnswer>> {
  // A violated rule that no plan of the people due could meet on this roster is
  // not the plan's fault: it is reported as such (`infeasible`), not as a violation.
  const districts = checked.compliant ? new Set<string>() : districtsOf(dataset, checked.violations);
  const infeasible = districts.size === 0 ? [] : matchInfeasible(checked.violations, await search(districts));
  const impossible = new Set(infeasible.map((r) => r.violation));
  const result: PlanResult = {
    ...checked,
    violations: checked.violations.filter((v) => !impossible.has(v)),
    // The plan cannot comply when a rule cannot be met; it is just not the plan's violation.
    compliant: checked.compliant && infeasible.length === 0,
  };
  const notes: Diagnostic[] = [
    ...dateNotes(policy.checked, dataset.asOf),
    // No plan (absent, `plan:` left empty, no 交流方案 sheet) is checked as no moves: say so.
    ...(dataset.plan === undefined ? [diag("E011", {})] : []),
    // A school without a district escapes every per-district quota silently;
    // warn, but only when the policy has district checks at all.
    ...(policy.checked.checks.some((c) => c.check.subject.kind === "district")
      ? dataset.schools.filter((s) => s.district === undefined).map((s) => diag("E009", { school: s.id }))
      : []),
  ];
  const counts = countsOf(dataset);
  // Rows rejected: every count they could change is undetermined, so the answer is incomplete.
  const complete = result.complete && counts.rejected + counts.moves_rejected === 0;
  return {
    value: { policy: policy.checked, dataset, result, infeasible, counts, complete, compiled: policy },
    diagnostics: notes,
  };
}

/** Rows in = rows decided + rows rejected. */
function countsOf(ds: Dataset): Counts {
  const i = ds.intake;
  const moves = ds.plan?.moves.length ?? 0;
  return {
    teachers_in: i ? i.teachersIn : ds.teachers.length,
    decided: ds.teachers.length,
    rejected: i ? i.rejectedTeachers.length : 0,
    moves_in: i ? i.movesIn : moves,
    moves_rejected: i ? i.movesRejected : 0,
  };
}
