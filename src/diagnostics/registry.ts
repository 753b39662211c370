// The message registry: every diagnostic code, its default severity, its
// one-line message in English and Chinese, and the explanation shown in
// docs/diagnostics.md. Code that reports a problem calls `diag(code, args, …)`;
// wording is never written inline, so it can change without touching tests.

import type { Diagnostic, Related, Severity, Span } from "./diagnostic.js";

export interface CodeInfo {
  readonly severity: Severity;
  /** Message templates; `{name}` is replaced by the argument of that name. */
  readonly en: string;
  readonly zh: string;
  /** One paragraph for docs/diagnostics.md: what triggers it and how to fix it. */
  readonly doc: string;
}

const tables: Record<string, CodeInfo>[] = [];

/** Each phase registers its own table (see codes-*.ts); codes must not collide. */
export function registerCodes(table: Record<string, CodeInfo>): void {
  for (const code of Object.keys(table)) {
    if (lookup(code)) throw new Error(`diagnostic code ${code} registered twice`);
  }
  tables.push(table);
}

export function lookup(code: string): CodeInfo | undefined {
  for (const t of tables) if (Object.prototype.hasOwnProperty.call(t, code)) return t[code];
  return undefined;
}

export function allCodes(): [string, CodeInfo][] {
  return tables.flatMap((t) => Object.entries(t)).sort(([a], [b]) => a.localeCompare(b));
}

/** The language of the words shown to people. */
export type Lang = "zh" | "en";

/** An argument worded in both languages (a reason inside a message), so the message is whole in either. */
export interface Localized {
  readonly en: string;
  readonly zh: string;
}

/** A message argument: a name or number shown as is, or words in both languages. */
export type Arg = string | number | Localized;

export function format(template: string, args: Readonly<Record<string, Arg>>, lang: Lang = "en"): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!(k in args)) return m;
    const v = args[k]!;
    return typeof v === "object" ? v[lang] : String(v);
  });
}

export interface DiagLocation {
  span?: Span;
  path?: string;
  file?: string;
  help?: string;
  related?: Related[];
  severity?: Severity;
}

/** A diagnostic carrying its arguments, so it can be re-rendered in the other language. */
export interface CodedDiagnostic extends Diagnostic {
  readonly args: Readonly<Record<string, Arg>>;
}

export function diag(code: string, args: Record<string, Arg>, loc: DiagLocation = {}): CodedDiagnostic {
  const info = lookup(code);
  if (!info) throw new Error(`unregistered diagnostic code ${code}`);
  return {
    code,
    severity: loc.severity ?? info.severity,
    message: format(info.en, args),
    args,
    ...(loc.span ? { span: loc.span } : {}),
    ...(loc.path !== undefined ? { path: loc.path } : {}),
    ...(loc.file !== undefined ? { file: loc.file } : {}),
    ...(loc.help !== undefined ? { help: loc.help } : {}),
    ...(loc.related ? { related: loc.related } : {}),
  };
}

/** The message in the requested language (falls back to the stored English message). */
export function messageIn(d: Diagnostic, lang: Lang): string {
  const info = lookup(d.code);
  const args = (d as Partial<CodedDiagnostic>).args;
  if (!info || !args) return d.message;
  return format(lang === "zh" ? info.zh : info.en, args, lang);
}
