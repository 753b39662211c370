// The dataset and the policies of `propose` and `diff`: the dataset read,
// each policy resolved to the version in force (on the reference date or on
// a date given) and compiled, every problem reported (then undefined: exit 2).

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { policyInForce, readDataset, usable, type CompiledPolicy, type Dataset } from "../index.js";
import type { Day } from "../time/date.js";
import type { Args } from "./args.js";
import { preparePolicy, report, type IO } from "./common.js";

export interface InForce {
  readonly policy: CompiledPolicy;
  /** The version chosen, when the policy is a folder of versions. */
  readonly label?: string;
}

/**
 * Read the dataset and compile each policy in the version in force (on the
 * dataset's reference date, or on the date given); problems are reported and
 * undefined returned (exit 2). Shared by `propose` and `diff`.
 */
export async function readInForce(
  io: IO,
  args: Args,
  file: string,
  paths: readonly (string | { readonly path: string; readonly on: Day })[],
): Promise<{ data: Dataset; policies: InForce[]; notes: Diagnostic[] } | undefined> {
  const read = await readDataset(file, args.asOf !== undefined ? { asOf: args.asOf } : {});
  // A plan drafted, or an amendment measured, on a roster with rejected rows would rest on a part of it.
  if (!usable(read) || read.diagnostics.some((d) => d.severity === "error")) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return undefined;
  }
  const data = read.value;
  const found = paths.map((p) => (typeof p === "string" ? policyInForce(p, data.asOf) : policyInForce(p.path, p.on)));
  const missing = found.flatMap((f) => (f.value ? [] : f.diagnostics));
  if (missing.length) {
    await report(io, args, missing);
    return undefined;
  }
  const policies: InForce[] = [];
  for (const f of found) {
    const policy = await preparePolicy(io, args, f.value!.path);
    if (!policy) return undefined;
    policies.push({ policy, ...(f.value!.label ? { label: f.value!.label } : {}) });
  }
  return { data, policies, notes: read.diagnostics };
}
