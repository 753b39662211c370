// The module graph of src/ and grammar/ has no cycle: each stage imports only
// the stages before it and the semantic core (the house view of the data
// flow, text → tokens → CST → AST → checked policy → program → answers).
// Type-only imports are ignored: they vanish at run time and express no order.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
  });
}

/** Relative value imports (and re-exports) of a file, as absolute .ts paths. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?"(\.[^"]+)";/gms)) {
    if (m[1]) continue;
    out.push(resolve(dirname(file), m[2]!.replace(/\.js$/, ".ts")));
  }
  return out;
}

/** The first cycle found by depth-first search, as a list of repository paths. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    const s = state.get(n);
    if (s === 2) return undefined;
    if (s === 1) return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c.map((p) => relative(ROOT, p));
  }
  return undefined;
}

describe("module graph", () => {
  it("has no import cycle in src/ and grammar/", () => {
    const files = [...sources(join(ROOT, "src")), ...sources(join(ROOT, "grammar"))];
    const graph = new Map(files.map((f) => [f, valueImports(f).filter((i) => files.includes(i))] as const));
    expect(findCycle(graph)).toBeUndefined();
  });
});
