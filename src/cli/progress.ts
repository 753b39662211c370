// A progress bar on stderr for long runs (reading, deciding, checking):
// phase, bar, rows done of total, rows per second and an estimate of the time
// left. Shown only when stderr is a terminal and the output is not JSON, so
// scripts and pipes never see it; redrawn at most ten times a second.

import type { Lang } from "../diagnostics/registry.js";

export interface Progress {
  /** A new phase with a known number of rows (0: unknown, shown as a spinner line). */
  phase(name: string, total: number): void;
  /** Rows done so far in the current phase. Cheap to call often. */
  tick(done: number): void;
  /** Clear the line (the run is over, or output follows). */
  done(): void;
}

const SILENT: Progress = { phase() {}, tick() {}, done() {} };

/** Inputs smaller than this are read and checked in a moment: no bar at all. */
export const MIN_BYTES = 2_000_000;

export interface ProgressOptions {
  readonly lang: Lang;
  readonly json: boolean;
  /** Where to draw; defaults to process.stderr. */
  readonly stream?: { isTTY?: boolean; columns?: number; write(s: string): unknown };
  readonly now?: () => number;
  /** The input's size in bytes; below MIN_BYTES nothing is shown. */
  readonly bytes?: number;
}

export function progress(o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  if (o.json || !stream.isTTY || (o.bytes !== undefined && o.bytes < MIN_BYTES)) return SILENT;
  const now = o.now ?? (() => Date.now());
  const zh = o.lang === "zh";
  let name = "";
  let total = 0;
  let start = 0;
  let last = 0;
  let shown = false;
  const fmt = (n: number) => n.toLocaleString("en-US");
  const seconds = (s: number) =>
    s >= 90
      ? zh
        ? `${Math.round(s / 60)} 分钟`
        : `${Math.round(s / 60)} min`
      : zh
        ? `${Math.ceil(s)} 秒`
        : `${Math.ceil(s)} s`;
  const draw = (done: number) => {
    const t = now();
    const elapsed = (t - start) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const width = 24;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
    const eta = rate > 0 && total > done ? (total - done) / rate : 0;
    const line = zh
      ? `${name} [${bar}] ${Math.floor(frac * 100)}% ${fmt(done)}/${fmt(total)} 行 · ${fmt(Math.round(rate))} 行/秒 · 预计剩余 ${seconds(eta)}`
      : `${name} [${bar}] ${Math.floor(frac * 100)}% ${fmt(done)}/${fmt(total)} rows · ${fmt(Math.round(rate))} rows/s · about ${seconds(eta)} left`;
    const cols = stream.columns ?? 100;
    stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, cols - 1))}`);
    shown = true;
  };
  return {
    phase(n, t) {
      name = n;
      total = t;
      start = now();
      last = 0;
      if (t === 0) {
        stream.write(`\r\x1b[2K${n} …`);
        shown = true;
      }
    },
    tick(done) {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      draw(done);
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
