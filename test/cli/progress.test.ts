// The progress bar of long runs: on a terminal it shows the phase, done of
// total, the rate and the time left; it is wired into `check` and `decide`
// through the facade's onProgress (reading, deciding, checking); off a
// terminal or with `--format json` nothing is written. A fake terminal with
// its own clock stands in for stderr, so nothing here depends on real time.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { progress, progressLine, type ProgressSink } from "../../src/cli/progress.js";
import { readColumnar, readDataset, standardFacts } from "../../src/index.js";
import { ROOT } from "../support/policy.js";

/** A terminal whose clock moves `step` ms each time it is read. */
function fakeTerminal(isTTY: boolean, step = 600): ProgressSink & { written: string[] } {
  let t = 0;
  const written: string[] = [];
  return { isTTY, columns: 200, written, write: (s: string) => written.push(s), now: () => (t += step) };
}

/** What a run of the CLI drew: the visible lines (escape sequences removed). */
async function drawn(argv: string[], sink: ProgressSink & { written: string[] }): Promise<string[]> {
  await main(argv, { out: () => {}, err: () => {}, progress: sink });
  return sink.written.map((s) => s.replace(/\r|\x1b\[2K/g, "")).filter(Boolean);
}

const XLSX = join(ROOT, "examples/dalian/district.xlsx");
const CSV = join(ROOT, "examples/dalian/district-csv");
const DALIAN = join(ROOT, "policies/dalian");

describe("a progress line", () => {
  it("shows done of total, the rate and the time left", () => {
    expect(progressLine("en", "decide", 250_000, 1_000_000, 5_000)).toBe(
      "deciding [██████░░░░░░░░░░░░░░░░░░] 25% 250,000/1,000,000 people · 50,000 people/s · about 15 s left",
    );
    expect(progressLine("zh", "read", 600_000, 1_000_000, 10_000)).toBe(
      "读取 [██████████████░░░░░░░░░░] 60% 600,000/1,000,000 行 · 60,000 行/秒 · 预计剩余 7 秒",
    );
    // Over 90 s the estimate is in minutes.
    expect(progressLine("en", "check", 1, 100, 10_000)).toContain("about 17 min left");
  });

  it("without a total yet shows the count and rate but no bar and no estimate", () => {
    expect(progressLine("en", "read", 8192, 0, 2_000)).toBe("reading 8,192 rows · 4,096 rows/s");
  });
});

describe("the bar", () => {
  it("draws on a terminal once the run has lasted half a second, and clears its line when done", () => {
    const sink = fakeTerminal(true, 300);
    const bar = progress({ lang: "en", json: false, sink });
    bar.report("decide", 0, 10_000); // 300 ms: too early to draw
    expect(sink.written).toEqual([]);
    bar.report("decide", 4096, 10_000);
    expect(sink.written.at(-1)).toMatch(
      /^\r\x1b\[2Kdeciding \[.*\] 40% 4,096\/10,000 people · .* people\/s · about \d+ s left$/,
    );
    bar.done();
    expect(sink.written.at(-1)).toBe("\r\x1b[2K");
  });

  it("writes nothing when stderr is not a terminal, or with --format json", () => {
    for (const [tty, json] of [
      [false, false],
      [true, true],
    ] as const) {
      const sink = fakeTerminal(tty, 1000);
      const bar = progress({ lang: "zh", json, sink });
      for (let i = 0; i < 5; i++) bar.report("decide", i * 1000, 5000);
      bar.done();
      expect(sink.written).toEqual([]);
    }
  });
});

describe("wired into the commands", () => {
  // A workbook takes the object path, a CSV folder the columnar one: the same bar either way.
  for (const [what, file] of [
    ["a workbook", XLSX],
    ["a CSV folder (the columnar path)", CSV],
  ] as const)
    it(`check on ${what} shows reading, deciding and checking on a terminal`, async () => {
      const lines = await drawn(["check", file, "--policy", DALIAN], fakeTerminal(true));
      for (const phase of ["读取", "判定", "核查"])
        expect(
          lines.some((l) => l.startsWith(phase)),
          phase,
        ).toBe(true);
      expect(lines.some((l) => /行\/秒/.test(l))).toBe(true);
      expect(lines.some((l) => /预计剩余/.test(l))).toBe(true);
    });

  it("decide shows reading and deciding on a terminal, in English with --lang en", async () => {
    const lines = await drawn(["decide", XLSX, "--policy", DALIAN, "--lang", "en"], fakeTerminal(true));
    expect(lines.some((l) => /^reading .*rows\/s/.test(l))).toBe(true);
    expect(lines.some((l) => /^deciding /.test(l))).toBe(true);
  });

  it("prints nothing with --format json, nor when stderr is not a terminal", async () => {
    expect(await drawn(["check", CSV, "--policy", DALIAN, "--format", "json"], fakeTerminal(true))).toEqual([]);
    expect(await drawn(["decide", XLSX, "--policy", DALIAN, "--format", "json"], fakeTerminal(true))).toEqual([]);
    expect(await drawn(["check", XLSX, "--policy", DALIAN], fakeTerminal(false))).toEqual([]);
  });

  it("the facade tells a roster's rows read with an estimate of the total from the bytes read", async () => {
    const calls: [string, number, number][] = [];
    const r = await readDataset(CSV, standardFacts, { onProgress: (p, done, total) => calls.push([p, done, total]) });
    expect(r.value).toBeDefined();
    expect(calls.length).toBeGreaterThan(0);
    for (const [p, done, total] of calls) {
      expect(p).toBe("read");
      expect(done % 4096).toBe(0);
      expect(total).toBeGreaterThanOrEqual(done);
    }
  });

  it("the columnar read tells its rows the same way", async () => {
    const calls: [string, number, number][] = [];
    const r = await readColumnar(CSV, standardFacts, { onProgress: (p, done, total) => calls.push([p, done, total]) });
    expect(r.value).toBeDefined();
    expect(calls.length).toBeGreaterThan(0);
    for (const [p, done, total] of calls) {
      expect(p).toBe("read");
      expect(done % 4096).toBe(0);
      expect(total).toBeGreaterThanOrEqual(done);
    }
  });
});
