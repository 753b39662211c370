// Facade — draft a plan and test an amendment: a compiled policy and a roster
// → a proposed plan that meets every must-rule (or the rules no plan can meet
// on this roster), written back in the dataset's own format; two compiled
// policies and a roster → whose decision an amendment changes. Also the
// choice of a policy version in force on a date. Never throws on user input.

import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import type { CheckedPolicy } from "../checker/checked.js";
import type { Dataset } from "../data/model.js";
import { diffPolicies, type DiffResult } from "../diff/diff.js";
import { resolveVersion, type PolicyVersion } from "../policy/versions.js";
import { readConstraints as readConstraintsFile } from "../propose/constraints.js";
import { propose as proposeWith, type BureauConstraints, type Proposal } from "../propose/propose.js";
import { writePlan } from "../propose/write.js";
import type { Day } from "../time/date.js";
import type { CompiledPolicy } from "./compile.js";
import { dateNotes } from "./notes.js";

export type { BureauConstraints, DiffResult, Proposal, PolicyVersion };

/** A proposed plan with the policy and roster it was drafted for. */
export interface ProposalAnswer {
  readonly policy: CheckedPolicy;
  readonly dataset: Dataset;
  readonly proposal: Proposal;
  /** The policy version in force, when the policy is a folder of versions (named in the answer). */
  readonly version?: string;
  /** Where the plan was written (`writeProposal`), when it was. */
  readonly output?: string;
}

/** Options of `propose`. */
export interface ProposeOptions {
  readonly constraints?: BureauConstraints;
  /** Solver time limit per district, in seconds. */
  readonly timeLimit?: number;
  /** The version label to name in the answer. */
  readonly version?: string;
}

/**
 * Draft a plan: per school the people each quota needs, chosen by the
 * policy's selection order, sent where every move rule allows; the result is
 * checked by `checkPlan`'s own code. `diagnostics` holds warnings only (the
 * solver's time limit, a reference date outside the policy's dates).
 */
export async function propose(
  policy: CompiledPolicy,
  dataset: Dataset,
  options: ProposeOptions = {},
): Promise<Result<ProposalAnswer>> {
  const proposal = await proposeWith(policy.program, dataset, {
    params: policy.params,
    ...(options.constraints ? { constraints: options.constraints } : {}),
    ...(options.timeLimit !== undefined ? { timeLimit: options.timeLimit } : {}),
  });
  return {
    value: {
      policy: policy.checked,
      dataset,
      proposal,
      ...(options.version !== undefined ? { version: options.version } : {}),
    },
    diagnostics: [...dateNotes(policy.checked, dataset.asOf), ...proposal.notes],
  };
}

/** The bureau's constraints from a YAML/JSON file, validated against the dataset (R002 the file, R005 each wrong field). */
export function readConstraints(file: string, dataset: Dataset): Result<BureauConstraints> {
  return readConstraintsFile(file, dataset);
}

/**
 * Write the dataset read from `input` with the proposed plan to `output`, in
 * the input's format: YAML/JSON with `plan`, a workbook with its 交流方案
 * sheet filled, a CSV folder with moves.csv. R001 when it cannot be written.
 */
export async function writeProposal(
  answer: ProposalAnswer,
  input: string,
  output: string,
): Promise<Result<ProposalAnswer>> {
  const failed = await writePlan(input, output, answer.proposal.plan, answer.policy.input);
  return failed ? { diagnostics: [failed] } : { value: { ...answer, output }, diagnostics: [] };
}

/** A policy path resolved to the version in force on `date` (a plain policy folder is itself). */
export interface PolicyInForce {
  readonly path: string;
  /** `dalian/v2026（施行 2026-01-01）` when a version was chosen. */
  readonly label?: string;
  readonly version?: PolicyVersion;
}

/** The version of a folder of policy versions in force on `date` (R003 when none is). */
export function policyInForce(path: string, date: Day): Result<PolicyInForce> {
  const r = resolveVersion(path, date);
  if (!r.path) return { diagnostics: r.diagnostics };
  return {
    value: { path: r.path, ...(r.label ? { label: r.label } : {}), ...(r.version ? { version: r.version } : {}) },
    diagnostics: r.diagnostics,
  };
}

/** An amendment's effect on a roster, with the names of the two policies compared. */
export interface DiffAnswer {
  readonly before: string;
  readonly after: string;
  /** The roster as read against the later policy. */
  readonly dataset: Dataset;
  readonly result: DiffResult;
}

/**
 * Compare two policies on one roster: every person whose decision changes
 * (with the clause that made the difference), the changed clauses and
 * parameters, the numbers due and each quota's headcount per school and
 * district. The roster comes as read against each side's policy
 * (`readDataset(file, before)`, `readDataset(file, after)`: each side decides
 * by the facts it declares); one read serves both when they declare the same.
 * The names default to the policies' own.
 */
export function diff(
  before: CompiledPolicy,
  after: CompiledPolicy,
  data: { readonly before: Dataset; readonly after: Dataset },
  names: { readonly before?: string; readonly after?: string } = {},
): Result<DiffAnswer> {
  const result = diffPolicies(before.program, after.program, data.before, before.params, after.params, data.after);
  const dataset = data.after;
  // No date warnings: comparing the version in force with a later one is the point.
  const diagnostics: Diagnostic[] = [];
  return {
    value: {
      before: names.before ?? before.checked.name,
      after: names.after ?? after.checked.name,
      dataset,
      result,
    },
    diagnostics,
  };
}
