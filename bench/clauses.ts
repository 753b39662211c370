// Benchmark (c): lint and case time against the policy's size — Dalian with
// 0, 300 and 3,000 copied clauses (bench/many-clauses.ts), each run through
// the CLI's main() in this process, best of three. Linear means the 3,000 row
// costs about ten times the 300 row. Run by `npm run bench` after run.ts.

import { cpSync, mkdtempSync, appendFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../src/cli/main.js";
import { extraClauses } from "./many-clauses.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CASE = join(ROOT, "examples/cases/dalian-teacher.yaml");
const quiet = { out: () => {}, err: () => {} };

async function best(run: () => Promise<number>): Promise<number> {
  let ms = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    await run();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

console.log(
  "(e) policy size: Dalian + N copied clauses (lint = load + check + lints; case = one teacher with explanation)",
);
console.log(`    ${"clauses".padStart(8)} ${"lint".padStart(10)} ${"case".padStart(10)}`);
for (const n of [0, 300, 3000]) {
  const dir = mkdtempSync(join(tmpdir(), "lungang-bench-clauses-"));
  const policy = join(dir, "policies", "dalian");
  cpSync(join(ROOT, "policies/dalian"), policy, { recursive: true });
  cpSync(join(ROOT, "policies/national"), join(dir, "policies", "national"), { recursive: true });
  appendFileSync(join(policy, "dalian.policy"), "\n" + extraClauses(n));
  const lint = await best(() => main(["lint", policy, "--json"], quiet));
  const kase = await best(() => main(["case", CASE, "--policy", policy, "--json"], quiet));
  console.log(
    `    ${String(n).padStart(8)} ${`${(lint / 1000).toFixed(2)} s`.padStart(10)} ${`${(kase / 1000).toFixed(2)} s`.padStart(10)}`,
  );
  rmSync(dir, { recursive: true, force: true });
}
