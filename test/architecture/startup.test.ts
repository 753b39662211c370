// Startup: the packages only some commands need (Excel, CSV, the solver, the
// language server, the browser driver) are not loaded by every command. The
// closure of static value imports from the CLI's entry must not reach them;
// the modules that need them import them dynamically where they are used.
// (issue 14 item 4: `lungang case` for one person close to `node -e 0`.)

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const HEAVY = ["exceljs", "csv-parse", "highs", "vscode-languageserver", "playwright-core", "echarts", "esbuild"];

/** Static value imports of a file: relative ones as .ts paths, packages by name. */
function imports(file: string): { files: string[]; packages: string[] } {
  const text = readFileSync(file, "utf8");
  const files: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?"([^"]+)";/gms)) {
    if (m[1]) continue;
    const spec = m[2]!;
    if (spec.startsWith(".")) files.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
    else packages.push(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
  }
  return { files, packages };
}

function closure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    const { files, packages } = imports(f);
    seen.set(f, packages);
    todo.push(...files);
  }
  return seen;
}

describe("startup", () => {
  it("the CLI's entry does not statically load the heavy, command-specific packages", () => {
    const graph = closure(join(ROOT, "src", "cli", "main.ts"));
    const offenders = [...graph]
      .flatMap(([file, pkgs]) =>
        pkgs.filter((p) => HEAVY.includes(p)).map((p) => `${file.slice(ROOT.length + 1)} → ${p}`),
      )
      .sort();
    expect(offenders).toEqual([]);
  });
});
