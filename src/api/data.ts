// Facade — input data: a dataset (schools, teachers, a draft plan: YAML,
// JSON, an .xlsx roster or a folder of CSV files) or a case file (one person),
// from a path or from text in memory → the validated model, every problem as
// a D-coded diagnostic naming the file, row and field. Never throws.

import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { readInputFile } from "../data/input.js";
import { MAX_BYTES } from "../data/limits.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import { closest } from "../diagnostics/suggest.js";
import type { CaseFile, Dataset } from "../data/model.js";
import { parseCaseText, parseDatasetText, readCaseFile, type Format, type ReadOptions } from "../data/read.js";

import { readAnyDataset } from "../data/tabular/index.js";
import type { Day } from "../time/date.js";
import type { OnProgress } from "../plan/check-plan.js";
import type { InputSchema } from "../data/declared.js";

export type { CaseFile, Dataset, ReadOptions };

/** Options of `readDataset`. */
export interface DatasetReadOptions {
  /** The reference date: overrides the data's own (`as_of`, 基准日), which may then be absent. */
  readonly asOf?: Day;
  /** Told how far reading is (a roster's rows; a progress bar). The engine itself never writes to a terminal. */
  readonly onProgress?: OnProgress;
  /**
   * What the data is read against: a policy's declared facts and values
   * (`policy.checked.input`, ADR 0003). Absent: the built-in fields only, and a
   * policy's own columns are reported as ignored.
   */
  readonly schema?: InputSchema;
}

/** Data from a path, or a text held in memory with the name diagnostics call it by and its format. */
export type DataSource = string | { readonly text: string; readonly name: string; readonly format: Format };

/**
 * Read a dataset: YAML or JSON, an `.xlsx` roster workbook or a folder of CSV
 * files (docs/contract.md). `options.asOf` overrides its reference date. A
 * roster's rejected rows are diagnostics while the other rows are read
 * (`value.intake` counts them); YAML and JSON are all or nothing.
 */
export async function readDataset(source: DataSource, options: DatasetReadOptions = {}): Promise<Result<Dataset>> {
  return typeof source === "string"
    ? readAnyDataset(source, options)
    : parseDatasetText(source.text, source.name, source.format, {
        ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
        ...(options.schema ? { schema: options.schema } : {}),
      });
}

/** Whether a dataset read can be used: a value, and errors only for rejected roster rows (counted in `intake`). */
export function usable(r: Result<Dataset>): r is Result<Dataset> & { value: Dataset } {
  return r.value !== undefined && (r.value.intake !== undefined || !r.diagnostics.some((d) => d.severity === "error"));
}

/** Read a case file: one teacher, their school and the schools of their history. */
export function readCase(source: DataSource, options: ReadOptions = {}): Result<CaseFile> {
  return typeof source === "string"
    ? readCaseFile(source, options)
    : parseCaseText(source.text, source.name, source.format, options);
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
