// The fuzz suite's randomness: a small seeded generator, and one generator per
// case so that a case reproduces alone and a run splits across processes.

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The generator of case `i` of a run seeded by `seed` (stream 0: datasets, 1: policies, 2: rosters):
 * each case has its own, so one case reproduces alone (`--only i`) and a run splits across processes
 * (`--jobs n`) into the same cases as one process runs.
 */
export function caseRng(seed: number, stream: 0 | 1 | 2, i: number): () => number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35) ^ Math.imul(stream + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return rng((h ^ (h >>> 16)) >>> 0);
}

export type R = () => number;
export const int = (r: R, n: number) => Math.floor(r() * n);
export const pick = <T>(r: R, xs: readonly T[]): T => xs[int(r, xs.length)]!;
