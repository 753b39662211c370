// `lungang lint <policy>`: parse and check a policy, print every diagnostic
// (all errors of all files in one run). Exit 0 without errors, 1 with.

import { hasErrors } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import { loadPolicy } from "../policy/load.js";
import { check } from "../checker/check.js";
import type { Args } from "./args.js";
import { loadOptions, report, type IO } from "./common.js";

export function runLint(io: IO, args: Args): number {
  const path = args.positional[0] ?? args.policy;
  if (!path) {
    report(io, args, [diag("C002", { what: "<policy>" })]);
    return 2;
  }
  const loaded = loadPolicy(path, loadOptions(args));
  if (!loaded.unit) {
    report(io, args, loaded.diagnostics, loaded.sources);
    return 2;
  }
  const checked = check(loaded.unit);
  const ds = [...loaded.diagnostics, ...checked.diagnostics];
  const errors = ds.filter((d) => d.severity === "error").length;
  const warnings = ds.length - errors;
  if (args.json) report(io, args, ds, loaded.sources, { policy: checked.policy?.name ?? path, errors, warnings });
  else {
    report(io, args, ds, loaded.sources);
    const summary =
      args.lang === "zh"
        ? `${checked.policy?.name ?? path}: ${errors} 个错误，${warnings} 个警告/提示`
        : `${checked.policy?.name ?? path}: ${errors} error(s), ${warnings} warning(s)/note(s)`;
    // The summary goes with the diagnostics (stderr), so it always prints after them.
    io.err(summary);
  }
  return hasErrors(ds) ? 1 : 0;
}
