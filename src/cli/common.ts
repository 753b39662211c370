// Shared by the subcommands: the output streams, writing a rendered answer
// (stdout or `--output FILE`), reporting diagnostics (text on stderr, JSON on
// stdout), and compiling the `--policy` through the facade with its errors
// reported.

import { existsSync, writeFileSync } from "node:fs";
import { delimiter } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-tabular.js";
import {
  bundledPolicy,
  compilePolicy,
  inputSources,
  readDataset,
  render,
  usable,
  type CompiledPolicy,
  type Dataset,
  type Document,
  type LoadOptions,
  type OnProgress,
} from "../index.js";
import type { Localized } from "../diagnostics/registry.js";
import type { Args } from "./args.js";
import type { ProgressSink } from "./progress.js";

export interface IO {
  out(s: string): void;
  err(s: string): void;
  /** Write a file (`--output`); the default writes to disk. */
  writeFile?(path: string, data: string | Uint8Array): void;
  /** Where a long run draws its progress bar (stderr); none, no bar (src/cli/progress.ts). */
  progress?: ProgressSink;
}

export const processIO: IO = {
  out: (s) => process.stdout.write(s.endsWith("\n") ? s : s + "\n"),
  err: (s) => process.stderr.write(s.endsWith("\n") ? s : s + "\n"),
  progress: process.stderr,
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
 * Write an answer: the facade renders the document in `--format`, and the
 * bytes go to stdout or into `--output`. Its warnings: JSON carries them
 * inside; every other format (text, csv, html, xlsx) has them on stderr, so
 * none is lost. False when the format cannot render it, a binary format has
 * no `--output`, or the file cannot be written (reported, exit 2).
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
  // A workbook is never poured onto a terminal.
  if (typeof r.value !== "string" && args.output === undefined) {
    await report(io, args, [diag("C002", { what: `--output FILE.${args.format}` })]);
    return false;
  }
  if (args.format !== "json" && notes.length) await report(io, args, notes, sources);
  if (args.output === undefined) {
    (stream === "out" ? io.out : io.err)(r.value as string);
    return true;
  }
  try {
    (io.writeFile ?? writeFileSync)(args.output, r.value);
  } catch (e) {
    await report(io, args, [diag("D121", { file: args.output, reason: e instanceof Error ? e.message : String(e) })]);
    return false;
  }
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

/** A policy path as given, or — when nothing is there — the bundled jurisdiction of that name (`--policy dalian`). */
export function policyPath(path: string): string {
  return existsSync(path) ? path : (bundledPolicy(path) ?? path);
}

/** The `--policy` compiled with the `--param` values; on errors they are reported and undefined returned (exit 2). */
export async function preparePolicy(io: IO, args: Args, path: string): Promise<CompiledPolicy | undefined> {
  const r = compilePolicy(policyPath(path), { params: args.params, ...loadOptions(args) });
  if (r.value) return r.value;
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  // A bad `--param` is the command line's mistake, not the policy's.
  const paramsOnly = errors.every((d) => d.code === "C004");
  await report(io, args, errors, r.sources, paramsOnly ? undefined : "policy does not check");
  return undefined;
}

/** A command given more positional arguments than it takes: C008, never silently ignored. */
export async function extraArguments(io: IO, args: Args, takes: number, what: Localized): Promise<boolean> {
  const extra = args.positional[takes];
  if (extra === undefined) return false;
  await report(io, args, [diag("C008", { arg: extra, command: args.command ?? "", takes: what })]);
  return true;
}

/**
 * `<dataset> --policy <policy>` (check, decide): the policy compiled (or the
 * one `prepared` already) and the dataset read against it through the facade
 * (`--as-of` overriding its date). A roster
 * with rejected rows still has a dataset — the other rows are decided and the
 * answer is marked incomplete; a YAML/JSON dataset is all or nothing. On any
 * problem it is reported and undefined returned (exit 2).
 */
export async function datasetAndPolicy(
  io: IO,
  args: Args,
  onProgress?: OnProgress,
  prepared?: CompiledPolicy,
): Promise<{ dataset: Dataset; notes: readonly Diagnostic[]; policy: CompiledPolicy } | undefined> {
  const file = args.positional[0];
  if (!file || !args.policy) {
    await report(io, args, [diag("C002", { what: !file ? "<dataset>" : "--policy <policy>" })]);
    return undefined;
  }
  if (await extraArguments(io, args, 1, { en: "one dataset", zh: "一个数据集" })) return undefined;
  // The policy first (unless the caller prepared it already): the data is read against its declared facts (ADR 0003).
  const policy = prepared ?? (await preparePolicy(io, args, args.policy));
  if (!policy) return undefined;
  const read = await readDataset(file, policy, {
    ...(args.asOf !== undefined ? { asOf: args.asOf } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  if (!usable(read)) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return undefined;
  }
  return { dataset: read.value, notes: read.diagnostics, policy };
}
