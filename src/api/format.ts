// Facade — format: policy texts → the same texts in canonical layout. Only
// whitespace changes: every token (both keyword spellings, 满/以下, full-width
// punctuation) and every comment is kept. Used by `lungang fmt`, the
// language service (`lungang lsp`, the web editor) and embedding programs.
// Never throws; writes nothing (the caller decides what to do with the text).

import { join } from "node:path";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-format.js";
import { diskFs } from "../policy/load.js";
import { formatText } from "../syntax/format.js";
import type { PolicyResult } from "./load.js";

/**
 * One policy text in canonical layout. `file` names it in diagnostics. No
 * value when the text has errors (a syntax error, say): they are in
 * `diagnostics`, and the text should be left as it is.
 */
export function formatPolicy(text: string, file = "policy.policy"): Result<string> {
  const out = formatText(text, file);
  return { ...(out.text !== undefined ? { value: out.text } : {}), diagnostics: out.diagnostics };
}

/** A policy file read from disk and its canonical form. */
export interface FormattedFile {
  readonly path: string;
  readonly text: string;
  readonly formatted: string;
  /** Whether the file is not in canonical form (`formatted` differs from `text`). */
  readonly changed: boolean;
}

/** The first line (1-based) where two texts differ, and its offsets in `a`. */
function firstDifference(a: string, b: string): { line: number; start: number; end: number } {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const start = a.lastIndexOf("\n", i - 1) + 1;
  const nl = a.indexOf("\n", start);
  const line = a.slice(0, start).split("\n").length;
  return { line, start, end: nl < 0 ? a.length : nl };
}

/** The `.policy` files below a folder, in name order; each folder once (links may loop), hidden ones skipped. */
function policyFilesIn(dir: string, seen = new Set<string>()): string[] {
  const real = diskFs.real(dir);
  if (!real || seen.has(real)) return [];
  seen.add(real);
  return diskFs
    .list(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      if (e.startsWith(".") || e === "node_modules") return [];
      if (e.endsWith(".policy") && !isFolder(p)) return [p];
      return isFolder(p) ? policyFilesIn(p, seen) : [];
    });
}

/** A folder; false for a file, a broken link or what cannot be read. */
function isFolder(p: string): boolean {
  try {
    return diskFs.isDirectory(p);
  } catch {
    return false;
  }
}

/**
 * Every `.policy` file of the given paths (files, or folders searched at any
 * depth) with its canonical form. A file not in canonical form also gets an
 * F001 diagnostic pointing at its first differing line (what `lungang fmt
 * --check` lists); a file that cannot be read or has errors is left out, with
 * its diagnostics; a path with no policy file is F004.
 */
export function formatPolicies(paths: readonly string[]): PolicyResult<FormattedFile[]> {
  const files: FormattedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const path of paths) {
    let found: string[];
    try {
      found = !diskFs.exists(path) ? [] : isFolder(path) ? policyFilesIn(path) : path.endsWith(".policy") ? [path] : [];
    } catch {
      found = []; // a folder that cannot be listed: F004 below
    }
    if (!found.length) diagnostics.push(diag("F004", { path }));
    for (const file of found) {
      const shown = file;
      const read = diskFs.read(file);
      if (read.value === undefined) {
        diagnostics.push(...read.diagnostics);
        continue;
      }
      const text = read.value;
      sources.set(shown, text);
      const out = formatText(text, shown);
      diagnostics.push(...out.diagnostics);
      if (out.text === undefined) continue;
      const changed = out.text !== text;
      files.push({ path: file, text, formatted: out.text, changed });
      if (changed) {
        const d = firstDifference(text, out.text);
        diagnostics.push(
          diag("F001", { file: shown, line: d.line }, { span: { file: shown, start: d.start, end: d.end } }),
        );
      }
    }
  }
  return { value: files, diagnostics, sources };
}
