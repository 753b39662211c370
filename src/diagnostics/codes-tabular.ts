// Diagnostics — the D1xx codes: problems in roster workbooks and CSV folders
// (src/data/tabular/). Each names the sheet or CSV file, the cell (`教师!F12`),
// the column header and the value, and says what would be valid. Registered on import.

import { registerCodes } from "./registry.js";

registerCodes({
  D100: {
    severity: "error",
    en: "{file}: no {table} sheet (or {csv} file)",
    zh: "{file}：缺少“{table}”工作表（或 {csv} 文件）",
    doc: "A roster workbook needs the sheets 学校 and 教师 (a CSV folder `schools.csv` and `teachers.csv`); 交流方案, 任职经历 and 基本信息 are optional. `lungang template --policy <p>` writes an empty workbook with every sheet and header.",
  },
  D101: {
    severity: "error",
    en: "{file}: cannot read the roster: {reason}",
    zh: "{file}：无法读取花名册：{reason_zh}",
    doc: "The workbook is not an .xlsx file (an old .xls, a damaged or password-protected file), or a CSV file is neither UTF-8 nor GB18030. Save it again from Excel as “Excel 工作簿 (*.xlsx)” or “CSV UTF-8”.",
  },
  D102: {
    severity: "error",
    en: "{table}: no header row found (the {kind_zh} columns, e.g. from the template)",
    zh: "{table}：找不到表头行（{kind_zh}的列名，可参照模板）",
    doc: "The first ten non-blank rows of the sheet hold no row with at least two known column headers. A title row and blank rows above the header are fine; the header row itself must use the headers of the contract or of the policy's declared facts.",
  },
  D103: {
    severity: "warning",
    en: '{where}: column "{header}" is no declared fact; ignored',
    zh: "{where}：列“{header}”不是已声明的事实，已忽略",
    doc: "A column (or a sheet, or a CSV file) that neither the contract nor the policy declares. It is ignored, reported once; if it holds a fact the policy needs, declare it in the policy (`事实 …`) or rename the header.",
  },
  D104: {
    severity: "warning",
    en: '{where}: column "{header}" repeats the fact of column "{first}"; ignored',
    zh: "{where}：列“{header}”与列“{first}”是同一事实，已忽略",
    doc: "Two columns are headers of the same fact (出生日期 and 出生年月). The first one is read, the later one ignored.",
  },
  D105: {
    severity: "error",
    en: '{table}: required column "{header}" ({field}) is missing',
    zh: "{table}：缺少必填列“{header}”（{field}）",
    doc: "A column every row needs is absent from the header row: a teacher's 工号, 性别, 出生日期, 岗位, 学校 (性别 and 出生日期 may come from 身份证号 instead), a school's 学校代码, a move's 工号, 调出学校, 调入学校, a history row's 工号, 学校, 起始日期, 截止日期. Every row of the sheet is rejected; it is reported once.",
  },
  D106: {
    severity: "error",
    en: '{where}: {header} "{value}" is not {expected}',
    zh: "{where}：{header}“{value}”不是{expected_zh}",
    doc: "A cell's value is not a value of its column: a date that does not exist (1980.13), a word that is not one of the column's values (城里 for 城乡类别), text in a number column. The row is rejected and the other rows are still read; the message says what would be valid.",
  },
  D107: {
    severity: "error",
    en: '{where}: {header} "{value}" is ambiguous: {expected}',
    zh: "{where}：{header}“{value}”有歧义：{expected_zh}",
    doc: "A date written as a number with a fraction (1975.1) lost its trailing zero in Excel: it may be January or October. It is never guessed. Write the cell as text (1975.01 or 1975.10) or as a date.",
  },
  D108: {
    severity: "error",
    en: "{where}: {header} is empty (required)",
    zh: "{where}：{header} 为空（必填）",
    doc: "A required cell of a row is empty. The row is rejected; the others are read.",
  },
  D109: {
    severity: "error",
    en: "{where}: {header} is not a valid resident ID number ({why})",
    zh: "{where}：{header} 不是有效的居民身份证号（{why_zh}）",
    doc: "An 18-digit resident ID number is checked before its birth date and sex are used: its form, its check digit (GB 11643) and the date in digits 7–14. The number itself is never printed; the message names the cell only.",
  },
  D110: {
    severity: "error",
    en: "{where}: {header} disagrees with {field} in the same row",
    zh: "{where}：{header} 与同一行的 {field} 不一致",
    doc: "The birth date or sex derived from the resident ID number differs from the one written in the row. One of them is wrong; the row is rejected rather than either being believed.",
  },
  D111: {
    severity: "error",
    en: "{file}: no reference date: add 基准日 to the 基本信息 sheet (as_of to dataset.yaml) or give --as-of",
    zh: "{file}：没有基准日：请在“基本信息”表中填写基准日（或在 dataset.yaml 中写 as_of），或使用 --as-of",
    doc: "Ages, tenure and years to retirement are computed on a reference date. A roster carries it in its 基本信息 sheet (基准日) or its folder's `dataset.yaml` (`as_of`); the command line's `--as-of` supplies or overrides it.",
  },
  D112: {
    severity: "error",
    en: '{where}: {header} "{value}" is given twice; this row is rejected',
    zh: "{where}：{header}“{value}”重复，本行未采用",
    doc: "Two rows of a sheet share an id (工号 or 学校代码). The first is read; the later one is rejected, since either could be the right one.",
  },
  D113: {
    severity: "error",
    en: '{where}: {header} "{value}" is no school of the 学校 sheet (by id or exact name)',
    zh: "{where}：{header}“{value}”不是“学校”表中的学校（按代码或完整校名）",
    doc: "A school reference (学校, 调出学校, 调入学校, a history row's 学校) must be a school's 学校代码 or its exact 学校名称 as written in the 学校 sheet. The row is rejected.",
  },
  D114: {
    severity: "error",
    en: '{where}: {header} "{value}" is the name of more than one school; use the school id',
    zh: "{where}：{header}“{value}”是多所学校的名称，请改用学校代码",
    doc: "A school named by its name must be named uniquely; when two schools share the name, the reference must use the 学校代码.",
  },
  D115: {
    severity: "error",
    en: "{where}: {header} {value} is after the reference date {as_of}",
    zh: "{where}：{header} {value} 晚于基准日 {as_of}",
    doc: "A birth date, a start date or a history period's end lies after the reference date; it is probably mistyped. The row is rejected.",
  },
  D116: {
    severity: "error",
    en: '{where}: {header} "{value}" is no teacher of the 教师 sheet',
    zh: "{where}：{header}“{value}”不是“教师”表中的教师",
    doc: "A move or a history row names a 工号 that the 教师 sheet does not have. The row is rejected.",
  },
  D117: {
    severity: "error",
    en: "{where}: the period ends ({to}) before it starts ({from})",
    zh: "{where}：截止日期（{to}）早于起始日期（{from}）",
    doc: "A history row's 截止日期 is before its 起始日期. The row is rejected, and with it the teacher's decision (their service record is incomplete).",
  },
  D118: {
    severity: "error",
    en: '{where}: the move of {teacher} leaves "{from}", but the teacher is at "{school}" (or the move stays at the same school)',
    zh: "{where}：{teacher} 的交流从“{from}”调出，但该教师在“{school}”（或调出、调入为同一学校）",
    doc: "A move must leave the teacher's current school and arrive at another one. The move is rejected.",
  },
  D119: {
    severity: "error",
    en: '{where}: teacher "{value}" is moved twice in the plan',
    zh: "{where}：教师“{value}”在方案中出现两次",
    doc: "A person has at most one move in a plan; the later row is rejected.",
  },
  D120: {
    severity: "warning",
    en: "{count} people have month-only dates (出生年月 1980.03): where an answer depends on the day, it is indeterminate",
    zh: "{count} 人的日期只到月（如出生年月 1980.03）：结论取决于具体日期的，判为无法判定",
    doc: "A month-only date means some day of that month. An age or a tenure that is the same for every day of the month is decided; one that is not is indeterminate — never decided by guessing a day. Add the day where it matters.",
  },
  D121: {
    severity: "error",
    en: "{file}: cannot write the file: {reason}",
    zh: "{file}：无法写出文件：{reason}",
    doc: "`--output` names a file that cannot be written (a missing folder, no permission, the file open in Excel on Windows). Nothing was written; choose another path or close the file.",
  },
});
