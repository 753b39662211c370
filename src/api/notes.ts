// Facade, shared by decide.ts and plan.ts — warnings that accompany an
// answer without stopping it: a reference date outside the policy's period
// of effect (E007/E008).

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import type { CheckedPolicy } from "../checker/checked.js";
import { formatDate, parseIsoDate, type Day } from "../time/date.js";

/** Warnings when the reference date falls outside the policy's period of effect. */
export function dateNotes(policy: CheckedPolicy, asOf: Day): Diagnostic[] {
  const h = policy.header;
  const out: Diagnostic[] = [];
  const eff = h?.effective ? parseIsoDate(h.effective.text) : undefined;
  const exp = h?.expires ? parseIsoDate(h.expires.text) : undefined;
  if (eff !== undefined && asOf < eff)
    out.push(diag("E007", { as_of: formatDate(asOf), policy: policy.name, effective: h!.effective!.text }));
  if (exp !== undefined && asOf > exp)
    out.push(diag("E008", { as_of: formatDate(asOf), policy: policy.name, expires: h!.expires!.text }));
  return out;
}
