// Loading: a policy path → parsed files, with the policies it extends and
// uses, recursively. A policy is a folder (all its `.policy` files form one
// policy) or a single `.policy` file. Reads the file system, but only inside
// the policy roots (see `policyRoots`); never throws.

import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-syntax.js";
import "../diagnostics/codes-limits.js";
import { readInputFile } from "../data/input.js";
import { MAX_BYTES } from "../data/limits.js";
import type { PolicyFile } from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";

export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly ast: PolicyFile;
}

/** One policy and, below it, the policies it builds on. */
export interface PolicyUnit {
  /** Display name: the folder path under `policies/` (e.g. `beijing/haidian`), else the folder's name. */
  readonly name: string;
  readonly dir: string;
  readonly files: SourceFile[];
  /** The policy this one refines (`extends`): its rules apply underneath this one's. */
  readonly parent?: PolicyUnit;
  /** Policies whose declarations (parameters, definitions, retirement tracks) this one uses. */
  readonly uses: PolicyUnit[];
}

export interface Loaded {
  readonly unit?: PolicyUnit;
  readonly diagnostics: Diagnostic[];
  /** Every file read, by path, for rendering diagnostics with their source lines. */
  readonly sources: Map<string, string>;
}

function policyName(dir: string): string {
  const parts = resolve(dir).split(sep);
  const i = parts.lastIndexOf("policies");
  return i >= 0 && i < parts.length - 1 ? parts.slice(i + 1).join("/") : basename(dir);
}

/**
 * Where a reference from `extends`/`uses` points: relative to the referring
 * folder, else a folder under the nearest `policies/` ancestor, else under a
 * policy root (so `"national"` works anywhere: the bundled root is always one).
 * Whether the place is allowed is decided afterwards, on its real path.
 */
function resolveRef(fromDir: string, ref: string, roots: readonly string[]): string | undefined {
  const direct = resolve(fromDir, ref);
  if (existsSync(direct)) return direct;
  let d = resolve(fromDir);
  for (;;) {
    if (basename(d) === "policies") {
      const p = join(d, ref);
      if (existsSync(p)) return p;
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const r of roots) {
    const p = join(r, ref);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export interface LoadOptions {
  /**
   * Further folders that `extends`/`uses` may resolve into (the user's own
   * policy collections: `--policies`, `LUNGANG_POLICIES`). The folder of the
   * loaded policy and the bundled `policies/` are always roots.
   */
  readonly roots?: readonly string[];
}

/** The real path (symbolic links resolved), or undefined if it does not exist. */
function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * The `policies/` folder shipped with lungang: found by walking up from this
 * module (src/policy/ when run from source, dist/src/policy/ when built) to
 * the package root.
 */
function bundledRoot(): string | undefined {
  let d = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(d, "package.json")) && existsSync(join(d, "policies"))) return real(join(d, "policies"));
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * The folders references may resolve into, as real paths: the loaded
 * policy's folder — or, when it lies inside a folder named `policies`, that
 * folder (so a district refines its city, `细化 ".."`) — the bundled
 * policies, and the configured ones.
 */
export function policyRoots(path: string, options: LoadOptions = {}): string[] {
  const roots = new Set<string>();
  const start = real(path);
  if (start) {
    let dir = existsSync(start) && statSync(start).isDirectory() ? start : dirname(start);
    for (let d = dir; ;) {
      if (basename(d) === "policies") {
        dir = d;
        break;
      }
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
    roots.add(dir);
  }
  for (const r of options.roots ?? []) {
    const rr = real(r);
    if (rr) roots.add(rr);
  }
  const b = bundledRoot();
  if (b) roots.add(b);
  return [...roots];
}

function inside(p: string, roots: readonly string[]): boolean {
  return roots.some((r) => p === r || p.startsWith(r.endsWith(sep) ? r : r + sep));
}

export function loadPolicy(path: string, options: LoadOptions = {}): Loaded {
  const diagnostics: Diagnostic[] = [];
  const roots = policyRoots(path, options);
  const rootList = roots.map((r) => relative(process.cwd(), r) || ".").join(", ");
  // A reference leaving the roots: named as written, the target neither read nor shown.
  const outside = (ref: string, at?: Span): undefined => {
    diagnostics.push(diag("P090", { ref, roots: rootList }, at ? { span: at } : {}));
    return undefined;
  };
  const sources = new Map<string, string>();
  const cache = new Map<string, PolicyUnit>();

  // `checked`: a reference, whose real path must lie inside the roots; the
  // command-line path itself is the user's choice and is not checked.
  const load = (target: string, stack: string[], at?: Span, ref?: string): PolicyUnit | undefined => {
    const abs = ref === undefined ? (real(target) ?? resolve(target)) : real(target);
    if (abs === undefined) {
      diagnostics.push(diag("P020", { path: ref ?? target }, at ? { span: at } : {}));
      return undefined;
    }
    if (ref !== undefined && !inside(abs, roots)) return outside(ref, at);
    if (stack.includes(abs)) {
      diagnostics.push(
        diag(
          "P021",
          { cycle: [...stack, abs].map((s) => relative(process.cwd(), s) || ".").join(" → ") },
          at ? { span: at } : {},
        ),
      );
      return undefined;
    }
    const cached = cache.get(abs);
    if (cached) return cached;
    let files: string[];
    let dir: string;
    try {
      if (!existsSync(abs)) throw new Error("missing");
      if (statSync(abs).isDirectory()) {
        dir = abs;
        files = readdirSync(abs)
          .filter((f) => f.endsWith(".policy"))
          .sort()
          .map((f) => join(abs, f));
      } else {
        // A single file must be a policy: `引用 "notes.txt"` is not read.
        if (!abs.endsWith(".policy")) throw new Error("not a policy file");
        dir = dirname(abs);
        files = [abs];
      }
    } catch {
      diagnostics.push(diag("P020", { path: target }, at ? { span: at } : {}));
      return undefined;
    }
    if (files.length === 0) {
      diagnostics.push(diag("P020", { path: target }, at ? { span: at } : {}));
      return undefined;
    }
    const parsed: SourceFile[] = [];
    for (const f of files) {
      const display = relative(process.cwd(), f) || f;
      // A `.policy` entry may itself be a link: it too must stay inside the roots.
      const rf = real(f);
      if (rf === undefined || (!inside(rf, roots) && !(ref === undefined && rf === abs))) {
        outside(display, at);
        continue;
      }
      const read = readInputFile(f, {
        maxBytes: MAX_BYTES.policy,
        format: "policy",
        what: "split the policy into several files of one folder",
        what_zh: "请将政策拆分为同一目录下的多个文件",
      });
      if (!read.value) {
        diagnostics.push(...read.diagnostics);
        continue;
      }
      const text = read.value.text;
      sources.set(display, text);
      const out = parse(text, display);
      diagnostics.push(...out.diagnostics);
      parsed.push({ path: display, text, ast: out.ast });
    }
    const next = [...stack, abs];
    let parent: PolicyUnit | undefined;
    const uses: PolicyUnit[] = [];
    for (const sf of parsed) {
      const h = sf.ast.header;
      if (!h) continue;
      if (h.extends) {
        const p = resolveRef(dir, h.extends.value, roots);
        if (!p) diagnostics.push(diag("P020", { path: h.extends.value }, { span: h.extends.span }));
        else parent = load(p, next, h.extends.span, h.extends.value);
      }
      for (const u of h.uses) {
        const p = resolveRef(dir, u.value, roots);
        if (!p) diagnostics.push(diag("P020", { path: u.value }, { span: u.span }));
        else {
          const unit = load(p, next, u.span, u.value);
          if (unit) uses.push(unit);
        }
      }
    }
    const unit: PolicyUnit = { name: policyName(dir), dir, files: parsed, ...(parent ? { parent } : {}), uses };
    cache.set(abs, unit);
    return unit;
  };

  const unit = load(path, []);
  return { ...(unit ? { unit } : {}), diagnostics, sources };
}
