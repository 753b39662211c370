// Front end, tooling — policy text → the same text in canonical layout
// (`lungang fmt`, the language service's formatting). Token-stream
// preserving: every token is kept exactly as written (both keyword
// spellings, 满/以下, full-width punctuation) and every comment survives;
// only the whitespace between tokens is decided here. Never throws.
//
// The canonical layout, decided from the tokens, the parse tree and the
// writer's line breaks (which are kept, like gofmt's):
// - every statement (the header, a header field, a clause, a clause item)
//   and every closing brace of a body starts a line; blank lines are kept,
//   at most one in a row, none at the start, the end or inside a body's edge;
// - indentation: 2 spaces per enclosing body; a continuation line of a
//   statement gets +2 when it starts one of the statement's own parts
//   (`原文`, `仅当`, `其中`, `当`, what follows its `:` or `=`), +4 when it
//   continues an expression; inside brackets, 2 more than the line that opened
//   them (4 when that line starts a part, whose continuations are 2 deeper),
//   a closing bracket at that line's level;
// - one space between tokens, none inside brackets, before `,` `:` `)` `.`,
//   after `.`, between a name and its `(` and after a unary `-`;
// - a comment keeps its text (trailing blanks dropped); on a line of its own
//   it takes the indentation of the line it precedes, after code it follows
//   one space.
// The result is checked: it must lex to the same tokens and comments, else
// the text is refused (F002) instead of changed.

import type { CstNode, IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-format.js";
import { parseToCst } from "../../grammar/parser.js";
import { lexer } from "../../grammar/tokens.js";
import { parse } from "./parse.js";

/** The outcome of formatting one text: the canonical text, or why it could not be formatted. */
export interface FormatOutput {
  /** The text in canonical layout; absent when the text has errors (they are in `diagnostics`). */
  readonly text?: string;
  readonly diagnostics: Diagnostic[];
}

/** Parse-tree nodes whose first token starts a line. A clause item is the node inside `clauseItem`. */
const STATEMENTS = new Set([
  "header",
  "headerField",
  "clause",
  "paramDecl",
  "defineDecl",
  "rule",
  "checkRule",
  "trackDecl",
  "selectionOrder",
  "factDecl",
  "enumExtension",
  "enumMember",
]);
/** Bodies: their braces are structure (a line of their own for `}`), not brackets. */
const BODIES = new Set(["header", "clause", "enumMembers"]);

interface TokenRole {
  /** Index of the innermost statement holding the token. */
  readonly statement: number;
  /** A direct child of that statement (a keyword or punctuation of the statement itself). */
  readonly own: boolean;
}

interface Roles {
  readonly byOffset: Map<number, TokenRole>;
  /** Offsets of first tokens of statements. */
  readonly starts: Set<number>;
  /** Offsets of a body's `{` and `}`. */
  readonly bodyBraces: Set<number>;
  /** Offsets of a `-` that negates (not subtracts). */
  readonly unaryMinus: Set<number>;
  /** Offsets of the `(` that opens a declaration's other name (`工号 (id)`): spaced, unlike a call. */
  readonly otherNames: Set<number>;
}

function isToken(x: CstNode | IToken): x is IToken {
  return (x as IToken).tokenType !== undefined;
}

function roles(root: CstNode): Roles {
  const byOffset = new Map<number, TokenRole>();
  const starts = new Set<number>();
  const bodyBraces = new Set<number>();
  const unaryMinus = new Set<number>();
  const otherNames = new Set<number>();
  let statements = 0;
  // Iterative (the parse tree of an expression can be deep): [node, statement, is a statement node].
  const stack: [CstNode, number, boolean][] = [[root, -1, false]];
  while (stack.length) {
    const [node, outer, isStatement] = stack.pop()!;
    const statement = isStatement ? statements++ : outer;
    let first: number | undefined;
    for (const children of Object.values(node.children)) {
      for (const c of children) {
        if (isToken(c)) {
          byOffset.set(c.startOffset, { statement, own: isStatement });
          if (BODIES.has(node.name) && (c.tokenType.name === "LCurly" || c.tokenType.name === "RCurly"))
            bodyBraces.add(c.startOffset);
          if (node.name === "unaryExpr" && c.tokenType.name === "Minus") unaryMinus.add(c.startOffset);
          if ((node.name === "factDecl" || node.name === "enumMember") && c.tokenType.name === "LParen")
            otherNames.add(c.startOffset);
          if (first === undefined || c.startOffset < first) first = c.startOffset;
        } else {
          stack.push([c, statement, STATEMENTS.has(c.name)]);
        }
      }
    }
    if (isStatement) starts.add(firstOffset(node));
  }
  return { byOffset, starts, bodyBraces, unaryMinus, otherNames };
}

function firstOffset(node: CstNode): number {
  let best = Infinity;
  const stack: CstNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    for (const children of Object.values(n.children))
      for (const c of children) {
        if (isToken(c)) best = Math.min(best, c.startOffset);
        else stack.push(c);
      }
  }
  return best;
}

/** What lies between two tokens: comments and the line breaks around them. */
interface Gap {
  /** Line breaks before the first comment (or before the next token when there is none). */
  readonly breaks: number;
  readonly comments: { readonly text: string; readonly breaksAfter: number }[];
}

function gapOf(s: string): Gap {
  const comments: { text: string; breaksAfter: number }[] = [];
  let breaks = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "\n") {
      if (comments.length) comments[comments.length - 1]!.breaksAfter++;
      else breaks++;
      i++;
    } else if (c === "#" || (c === "/" && s[i + 1] === "/")) {
      const end = s.indexOf("\n", i);
      const stop = end < 0 ? s.length : end;
      comments.push({ text: s.slice(i, stop).trimEnd(), breaksAfter: 0 });
      i = stop;
    } else i++;
  }
  return { breaks, comments };
}

const OPENERS = new Set(["LParen", "LCurly"]);
const CLOSERS = new Set(["RParen", "RCurly"]);
const NO_SPACE_BEFORE = new Set(["RParen", "RCurly", "Comma", "Colon", "Dot"]);
// Full-width `，` `、` `：` carry their own blank in the glyph.
const FULL_WIDTH_SEPARATORS = new Set(["，", "、", "："]);

function isAggregate(t: IToken): boolean {
  return (t.tokenType.CATEGORIES ?? []).some((c) => c.name === "AggregateKw");
}

/** Whether a space goes between two tokens on one line. */
function spaced(prev: IToken, next: IToken, r: Roles): boolean {
  const p = prev.tokenType.name;
  const n = next.tokenType.name;
  if (r.bodyBraces.has(prev.startOffset) && r.bodyBraces.has(next.startOffset)) return false; // `{}`
  if (p === "Dot" || p === "LParen" || (p === "LCurly" && !r.bodyBraces.has(prev.startOffset))) return false;
  if (p === "Minus" && r.unaryMinus.has(prev.startOffset)) return false;
  if ((p === "Comma" || p === "Colon") && FULL_WIDTH_SEPARATORS.has(prev.image)) return false;
  if (n === "RCurly" && r.bodyBraces.has(next.startOffset)) return true;
  if (NO_SPACE_BEFORE.has(n)) return false;
  // A call, but not the other name of a declared fact or enum value (`山区学校 (mountain_school)`).
  if (n === "LParen" && (p === "Identifier" || isAggregate(prev)) && !r.otherNames.has(next.startOffset)) return false;
  return true;
}

/** The tokens and comments of a text as the lexer sees them, for the before/after comparison. */
function fingerprint(text: string): string[] {
  const { tokens, errors } = lexer.tokenize(text);
  if (errors.length) return ["lex error"];
  const out: string[] = [];
  let end = 0;
  for (const t of tokens) {
    for (const c of gapOf(text.slice(end, t.startOffset)).comments) out.push("#" + c.text);
    out.push(`${t.tokenType.name} ${t.image}`);
    end = t.startOffset + t.image.length;
  }
  for (const c of gapOf(text.slice(end)).comments) out.push("#" + c.text);
  return out;
}

/** True when `after` has exactly the tokens and comments of `before` (the formatter's own guard, F002). */
export function sameTokens(before: string, after: string): boolean {
  const a = fingerprint(before);
  const b = fingerprint(after);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The text in canonical layout. Refused, with the diagnostics, when the text
 * has errors (its structure is then uncertain); the text is never changed
 * beyond whitespace.
 */
export function formatText(text: string, file: string): FormatOutput {
  const parsed = parse(text, file);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) return { diagnostics: errors };
  const { cst } = parseToCst(text);
  const out = layout(text, lexer.tokenize(text).tokens, roles(cst));
  if (!sameTokens(text, out)) return { diagnostics: [diag("F002", { file }, { span: { file, start: 0, end: 0 } })] };
  return { text: out, diagnostics: [] };
}

function layout(text: string, tokens: readonly IToken[], r: Roles): string {
  const lines: string[] = [];
  let line = ""; // the current line, indentation included
  let lineOpensBody = false; // the current line holds a body's `{`
  let lastOpensBody = false; // the last line written does
  let depth = 0; // bodies open
  // Brackets open in the current statement: the indentation of the line that opened each, and of its contents.
  const brackets: { open: number; inside: number }[] = [];
  let indent = 0; // of the current line
  let linePart = false; // the current line starts one of its statement's own parts

  const newLine = (blank: boolean, at: number, content: string) => {
    if (line !== "") {
      lines.push(line);
      lastOpensBody = lineOpensBody;
    }
    // No blank line at the start nor right after a body's `{`.
    if (blank && lines.length > 0 && !lastOpensBody) lines.push("");
    line = " ".repeat(at) + content;
    indent = at;
    lineOpensBody = false;
  };

  let end = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = i > 0 ? tokens[i - 1]! : undefined;
    const gap = gapOf(text.slice(end, t.startOffset));
    end = t.startOffset + t.image.length;
    const role = r.byOffset.get(t.startOffset) ?? { statement: -1, own: false };
    const isStart = r.starts.has(t.startOffset);
    const isBody = r.bodyBraces.has(t.startOffset);
    const closesBody = isBody && t.tokenType.name === "RCurly";
    if (isStart) brackets.length = 0;

    // One of the statement's own parts: its keywords, or what follows its own `:`, `=` or `,`.
    const before = prev ? r.byOffset.get(prev.startOffset) : undefined;
    const part =
      !closesBody &&
      !isStart &&
      !isBody &&
      (role.own ||
        (before?.own === true &&
          before.statement === role.statement &&
          ["Colon", "Equals", "Comma"].includes(prev!.tokenType.name)));
    // Where this token goes if it starts a line.
    const indentHere = (): number => {
      if (closesBody) return 2 * (depth - 1);
      if (isStart || isBody) return 2 * depth;
      if (part) return 2 * depth + 2;
      // Inside brackets: as the innermost one's contents; its closer at the level of the line that opened it.
      const b = brackets[brackets.length - 1];
      if (b) return CLOSERS.has(t.tokenType.name) ? b.open : b.inside;
      return 2 * depth + 4;
    };

    // Comments before the token: after the previous token on its line, or on lines of their own.
    let breaks = gap.breaks;
    for (const c of gap.comments) {
      if (breaks === 0 && prev !== undefined) line += " " + c.text;
      else newLine(breaks > 1, closesBody ? 2 * depth : indentHere(), c.text);
      breaks = c.breaksAfter;
    }
    const emptyBody = closesBody && prev !== undefined && r.bodyBraces.has(prev.startOffset);
    const joinBody = emptyBody && gap.comments.length === 0; // `{}`
    if (prev === undefined || (!joinBody && (breaks > 0 || isStart || closesBody))) {
      newLine(breaks > 1 && !closesBody, indentHere(), t.image);
      linePart = part;
    } else line += (!joinBody && spaced(prev, t, r) ? " " : "") + t.image;

    // Structure after the token.
    if (isBody) {
      if (t.tokenType.name === "LCurly") {
        depth++;
        lineOpensBody = true;
      } else depth--;
    } else if (OPENERS.has(t.tokenType.name))
      // 2 deeper than the line, or 4 from a part's line, whose own continuation lines are 2 deeper.
      brackets.push({ open: indent, inside: indent + (linePart ? 4 : 2) });
    else if (CLOSERS.has(t.tokenType.name)) brackets.pop();
  }
  // Comments after the last token.
  const tail = gapOf(text.slice(end));
  let breaks = tail.breaks;
  for (const c of tail.comments) {
    if (breaks === 0 && tokens.length > 0) line += " " + c.text;
    else newLine(breaks > 1, 2 * depth, c.text);
    breaks = c.breaksAfter;
  }
  if (line !== "") lines.push(line);
  return lines.length ? lines.join("\n") + "\n" : "";
}
