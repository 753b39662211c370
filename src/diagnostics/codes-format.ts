// Diagnostic codes of formatting policy files (F…): `lungang fmt` and the
// language service's formatting.

import { registerCodes } from "./registry.js";

registerCodes({
  F001: {
    severity: "error",
    en: "{file} is not in canonical form (first difference at line {line}); run `lungang fmt --write {file}`",
    zh: "{file} 排版不规范（第 {line} 行起不同）；请运行 `lungang fmt --write {file}`",
    doc: "`lungang fmt --check` found a policy file whose layout differs from the canonical one (indentation, spaces between words, blank lines). Only whitespace differs: `lungang fmt --write` rewrites it, keeping every word, spelling and comment.",
  },
  F002: {
    severity: "error",
    en: "formatting {file} would change more than its layout; the file is left as it is (a bug in lungang, please report it)",
    zh: "格式化 {file} 会改变排版以外的内容，文件保持原样（这是 lungang 的缺陷，请报告）",
    doc: "The formatter checks its own output: the formatted text must have exactly the tokens and comments of the original. If it does not, nothing is written and this is reported instead; it should never happen.",
  },
  F003: {
    severity: "error",
    en: "`lungang fmt` prints one file; for {what} use `--check` or `--write`",
    zh: "`lungang fmt` 只能输出一个文件；对{what}请用 `--check` 或 `--write`",
    doc: "Without an option, `lungang fmt <file.policy>` prints the file in canonical form. A folder or several files are checked with `--check` (exit 1 when a file is not in canonical form) or rewritten with `--write`.",
  },
  F004: {
    severity: "error",
    en: "{path} is not a policy file or a folder of them",
    zh: "{path} 不是政策文件，也不是含政策文件的文件夹",
    doc: "`lungang fmt` takes `.policy` files and folders; a folder is searched for `.policy` files at any depth. The path does not exist, or holds no `.policy` file.",
  },
});
