// Test support: check a policy given as text (one or more in-memory files,
// optionally on top of the real national policy), and run the CLI with its
// output captured.

import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "../../src/syntax/parse.js";
import { check, type CheckOutput } from "../../src/checker/check.js";
import { loadPolicy, type PolicyUnit } from "../../src/policy/load.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { main } from "../../src/cli/main.js";

export const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The bundled policy folders below `dir` (a folder holding `.policy` files),
 * as users find them. `tests/` folders hold test inputs and fixtures (such as
 * Dalian's fictional amendment example), `sources/` the published texts:
 * neither is a bundled jurisdiction.
 */
export function policyFolders(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir);
  if (entries.some((e) => e.endsWith(".policy"))) out.push(dir);
  for (const e of entries) {
    const p = join(dir, e);
    if (e !== "tests" && e !== "sources" && statSync(p).isDirectory()) out.push(...policyFolders(p));
  }
  return out;
}

let national: PolicyUnit | undefined;
export function nationalUnit(): PolicyUnit {
  if (!national) {
    const l = loadPolicy(resolve(ROOT, "policies/national"));
    if (!l.unit || l.diagnostics.length) throw new Error("national policy does not load");
    national = l.unit;
  }
  return national;
}

/** A policy from text; `withNational` makes the national declarations visible (as `uses "national"` would). */
export function unitFromText(
  text: string,
  opts: { file?: string; withNational?: boolean; name?: string } = {},
): { unit: PolicyUnit; parseDiagnostics: Diagnostic[] } {
  const file = opts.file ?? "test.policy";
  const out = parse(text, file);
  return {
    unit: {
      name: opts.name ?? "test",
      dir: `/virtual/${opts.name ?? "test"}`,
      files: [{ path: file, text, ast: out.ast }],
      uses: opts.withNational ? [nationalUnit()] : [],
    },
    parseDiagnostics: out.diagnostics,
  };
}

export function checkText(text: string, opts: { withNational?: boolean } = {}): CheckOutput & { all: Diagnostic[] } {
  const { unit, parseDiagnostics } = unitFromText(text, opts);
  const c = check(unit);
  return { ...c, all: [...parseDiagnostics, ...c.diagnostics] };
}

export const HEADER = `policy "test" { issuer "x" effective 2024-01-01 }\n`;

export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s + "\n"), err: (s) => (err += s + "\n") });
  return { code, out, err };
}
