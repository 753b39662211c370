// Policy roots for the web app: the jurisdictions bundled with the package
// (read-only) and the folders given with `--policies` (editable). A policy is
// named `<root index>:<path under the root>`; every path the browser sends is
// resolved through here and refused unless it stays inside its root.

import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export interface Root {
  readonly dir: string;
  readonly writable: boolean;
  readonly label: string;
}

export interface PolicyEntry {
  /** `0:dalian`, `1:beijing/haidian`: root index and the folder under it. */
  readonly id: string;
  readonly name: string;
  readonly writable: boolean;
  readonly files: string[];
  /** The title in the policy's header (`政策 "…"`), when a file of the folder has one: what people call it. */
  readonly title?: string;
}

/** The package's own folder (where package.json is), from this module's location in src/ or dist/src/. */
export function packageDir(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(d, "package.json");
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, "utf8")) as { name?: string }).name === "lungang") return d;
      } catch {
        // Not ours; keep looking upwards.
      }
    }
    const up = dirname(d);
    if (up === d) throw new Error("lungang: cannot find the package folder");
    d = up;
  }
}

export function rootsFor(extra: readonly string[]): Root[] {
  return [
    ...extra.map((d) => ({ dir: resolve(d), writable: true, label: d })),
    { dir: join(packageDir(), "policies"), writable: false, label: "lungang" },
  ];
}

/** Every folder holding `.policy` files under each root, sorted. */
export function listPolicies(roots: readonly Root[]): PolicyEntry[] {
  const out: PolicyEntry[] = [];
  roots.forEach((root, i) => {
    const walk = (dir: string, depth: number) => {
      if (depth > 6) return;
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return;
      }
      const files = names.filter((n) => n.endsWith(".policy"));
      const rel = relative(root.dir, dir).split(sep).join("/");
      if (files.length) {
        const title = titleOf(files.map((f) => join(dir, f)));
        out.push({
          id: `${i}:${rel}`,
          name: rel || root.label,
          writable: root.writable,
          files,
          ...(title ? { title } : {}),
        });
      }
      for (const n of names) {
        if (n.startsWith(".") || n === "node_modules" || n === "tests") continue;
        const p = join(dir, n);
        try {
          if (statSync(p).isDirectory()) walk(p, depth + 1);
        } catch {
          // Vanished or unreadable: not listed.
        }
      }
    };
    walk(root.dir, 0);
  });
  return out;
}

/** The header's title of the first file that has one (a plain look at the text: the list must not wait for a full check). */
function titleOf(files: readonly string[]): string | undefined {
  for (const f of files) {
    try {
      const m = /^\s*(?:政策|policy)\s+"([^"\n]+)"/m.exec(readFileSync(f, "utf8").slice(0, 20_000));
      if (m) return m[1];
    } catch {
      // Unreadable: listed without a title.
    }
  }
  return undefined;
}

/** `inside(parent, child)`: child is parent or below it, after resolving `..`. */
export function inside(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** The folder of a policy id, or undefined when the id is malformed or leaves its root. */
export function policyDir(roots: readonly Root[], id: string): { dir: string; root: Root } | undefined {
  const m = /^(\d+):(.*)$/.exec(id);
  if (!m) return undefined;
  const root = roots[Number(m[1])];
  if (!root) return undefined;
  const dir = resolve(root.dir, m[2]!);
  if (!inside(root.dir, dir) || !existsSync(dir)) return undefined;
  return { dir, root };
}

/**
 * An existing `.policy` file of a policy folder; no sub-paths, no other
 * extensions, and no link out of the root: the file's real path (links
 * resolved) must be inside the root's real path, so a save never writes elsewhere.
 */
export function policyFile(roots: readonly Root[], id: string, file: string): { path: string; root: Root } | undefined {
  const p = policyDir(roots, id);
  if (!p || !/^[^/\\]+\.policy$/.test(file) || file.startsWith(".")) return undefined;
  const path = join(p.dir, file);
  const real = realOf(path);
  const rootReal = realOf(p.root.dir);
  if (!real || !rootReal || !statSync(real).isFile()) return undefined;
  return inside(p.root.dir, path) && inside(rootReal, real) ? { path, root: p.root } : undefined;
}

function realOf(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}
