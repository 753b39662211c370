// Diagnostic codes of the lexer, parser and CST→AST stage (P…).

import { registerCodes } from "./registry.js";

registerCodes({
  P001: {
    severity: "error",
    en: "unexpected {found}; expected {expected}",
    zh: "此处不应出现 {found_zh}；应为 {expected_zh}",
    doc: "The parser met a token that cannot continue the construct it is reading. The message lists what could come next. Parsing recovers and goes on, so every syntax error in the file is reported in one run.",
  },
  P002: {
    severity: "error",
    en: "unrecognised character(s) {text}",
    zh: "无法识别的字符 {text}",
    doc: 'The lexer found characters that start no token: stray punctuation, an unclosed string, a typographic quote used instead of `"`. Check the character under the caret.',
  },
  P003: {
    severity: "error",
    en: "unexpected {found} after the end of the policy",
    zh: "政策结束后出现多余内容 {found_zh}",
    doc: "Text remains after the last complete clause; usually an unbalanced `}`.",
  },
  P010: {
    severity: "error",
    en: "unknown rounding mode `{word}` (expected one of: {choices})",
    zh: "未知的日期进位方式 `{word}`（可选：{choices}）",
    doc: "`rounding` / `日期进位` says what a date past a month's end becomes (Jan 31 + 1 month): `end_of_month` (月末, Feb 28/29) or `next_day` (次日, Mar 1).",
  },
  P011: {
    severity: "error",
    en: "unknown modality `{word}` (expected one of: {choices})",
    zh: "未知的规范强度 `{word}`（可选：{choices}）",
    doc: "A clause's modality is taken from its text: `must` (必须/应/须/需/要, and the prohibition 不得), `should` (原则上/一般) or `may` (可).",
  },
  P012: {
    severity: "error",
    en: "unknown type `{word}` (expected one of: {choices})",
    zh: "未知的类型 `{word}`（可选：{choices}）",
    doc: "Parameters and definitions are typed with int (整数), percent (百分比), duration (期限), date (日期), bool (布尔), text (文本) or set (集合).",
  },
  P013: {
    severity: "error",
    en: "unknown subject `{word}` for `check … for each` (expected one of: {choices})",
    zh: "`检查 … 对每个` 的对象 `{word}` 未知（可选：{choices}）",
    doc: "A plan check iterates over schools (学校), districts (区), education groups (集团), locations (地域: the schools of each location), tiers (层次: the schools of each tier), moves (交流), teachers (教师) or the whole plan (方案).",
  },
  P014: {
    severity: "error",
    en: "`{text}` is not a valid year-month",
    zh: "`{text}` 不是有效的年月",
    doc: "A retirement track's first affected birth month is written `YYYY-MM` with a month from 01 to 12.",
  },
  P020: {
    severity: "error",
    en: "policy file not found: {path}",
    zh: "找不到政策文件：{path}",
    doc: "The path given on the command line, in `extends` or in `uses` does not name a `.policy` file or a folder holding one.",
  },
  P021: {
    severity: "error",
    en: "policies extend each other in a cycle: {cycle}",
    zh: "政策之间存在循环细化：{cycle}",
    doc: "`extends`/`uses` chains must end; a district refines its city, the city uses the national file, and nothing refers back.",
  },
});
