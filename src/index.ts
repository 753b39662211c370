// The library entry point of lungang (`import … from "lungang"`): load a
// policy (from a folder or from texts in memory), check and compile it,
// decide one person or a whole dataset, check a draft plan, run a policy's
// own tests, write a policy's roster template, render any answer in a format
// (text, json, csv, html, xlsx). Every stage returns
// `{ value?, diagnostics }` and never throws on user input.

/**
 * @example
 * ```ts
 * import { compilePolicy, readCase, decide, readDataset, checkPlan, render } from "lungang";
 *
 * const policy = compilePolicy("policies/dalian").value!;
 * // Data is read against the policy's facts (its own declared ones too).
 * const person = readCase("examples/cases/dalian-teacher.yaml", policy).value!;
 * const answer = decide(policy, person).value!;
 * console.log(answer.decision.decision); // "required"
 * const plan = (await checkPlan(policy, (await readDataset("examples/dalian/district.yaml", policy)).value!)).value!;
 * console.log(plan.result.compliant); // false
 * console.log((await render({ kind: "plan", answer: plan }, { format: "text" })).value);
 * ```
 * @packageDocumentation
 */

export {
  load,
  bundledPolicy,
  type LoadOptions,
  type PolicySource,
  type PolicyResult,
  type PolicyFs,
  type PolicyUnit,
} from "./api/load.js";
export { check, lint, type CheckedPolicy, type LintReport } from "./api/check.js";
export {
  compile,
  compilePolicy,
  withParams,
  type CompiledPolicy,
  type CompileOptions,
  type ParamTexts,
} from "./api/compile.js";
export {
  readDataset,
  readDatasetForBoth,
  readCase,
  readColumnar,
  referenceDate,
  standardFacts,
  caseOf,
  inputSources,
  usable,
  type DataSource,
  type Dataset,
  type CaseFile,
  type ReadOptions,
  type DatasetReadOptions,
  type ReadAgainst,
  type InputSchema,
} from "./api/data.js";
export {
  decide,
  decideAll,
  decideEach,
  type CaseAnswer,
  type Change,
  type DateDoubt,
  type Decision,
  type DecisionsAnswer,
  type PersonDecision,
  type TableRow,
} from "./api/decide.js";
export {
  checkPlan,
  type Counts,
  type OnProgress,
  type PlanAnswer,
  type PlanOptions,
  type PlanResult,
} from "./api/plan.js";
export { checkPlanColumnar, isCsvFolder, type ColumnarData, type ColumnarResult } from "./columnar/index.js";
export {
  runTests,
  type TestReport,
  type TestOutcome,
  type CaseMismatch,
  type PlanMismatch,
  type PlanFindings,
  type PrerequisiteMismatch,
} from "./api/test.js";
export { writeRosterTemplate, templateName } from "./api/template.js";
export { formatPolicy, formatPolicies, type FormattedFile } from "./api/format.js";
export {
  propose,
  readConstraints,
  writeProposal,
  policyInForce,
  diff,
  type ProposalAnswer,
  type ProposeOptions,
  type BureauConstraints,
  type Proposal,
  type DiffAnswer,
  type DiffResult,
  type PolicyInForce,
  type PolicyVersion,
} from "./api/propose.js";
export {
  render,
  formats,
  formatProblem,
  type Answered,
  type Document,
  type DocumentKind,
  type Rendered,
  type RenderOptions,
  type Renderer,
} from "./api/render.js";
export type { Diagnostic, Result, Severity, Span, Related } from "./diagnostics/diagnostic.js";
export type { Lang } from "./diagnostics/registry.js";

// The values the answers are made of (types only: they are produced by the stages above).
export type { Teacher, School, Move, Plan, HistoryEntry, Intake } from "./data/model.js";
export type { Format } from "./data/read.js";
export type { ClauseInfo, RuleInfo, CheckInfo } from "./checker/checked.js";
export type { RuleResult } from "./interpreter/decide.js";
export type { DecisionValue } from "./semantics/rule-kinds.js";
export type { Reason, Value, Ratio, Unknown, TrackValue, Between } from "./interpreter/values.js";
export type { Duration, Day } from "./time/date.js";
export type {
  Violation,
  Undetermined,
  Entitlement,
  Statistic,
  SchoolSummary,
  SubjectRef,
  Severity as ViolationSeverity,
} from "./plan/check-plan.js";
export type { SubjectKind } from "./syntax/ast.js";
export type { Amendment } from "./checker/checked.js";
export type {
  BureauRequest,
  InfeasibleRule,
  RequestOutcome,
  RequestShortfall,
  Selection,
  ServedRequest,
} from "./propose/propose.js";
export type { PersonChange, ParamChange, QuotaChange, CountChange } from "./diff/diff.js";
