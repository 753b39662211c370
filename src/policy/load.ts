// Loading: a policy path → parsed files, with the policies it extends and
// uses, recursively. A policy is a folder (all its `.policy` files form one
// policy) or a single `.policy` file. Reads through a `PolicyFs` (the disk, or
// texts held in memory), but only inside the policy roots (see `policyRoots`);
// never throws.

import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-syntax.js";
import "../diagnostics/codes-limits.js";
import { readInputFile } from "../data/input.js";
import { MAX_BYTES } from "../data/limits.js";
import type { Result } from "../diagnostics/diagnostic.js";
import type { PolicyFile } from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";

/**
 * What the loader reads. The disk by default; a server or an embedding
 * program passes `memoryFs(texts)` so a policy needs no files. Paths given to
 * it are absolute; display paths are relative to `cwd`.
 */
export interface PolicyFs {
  readonly cwd: string;
  /** Absolute path of `p` relative to `from` (a path computation, no file-system call). */
  resolve(from: string, p: string): string;
  /** Whether a file or folder exists at the absolute path. */
  exists(path: string): boolean;
  /** Whether the absolute path is a folder. */
  isDirectory(path: string): boolean;
  /** The names (not paths) of a folder's entries. */
  list(dir: string): string[];
  /** The real path (links resolved), or undefined if it does not exist. */
  real(path: string): string | undefined;
  /** A policy file's text (on disk: decoded, size-limited), or why it cannot be read. */
  read(path: string): Result<string>;
  /** Folders any reference may resolve into besides the loaded one (on disk: the bundled `policies/`). */
  bundledRoots(): string[];
}

/** The real file system, paths relative to the process's working directory. */
export const diskFs: PolicyFs = {
  get cwd() {
    return process.cwd();
  },
  resolve: (from, p) => resolve(from, p),
  exists: (p) => existsSync(p),
  isDirectory: (p) => statSync(p).isDirectory(),
  list: (d) => readdirSync(d),
  real,
  read: (p) => {
    const r = readInputFile(p, {
      maxBytes: MAX_BYTES.policy,
      format: "policy",
      what: "split the policy into several files of one folder",
      what_zh: "请将政策拆分为同一目录下的多个文件",
    });
    return r.value ? { value: r.value.text, diagnostics: [] } : { diagnostics: r.diagnostics };
  },
  bundledRoots: () => {
    const b = bundledRoot();
    return b ? [b] : [];
  },
};

/**
 * Texts held in memory as a file tree: keys are `/`-separated paths
 * (`dalian/dalian.policy`, `national/national.policy`) under a virtual
 * `policies/` folder, which is also the working directory: diagnostics name
 * the files by their keys, and `uses "national"` finds a sibling as on disk.
 * Nothing outside the tree can be reached.
 */
export function memoryFs(texts: ReadonlyMap<string, string> | Readonly<Record<string, string>>): PolicyFs {
  const root = "/policies";
  const files = new Map<string, string>();
  for (const [k, v] of texts instanceof Map ? texts : Object.entries(texts)) files.set(posix.resolve(root, k), v);
  const isDir = (p: string) => p === "/" || [...files.keys()].some((f) => f.startsWith(p + "/"));
  const exists = (p: string) => files.has(p) || isDir(p);
  return {
    cwd: root,
    resolve: (from, p) => posix.resolve(from, p),
    exists,
    isDirectory: isDir,
    list: (d) => {
      const prefix = d === "/" ? "/" : d + "/";
      const names = new Set<string>();
      for (const f of files.keys()) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split("/")[0]!);
      return [...names];
    },
    real: (p) => (exists(p) ? p : undefined),
    read: (p) => {
      const t = files.get(p);
      return t === undefined
        ? { diagnostics: [diag("P020", { path: posix.relative(root, p) })] }
        : { value: t, diagnostics: [] };
    },
    bundledRoots: () => [],
  };
}

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
  const parts = dir.split(/[\\/]/);
  const i = parts.lastIndexOf("policies");
  return i >= 0 && i < parts.length - 1 ? parts.slice(i + 1).join("/") : basename(dir) || "policy";
}

/**
 * Where a reference from `extends`/`uses` points: relative to the referring
 * folder, else a folder under the nearest `policies/` ancestor, else under a
 * policy root (so `"national"` works anywhere: the bundled root is always one).
 * Whether the place is allowed is decided afterwards, on its real path.
 */
function resolveRef(fs: PolicyFs, fromDir: string, ref: string, roots: readonly string[]): string | undefined {
  const direct = fs.resolve(fromDir, ref);
  if (fs.exists(direct)) return direct;
  let d = fromDir;
  for (;;) {
    if (basename(d) === "policies") {
      const p = fs.resolve(d, ref);
      if (fs.exists(p)) return p;
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const r of roots) {
    const p = fs.resolve(r, ref);
    if (fs.exists(p)) return p;
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
  /** Where files are read: the disk by default, or `memoryFs(texts)`. */
  readonly fs?: PolicyFs;
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
  const fs = options.fs ?? diskFs;
  const roots = new Set<string>();
  const start = fs.real(fs.resolve(fs.cwd, path));
  if (start) {
    let dir = fs.exists(start) && fs.isDirectory(start) ? start : dirname(start);
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
    const rr = fs.real(fs.resolve(fs.cwd, r));
    if (rr) roots.add(rr);
  }
  for (const b of fs.bundledRoots()) roots.add(b);
  return [...roots];
}

function inside(p: string, roots: readonly string[]): boolean {
  return roots.some((r) => p === r || p.startsWith(r.endsWith(sep) ? r : r + sep));
}

export function loadPolicy(path: string, options: LoadOptions = {}): Loaded {
  const fs = options.fs ?? diskFs;
  const diagnostics: Diagnostic[] = [];
  const roots = policyRoots(path, options);
  const rootList = roots.map((r) => relative(fs.cwd, r) || ".").join(", ");
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
    const abs =
      ref === undefined ? (fs.real(fs.resolve(fs.cwd, target)) ?? fs.resolve(fs.cwd, target)) : fs.real(target);
    if (abs === undefined) {
      diagnostics.push(diag("P020", { path: ref ?? target }, at ? { span: at } : {}));
      return undefined;
    }
    if (ref !== undefined && !inside(abs, roots)) return outside(ref, at);
    if (stack.includes(abs)) {
      diagnostics.push(
        diag(
          "P021",
          { cycle: [...stack, abs].map((s) => relative(fs.cwd, s) || ".").join(" → ") },
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
      if (!fs.exists(abs)) throw new Error("missing");
      if (fs.isDirectory(abs)) {
        dir = abs;
        files = fs
          .list(abs)
          .filter((f) => f.endsWith(".policy"))
          .sort()
          .map((f) => fs.resolve(abs, f));
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
      const display = relative(fs.cwd, f) || f;
      // A `.policy` entry may itself be a link: it too must stay inside the roots.
      const rf = fs.real(f);
      if (rf === undefined || (!inside(rf, roots) && !(ref === undefined && rf === abs))) {
        outside(display, at);
        continue;
      }
      const read = fs.read(f);
      if (read.value === undefined) {
        diagnostics.push(...read.diagnostics);
        continue;
      }
      const text = read.value;
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
        const p = resolveRef(fs, dir, h.extends.value, roots);
        if (!p) diagnostics.push(diag("P020", { path: h.extends.value }, { span: h.extends.span }));
        else parent = load(p, next, h.extends.span, h.extends.value);
      }
      for (const u of h.uses) {
        const p = resolveRef(fs, dir, u.value, roots);
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
