// Facade of the front end: text → AST. Lexes and parses with chevrotain (with
// error recovery), converts the CST to the AST, and turns every lexer and
// parser error into a coded Diagnostic. Never throws on any input text.

import type { TokenType } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-syntax.js";
import { parseToCst } from "../../grammar/parser.js";
import { allTokens } from "../../grammar/tokens.js";
import { AstBuilder } from "./cst-to-ast.js";
import type { PolicyFile } from "./ast.js";
import { prescan } from "./prescan.js";

/** Always an AST, also with errors (recovered parts are placeholders); evaluate only without error diagnostics. */
export interface ParseOutput {
  readonly ast: PolicyFile;
  readonly diagnostics: Diagnostic[];
}

// How P001 names what it expected. Token kinds with no entry here are
// keywords, shown by their spellings (`policy`/`政策`), see displayToken.
const SYMBOLS_ZH: Record<string, string> = {
  Identifier: "名称",
  ClauseId: "条款编号",
  StringLit: "带引号的文本",
  DateLit: "日期",
  YearMonthLit: "年月",
  DurationLit: "期限",
  PercentLit: "百分比",
  AgeLit: "年龄",
  NumberLit: "数字",
  CompareOp: "比较词",
  PostfixOp: "以上/以下",
};

const SYMBOLS: Record<string, string> = {
  LCurly: "`{`",
  RCurly: "`}`",
  LParen: "`(`",
  RParen: "`)`",
  Comma: "`,`",
  Colon: "`:`",
  Dot: "`.`",
  Equals: "`=`",
  Plus: "`+`",
  Minus: "`-`",
  Star: "`*`",
  Slash: "`/`",
  Identifier: "a name",
  ClauseId: "a clause id",
  StringLit: "a quoted text",
  DateLit: "a date",
  YearMonthLit: "a year-month",
  DurationLit: "a duration",
  PercentLit: "a percentage",
  AgeLit: "an age",
  NumberLit: "a number",
  CompareOp: "a comparison word",
  PostfixOp: "以上/以下",
};

/** How a token kind is shown to a policy writer: keywords with both spellings. */
export function displayToken(name: string, lang: "en" | "zh" = "en"): string {
  if (lang === "zh" && SYMBOLS_ZH[name]) return SYMBOLS_ZH[name]!;
  if (SYMBOLS[name]) return SYMBOLS[name]!;
  const t = allTokens.find((x: TokenType) => x.name === name);
  // A keyword's pattern is the alternation of its spellings; ` +` (any run of
  // spaces inside `for each`, `only if`) is shown as one space.
  const src = t && t.PATTERN instanceof RegExp ? t.PATTERN.source : undefined;
  if (src)
    return src
      .split("|")
      .map((s) => "`" + s.replace(/ \+/g, " ") + "`")
      .join("/");
  return name;
}

/**
 * What the parser expected, read from chevrotain's message text — the one
 * place that depends on its wording; if that changes, the fallback is
 * "something else", never a crash. At most six alternatives are listed.
 */
function expectedFrom(message: string, lang: "en" | "zh"): string {
  const single = /Expecting token of type --> (\w+) <--/.exec(message);
  if (single) return displayToken(single[1]!, lang);
  // NoViableAlt / EarlyExit list token sequences like "1. [Identifier, Colon]".
  const firsts = new Set<string>();
  for (const m of message.matchAll(/\[([^\]]*)\]/g)) {
    const first = m[1]!.split(",")[0]!.trim();
    if (first) firsts.add(first);
  }
  const shown = [...firsts].slice(0, 6).map((x) => displayToken(x, lang));
  if (firsts.size > 6) shown.push("…");
  return shown.length ? shown.join(lang === "zh" ? "、" : ", ") : lang === "zh" ? "其他内容" : "something else";
}

export function parse(text: string, file: string): ParseOutput {
  // Hostile text (huge, deeply nested) is refused before the recursive parser
  // sees it; the AST is then empty, so nothing downstream runs on it.
  const refused = prescan(text, file);
  if (refused.length)
    return {
      ast: { kind: "PolicyFile", id: 0, span: { file, start: 0, end: 0 }, clauses: [], stray: [] },
      diagnostics: refused,
    };
  const out = parseToCst(text);
  const diagnostics: Diagnostic[] = [];
  // A character no token matches (typographic quotes “…”, say): P002. The
  // lexer skips it and goes on, so parsing still sees the rest.
  for (const e of out.lexErrors) {
    diagnostics.push(
      diag(
        "P002",
        { text: JSON.stringify(text.slice(e.offset, e.offset + Math.max(1, e.length))) },
        { span: { file, start: e.offset, end: e.offset + Math.max(1, e.length) } },
      ),
    );
  }
  for (const e of out.parseErrors) {
    const t = e.token;
    // An error at the end of input has no real token: point just past the text.
    const atEnd = t.tokenType?.name === "EOF" || isNaN(t.startOffset);
    const start = atEnd ? text.length : t.startOffset;
    const end = atEnd ? text.length : (t.endOffset ?? t.startOffset) + 1;
    const found = atEnd ? "end of file" : "`" + t.image + "`";
    const foundZh = atEnd ? "文件结尾" : found;
    const span = { file, start, end };
    // 以上/以下 follow the number they bound, as the texts write them: `周岁 55 以下`.
    const postfix =
      !atEnd && (t.tokenType?.CATEGORIES ?? []).some((c) => ["PostfixOp", "PostGE", "PostLE"].includes(c.name));
    const help = postfix
      ? "以上/以下 come after the number they bound: `周岁 55 以下` (or write `周岁 <= 55`)"
      : undefined;
    // P003: the text goes on where a file could have ended (an extra `}`,
    // say); P001: a token the grammar does not allow here. Both languages are
    // filled now, because the reader's language is chosen only when rendering.
    if (e.name === "NotAllInputParsedException")
      diagnostics.push(diag("P003", { found, found_zh: foundZh }, { span, ...(help ? { help } : {}) }));
    else
      diagnostics.push(
        diag(
          "P001",
          {
            found,
            found_zh: foundZh,
            expected: expectedFrom(e.message, "en"),
            expected_zh: expectedFrom(e.message, "zh"),
          },
          { span, ...(help ? { help } : {}) },
        ),
      );
  }
  // Built even after syntax errors, so the builder's own checks (P010–P014:
  // an unknown modality, type, subject, rounding, month) report in the same run.
  const builder = new AstBuilder(file);
  const ast = builder.build(out.cst);
  diagnostics.push(...builder.diagnostics);
  return { ast, diagnostics };
}
