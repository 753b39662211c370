// Tabular data — the readings of a person whose roster dates are month-only
// (出生年月 1980.03): one Teacher per combination of days. A caller decides
// every reading; an answer is decided only when all readings agree, and is
// indeterminate otherwise — three-valued, never a guessed day.

import type { Teacher } from "../model.js";

/** More combinations than this (three month-only fields) are not tried: the answer is indeterminate. */
const MAX_READINGS = 31 * 31;

/** Every reading of `t`, or undefined when there are too many to try. */
export function readingsOf(
  t: Teacher,
  intervals: Readonly<Record<string, { readonly from: number; readonly to: number }>> | undefined,
): Teacher[] | undefined {
  if (!intervals) return [t];
  let out: Teacher[] = [t];
  for (const [field, { from, to }] of Object.entries(intervals)) {
    const next: Teacher[] = [];
    for (const x of out) for (let d = from; d <= to; d++) next.push({ ...x, [field]: d } as Teacher);
    if (next.length > MAX_READINGS) return undefined;
    out = next;
  }
  return out;
}
