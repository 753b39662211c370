// The dataset and the policies of `propose` and `diff`: each policy resolved
// to the version in force (on the dataset's reference date or on a date
// given) and compiled, then the dataset read against each policy's declared
// facts (ADR 0003) — every problem reported (then undefined: exit 2).

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  factsKey,
  policyInForce,
  readDataset,
  referenceDate,
  usable,
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
 * date, or on the date given) and read the dataset against each one's facts
 * (once per distinct set of facts); problems are reported and undefined
 * returned (exit 2). Shared by `propose` and `diff`.
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
  const policies: InForce[] = [];
  const notes: Diagnostic[] = [];
  const seen = new Set<string>();
  // By what the facts are, not by object: two versions declaring the same facts share one read.
  const reads = new Map<string, Dataset>();
  for (const f of found) {
    const policy = await preparePolicy(io, args, f.value!.path);
    if (!policy) return undefined;
    const key = factsKey(policy.checked.input);
    let data = reads.get(key);
    if (!data) {
      const read = await readDataset(file, policy, args.asOf !== undefined ? { asOf: args.asOf } : {});
      // A plan drafted, or an amendment measured, on a roster with rejected rows would rest on a part of it.
      if (!usable(read) || read.diagnostics.some((d) => d.severity === "error")) {
        await report(io, args, read.diagnostics, new Map(), "invalid dataset");
        return undefined;
      }
      data = read.value;
      reads.set(key, data);
      // Both sides' reads tell the same findings about the shared fields: each once.
      for (const d of read.diagnostics) {
        const key = JSON.stringify([d.code, d.message, d.file, d.span?.file, d.span?.start, d.path]);
        if (seen.has(key)) continue;
        seen.add(key);
        notes.push(d);
      }
    }
    policies.push({ policy, data, ...(f.value!.label ? { label: f.value!.label } : {}) });
  }
  return { policies, notes };
}
