// Facade, stage 1 — load: a policy folder or file on disk, or policy texts
// held in memory (file name → text) → the parsed policy with the policies it
// extends and uses, and every source text read. Never throws.

import type { Result } from "../diagnostics/diagnostic.js";
import { resolve } from "node:path";
import { diskFs, loadPolicy, memoryFs, type PolicyFs, type PolicyUnit } from "../policy/load.js";

/** Options of loading. */
export interface LoadOptions {
  /**
   * Further folders (on disk) that `extends`/`uses` may resolve into; the
   * loaded policy's folder (or its `policies/` ancestor) and the bundled
   * policies always are. A reference leaving them is P090 and never read.
   */
  readonly roots?: readonly string[];
  /**
   * Files read from these texts instead of the disk, by path (an editor's
   * unsaved buffers): a policy on disk is checked, compiled and tested as
   * it would be once they are saved.
   */
  readonly unsaved?: ReadonlyMap<string, string>;
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
  const fs: PolicyFs = typeof source === "string" ? withUnsaved(options.unsaved) : memoryFs(source.files);
  const loaded = loadPolicy(typeof source === "string" ? source : (source.entry ?? "."), {
    fs,
    ...(options.roots && typeof source === "string" ? { roots: options.roots } : {}),
  });
  // The top of an in-memory tree has no folder name of its own.
  const name = typeof source === "string" ? undefined : (source.name ?? (source.entry ? undefined : "policy"));
  const unit = loaded.unit && name ? { ...loaded.unit, name } : loaded.unit;
  return { ...(unit ? { value: unit } : {}), diagnostics: loaded.diagnostics, sources: loaded.sources };
}

/** The disk, with the unsaved buffers read in place of their files. */
function withUnsaved(unsaved: ReadonlyMap<string, string> | undefined): PolicyFs {
  if (!unsaved?.size) return diskFs;
  const texts = new Map([...unsaved].map(([p, t]) => [resolve(p), t]));
  return {
    ...diskFs,
    read: (p) => {
      const t = texts.get(resolve(p));
      return t !== undefined ? { value: t, diagnostics: [] } : diskFs.read(p);
    },
  };
}

/**
 * A jurisdiction shipped with lungang, by its folder under the bundled
 * `policies/` (`dalian`, `beijing/haidian`): its path, or undefined when there
 * is none — so `--policy dalian` works from any folder once lungang is installed.
 */
export function bundledPolicy(name: string): string | undefined {
  if (!/^[\p{L}\p{N}_-]+(\/[\p{L}\p{N}_-]+)*$/u.test(name)) return undefined;
  for (const root of diskFs.bundledRoots()) {
    const p = resolve(root, name);
    if (diskFs.exists(p) && diskFs.isDirectory(p)) return p;
  }
  return undefined;
}
