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
    doc: "`--constraints FILE` is a YAML/JSON mapping with optional `must_move` and `must_not_move` (lists of teacher ids), `capacity` (school id → most people it can receive) and `requests` (school id → the people it asks for). R002 is the file as a whole: it cannot be read, it is not well-formed YAML or JSON (the parser's message says where), or it is not a mapping. A wrong field inside it is R005.",
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
  R005: {
    severity: "error",
    en: "{file}:{line}:{col}: {path}: {why}",
    zh: "{file}:{line}:{col}：{path}：{why}",
    doc: "A field of a `--constraints FILE` that is wrong, at its line and column and by its path: an unknown key (`requests.S003.counts`, with the closest known key), an id the dataset does not have (`must_move[2]`, `capacity.S009`, `requests.S009` — no such teacher or school), a number that is not a whole number (`capacity.S003`, ≥ 0) or not a positive one (`requests.S003.count`, `requests.S004.subjects.数学`, ≥ 1), a subject nobody in the dataset teaches (任教学科, `requests.S004.subjects.数学`), a request that asks for nothing, a person in both `must_move` and `must_not_move`. Every wrong field of the file is reported at once, and nothing is proposed until they are fixed.",
  },
});
