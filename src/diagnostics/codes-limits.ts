// Diagnostics — the codes that guard where input enters: encodings, sizes,
// nesting, duplicate keys, implausible numbers and dates, and references that
// leave the policy folders. Registered on import, like the other code tables;
// docs/security.md explains the limits. D08x data, P09x policy text, L001 policy
// size limits (no small example can show them), T090 literals.

import { registerCodes } from "./registry.js";

registerCodes({
  D080: {
    severity: "error",
    en: "{file}: line {line} (byte {offset}): {reason}; save the file as UTF-8",
    zh: "{file}：第 {line} 行（第 {offset} 字节）：{reason_zh}；请将文件另存为 UTF-8",
    doc: "A file lungang reads (a dataset, a case file, a policy, each CSV or NDJSON table of a roster folder) must be text in UTF-8 (with or without a byte-order mark) or GB18030/GBK, the encoding Chinese Windows and Excel write. A file in neither — a damaged UTF-8 file with a stray byte, UTF-16, a spreadsheet or archive saved under a text name — is refused, naming the first byte that is wrong, rather than decoded into replacement characters that would change names and ids without a word.",
  },
  D081: {
    severity: "error",
    en: "{file}: {size} bytes is more than a {format} file may have ({limit} bytes); {what}",
    zh: "{file}：{size} 字节，超过 {format} 文件的上限（{limit} 字节）；{what_zh}",
    doc: "The file's size is checked before it is read. A YAML or JSON dataset is parsed whole in memory, so it has a size limit (YAML a smaller one, its parser needs many times the file's size); a larger roster belongs in the CSV or NDJSON form, which is read row by row. A policy file or a case file has its own, smaller limit.",
  },
  D082: {
    severity: "error",
    en: "{file}:{line}:{col}: nested {depth} levels deep (at most {limit})",
    zh: "{file}:{line}:{col}：嵌套达 {depth} 层（至多 {limit} 层）",
    doc: "A dataset's lists and mappings are a few levels deep (dataset → teachers → teacher → history → entry). A file nested far deeper is not a dataset; it is refused where the limit is crossed, before it is parsed, so that no deep structure reaches the reader.",
  },
  D083: {
    severity: "error",
    en: '{file}:{line}:{col}: key "{key}" is given twice in one mapping (first at {first_line}:{first_col})',
    zh: "{file}:{line}:{col}：同一映射中键“{key}”出现两次（第一次在 {first_line}:{first_col}）",
    doc: 'In JSON as in YAML, a key appears once per object: `{"sex": "male", "sex": "female"}` is refused, naming both places, instead of silently keeping the last value.',
  },
  D084: {
    severity: "error",
    en: "{path}: {written} is not a finite number",
    zh: "{path}：{written} 不是有限的数",
    doc: "A number that overflows (`1e309`) or YAML's `.inf` / `.nan` is reported as written. No count, period or date in a dataset is infinite.",
  },
  D085: {
    severity: "error",
    en: "{path}: {value} is outside the plausible range {min} to {max}",
    zh: "{path}：{value} 超出合理范围（{min} 至 {max}）",
    doc: "A value that is well-formed but cannot be true of a person or a plan: a date before 1900-01-01 or after 2100-12-31 (a birth date of 0001-01-01 is a placeholder, not a fact), a deferral or a move period of more than 50 years. The bounds are in the message.",
  },
  P090: {
    severity: "error",
    en: "`{ref}` is outside the policy folders ({roots})",
    zh: "`{ref}` 不在政策目录之内（{roots}）",
    doc: "`extends`/`uses` (`细化`/`引用`) name another policy inside the policy folders: the folder given on the command line (or the `policies` folder it lies in), the policies bundled with lungang, and folders named by `--policies` or `LUNGANG_POLICIES`. An absolute path, a `../` that leaves them, or a symbolic link pointing out of them is refused, and nothing of the target is read or shown.",
  },
  P091: {
    severity: "error",
    en: "nested {depth} deep (at most {limit})",
    zh: "嵌套达 {depth} 层（至多 {limit} 层）",
    doc: "Parentheses, braces and prefix operators (`非`/`not`, `-`) may be nested up to the limit; no policy needs more. The file is refused where the limit is crossed, before it is parsed, so that no deep structure reaches the parser or the checker.",
  },
  T090: {
    severity: "error",
    en: "{written} is outside the range of {what} ({min} to {max})",
    zh: "{written_zh} 超出{what_zh}的范围（{min} 至 {max}）",
    doc: "A literal is checked against the range of its type and unit: an age 0周岁 to 120周岁 (a plain number compared with `周岁` counts as an age), a percentage 0% to 100%, a period up to 100年, a plain number up to 1000000, a date 1900-01-01 to 2100-12-31. A 400-digit number, 150% or a period of 10³⁰ years is a typing slip, not a rule; read as it stands it would become an infinite or impossible bound and change answers without a word. The message shows what was written (a long literal by its first digits and its length) and the bounds.",
  },
  L001: {
    severity: "error",
    en: "{what}: {size} (at most {limit})",
    zh: "{what_zh}：{size}（至多 {limit}）",
    doc: "A policy text beyond a size limit is refused before it is parsed: the characters of one file, its tokens (words, numbers and symbols), or the characters of one quoted text (a `原文` quote); and, once parsed, the operands of one arithmetic expression (`a + b + …`, 500). The limits are far above any real policy (docs/security.md lists them); split a very large policy into several files of one folder.",
  },
});
