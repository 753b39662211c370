// The fuzz suite in `npm test`: a bounded, seeded run of mutated datasets and
// policies through the CLI (test/fuzz/fuzz.ts says what is mutated and which
// invariants are asserted). `npm run fuzz -- --count N --seed S` runs more;
// FUZZ_COUNT / FUZZ_SEED / FUZZ_RERUN set the same from the environment.

import { describe, expect, it } from "vitest";
import { fuzz } from "./fuzz.js";

const count = Number(process.env.FUZZ_COUNT ?? 300);
const seed = Number(process.env.FUZZ_SEED ?? 20261201);
const rerun = Number(process.env.FUZZ_RERUN ?? 2);
const big = count > 5000;

describe("fuzz: mutated datasets and policies through the CLI", () => {
  it(
    `${count} datasets and ${count} policies (seed ${seed}): no exit 3, no stack trace, no hang, no silent change, every invariant`,
    async () => {
      const t0 = Date.now();
      const t = await fuzz({
        seed,
        datasets: count,
        policies: count,
        rerunEvery: rerun,
        progress: big
          ? (n, tally) => {
              if (n % 5000 === 0)
                console.log(
                  `fuzz: ${n} cases, ${Math.round((Date.now() - t0) / 1000)} s, ${JSON.stringify({ ...tally, failures: tally.failures.length })}`,
                );
            }
          : undefined,
      });
      console.log(`fuzz: ${JSON.stringify({ ...t, seconds: Math.round((Date.now() - t0) / 1000) }, null, 1)}`);
      expect(t.failures).toEqual([]);
      expect({
        crashes: t.crashes,
        exit3: t.exit3,
        stackTraces: t.stackTraces,
        hangs: t.hangs,
        silentChanges: t.silentChanges,
        invariants: t.invariants,
      }).toEqual({
        crashes: 0,
        exit3: 0,
        stackTraces: 0,
        hangs: 0,
        silentChanges: 0,
        invariants: 0,
      });
      expect(t.cases).toBe(2 * count);
    },
    big ? 24 * 3600_000 : 120_000,
  );
});
