// Diagnostic codes of policy test files (X…).

import { registerCodes } from "./registry.js";

registerCodes({
  X001: {
    severity: "error",
    en: "test file: expected {what}",
    zh: "测试文件：应提供 {what}",
    doc: "A policy test file (`tests/*.yaml`) holds `cases` (each with `teacher` and `expect.decision`, optionally `expect.clauses` and `expect.prerequisites` — clause id or rule label → met / not_met / unknown / not_applicable) and/or `plans` (each with `dataset` and `expect.compliant`, `expect.violations`, and `expect.undetermined` when a check cannot be decided); `params` gives values for parameters for the whole file.",
  },
});
