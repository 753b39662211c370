// `lungang diff <dataset> --policy <old> --against <new | YYYY-MM-DD>`: whose
// decision an amendment changes, and why; the numbers due and the quotas per
// school and district. `--against` a date compares the versions of one
// folder in force on the reference date and on that date. Exit 0 answered,
// 2 could not answer.

import { readDataset } from "../data/read.js";
import { diag } from "../diagnostics/registry.js";
import { diffPolicies } from "../diff/diff.js";
import { resolveVersion } from "../policy/versions.js";
import { diffJson, diffText } from "../render/diff.js";
import { parseIsoDate } from "../time/date.js";
import type { Args } from "./args.js";
import { preparePolicy, report, type IO } from "./common.js";

export async function runDiff(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy || !args.against) {
    await report(io, args, [
      diag("C002", { what: !file ? "<dataset>" : !args.policy ? "--policy <policy>" : "--against <policy|date>" }),
    ]);
    return 2;
  }
  if (args.format && !["text", "json"].includes(args.format)) {
    // HTML and XLSX renderings belong to the shared renderers, not available to diff yet.
    await report(io, args, [
      diag("C003", { option: "--format", why: `diff writes text or json (not ${args.format}) for now` }),
    ]);
    return 2;
  }
  const read = readDataset(file, args.asOf !== undefined ? { asOf: args.asOf } : {});
  if (!read.value || read.diagnostics.some((d) => d.severity === "error")) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return 2;
  }
  const data = read.value;
  const againstDate = /^\d{4}-\d{2}-\d{2}$/.test(args.against) ? parseIsoDate(args.against) : undefined;
  const old = resolveVersion(args.policy, data.asOf);
  const neu =
    againstDate !== undefined ? resolveVersion(args.policy, againstDate) : resolveVersion(args.against, data.asOf);
  if (!old.path || !neu.path) {
    await report(io, args, [...old.diagnostics, ...neu.diagnostics]);
    return 2;
  }
  const a = await preparePolicy(io, args, old.path);
  if (!a) return 2;
  const b = await preparePolicy(io, args, neu.path);
  if (!b) return 2;
  const result = diffPolicies(a.program, b.program, data);
  const nameA = old.label ?? a.checked.name;
  const nameB = neu.label ?? b.checked.name;
  if (args.format === "json") io.out(JSON.stringify(diffJson(result, args.lang, nameA, nameB), null, 2));
  else io.out(diffText(result, args.lang, nameA, nameB));
  return 0;
}
