// Data — any dataset path → Dataset: a YAML/JSON file (read.ts), an .xlsx
// roster workbook or a folder of CSV files (tabular/read.ts). The one entry
// the commands use, so every command reads every form.

import { statSync } from "node:fs";
import { extname } from "node:path";
import type { Result } from "../../diagnostics/diagnostic.js";
import type { Day } from "../../time/date.js";
import type { Dataset } from "../model.js";
import { readDataset, readDatasetDate } from "../read.js";
import { readTabular, readTabularDate } from "./read.js";
import type { InputSchema } from "../declared.js";

export interface AnyReadOptions {
  readonly asOf?: Day;
  /** The policy's input schema (its declared facts): what the data is read against. */
  readonly schema: InputSchema;
  /** Told how far reading a roster is (a progress bar); YAML/JSON is parsed in one go and tells nothing. */
  readonly onProgress?: (phase: "read", done: number, total: number) => void;
}

/** Whether a path names a roster (workbook or CSV folder) rather than a YAML/JSON dataset. */
export function isTabular(path: string): boolean {
  if (extname(path).toLowerCase() === ".xlsx") return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function readAnyDataset(path: string, options: AnyReadOptions): Promise<Result<Dataset>> {
  const o = { ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), schema: options.schema };
  if (isTabular(path))
    return readTabular(path, { ...o, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  return readDataset(path, o);
}

/**
 * The reference date a dataset states, before it is read against a policy's
 * facts: a YAML/JSON file's `as_of` alone; a roster's 基准日 alone (its rows
 * are not read: tabular/read.ts `readTabularDate`).
 */
export async function readAnyDatasetDate(path: string): Promise<Result<Day>> {
  return isTabular(path) ? readTabularDate(path) : readDatasetDate(path);
}
