// `npm run bench:startup` — how long one-person `lungang case` takes to start
// and answer, against `node -e 0` on the same machine (not a test). Runs both
// alternately, ROUNDS times each, and prints the median wall time and the
// ratio; the target (issue 14) is at most 4×.
//
// Environment: BENCH_ROUNDS (default 15).

import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 15) || 15);
const CASE = [
  join(ROOT, "bin", "lungang.js"),
  "case",
  join(ROOT, "examples", "cases", "dalian-teacher.yaml"),
  "--policy",
  join(ROOT, "policies", "dalian"),
];

function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base: number[] = [];
const lg: number[] = [];
wall(["-e", "0"]);
wall(CASE);
for (let i = 0; i < ROUNDS; i++) {
  base.push(wall(["-e", "0"]));
  lg.push(wall(CASE));
}
const b = median(base);
const c = median(lg);
console.log(`startup, median of ${ROUNDS} alternating runs (load average ${loadavg()[0]!.toFixed(2)})`);
console.log(`  node -e 0                                   ${b.toFixed(0).padStart(6)} ms`);
console.log(
  `  lungang case examples/cases/dalian-teacher  ${c.toFixed(0).padStart(6)} ms   ${(c / b).toFixed(1)}× (target ≤ 4×)`,
);
