// Diagnostic codes of policy test files (X…).

import { registerCodes } from "./registry.js";

registerCodes({
  X001: {
    severity: "error",
    en: "test file: expected {what}",
    zh: "测试文件：应提供 {what}",
    doc: "A policy test file (`tests/*.yaml`) holds `cases` (each with `teacher` and `expect.decision`, optionally `expect.clauses` and `expect.prerequisites` — clause id or rule label → met / not_met / unknown / not_applicable) and/or `plans` (each with `dataset` and `expect.compliant`, `expect.violations`, and `expect.undetermined` when a check cannot be decided); `params` gives values for parameters for the whole file.",
  },
  X002: {
    severity: "error",
    en: '{path}: unknown key "{key}" in a test file (a test must say only what it means; expected one of: {known})',
    zh: "{path}：测试文件中有未知的键“{key}”（测试只能写明它要检验的内容；可用的键：{known}）",
    doc: "A key of a test file, a case, a plan or an `expect` that `lungang test` does not know — `expect.clause` for `expect.clauses`, `teachr` for `teacher` — or, in a case's `teacher`/`schools` or a plan's `dataset`, a field the policy's facts do not have (in a dataset that is only warning D007; in a test it would make the test check less than it says, so it is an error). Keys beginning with `x-` are free (they hold YAML anchors the cases share). The file is invalid: no test of the run is reported as passed or failed until it is fixed.",
  },
});
