// Shared by the subcommands: the output streams, writing a rendered answer
// (stdout or `--output FILE`), reporting diagnostics (text on stderr, JSON on
// stdout), and compiling the `--policy` through the facade with its errors
// reported.

import { writeFileSync } from "node:fs";
import { delimiter } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { compilePolicy, inputSources, render, type CompiledPolicy, type Document, type LoadOptions } from "../index.js";
import type { Args } from "./args.js";

export interface IO {
  out(s: string): void;
  err(s: string): void;
  /** Bytes on stdout (a binary format without `--output`). */
  bytes?(b: Uint8Array): void;
  /** Write a file (`--output`); the default writes to disk. */
  writeFile?(path: string, data: string | Uint8Array): void;
}

export const processIO: IO = {
  out: (s) => process.stdout.write(s.endsWith("\n") ? s : s + "\n"),
  err: (s) => process.stderr.write(s.endsWith("\n") ? s : s + "\n"),
  bytes: (b) => process.stdout.write(b),
};

/** The format diagnostics are reported in: JSON when JSON was asked for, text otherwise (a report is not an answer). */
function reportFormat(args: Args): "json" | "text" {
  return args.format === "json" ? "json" : "text";
}

/**
 * Print diagnostics: human text on stderr, or a JSON document on stdout.
 * Input files that diagnostics point into (a dataset, a case file) are read
 * here, so their lines can be shown and counted like a policy's.
 */
export async function report(
  io: IO,
  args: Args,
  ds: readonly Diagnostic[],
  sources: ReadonlyMap<string, string> = new Map(),
  error?: string,
): Promise<void> {
  const format = reportFormat(args);
  if (format === "text" && ds.length === 0) return;
  const doc: Document = {
    kind: "diagnostics",
    diagnostics: ds,
    sources: withInputSources(ds, sources),
    ...(error ? { error } : {}),
  };
  const r = await render(doc, { format, lang: args.lang });
  if (r.value === undefined) return;
  if (format === "json") io.out(String(r.value));
  else io.err(String(r.value));
}

/**
 * Write an answer: its warnings first (text: on stderr; other formats carry
 * them inside), then the document on stdout or into `--output`. False when the
 * format cannot render it (reported, exit 2).
 */
export async function emit(io: IO, args: Args, doc: Document, stream: "out" | "err" = "out"): Promise<boolean> {
  const notes =
    "diagnostics" in doc && doc.kind !== "diagnostics" && doc.kind !== "lint" ? (doc.diagnostics ?? []) : [];
  const sources = withInputSources(notes, ("sources" in doc ? doc.sources : undefined) ?? new Map());
  const r = await render({ ...doc, ...(notes.length ? { sources } : {}) } as Document, {
    format: args.format,
    lang: args.lang,
  });
  if (r.value === undefined) {
    await report(io, args, r.diagnostics);
    return false;
  }
  if (args.format === "text" && notes.length) await report(io, args, notes, sources);
  if (args.output !== undefined) (io.writeFile ?? writeFileSync)(args.output, r.value);
  else if (typeof r.value === "string") (stream === "out" ? io.out : io.err)(r.value);
  else io.bytes?.(r.value);
  return true;
}

const withInputSources = inputSources;

/**
 * Warnings that accompany an answer rendered outside a document (propose,
 * diff): text on stderr now; for JSON, the `warnings` field to add to the
 * answer (undefined when there are none).
 */
export async function warnings(io: IO, args: Args, ds: readonly Diagnostic[]): Promise<unknown[] | undefined> {
  if (ds.length === 0) return undefined;
  if (args.format !== "json") {
    await report(io, args, ds);
    return undefined;
  }
  const r = await render(
    { kind: "diagnostics", diagnostics: ds, sources: withInputSources(ds, new Map()) },
    { format: "json", lang: args.lang },
  );
  return (JSON.parse(String(r.value)) as { diagnostics: unknown[] }).diagnostics;
}

/**
 * The policy roots beyond the loaded folder and the bundled policies:
 * `--policies DIR` (repeatable) and `LUNGANG_POLICIES` (a path list, `:`-separated, `;` on Windows).
 */
export function loadOptions(args: Args): LoadOptions {
  const env = (process.env.LUNGANG_POLICIES ?? "").split(delimiter).filter(Boolean);
  return { roots: [...args.policies, ...env] };
}

/** The `--policy` compiled with the `--param` values; on errors they are reported and undefined returned (exit 2). */
export async function preparePolicy(io: IO, args: Args, path: string): Promise<CompiledPolicy | undefined> {
  const r = compilePolicy(path, { params: args.params, ...loadOptions(args) });
  if (r.value) return r.value;
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  // A bad `--param` is the command line's mistake, not the policy's.
  const paramsOnly = errors.every((d) => d.code === "C004");
  await report(io, args, errors, r.sources, paramsOnly ? undefined : "policy does not check");
  return undefined;
}
