// Diagnostic codes of policy test files (X…).

import { registerCodes } from "./registry.js";

registerCodes({
  X001: {
    severity: "error",
    en: "test file: expected {what}",
    zh: "测试文件：应提供 {what}",
    doc: "A policy test file (`tests/*.yaml`) holds `cases` (each with `teacher` and `expect.decision`, optionally `expect.clauses`) and/or `plans` (each with `dataset` and `expect.compliant`, `expect.violations`).",
  },
});
