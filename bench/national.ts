// `npm run bench:national` (issue 14): `lungang check` on a national-scale CSV
// folder — 10.7M teachers in 190k schools, about 12% of them moved (the bench
// generator's districts, bench/national-generate.ts, written once to
// bench/out/national) — end to end in a fresh process (bin/lungang.js, the
// bundle), against the bare streaming read of the same files
// (bench/national-floor.ts). Each run reports wall time, CPU time (all
// threads) and peak resident memory; the table gives the ratio check / floor.
// Targets: ≤ 30 s wall, ≤ 2 GB, ≤ 2× the floor. Numbers from one run.
//
// Environment: BENCH_NATIONAL_TEACHERS (default 10700000); the folder is
// bench/out/national-<N> (bench/out/national for the default).
// BENCH_NATIONAL_THREADS: comma-separated reading threads to run the check
// with, one run each (LUNGANG_THREADS; default: the cores); the ratio is the
// first run's.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateNational } from "./national-generate.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const N = Number(process.env.BENCH_NATIONAL_TEACHERS ?? 10_700_000);
const DIR = join(ROOT, "bench", "out", N === 10_700_000 ? "national" : `national-${N}`);

interface Run {
  wall: number;
  cpu: number;
  rss: number;
  code: number | null;
}

const THREADS = (process.env.BENCH_NATIONAL_THREADS ?? String(availableParallelism()))
  .split(",")
  .map((x) => Math.max(1, Number(x) || 1));

function run(args: string[], probe?: string, env: Record<string, string> = {}): Run & { stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env, ...(probe ? { LUNGANG_PROBE: probe } : {}) },
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.stderr) process.stderr.write(r.stderr.slice(0, 2000));
  const m = JSON.parse(probe ? readFileSync(probe, "utf8").trim().split("\n").pop()! : r.stdout.trim()) as Run;
  return { ...m, wall, code: r.status, stdout: r.stdout };
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

if (!existsSync(join(DIR, "dataset.yaml"))) {
  process.stderr.write(`generating ${DIR} …\n`);
  generateNational({ teachers: N, out: DIR });
}
process.stdout.write(`national bench: ${DIR}; load average ${load()} (2 cores)\n`);
const floor = run([join(HERE, "national-floor.js"), DIR]);
const probe = join(ROOT, "bench", "out", "national-probe.jsonl");
const checks = THREADS.map((threads) => {
  rmSync(probe, { force: true });
  const r = run(
    [
      "--import",
      join(HERE, "national-probe.js"),
      join(ROOT, "bin", "lungang.js"),
      "check",
      DIR,
      "--policy",
      join(ROOT, "policies", "dalian"),
      "--format",
      "json",
    ],
    probe,
    { LUNGANG_THREADS: String(threads) },
  );
  return { threads, r };
});
const check = checks[0]!.r;
const answer = JSON.parse(check.stdout) as { compliant?: boolean; counts?: Record<string, number> };
const same = checks.every((c) => c.r.stdout === check.stdout);
const row = (name: string, r: Run) =>
  `| ${name.padEnd(32)} | ${r.wall.toFixed(1).padStart(7)} | ${r.cpu.toFixed(1).padStart(7)} | ${(r.rss / 1024).toFixed(2).padStart(7)} |`;
process.stdout.write(
  [
    `rows read by the floor: ${(floor as unknown as { rows: number }).rows}; check exit ${check.code}, ` +
      `compliant ${String(answer.compliant)}, counts ${JSON.stringify(answer.counts ?? {})}` +
      (checks.length > 1 ? `; the answers of the ${checks.length} runs ${same ? "identical" : "DIFFER"}` : ""),
    "| run                              | wall s  | CPU s   | peak GB |",
    "| -------------------------------- | ------- | ------- | ------- |",
    row("floor: bytes → typed columns", floor),
    ...checks.map((c) => row(`lungang check, ${c.threads} thread${c.threads > 1 ? "s" : ""}`, c.r)),
    `check (${checks[0]!.threads} threads) / floor: wall ${(check.wall / floor.wall).toFixed(2)}×, ` +
      `CPU ${(check.cpu / floor.cpu).toFixed(2)}×, ` +
      `memory ${(check.rss / floor.rss).toFixed(2)}×; targets ≤ 30 s wall, ≤ 2 GB, ≤ 2× the floor`,
    `load average at the end ${load()}`,
  ].join("\n") + "\n",
);
if (!same) process.exitCode = 1;
