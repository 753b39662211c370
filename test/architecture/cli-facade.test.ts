// The command line and the web server are thin callers: src/cli and
// src/server reach the engine only through the library facade (src/index.ts).
// (No import cycles: import-cycles.test.ts.)

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/policy.js";

const SRC = join(ROOT, "src");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Relative imports that exist at run time (`import type …` and `export type …` excluded), as src paths. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  const re = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["'](\.[^"']+)["'];?/gms;
  for (const m of text.matchAll(re)) {
    if (m[1]) continue;
    out.push(relative(SRC, resolve(dirname(file), m[2]!.replace(/\.js$/, ".ts"))));
  }
  return out;
}

const graph = new Map(tsFiles(SRC).map((f) => [relative(SRC, f), runtimeImports(f)]));

describe("the command line behind the facade", () => {
  it("reads every module's imports (the scan itself works)", () => {
    expect(graph.get("cli/main.ts")).toContain("index.ts");
    expect(graph.size).toBeGreaterThan(30);
  });

  it("src/cli reaches the engine only through the facade (src/index.ts)", () => {
    // Allowed besides the facade: its own files, diagnostics (codes, suggestions) and dates (parsing --as-of).
    // `lungang serve` starts the web server, itself a caller of the facade (checked below).
    const allowed = (target: string) =>
      target === "index.ts" || target === "server/serve.ts" || /^(cli|diagnostics|time)\//.test(target);
    const pending = new Set<string>([]);
    const offending = [...graph]
      .filter(([f]) => f.startsWith("cli/") && !pending.has(f))
      .flatMap(([f, imports]) => imports.filter((t) => !allowed(t)).map((t) => `${f} → ${t}`));
    expect(offending).toEqual([]);
  });

  it("src/server reaches the engine only through the facade (src/index.ts)", () => {
    // Besides the facade: the server's own files, diagnostics (codes, messages), the renderers (the page shows
    // what the report files show), the language service (the editor's, shared with `lungang lsp`), the
    // contract's field table (names and types for the appeal form, no evaluation).
    const allowed = (target: string) =>
      target === "index.ts" ||
      target === "semantics/facts.ts" ||
      /^(server|diagnostics|render|language-service)\//.test(target);
    const server = [...graph].filter(([f]) => f.startsWith("server/"));
    expect(server.length).toBeGreaterThanOrEqual(4);
    const offending = server.flatMap(([f, imports]) => imports.filter((t) => !allowed(t)).map((t) => `${f} → ${t}`));
    expect(offending).toEqual([]);
  });
});
