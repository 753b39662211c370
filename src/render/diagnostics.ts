// Rendering diagnostics for people (like a compiler: code, message, file:line:col,
// the source line with carets under the span, help) and for machines (JSON).
// Line and column are computed here only, 1-based; spans stay offsets.

import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { messageIn, type Lang } from "../diagnostics/registry.js";
import { helpZh } from "../diagnostics/help-zh.js";

const local = (text: string, lang: Lang) => (lang === "zh" ? helpZh(text) : text);

export interface LineCol {
  readonly line: number;
  readonly col: number;
}

/**
 * Where each line starts, per source text: built once, so rendering d
 * diagnostics of an n-character file costs O(n + d log n), not O(n·d) (1,500
 * warnings on a 3,000-clause policy took seconds when every one rescanned the text).
 */
const lineStarts = new Map<string, Int32Array>();

function startsOf(text: string): Int32Array {
  let starts = lineStarts.get(text);
  if (starts) return starts;
  const list = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) list.push(i + 1);
  starts = Int32Array.from(list);
  // A few texts per run; keep the cache from growing in a long-lived process (the server).
  if (lineStarts.size > 16) lineStarts.clear();
  lineStarts.set(text, starts);
  return starts;
}

/** 1-based line and column (in code points) of an offset. */
export function lineCol(text: string, offset: number): LineCol {
  const at = Math.max(0, Math.min(offset, text.length));
  const starts = startsOf(text);
  // The last line start at or before the offset (binary search).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  // A "\n" exactly at the offset still belongs to the line it ends.
  const lineStart = starts[lo]!;
  return { line: lo + 1, col: [...text.slice(lineStart, at)].length + 1 };
}

/** Display width: CJK and full-width characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

function location(span: Span, sources: ReadonlyMap<string, string>): string {
  const text = sources.get(span.file);
  if (text === undefined) return span.file;
  const { line, col } = lineCol(text, span.start);
  return `${span.file}:${line}:${col}`;
}

function snippet(span: Span, sources: ReadonlyMap<string, string>): string[] {
  const text = sources.get(span.file);
  if (text === undefined) return [];
  const { line } = lineCol(text, span.start);
  const lineStart = text.lastIndexOf("\n", span.start - 1) + 1;
  let lineEnd = text.indexOf("\n", span.start);
  if (lineEnd < 0) lineEnd = text.length;
  const src = text.slice(lineStart, lineEnd);
  const end = Math.min(Math.max(span.end, span.start + 1), lineEnd);
  const pad = " ".repeat(width(text.slice(lineStart, span.start)));
  const carets = "^".repeat(Math.max(1, width(text.slice(span.start, end))));
  const gutter = String(line).length;
  return [`${" ".repeat(gutter)} |`, `${line} | ${src}`, `${" ".repeat(gutter)} | ${pad}${carets}`];
}

const SEVERITY_ZH = { error: "错误", warning: "警告", note: "提示" } as const;

export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>, lang: Lang): string {
  const sev = lang === "zh" ? SEVERITY_ZH[d.severity] : d.severity;
  const out = [`${sev}[${d.code}]: ${messageIn(d, lang)}`];
  if (d.span) {
    out.push(`  --> ${location(d.span, sources)}`);
    out.push(...snippet(d.span, sources).map((l) => "  " + l));
  } else if (d.file || d.path) {
    out.push(`  --> ${[d.file, d.path].filter(Boolean).join(": ")}`);
  }
  for (const r of d.related ?? [])
    out.push(`  = ${lang === "zh" ? "参见" : "see"}: ${local(r.message, lang)} (${location(r.span, sources)})`);
  if (d.help) out.push(`  = ${lang === "zh" ? "帮助" : "help"}: ${local(d.help, lang)}`);
  return out.join("\n");
}

export function renderDiagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>, lang: Lang): string {
  return ds.map((d) => renderDiagnostic(d, sources, lang)).join("\n\n");
}

/** JSON form: spans also carry 1-based line/column for editors. */
export function diagnosticJson(
  d: Diagnostic,
  sources: ReadonlyMap<string, string>,
  lang: Lang,
): Record<string, unknown> {
  const text = d.span ? sources.get(d.span.file) : undefined;
  return {
    code: d.code,
    severity: d.severity,
    message: messageIn(d, lang),
    ...(d.span
      ? {
          span: {
            file: d.span.file,
            start: d.span.start,
            end: d.span.end,
            ...(text !== undefined ? (({ line, col }) => ({ line, column: col }))(lineCol(text, d.span.start)) : {}),
          },
        }
      : {}),
    ...(d.file ? { file: d.file } : {}),
    ...(d.path ? { path: d.path } : {}),
    ...(d.help ? { help: local(d.help, lang) } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ message: local(r.message, lang), span: r.span })) } : {}),
  };
}
