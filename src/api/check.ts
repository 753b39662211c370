// Facade, stage 2 — check: a loaded policy → the checked policy (layers
// merged, names resolved, every expression typed, lints run) and every
// diagnostic, errors and warnings alike. Never throws.

import type { Result } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { check as checkUnit } from "../checker/check.js";
import type { CheckedPolicy } from "../checker/checked.js";
import type { PolicyUnit } from "../policy/load.js";
import { load, type LoadOptions, type PolicyResult, type PolicySource } from "./load.js";

export type { CheckedPolicy };

/**
 * Check a loaded policy. `value` is present only when the policy has no
 * errors (it may then be compiled); warnings and notes are in `diagnostics`
 * either way.
 */
export function check(unit: PolicyUnit): Result<CheckedPolicy> {
  const out = checkUnit(unit);
  return { ...(out.policy && !hasErrors(out.diagnostics) ? { value: out.policy } : {}), diagnostics: out.diagnostics };
}

/** What `lungang lint` reports: a policy's name and every diagnostic of loading and checking it. */
export interface LintReport {
  /** The policy's display name, or the path given when it could not be loaded. */
  readonly name: string;
  readonly errors: number;
  readonly warnings: number;
  /** False when the policy could not be read at all (nothing was checked). */
  readonly loaded: boolean;
}

/** Load and check a policy, collecting every diagnostic of both stages (all errors of all files in one run). */
export function lint(source: PolicySource, options: LoadOptions = {}): PolicyResult<LintReport> {
  const loaded = load(source, options);
  const fallback = typeof source === "string" ? source : (source.name ?? "policy");
  if (!loaded.value)
    return {
      value: { name: fallback, errors: loaded.diagnostics.length, warnings: 0, loaded: false },
      diagnostics: loaded.diagnostics,
      sources: loaded.sources,
    };
  const checked = checkUnit(loaded.value);
  const diagnostics = [...loaded.diagnostics, ...checked.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return {
    value: { name: checked.policy?.name ?? fallback, errors, warnings: diagnostics.length - errors, loaded: true },
    diagnostics,
    sources: loaded.sources,
  };
}
