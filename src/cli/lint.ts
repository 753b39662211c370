// `lungang lint <policy> [<policy> …]`: parse and check each policy through
// the facade, print every diagnostic (all errors of all files in one run) and
// a summary per policy. Exit 0 without errors, 1 with, 2 when one cannot be read.

import { diag } from "../diagnostics/registry.js";
import { lint, render } from "../index.js";
import type { Args } from "./args.js";
import { emit, loadOptions, report, type IO } from "./common.js";

export async function runLint(io: IO, args: Args): Promise<number> {
  const paths = args.positional.length ? args.positional : args.policy ? [args.policy] : [];
  if (!paths.length) {
    await report(io, args, [diag("C002", { what: "<policy>" })]);
    return 2;
  }
  let code = 0;
  const json: string[] = [];
  for (const path of paths) {
    const r = lint(path, loadOptions(args));
    const report_ = r.value!;
    if (!report_.loaded) {
      await report(io, args, r.diagnostics, r.sources);
      code = 2;
      continue;
    }
    const doc = { kind: "lint", report: report_, diagnostics: r.diagnostics, sources: r.sources } as const;
    // Several policies in JSON: one array of their reports.
    if (args.format === "json" && paths.length > 1) {
      const out = await render(doc, { format: "json", lang: args.lang });
      json.push(String(out.value));
    } else if (!(await emit(io, args, doc, args.format === "text" ? "err" : "out"))) return 2;
    if (report_.errors > 0 && code === 0) code = 1;
  }
  if (json.length) io.out(`[\n${json.join(",\n")}\n]`);
  return code;
}
