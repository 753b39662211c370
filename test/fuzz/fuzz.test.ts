// The fuzz suite in `npm test`: a bounded, seeded run of mutated datasets,
// policies and rosters through the CLI (test/fuzz/fuzz.ts says what is mutated and which
// invariants are asserted). `npm run fuzz -- --count N --seed S` runs more;
// FUZZ_COUNT / FUZZ_SEED / FUZZ_RERUN set the same from the environment, and
// FUZZ_DATASETS / FUZZ_POLICIES / FUZZ_ROSTERS the three counts apart (rosters: a third of the count by default); a long run logs its tally
// every FUZZ_PROGRESS cases (1,000). FUZZ_SHARD=k/n runs the k-th of n parts of
// the run (scripts/fuzz.mjs --jobs n starts them and adds up their tallies,
// which each writes to FUZZ_TALLY); FUZZ_ONLY=i runs case i alone; FUZZ_FROM=i
// starts at case i (the rest of a run stopped there).

import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BREACHES, breaches, fuzz } from "./fuzz.js";

const count = Number(process.env.FUZZ_COUNT ?? 300);
const datasets = Number(process.env.FUZZ_DATASETS ?? count);
const policies = Number(process.env.FUZZ_POLICIES ?? count);
// Rosters cost more each (a district of 60 people, read twice more by both CSV readers): a third as many.
const rosters = Number(process.env.FUZZ_ROSTERS ?? Math.ceil(count / 3));
const seed = Number(process.env.FUZZ_SEED ?? 20261201);
const rerun = Number(process.env.FUZZ_RERUN ?? 2);
const big = datasets + policies + rosters > 10_000;
const every = Number(process.env.FUZZ_PROGRESS ?? 1000);
const shardSpec = process.env.FUZZ_SHARD?.match(/^(\d+)\/(\d+)$/);
const shard = shardSpec ? { index: Number(shardSpec[1]), count: Number(shardSpec[2]) } : undefined;
const only = process.env.FUZZ_ONLY !== undefined ? Number(process.env.FUZZ_ONLY) : undefined;
const from = Number(process.env.FUZZ_FROM ?? 0);
/** How many of the first n cases this process runs. */
const ours = (n: number) => {
  if (only !== undefined) return Number(only < n);
  let k = 0;
  for (let i = from; i < n; i++) if (!shard || i % shard.count === shard.index) k++;
  return k;
};
const part =
  (shard ? `, part ${shard.index + 1} of ${shard.count}` : only !== undefined ? `, case ${only} only` : "") +
  (from ? `, from case ${from}` : "");

describe("fuzz: mutated datasets, policies and rosters through the CLI", () => {
  it(
    `${datasets} datasets, ${policies} policies and ${rosters} rosters (seed ${seed}${part}): no exit 3, no stack trace, no hang, no silent change, every invariant`,
    async () => {
      const t0 = Date.now();
      const t = await fuzz({
        seed,
        datasets,
        policies,
        rosters,
        rerunEvery: rerun,
        shard,
        only,
        from,
        progress: big
          ? (n, tally) => {
              if (n % every === 0)
                console.log(
                  `fuzz: ${n} cases, ${Math.round((Date.now() - t0) / 1000)} s, ${JSON.stringify({ ...tally, failures: tally.failures })}`,
                );
            }
          : undefined,
      });
      const seconds = Math.round((Date.now() - t0) / 1000);
      console.log(`fuzz: ${JSON.stringify({ ...t, seconds }, null, 1)}`);
      if (process.env.FUZZ_TALLY) writeFileSync(process.env.FUZZ_TALLY, JSON.stringify({ ...t, seconds }));
      expect(t.failures).toEqual([]);
      expect(breaches(t)).toEqual(Object.fromEntries(BREACHES.map((k) => [k, 0])));
      expect(t.cases).toBe(ours(datasets) + ours(policies) + ours(rosters));
    },
    // Bounded: 600 cases take about a minute on an idle machine; a shared one may need several.
    big ? 24 * 3600_000 : 600_000,
  );
});
