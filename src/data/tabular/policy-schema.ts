// Data — the input schema a policy reads: the built-in fields (fields.ts) plus
// the facts its layers declare (ADR 0003), as the checker merged them. The
// readers validate a dataset against it; the template lays out its columns.

import type { CheckedPolicy } from "../../checker/checked.js";
import type { InputSchema } from "../declared.js";

export function schemaOf(policy: Pick<CheckedPolicy, "input">): InputSchema {
  return policy.input;
}
