// The language service: one policy file's text (an editor's buffer, saved or
// not) → diagnostics (the same codes, messages and spans as `lungang lint`),
// hover (a clause's 原文, a parameter's value), definition, completion and
// formatting. Serves both the web editor and `lungang lsp`; reads the policy's
// other files from disk, the edited one from the buffer.

import { dirname, relative, resolve } from "node:path";
import type { IToken } from "chevrotain";
import { lexer } from "../../grammar/tokens.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { messageIn, type Lang } from "../diagnostics/registry.js";
import { helpZh } from "../diagnostics/help-zh.js";
import { diskFs, loadPolicy, type PolicyFs } from "../policy/load.js";
import { check } from "../checker/check.js";
import type { CheckedPolicy } from "../checker/checked.js";
import { BUILTIN_FACTS, DERIVED, type FactTable } from "../semantics/facts.js";
import { factText } from "../data/declare-text.js";
import type { SchemaRecord } from "../data/declared.js";
import { showType } from "../semantics/types.js";
import { formatPolicy } from "../api/format.js";
import { keywordSpellings } from "./keywords.js";

/** A diagnostic in the edited file, located by offsets into its text. */
export interface ServiceDiagnostic {
  readonly code: string;
  readonly severity: "error" | "warning" | "note";
  readonly message: string;
  readonly help?: string;
  readonly from: number;
  readonly to: number;
}

export interface Analysis {
  /** Diagnostics in this file; those of other files of the policy, with their file, in `elsewhere`. */
  readonly diagnostics: ServiceDiagnostic[];
  readonly elsewhere: { file: string; code: string; severity: string; message: string }[];
  readonly policy?: CheckedPolicy;
  readonly display: string;
  readonly text: string;
}

export interface Hover {
  readonly from: number;
  readonly to: number;
  /** Plain text, several lines. */
  readonly text: string;
}

export interface Completion {
  readonly label: string;
  /** `value`: a value of one of the policy's enums (its Chinese label or English value, extensions included). */
  readonly kind: "keyword" | "param" | "define" | "clause" | "field" | "derived" | "value";
  readonly detail?: string;
}

export interface Location {
  readonly file: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Check the policy that `file` belongs to with `text` as that file's content.
 * The file's folder is the policy (as `lungang lint <folder>` takes it), so a
 * name defined in a sibling file or in the city layer resolves.
 */
export function analyze(file: string, text: string, lang: Lang): Analysis {
  const abs = resolve(file);
  // The disk, except the edited file, which is read from the buffer.
  const fs: PolicyFs = {
    ...diskFs,
    read: (p) => (resolve(p) === abs ? { value: text, diagnostics: [] } : diskFs.read(p)),
  };
  const loaded = loadPolicy(dirname(abs), { fs });
  const checked = loaded.unit ? check(loaded.unit) : undefined;
  const display = relative(process.cwd(), abs) || abs;
  const all: Diagnostic[] = [...loaded.diagnostics, ...(checked?.diagnostics ?? [])];
  const diagnostics: ServiceDiagnostic[] = [];
  const elsewhere: Analysis["elsewhere"] = [];
  for (const d of all) {
    const help = d.help ? (lang === "zh" ? helpZh(d.help) : d.help) : undefined;
    if (d.span && d.span.file === display)
      diagnostics.push({
        code: d.code,
        severity: d.severity,
        message: messageIn(d, lang),
        ...(help ? { help } : {}),
        from: d.span.start,
        to: Math.max(d.span.end, d.span.start + 1),
      });
    else
      elsewhere.push({
        file: d.span?.file ?? d.file ?? "",
        code: d.code,
        severity: d.severity,
        message: messageIn(d, lang),
      });
  }
  return { diagnostics, elsewhere, ...(checked?.policy ? { policy: checked.policy } : {}), display, text };
}

/** The token under an offset (the lexer's, so a name is exactly what the parser sees). */
function tokenAt(text: string, offset: number): IToken | undefined {
  const { tokens } = lexer.tokenize(text);
  return tokens.find((t) => t.startOffset <= offset && offset <= (t.endOffset ?? t.startOffset));
}

/** The facts names resolve against: the policy's own (its layers' declarations, ADR 0003), else the built-in ones. */
const factsOf = (p: CheckedPolicy | undefined): FactTable => p?.facts ?? BUILTIN_FACTS;

const RECORDS: readonly SchemaRecord[] = ["teacher", "school", "move", "history"];

/**
 * A fact's hover: its name, type and meaning, then its declaration as the
 * policy's layers make it (Chinese and English name, type with every value,
 * 必填/默认, 表头, 说明) — a district's own fact or a value it added included.
 */
const fieldDoc = (p: CheckedPolicy | undefined, name: string, lang: Lang): string | undefined => {
  const facts = factsOf(p);
  const f = facts.fields("person").get(name) ?? facts.fields("school").get(name) ?? facts.fields("move").get(name);
  if (f) {
    const schema = facts.input;
    const declarations = RECORDS.flatMap((rec) =>
      Object.entries(schema[rec])
        .filter(([key, d]) => d.fact !== false && (key === name || d.zh === name))
        .map(([key, d]) => factText(rec, key, d, schema)),
    );
    return [`${f.zh} / ${f.name}: ${showType(f.ty, lang)} — ${f.doc}`, ...declarations].join("\n");
  }
  const d = DERIVED.get(name);
  return d ? `${d.zh} / ${d.name}: ${showType(d.ty, lang)} — ${d.doc}` : undefined;
};

/** Hover: a clause id shows its 原文; a parameter its type, value and clause; a definition its text; a fact its meaning. */
export function hover(a: Analysis, offset: number, lang: Lang): Hover | undefined {
  const t = tokenAt(a.text, offset);
  if (!t) return undefined;
  const from = t.startOffset;
  const to = (t.endOffset ?? t.startOffset) + 1;
  const p = a.policy;
  const zh = lang === "zh";
  if (t.tokenType.name === "ClauseId") {
    const c = p?.clauses.find((x) => x.id === t.image);
    if (!c) return undefined;
    const ref = c.clause.ref?.value;
    return {
      from,
      to,
      text: `${zh ? "条款" : "clause"} ${c.id}${ref ? `（${ref}）` : ""}\n${zh ? "原文" : "source"}：「${c.source}」`,
    };
  }
  if (t.tokenType.name !== "Identifier") return undefined;
  const name = t.image;
  const param = p?.params.get(name);
  if (param) {
    const value = param.value ? sliceOf(p!, param.value.span) : zh ? "（未赋值：原文隐去）" : "(no value: redacted)";
    return {
      from,
      to,
      text: `${zh ? "参数" : "param"} ${name}: ${showType(param.ty)} = ${value}\n${param.clause.id}「${param.clause.source}」`,
    };
  }
  const def = p?.defs.get(name);
  if (def)
    return {
      from,
      to,
      text: `${zh ? "定义" : "define"} ${name} = ${sliceOf(p!, def.decl.value.span)}\n${def.clause.id}「${def.clause.source}」`,
    };
  const doc = fieldDoc(p, name, lang);
  return doc ? { from, to, text: doc } : undefined;
}

function sliceOf(p: CheckedPolicy, span: { file: string; start: number; end: number }): string {
  return (p.sources.get(span.file) ?? "").slice(span.start, span.end).replace(/\s+/g, " ").trim();
}

/** Where a clause id, parameter or definition is declared (any layer of the policy). */
export function definition(a: Analysis, offset: number): Location | undefined {
  const t = tokenAt(a.text, offset);
  const p = a.policy;
  if (!t || !p) return undefined;
  const span =
    t.tokenType.name === "ClauseId"
      ? p.clauses.find((c) => c.id === t.image)?.clause.clauseId.span
      : (p.params.get(t.image)?.decl.name.span ?? p.defs.get(t.image)?.decl.name.span);
  return span ? { file: resolve(span.file), from: span.start, to: span.end } : undefined;
}

/** The word being typed before `offset` (a name, in either script). */
export function wordBefore(text: string, offset: number): { from: number; word: string } {
  let i = offset;
  while (i > 0 && /[\p{L}\p{N}_]/u.test(text[i - 1]!)) i--;
  return { from: i, word: text.slice(i, offset) };
}

/**
 * Names that may come here: keywords of both spellings, the policy's
 * parameters, definitions, clause ids, its facts (declared ones included) and
 * the values of its enums (extended ones included).
 */
export function completions(a: Analysis, offset: number): { from: number; items: Completion[] } {
  const { from, word } = wordBefore(a.text, offset);
  const items: Completion[] = [];
  const p = a.policy;
  for (const k of keywordSpellings()) items.push({ label: k, kind: "keyword" });
  if (p) {
    for (const [n, x] of p.params)
      items.push({ label: n, kind: "param", detail: `${showType(x.ty)} · ${x.clause.id}` });
    for (const [n, x] of p.defs) items.push({ label: n, kind: "define", detail: x.clause.id });
    for (const c of p.clauses) items.push({ label: c.id, kind: "clause", detail: c.source.slice(0, 40) });
  }
  // The policy's facts (a district's declared ones too), else the built-in ones while it does not check.
  const facts = factsOf(p);
  for (const rec of ["person", "school", "move"] as const)
    for (const [n, f] of facts.fields(rec))
      items.push({ label: n, kind: "field", detail: `${f.zh} / ${f.name} — ${f.doc}` });
  for (const [n, d] of DERIVED) items.push({ label: n, kind: "derived", detail: d.doc });
  // The values of its enums, as a string is written (`情形 包含 "援派支教"`): Chinese label and English value.
  for (const [e, table] of Object.entries(facts.input.enums))
    for (const [value, label] of Object.entries(table.labels)) {
      items.push({ label, kind: "value", detail: `${e} · ${value}` });
      items.push({ label: value, kind: "value", detail: `${e} · ${label}` });
    }
  const seen = new Set<string>();
  const matching = items.filter((c) => {
    if (seen.has(c.label) || (word && !c.label.startsWith(word))) return false;
    seen.add(c.label);
    return true;
  });
  return { from, items: matching };
}

/**
 * The file in canonical layout (the same formatter as `lungang fmt`: only
 * whitespace changes, every word, spelling and comment is kept). Undefined
 * when the text has errors: it is then left as the writer has it.
 */
export function format(text: string, file: string): string | undefined {
  return formatPolicy(text, file).value;
}

/** A change to the buffer: replace `from`–`to` (offsets into the unformatted text) with `insert`. */
export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/**
 * Formatting as edits of the buffer (what an editor applies, keeping the
 * cursor and the undo history meaningful): one edit per changed run of
 * whitespace, in order, none when the text is already canonical or has errors.
 * Applied together (CodeMirror's `changes`, an LSP `TextEdit[]`) they give `format`'s text.
 */
export function formatEdits(text: string, file: string): TextEdit[] {
  const formatted = format(text, file);
  if (formatted === undefined || formatted === text) return [];
  // Only whitespace differs: the non-blank characters of both texts are the same, in order.
  // Walk both; each run of blanks that differs is one edit.
  const edits: TextEdit[] = [];
  const blank = (c: string | undefined) => c !== undefined && /[ \t\r\n\u3000]/.test(c);
  let i = 0;
  let j = 0;
  for (;;) {
    let a = i;
    let b = j;
    while (blank(text[a])) a++;
    while (blank(formatted[b])) b++;
    if (text.slice(i, a) !== formatted.slice(j, b)) edits.push({ from: i, to: a, insert: formatted.slice(j, b) });
    if (a >= text.length && b >= formatted.length) break;
    // Unreachable while the formatter keeps every token: then one edit of the whole text.
    if (text[a] !== formatted[b]) return [{ from: 0, to: text.length, insert: formatted }];
    i = a + 1;
    j = b + 1;
  }
  return edits;
}
