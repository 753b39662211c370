// Shared by the subcommands: output streams, loading + checking + compiling a
// policy with its diagnostics printed, and parsing `--param` values by the
// parameter's declared type.

import { readInputFile } from "../data/input.js";
import { MAX_BYTES } from "../data/limits.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import { delimiter } from "node:path";
import { loadPolicy, type LoadOptions } from "../policy/load.js";
import { check } from "../checker/check.js";
import type { CheckedPolicy } from "../checker/checked.js";
import { compile, type Program } from "../interpreter/compile.js";
import type { Value } from "../interpreter/values.js";
import { decodeDuration } from "../syntax/cst-to-ast.js";
import { formatDate, parseIsoDate } from "../time/date.js";
import { diagnosticJson, renderDiagnostics } from "../render/diagnostics.js";
import type { Args } from "./args.js";

/**
 * Warnings that accompany an answer (a data warning, a reference date outside
 * the policy's period): human text on stderr now; for JSON, the `warnings`
 * field to add to the answer (undefined when there are none).
 */
export function warnings(io: IO, args: Args, ds: readonly Diagnostic[]): Record<string, unknown>[] | undefined {
  if (ds.length === 0) return undefined;
  const sources = withInputSources(ds, new Map());
  if (!args.json) io.err(renderDiagnostics(ds, sources, args.lang));
  return ds.map((d) => diagnosticJson(d, sources, args.lang));
}

export interface IO {
  out(s: string): void;
  err(s: string): void;
}

export const processIO: IO = {
  out: (s) => process.stdout.write(s.endsWith("\n") ? s : s + "\n"),
  err: (s) => process.stderr.write(s.endsWith("\n") ? s : s + "\n"),
};

/**
 * Print diagnostics: human text on stderr, or a JSON document on stdout.
 * Input files that diagnostics point into (a dataset, a case file) are read
 * here, so their lines can be shown and counted like a policy's.
 */
export function report(
  io: IO,
  args: Args,
  ds: readonly Diagnostic[],
  sources: ReadonlyMap<string, string> = new Map(),
  extra: Record<string, unknown> = {},
): void {
  const all = withInputSources(ds, sources);
  if (args.json)
    io.out(JSON.stringify({ ...extra, diagnostics: ds.map((d) => diagnosticJson(d, all, args.lang)) }, null, 2));
  else if (ds.length) io.err(renderDiagnostics(ds, all, args.lang));
}

function withInputSources(
  ds: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  const out = new Map(sources);
  for (const d of ds) {
    const f = d.span?.file;
    if (!f || out.has(f)) continue;
    try {
      // Decoded as the reader decoded it, so spans point at the same characters.
      const text = readInputFile(f, { maxBytes: MAX_BYTES.json, format: "", what: "", what_zh: "" }).value?.text;
      if (text !== undefined) out.set(f, text);
    } catch {
      // Unreadable now: the diagnostic is shown with its path alone.
    }
  }
  return out;
}

export interface Prepared {
  readonly policy: CheckedPolicy;
  readonly program: Program;
  readonly sources: ReadonlyMap<string, string>;
  readonly params: Map<string, Value>;
  readonly warnings: Diagnostic[];
}

/**
 * The policy roots beyond the loaded folder and the bundled policies:
 * `--policies DIR` (repeatable) and `LUNGANG_POLICIES` (a path list, `:`-separated, `;` on Windows).
 */
export function loadOptions(args: Args): LoadOptions {
  const env = (process.env.LUNGANG_POLICIES ?? "").split(delimiter).filter(Boolean);
  return { roots: [...args.policies, ...env] };
}

/** Load, check and compile; on errors print them and return undefined (exit 2). */
export function preparePolicy(io: IO, args: Args, path: string): Prepared | undefined {
  const loaded = loadPolicy(path, loadOptions(args));
  const checked = loaded.unit ? check(loaded.unit) : undefined;
  const ds = [...loaded.diagnostics, ...(checked?.diagnostics ?? [])];
  if (!checked?.policy || hasErrors(ds)) {
    report(
      io,
      args,
      ds.filter((d) => d.severity === "error"),
      loaded.sources,
      { error: "policy does not check" },
    );
    return undefined;
  }
  const params = new Map<string, Value>();
  const paramDiags: Diagnostic[] = [];
  for (const [name, text] of args.params) {
    const p = checked.policy.params.get(name);
    if (!p) {
      paramDiags.push(diag("C004", { name, why: "no such parameter in the policy" }));
      continue;
    }
    const v = parseParamValue(p.ty.k, text);
    if (v === undefined) paramDiags.push(diag("C004", { name, why: `"${text}" is not a valid ${p.ty.k}` }));
    else params.set(name, v);
  }
  if (paramDiags.length) {
    report(io, args, paramDiags);
    return undefined;
  }
  return {
    policy: checked.policy,
    program: compile(checked.policy),
    sources: loaded.sources,
    params,
    warnings: ds.filter((d) => d.severity !== "error"),
  };
}

/** Warnings when the reference date falls outside the policy's period of effect. */
export function dateNotes(policy: CheckedPolicy, asOf: number): Diagnostic[] {
  const h = policy.header;
  const out: Diagnostic[] = [];
  const eff = h?.effective ? parseIsoDate(h.effective.text) : undefined;
  const exp = h?.expires ? parseIsoDate(h.expires.text) : undefined;
  if (eff !== undefined && asOf < eff)
    out.push(diag("E007", { as_of: formatDate(asOf), policy: policy.name, effective: h!.effective!.text }));
  if (exp !== undefined && asOf > exp)
    out.push(diag("E008", { as_of: formatDate(asOf), policy: policy.name, expires: h!.expires!.text }));
  return out;
}

export function parseParamValue(kind: string, text: string): Value | undefined {
  const t = text.trim();
  switch (kind) {
    case "int":
      return /^-?\d+(周岁)?$/.test(t) ? parseInt(t, 10) : undefined;
    case "percent":
      return /^\d+(\.\d+)?%$/.test(t) ? Number(t.slice(0, -1)) / 100 : undefined;
    case "duration": {
      if (!/^\d/.test(t)) return undefined;
      const d = decodeDuration(t);
      return d.months === 0 && d.days === 0 && !/^0/.test(t) ? undefined : d;
    }
    case "date":
      return parseIsoDate(t);
    case "bool":
      return ["true", "真"].includes(t) ? true : ["false", "假"].includes(t) ? false : undefined;
    case "text":
      return t;
    default:
      return undefined;
  }
}
