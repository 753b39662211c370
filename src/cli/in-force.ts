// The dataset and the policies of `propose` and `diff`: each policy resolved
// to the version in force (on the dataset's reference date or on a date
// given) and compiled, then the dataset read against each policy's declared
// facts (ADR 0003) — every problem reported (then undefined: exit 2).

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  policyInForce,
  readDataset,
  readDatasetForBoth,
  referenceDate,
  type CompiledPolicy,
  type Dataset,
} from "../index.js";
import type { Day } from "../time/date.js";
import type { Args } from "./args.js";
import { preparePolicy, report, type IO } from "./common.js";

export interface InForce {
  readonly policy: CompiledPolicy;
  /** The version chosen, when the policy is a folder of versions. */
  readonly label?: string;
  /** The dataset as read against this policy's facts. */
  readonly data: Dataset;
}

/**
 * Compile each policy in the version in force (on the dataset's reference
 * date, or on the date given) and read the dataset once for them: against
 * the one policy's facts (propose), or for both sides of a diff, each seeing
 * only its own policy's facts (`readDatasetForBoth`). Problems are reported
 * and undefined returned (exit 2). Shared by `propose` and `diff`.
 */
export async function readInForce(
  io: IO,
  args: Args,
  file: string,
  paths: readonly (string | { readonly path: string; readonly on: Day })[],
): Promise<{ policies: InForce[]; notes: Diagnostic[] } | undefined> {
  // The version in force depends on the reference date, and the data is read
  // against that version's facts: the date first (`--as-of`, or the data's own).
  let asOf = args.asOf;
  if (asOf === undefined) {
    const date = await referenceDate(file);
    if (date.value === undefined) {
      await report(io, args, date.diagnostics, new Map(), "invalid dataset");
      return undefined;
    }
    asOf = date.value;
  }
  const on = asOf;
  const found = paths.map((p) => (typeof p === "string" ? policyInForce(p, on) : policyInForce(p.path, p.on)));
  const missing = found.flatMap((f) => (f.value ? [] : f.diagnostics));
  if (missing.length) {
    await report(io, args, missing);
    return undefined;
  }
  const compiled: CompiledPolicy[] = [];
  for (const f of found) {
    const policy = await preparePolicy(io, args, f.value!.path);
    if (!policy) return undefined;
    compiled.push(policy);
  }
  const options = args.asOf !== undefined ? { asOf: args.asOf } : {};
  const name = (i: number) => found[i]!.value!.label ?? compiled[i]!.checked.name;
  // Two policies (diff): one read for both sides, each seeing only its own policy's facts.
  const read =
    compiled.length === 2
      ? await readDatasetForBoth(file, compiled[0]!, compiled[1]!, { before: name(0), after: name(1) }, options)
      : await readDataset(file, compiled[0]!, options).then((r) => ({
          diagnostics: r.diagnostics,
          ...(r.value ? { value: { before: r.value, after: r.value } } : {}),
        }));
  // A plan drafted, or an amendment measured, on a roster with rejected rows would rest on a part of it.
  if (!read.value || read.diagnostics.some((d) => d.severity === "error")) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return undefined;
  }
  const data = [read.value.before, read.value.after];
  const policies: InForce[] = compiled.map((policy, i) => ({
    policy,
    data: data[i]!,
    ...(found[i]!.value!.label ? { label: found[i]!.value!.label } : {}),
  }));
  return { policies, notes: read.diagnostics };
}
