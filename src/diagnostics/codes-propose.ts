// Diagnostic codes of proposals, amendments and policy versions (R…):
// `lungang propose`, `lungang diff` and the choice of the version in force.

import { registerCodes } from "./registry.js";

registerCodes({
  R001: {
    severity: "error",
    en: "cannot write a plan into {file}: {why}",
    zh: "无法把方案写入 {file}：{why}",
    doc: "`lungang propose --output FILE` writes the dataset with the proposed plan in the dataset's own format (YAML or JSON). Another format, or an unwritable file, is refused.",
  },
  R002: {
    severity: "error",
    en: "invalid constraints file {file}: {why}",
    zh: "约束文件 {file} 无效：{why}",
    doc: "`--constraints FILE` is a YAML/JSON file with optional `must_move` and `must_not_move` (lists of teacher ids) and `capacity` (school id → most people it can receive); every id must exist in the dataset.",
  },
  R003: {
    severity: "error",
    en: "no version of {policy} is in force on {date}",
    zh: "{date} 没有生效的 {policy} 版本",
    doc: "A folder of policy versions (sub-folders with an effective date, optional expiry and 取代/supersedes) has no version whose period contains the reference date.",
  },
  R004: {
    severity: "warning",
    en: "the solver stopped at its time limit in {component}: the plan may not be the best one",
    zh: "求解器在 {component} 达到时间上限：方案可能不是最优",
    doc: "HiGHS stopped at the time limit before proving its solution optimal; the plan it found is still checked like any other.",
  },
});
