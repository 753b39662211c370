// `npm run fuzz -- --count N --seed S [--rerun K] [--datasets D] [--policies P]`:
// the fuzz suite of test/fuzz/ with N mutated datasets and N mutated policies
// (or D and P), seeded by S, rerunning every K-th case for the byte-identical
// check (default 1: all). With more than 10,000 cases it logs the tally every
// 1,000 cases.
// Runs vitest on test/fuzz/fuzz.test.ts with FUZZ_* set; exit code is vitest's.

import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const env = {
  ...process.env,
  FUZZ_COUNT: opt("count", "10000"),
  FUZZ_SEED: opt("seed", String(Date.now() % 1_000_000)),
  FUZZ_RERUN: opt("rerun", "1"),
};
for (const k of ["datasets", "policies"]) if (opt(k)) env[`FUZZ_${k.toUpperCase()}`] = opt(k);
console.log(
  `fuzz: datasets ${env.FUZZ_DATASETS ?? env.FUZZ_COUNT}, policies ${env.FUZZ_POLICIES ?? env.FUZZ_COUNT}, seed ${env.FUZZ_SEED}, rerun every ${env.FUZZ_RERUN}`,
);
const r = spawnSync("npx", ["vitest", "run", "test/fuzz/fuzz.test.ts", "--reporter=verbose"], {
  stdio: "inherit",
  env,
});
process.exit(r.status ?? 1);
