// Columnar path, the facade's entry (re-exported by src/index.ts): a CSV
// folder read into typed columns and its plan checked over them, for rosters
// too large for one object per person (issue 14). The answer is the object
// path's PlanAnswer, rendered by the same code.

import { statSync } from "node:fs";

// Reading is the facade's readColumnar (src/api/data.ts), which takes the policy the data is read against.
export type { ColumnarData, ColumnarResult } from "./read.js";
export { checkPlanColumnar } from "./plan.js";

/** Whether a path is a folder (of CSV files): the form the columnar path reads. */
export function isCsvFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
