// Front end, before lexing: the policy text → the first limit it breaks, as a
// P09x diagnostic with its position, or none. Bounds what the recursive
// parser, the AST builder and the checker ever see: total size, bracket and
// prefix-operator nesting, token count, length of one quoted text. Linear, no
// recursion, never throws.

import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-limits.js";
import { MAX_POLICY_CHARS, MAX_POLICY_DEPTH, MAX_POLICY_TOKENS, MAX_STRING_CHARS } from "../data/limits.js";

const OPEN = new Set(["(", "（", "{", "｛", "[", "［"]);
const CLOSE = new Set([")", "）", "}", "｝", "]", "］"]);

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function limit(what: string, what_zh: string, size: number | string, max: number, loc: { span: Span }): Diagnostic {
  return diag("L001", { what, what_zh, size, limit: max }, loc);
}

/**
 * Limits are checked in one pass. Counting is deliberately generous (a run
 * of letters or digits is one token, every other visible character is one),
 * so a real policy is far below every limit and only hostile text reaches them.
 * A run of prefix operators (`非 非 非 …`, `- - -`) nests like brackets: the
 * parser recurses once per operator.
 */
export function prescan(text: string, file: string): Diagnostic[] {
  const at = (start: number, end: number) => ({ span: { file, start, end: Math.min(end, text.length) } });
  if (text.length > MAX_POLICY_CHARS)
    return [
      limit(
        "characters in the file",
        "文件字符数",
        text.length,
        MAX_POLICY_CHARS,
        at(MAX_POLICY_CHARS, MAX_POLICY_CHARS + 1),
      ),
    ];
  let depth = 0;
  let prefixRun = 0;
  let tokens = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000) {
      i++;
      continue;
    }
    // A comment runs to the end of the line.
    if (ch === "#" || (ch === "/" && text[i + 1] === "/")) {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl;
      continue;
    }
    if (++tokens > MAX_POLICY_TOKENS)
      return [
        limit(
          "tokens in the file",
          "文件词法单元数",
          `more than ${MAX_POLICY_TOKENS}`,
          MAX_POLICY_TOKENS,
          at(i, i + 1),
        ),
      ];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const length = j - i - 1;
      if (length > MAX_STRING_CHARS)
        return [limit("characters in one quoted text", "引号内文本字符数", length, MAX_STRING_CHARS, at(i, i + 1))];
      i = j + 1;
      prefixRun = 0;
      continue;
    }
    const prefix = ch === "非" || ch === "-" || (text.startsWith("not", i) && !isWordChar(text.charCodeAt(i + 3)));
    if (prefix) {
      if (depth + ++prefixRun > MAX_POLICY_DEPTH)
        return [diag("P091", { depth: depth + prefixRun, limit: MAX_POLICY_DEPTH }, at(i, i + 1))];
      i += ch === "n" ? 3 : 1;
      continue;
    }
    prefixRun = 0;
    if (OPEN.has(ch)) {
      if (++depth > MAX_POLICY_DEPTH) return [diag("P091", { depth, limit: MAX_POLICY_DEPTH }, at(i, i + 1))];
    } else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
      i = j;
    } else i++;
  }
  return [];
}
