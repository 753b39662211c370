// Diagnostics — the D-codes: problems in input data (datasets and case files).
// Consumed by src/data/read.ts through `diag()`; importing this module registers
// the table. D001–D009 file and shape, D010–D019 cross-references, D020+ plan moves.

import { registerCodes } from "./registry.js";

registerCodes({
  D001: {
    severity: "error",
    en: "{file}: cannot read the file: {reason}",
    zh: "{file}：无法读取文件：{reason}",
    doc: "The input file could not be opened or read (missing, a directory, no permission), or its extension is not one of `.yaml`, `.yml`, `.json`. Check the path given on the command line.",
  },
  D002: {
    severity: "error",
    en: "{file}:{line}:{col}: syntax error: {reason}",
    zh: "{file}:{line}:{col}：语法错误：{reason}",
    doc: "The file is not well-formed YAML or JSON (bad indentation, an unclosed bracket or quote, a key given twice). The position is where the parser gave up; the mistake is often on the line before.",
  },
  D003: {
    severity: "error",
    en: '{path}: required field "{field}" is missing',
    zh: "{path}：缺少必填字段“{field}”",
    doc: "A field the contract requires has no value: `as_of` (unless `--as-of` is given), `schools`, `teachers`; for a school `id`; for a teacher `id`, `sex`, `birth_date`, `school`, `role`; for a history entry `school`, `from`, `to`; for a plan `moves`; for a move `teacher`, `from`, `to`. An empty value (`birth_date:` with nothing after it) counts as missing. Other facts may be left out: the evaluator then treats them as unknown.",
  },
  D004: {
    severity: "error",
    en: "{path}: {value} is not {expected}",
    zh: "{path}：{value} 不是{expected_zh}",
    doc: 'A value has the wrong type or form: text where a list is expected, `yes`/`no` instead of `true`/`false` (YAML 1.2 reads `yes` as text), a number where an id is expected (write `id: "001"` — unquoted `001` is read as the number 1), an empty id, a negative `deferred_years`, a `school_year` that is not `YYYY-YYYY` of consecutive years.',
  },
  D005: {
    severity: "error",
    en: "{path}: {value} is not a date (YYYY-MM-DD)",
    zh: "{path}：{value} 不是有效日期（应为 YYYY-MM-DD）",
    doc: "Dates are written `YYYY-MM-DD` with two-digit month and day and must exist in the calendar: `1985-13-40`, `2023-02-29`, `2024-9-1` and `2024-09-01T08:00` are rejected.",
  },
  D006: {
    severity: "error",
    en: "{path}: {value} is not one of {allowed}",
    zh: "{path}：{value} 不是允许的取值（{allowed}）",
    doc: "An enumerated field (`sex`, `role`, `location`, `tier`, `post_category`, `title`, `conditions`, `group_role`, `staffing`, `mode`) holds a value outside its list. Values are the English words of the contract, in lower case (`male`, not `Male` or `男`); the help line suggests the nearest one.",
  },
  D007: {
    severity: "warning",
    en: '{path}: unknown field "{field}" is ignored (records with it: {count})',
    zh: "{path}：未知字段“{field}”已忽略（含该字段的记录：{count} 条）",
    doc: "A field that is not part of the input format. It is ignored, which is harmless for an intentional extension but silently loses a misspelt fact (`school_sinse`), so the help line suggests the nearest known field. Reported once per field and kind of record, with the first place it occurs.",
  },
  D010: {
    severity: "error",
    en: '{path}: duplicate {kind} id "{id}" (first at {first})',
    zh: "{path}：{kind_zh}编号“{id}”重复（首次出现于 {first}）",
    doc: "Two schools or two teachers share an id. Ids identify records in plans, history and output, so they must be unique within the file.",
  },
  D011: {
    severity: "error",
    en: '{path}: unknown school "{id}"',
    zh: "{path}：未知学校“{id}”",
    doc: "A teacher's current `school` names no school in `schools` (in a case file: neither `school` nor `schools`). The teacher's school facts (location, tier, group) are needed to decide, so the school must be listed.",
  },
  D012: {
    severity: "warning",
    en: '{path}: unknown school "{id}"; facts about it will be unknown',
    zh: "{path}：未知学校“{id}”，该校情况将按未知处理",
    doc: 'A `history` entry names a school not in `schools`. That is legitimate when the teacher came from outside the district, so it is only a warning; rules that ask about earlier schools (was it rural? weak?) then get "unknown". List the school to make those facts known.',
  },
  D013: {
    severity: "error",
    en: "{path}: starts {from} after it ends {to}",
    zh: "{path}：开始日期 {from} 晚于结束日期 {to}",
    doc: "A `history` entry's `from` is later than its `to`. Both ends are inclusive; a one-day period has `from` equal to `to`.",
  },
  D014: {
    severity: "error",
    en: "{path}: {value} is after the reference date {as_of}",
    zh: "{path}：{value} 晚于基准日期 {as_of}",
    doc: "A date that describes the past (`birth_date`, `school_since`, `post_since`, `title_since`, a history entry's dates) is later than the reference date (`as_of`, or `--as-of`). The record then does not describe the person on that date; use a later reference date or correct the record.",
  },
  D015: {
    severity: "warning",
    en: "{path}: period {from}..{to} overlaps or precedes {other} ({other_from}..{other_to})",
    zh: "{path}：任职时段 {from}..{to} 与 {other}（{other_from}..{other_to}）重叠或顺序颠倒",
    doc: "`history` must list earlier service oldest first, without overlaps. Out-of-order or overlapping periods make counts such as total years of rural service doubtful.",
  },
  D016: {
    severity: "warning",
    en: "{path}: earlier service ends {to}, not before the current school's start {since}",
    zh: "{path}：以往任职结束于 {to}，不早于在现学校的起始日期 {since}",
    doc: "A `history` entry ends on or after `school_since`, so it overlaps the current service. Usually one of the two dates is wrong. A rotation that kept the personnel relation at home (`rotation: true` without `personnel_transfer: true`) is served while the post stays at the current school, so it is not reported.",
  },
  D130: {
    severity: "warning",
    en: "{what} is not a fact of {policy}: left out on its side of the comparison (records: {count})",
    zh: "{what} 不是 {policy} 的事实：比较时在其一方不计（涉及记录：{count} 条）",
    doc: "`lungang diff` between policies whose facts differ (an amendment that adds a deferral ground, a school fact, a post grade): the dataset is read once against the facts of both, and each side sees only its own policy's — a field its policy does not declare is left out, a value it does not know is dropped from a list (that ground does not exist under it) and leaves a single value unknown. This warning says what was left out, for which side, in how many records. When the two policies declare one field differently (or give one header to two fields), each side reads the data against its own facts instead, and a value one side does not know is an error there.",
  },
  D020: {
    severity: "error",
    en: '{path}: unknown teacher "{id}"',
    zh: "{path}：未知教师“{id}”",
    doc: "A plan move names a teacher who is not in `teachers`.",
  },
  D021: {
    severity: "error",
    en: '{path}: unknown school "{id}"',
    zh: "{path}：未知学校“{id}”",
    doc: "A plan move's `from` or `to` names a school not in `schools`. Both ends must be known to check the plan's proportions and directions.",
  },
  D022: {
    severity: "error",
    en: '{path}: teacher "{teacher}" is at school "{school}", not "{from}"',
    zh: "{path}：教师“{teacher}”所在学校为“{school}”，而非“{from}”",
    doc: "A move's `from` differs from the teacher's current `school`. A plan moves people from where they are; correct either the move or the teacher record.",
  },
  D023: {
    severity: "error",
    en: '{path}: teacher "{teacher}" is already moved by {first}',
    zh: "{path}：教师“{teacher}”已在 {first} 中安排交流",
    doc: "A plan moves the same teacher twice in one school year. Merge the moves, or split them across plans.",
  },
  D024: {
    severity: "error",
    en: "{path}: {value} is not a positive number of years in whole months",
    zh: "{path}：{value} 不是以整月计的正年限",
    doc: "A move's `years` (the rotation period) is a positive number of years in whole months: 3, 1, 0.5 (six months, a semester), 1.5. A zero, a negative number or 0.3 (3.6 months) is rejected.",
  },
  D025: {
    severity: "error",
    en: '{path}: moves teacher "{teacher}" from "{school}" to the same school',
    zh: "{path}：教师“{teacher}”的交流出入学校相同（“{school}”）",
    doc: "A move whose `from` and `to` are the same school is no rotation. (Moving between campuses of one legal entity is a policy question, checked by the policy, not here.)",
  },
});
