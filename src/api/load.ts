// Facade, stage 1 — load: a policy folder or file on disk, or policy texts
// held in memory (file name → text) → the parsed policy with the policies it
// extends and uses, and every source text read. Never throws.

import type { Result } from "../diagnostics/diagnostic.js";
import { diskFs, loadPolicy, memoryFs, type PolicyFs, type PolicyUnit } from "../policy/load.js";

/** Options of loading. */
export interface LoadOptions {
  /**
   * Further folders (on disk) that `extends`/`uses` may resolve into; the
   * loaded policy's folder (or its `policies/` ancestor) and the bundled
   * policies always are. A reference leaving them is P090 and never read.
   */
  readonly roots?: readonly string[];
}

/**
 * Where a policy comes from: a path (a jurisdiction folder such as
 * `policies/dalian`, or one `.policy` file), or texts in memory. In memory,
 * `files` maps `/`-separated file names to their text (`dalian.policy`,
 * `national/national.policy` for a policy it uses); `entry` is the folder or
 * file of the policy itself (default: the top-level `.policy` files), and
 * `name` its display name (default: the entry folder's name, else `policy`).
 */
export type PolicySource =
  | string
  | {
      readonly files: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
      readonly entry?: string;
      readonly name?: string;
    };

/** A stage's result with the policy texts it read, which rendering a diagnostic needs for its source line. */
export interface PolicyResult<T> extends Result<T> {
  /** Every policy file read, by the path diagnostics name it with. */
  readonly sources: ReadonlyMap<string, string>;
}

export type { PolicyFs, PolicyUnit };

/**
 * Load a policy and, recursively, the policies it `extends` and `uses`.
 * `value` is absent when nothing could be read; parse errors are in
 * `diagnostics` with the (partial) policy still returned, for tooling.
 */
export function load(source: PolicySource, options: LoadOptions = {}): PolicyResult<PolicyUnit> {
  const fs: PolicyFs = typeof source === "string" ? diskFs : memoryFs(source.files);
  const loaded = loadPolicy(typeof source === "string" ? source : (source.entry ?? "."), {
    fs,
    ...(options.roots && typeof source === "string" ? { roots: options.roots } : {}),
  });
  // The top of an in-memory tree has no folder name of its own.
  const name = typeof source === "string" ? undefined : (source.name ?? (source.entry ? undefined : "policy"));
  const unit = loaded.unit && name ? { ...loaded.unit, name } : loaded.unit;
  return { ...(unit ? { value: unit } : {}), diagnostics: loaded.diagnostics, sources: loaded.sources };
}
