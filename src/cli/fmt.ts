// `lungang fmt <policy-file|folder> … [--check|--write]`: policy files in
// canonical layout, through the facade. Without an option one file is printed
// formatted (stdout or `--output`); `--check` lists the files not in canonical
// form (F001, exit 1); `--write` rewrites them. Only whitespace ever changes.
// Exit 2 when a path holds no policy file, a file cannot be read or has errors.

import { statSync, writeFileSync } from "node:fs";
import { diag } from "../diagnostics/registry.js";
import { formatPolicies } from "../index.js";
import type { Args } from "./args.js";
import { report, type IO } from "./common.js";

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export async function runFmt(io: IO, args: Args): Promise<number> {
  const paths = args.positional.length ? args.positional : args.policy ? [args.policy] : [];
  if (!paths.length) {
    await report(io, args, [diag("C002", { what: "<policy>" })]);
    return 2;
  }
  const printing = args.fmtMode === undefined;
  if (printing && (paths.length > 1 || isFolder(paths[0]!))) {
    const what = paths.length > 1 ? { en: "several files", zh: "多个文件" } : { en: "a folder", zh: "文件夹" };
    await report(io, args, [diag("F003", { what })]);
    return 2;
  }
  if (printing && args.format !== "text") {
    const kind = { en: "a formatted policy", zh: "排版后的政策" };
    await report(io, args, [diag("C007", { format: args.format, kind, formats: "text" })]);
    return 2;
  }
  const r = formatPolicies(paths);
  const files = r.value ?? [];
  const notCanonical = r.diagnostics.filter((d) => d.code === "F001");
  const problems = r.diagnostics.filter((d) => d.code !== "F001");
  if (printing) {
    if (problems.length || !files[0]) {
      await report(io, args, problems, r.sources);
      return 2;
    }
    if (args.output !== undefined) (io.writeFile ?? writeFileSync)(args.output, files[0].formatted);
    else io.out(files[0].formatted);
    return 0;
  }
  if (args.fmtMode === "write") {
    for (const f of files) if (f.changed) (io.writeFile ?? writeFileSync)(f.path, f.formatted);
    await report(io, args, problems, r.sources);
    return problems.length ? 2 : 0;
  }
  await report(io, args, [...problems, ...notCanonical], r.sources);
  return problems.length ? 2 : notCanonical.length ? 1 : 0;
}
