// Tabular data — the input schema a policy reads: the built-in fields
// (fields.ts) plus the facts the policy declares. The reader validates a
// roster against it; the template lays out its columns.

import type { CheckedPolicy } from "../../checker/checked.js";
import { BUILTIN_SCHEMA, type InputSchema } from "./read.js";

export function schemaOf(_policy: CheckedPolicy): InputSchema {
  return BUILTIN_SCHEMA;
}
