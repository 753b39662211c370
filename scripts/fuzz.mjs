// `npm run fuzz -- --count N --seed S [--rerun K] [--datasets D] [--policies P] [--rosters Q] [--jobs J] [--only I]`:
// the fuzz suite of test/fuzz/ with N mutated datasets, N mutated policies and N/3 damaged rosters
// (or D, P and Q), seeded by S, rerunning every K-th case for the byte-identical
// check (default 1: all). Every case has its own generator drawn from the seed
// and its index, so --jobs J splits the run over J processes (one per core)
// that together run exactly the cases one process would, and the tally printed
// at the end adds theirs up; --only I runs case I alone (a failure names its
// seed and index), and --from F runs cases F and after (the rest of a run
// stopped at F: the two parts are together exactly the cases of one). With more than 10,000 cases each process logs its tally
// every 1,000 cases. Exit code: 0 when every part passed.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const jobs = Math.max(1, Number(opt("jobs", "1")));
const env = {
  ...process.env,
  FUZZ_COUNT: opt("count", "10000"),
  FUZZ_SEED: opt("seed", String(Date.now() % 1_000_000)),
  FUZZ_RERUN: opt("rerun", "1"),
};
for (const k of ["datasets", "policies", "rosters", "only", "from"])
  if (opt(k)) env[`FUZZ_${k.toUpperCase()}`] = opt(k);
console.log(
  `fuzz: datasets ${env.FUZZ_DATASETS ?? env.FUZZ_COUNT}, policies ${env.FUZZ_POLICIES ?? env.FUZZ_COUNT}, ` +
    `rosters ${env.FUZZ_ROSTERS ?? Math.ceil(Number(env.FUZZ_COUNT) / 3)}, ` +
    `seed ${env.FUZZ_SEED}, rerun every ${env.FUZZ_RERUN}` +
    (env.FUZZ_ONLY ? `, case ${env.FUZZ_ONLY} only` : jobs > 1 ? `, ${jobs} processes` : "") +
    (env.FUZZ_FROM ? `, from case ${env.FUZZ_FROM}` : ""),
);

const dir = mkdtempSync(join(tmpdir(), "lungang-fuzz-tally-"));
const part = (k) =>
  new Promise((done) => {
    const tally = join(dir, `${k}.json`);
    const child = spawn("npx", ["vitest", "run", "test/fuzz/fuzz.test.ts", "--reporter=verbose"], {
      stdio: "inherit",
      env: { ...env, ...(jobs > 1 && !env.FUZZ_ONLY ? { FUZZ_SHARD: `${k}/${jobs}` } : {}), FUZZ_TALLY: tally },
    });
    child.on("exit", (code) => {
      let t;
      try {
        t = JSON.parse(readFileSync(tally, "utf8"));
      } catch {
        t = undefined;
      }
      done({ code: code ?? 1, t });
    });
  });
const parts = await Promise.all(Array.from({ length: env.FUZZ_ONLY ? 1 : jobs }, (_, k) => part(k)));
rmSync(dir, { recursive: true, force: true });

if (parts.length > 1) {
  const sum = {};
  for (const { t } of parts) {
    if (!t) continue;
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === "number")
        sum[k] = k === "slowestMs" || k === "seconds" ? Math.max(sum[k] ?? 0, v) : (sum[k] ?? 0) + v;
      else if (k === "byExit")
        for (const [c, n] of Object.entries(v)) (sum.byExit ??= {})[c] = (sum.byExit[c] ?? 0) + n;
      else if (k === "failures") (sum.failures ??= []).push(...v);
    }
  }
  const missing = parts.filter((p) => !p.t).length;
  console.log(`fuzz, all ${parts.length} processes: ${JSON.stringify(sum, null, 1)}`);
  if (missing) console.log(`fuzz: ${missing} process(es) wrote no tally (failed before the end)`);
}
process.exit(parts.every((p) => p.code === 0) ? 0 : 1);
