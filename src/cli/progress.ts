// A progress bar on stderr for long runs (reading, deciding, checking):
// phase, bar, done of total, rows per second and an estimate of the time
// left. Drawn only on a terminal and never with `--format json`, so scripts
// and pipes never see it; nothing at all for a run that ends within half a
// second; redrawn at most ten times a second. The engine only calls the
// facade's `onProgress`; this file is the one that writes.

import type { Lang } from "../diagnostics/registry.js";
import type { OnProgress } from "../index.js";

/** Where the bar is drawn: a terminal (process.stderr), or a test's stand-in with its own clock. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(s: string): unknown;
  /** Milliseconds; Date.now by default. */
  now?(): number;
}

export interface Progress {
  /** The facade's callback: pass it as `onProgress`. */
  readonly report: OnProgress;
  /** Clear the line (a phase is over, or output follows). */
  done(): void;
}

const SILENT: Progress = { report() {}, done() {} };

/** A run that ends sooner than this shows no bar at all (no flicker on small inputs). */
export const DELAY_MS = 500;

type Phase = Parameters<OnProgress>[0];

const WORDS: Record<Lang, Record<Phase, { name: string; unit: string; rate: string }>> = {
  zh: {
    read: { name: "读取", unit: "行", rate: "行/秒" },
    decide: { name: "判定", unit: "人", rate: "人/秒" },
    check: { name: "核查", unit: "项", rate: "项/秒" },
  },
  en: {
    read: { name: "reading", unit: "rows", rate: "rows/s" },
    decide: { name: "deciding", unit: "people", rate: "people/s" },
    check: { name: "checking", unit: "checks", rate: "checks/s" },
  },
};

/** Time left in words: seconds under 90, minutes above. */
function duration(s: number, lang: Lang): string {
  if (s >= 90) return lang === "zh" ? `${Math.round(s / 60)} 分钟` : `${Math.round(s / 60)} min`;
  return lang === "zh" ? `${Math.ceil(s)} 秒` : `${Math.ceil(s)} s`;
}

/** One line of the bar (exported for its test). `total` 0: not known yet, no bar and no estimate. */
export function progressLine(lang: Lang, phase: Phase, done: number, total: number, elapsedMs: number): string {
  const w = WORDS[lang][phase];
  const fmt = (n: number) => n.toLocaleString("en-US");
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const speed = `${fmt(Math.round(rate))} ${w.rate}`;
  if (total <= 0) return `${w.name} ${fmt(done)} ${w.unit} · ${speed}`;
  const width = 24;
  const frac = Math.min(1, done / total);
  const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
  const left = rate > 0 ? Math.max(0, total - done) / rate : undefined;
  const eta =
    left === undefined
      ? ""
      : lang === "zh"
        ? ` · 预计剩余 ${duration(left, lang)}`
        : ` · about ${duration(left, lang)} left`;
  return `${w.name} [${bar}] ${Math.floor(frac * 100)}% ${fmt(done)}/${fmt(total)} ${w.unit} · ${speed}${eta}`;
}

export interface ProgressOptions {
  readonly lang: Lang;
  /** `--format json`: never a bar. */
  readonly json: boolean;
  /** Where to draw; no sink (a test's captured output, a library caller), no bar. */
  readonly sink?: ProgressSink;
}

export function progress(o: ProgressOptions): Progress {
  const sink = o.sink;
  if (o.json || !sink?.isTTY) return SILENT;
  const now = () => (sink.now ? sink.now() : Date.now());
  const began = now();
  // When the current phase began: at its first report of 0 done, else when the one before ended.
  let mark = began;
  let phase: Phase | undefined;
  let start = 0;
  let last = 0;
  let shown = false;
  return {
    report(p, done, total) {
      const t = now();
      if (p !== phase) {
        phase = p;
        start = done === 0 ? t : mark;
        last = 0;
      }
      if (t - began < DELAY_MS || (shown && t - last < 100)) return;
      last = t;
      const line = progressLine(o.lang, p, done, total, t - start);
      sink.write(`\r\x1b[2K${line.slice(0, Math.max(20, (sink.columns ?? 100) - 1))}`);
      shown = true;
    },
    done() {
      if (shown) sink.write("\r\x1b[2K");
      shown = false;
      phase = undefined;
      mark = now();
    },
  };
}

/** The bar a command shows while a roster is read, decided and checked: on a terminal only, never with JSON. */
export function progressFor(
  io: { readonly progress?: ProgressOptions["sink"] },
  args: { lang: Lang; format?: string },
): Progress {
  return progress({ lang: args.lang, json: args.format === "json", ...(io.progress ? { sink: io.progress } : {}) });
}
