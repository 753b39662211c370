// Facade — input data: a dataset (schools, teachers, a draft plan: YAML,
// JSON, an .xlsx roster or a folder of CSV files) or a case file (one person),
// from a path or from text in memory, and the policy it is read against (its
// declared facts, ADR 0003: a required argument, so no caller reads with the
// built-in fields by forgetting) → the validated model, every problem as a
// D-coded diagnostic naming the file, row and field. Never throws.

import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { readInputFile } from "../data/input.js";
import { MAX_BYTES } from "../data/limits.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import { closest } from "../diagnostics/suggest.js";
import type { CaseFile, Dataset } from "../data/model.js";
import { parseCaseText, parseDatasetText, readCaseFile, type Format } from "../data/read.js";

import { readAnyDataset, readAnyDatasetDate } from "../data/tabular/index.js";
import type { Day } from "../time/date.js";
import type { OnProgress } from "../plan/check-plan.js";
import { BUILTIN_SCHEMA, type InputSchema } from "../data/declared.js";
import { readForBoth } from "../data/compare.js";
import type { CheckedPolicy } from "../checker/checked.js";
import type { CompiledPolicy } from "./compile.js";
import { readColumnar as readColumns, type ColumnarResult } from "../columnar/read.js";

export type { CaseFile, Dataset, InputSchema };

/**
 * What data is read against: a policy — compiled or checked — whose facts
 * (the standard ones of `policies/national` and those its own layers declare,
 * ADR 0003) name the fields, columns and values it accepts; or such a schema
 * itself (`policy.checked.input`, or {@link standardFacts} to read without any policy).
 */
export type ReadAgainst = CompiledPolicy | CheckedPolicy | InputSchema;

/**
 * The standard facts alone — the fields `policies/national/facts.policy`
 * declares, without any jurisdiction's own: the explicit choice of a caller
 * that reads data without a policy. A column or field a policy declares is
 * then reported as ignored, and a value it adds (援派支教) as not allowed.
 */
export const standardFacts: InputSchema = BUILTIN_SCHEMA;

/** The input schema of what data is read against. */
export function schemaOf(against: ReadAgainst): InputSchema {
  if ("checked" in against) return against.checked.input;
  if ("input" in against) return against.input;
  return against;
}

/** Options of `readCase`. */
export interface ReadOptions {
  /** The reference date: overrides the file's `as_of`, which may then be absent. */
  readonly asOf?: Day;
}

/** Options of `readDataset`. */
export interface DatasetReadOptions extends ReadOptions {
  /** Told how far reading is (a roster's rows; a progress bar). The engine itself never writes to a terminal. */
  readonly onProgress?: OnProgress;
}

/** Data from a path, or a text held in memory with the name diagnostics call it by and its format. */
export type DataSource = string | { readonly text: string; readonly name: string; readonly format: Format };

/**
 * Read a dataset against a policy's facts (`against`: the policy it will be
 * checked with, or {@link standardFacts}): YAML or JSON, an `.xlsx` roster
 * workbook or a folder of CSV files (docs/contract.md). `options.asOf`
 * overrides its reference date. A roster's rejected rows are diagnostics
 * while the other rows are read (`value.intake` counts them); YAML and JSON
 * are all or nothing.
 */
export async function readDataset(
  source: DataSource,
  against: ReadAgainst,
  options: DatasetReadOptions = {},
): Promise<Result<Dataset>> {
  const schema = schemaOf(against);
  const asOf = options.asOf !== undefined ? { asOf: options.asOf } : {};
  return typeof source === "string"
    ? readAnyDataset(source, { ...asOf, schema, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
    : parseDatasetText(source.text, source.name, source.format, { ...asOf, schema });
}

/**
 * Read one dataset for two policies whose facts may differ (an amendment
 * that adds a fact or a value): once, against the facts of both, then each
 * side sees only its own policy's facts — what one lacks is left out of its
 * side, each kind of omission a D130 warning (src/data/compare.ts). When the
 * two declare one field differently, each side is read against its own facts.
 * `names` name the sides in the warnings.
 */
export async function readDatasetForBoth(
  source: DataSource,
  before: ReadAgainst,
  after: ReadAgainst,
  names: { readonly before: string; readonly after: string },
  options: DatasetReadOptions = {},
): Promise<Result<{ before: Dataset; after: Dataset }>> {
  return readForBoth(
    (facts) => readDataset(source, facts, options),
    { facts: schemaOf(before), name: names.before },
    { facts: schemaOf(after), name: names.after },
  );
}

/**
 * The reference date a dataset states (`as_of`, 基准日), before it is read:
 * what choosing the policy version in force on it needs (`policyInForce`),
 * since the data is then read against that version's facts. D003/D111 when
 * it states none.
 */
export async function referenceDate(source: string): Promise<Result<Day>> {
  return readAnyDatasetDate(source);
}

/**
 * Read a folder of CSV files into typed columns (rosters too large for one
 * object per person; `checkPlanColumnar`), against a policy's facts like
 * `readDataset`. `irregular`: the folder needs `readDataset`'s reader instead.
 */
export async function readColumnar(
  path: string,
  against: ReadAgainst,
  options: DatasetReadOptions = {},
): Promise<ColumnarResult> {
  return readColumns(path, {
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    schema: schemaOf(against),
  });
}

/** Whether a dataset read can be used: a value, and errors only for rejected roster rows (counted in `intake`). */
export function usable(r: Result<Dataset>): r is Result<Dataset> & { value: Dataset } {
  return r.value !== undefined && (r.value.intake !== undefined || !r.diagnostics.some((d) => d.severity === "error"));
}

/** Read a case file — one teacher, their school and the schools of their history — against a policy's facts. */
export function readCase(source: DataSource, against: ReadAgainst, options: ReadOptions = {}): Result<CaseFile> {
  const o = { ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), schema: schemaOf(against) };
  return typeof source === "string"
    ? readCaseFile(source, o)
    : parseCaseText(source.text, source.name, source.format, o);
}

/** One person of a dataset as a case; the dataset's schools come along (for the history too). C005 if absent. */
export function caseOf(dataset: Dataset, teacherId: string): Result<CaseFile> {
  const teacher = dataset.teacherById.get(teacherId);
  if (!teacher) {
    const best = closest(teacherId, dataset.teacherById.keys());
    return { diagnostics: [diag("C005", { id: teacherId }, best ? { help: `did you mean \`${best}\`?` } : {})] };
  }
  return {
    value: { asOf: dataset.asOf, teacher, schools: dataset.schools, schoolById: dataset.schoolById },
    diagnostics: [],
  };
}

/**
 * The texts of the input files diagnostics point into (a dataset, a case
 * file), decoded as the readers decoded them so spans point at the same
 * characters, added to `known`; a file that cannot be read now is left out
 * (its diagnostics are shown with the path alone).
 */
export function inputSources(
  diagnostics: readonly Diagnostic[],
  known: ReadonlyMap<string, string> = new Map(),
): ReadonlyMap<string, string> {
  const out = new Map(known);
  for (const d of diagnostics) {
    const f = d.span?.file;
    if (!f || out.has(f)) continue;
    const text = readInputFile(f, { maxBytes: MAX_BYTES.json, format: "", what: "", what_zh: "" }).value?.text;
    if (text !== undefined) out.set(f, text);
  }
  return out;
}
