// Facade — the answers the engine gives, as values: one person's decision
// with what would change it, a plan check with the dataset it was run on.
// Produced by decide.ts and plan.ts, turned into text/JSON/… by src/render/.

import type { CheckedPolicy, RuleInfo } from "../checker/checked.js";
import type { Dataset, School, Teacher } from "../data/model.js";
import type { Decision } from "../interpreter/decide.js";
import type { DecisionValue } from "../semantics/rule-kinds.js";
import type { PlanResult } from "../plan/check-plan.js";
import type { InfeasibleRule } from "../propose/propose.js";
import type { CompiledPolicy } from "./compile.js";

/** Something that would change a decision, for an appeal ("what would change the answer"). */
export type Change =
  /** On unchanged facts, from `date` (YYYY-MM-DD) the decision becomes `decision` (a tenure reached, an age passed). */
  | { readonly kind: "date"; readonly date: string; readonly decision: Decision }
  /** If the condition of exception `rule` held (`held`), or stopped holding, the decision would be `decision`. */
  | { readonly kind: "exception"; readonly rule: RuleInfo; readonly held: boolean; readonly decision: DecisionValue }
  /** Time alone does not change the decision within ten years. */
  | { readonly kind: "no_change" };

/** One answered case: the policy, who, on which date, the decision and what would change it. */
export interface CaseAnswer {
  readonly policy: CheckedPolicy;
  readonly teacher: Teacher;
  /** The teacher's current school, when the data has it (for its name). */
  readonly school?: School;
  /** The reference date, YYYY-MM-DD. */
  readonly asOf: string;
  readonly decision: Decision;
  /** Empty for an indeterminate decision: what would change it is the missing fact, already listed. */
  readonly changes: readonly Change[];
}

/** One person's decision in a dataset (`decideAll`). */
export interface PersonDecision {
  readonly teacher: Teacher;
  readonly decision: Decision;
}

/** Rows in = rows decided + rows rejected (docs/contract.md: check JSON `counts`). */
export interface Counts {
  readonly teachers_in: number;
  readonly decided: number;
  readonly rejected: number;
  readonly moves_in: number;
  readonly moves_rejected: number;
}

/** A checked plan, with the dataset it was checked on (its schools' and teachers' names are shown). */
export interface PlanAnswer {
  readonly policy: CheckedPolicy;
  readonly dataset: Dataset;
  /** The plan's own violations: those of `infeasible` are not among them. */
  readonly result: PlanResult;
  /** Violated must-rules that no plan of the people due can meet on this roster (not the plan's fault). */
  readonly infeasible: readonly InfeasibleRule[];
  readonly counts: Counts;
  /**
   * No must-check undetermined and no row rejected: otherwise a "compliant"
   * plan is only compliant as far as the rows read go.
   */
  readonly complete: boolean;
  /** @internal The compiled policy the plan was checked with (a report's charts and every person's row). */
  readonly compiled: CompiledPolicy;
}

/**
 * Why a person of a dataset is undecided beyond the rules: a month-only date
 * (出生年月 1980.03) whose days give different answers, or too many
 * combinations of month-only dates to try.
 */
export type DateDoubt = "depends_on_day" | "too_many_readings";

/** One row of `decideEach`: the person, their decision (absent when too many readings), and any doubt. */
export interface TableRow {
  readonly teacher: Teacher;
  readonly school?: School;
  readonly decision?: Decision;
  /** Set when the month-only dates leave the answer open: the row is then indeterminate. */
  readonly doubt?: DateDoubt;
}

/** Every person of a dataset decided (`lungang decide`): the 应交流名单 a bureau compiles before any plan exists. */
export interface DecisionsAnswer {
  readonly policy: CheckedPolicy;
  /** The reference date, YYYY-MM-DD. */
  readonly asOf: string;
  readonly rows: readonly TableRow[];
  readonly counts: Pick<Counts, "teachers_in" | "decided" | "rejected">;
  /** The roster rows rejected (where, and the id when it could be read): never decided, never dropped silently. */
  readonly rejected: readonly { readonly row: string; readonly id?: string }[];
  /** No row rejected and no decision indeterminate. */
  readonly complete: boolean;
}
