// A small pool of worker threads for the columnar path (reading parts of
// files, parallel.ts; solving districts, solve.ts): tasks queue and go to the
// next idle thread; a thread answers each task with `{ result }` and may send
// `{ event }` messages meanwhile. Without a script the tasks run here, one
// after another, through `here` — the same code, without threads (the
// sources under the test runner). A thread that dies fails its task and,
// when none is left, every task still queued: never a hang.

import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/** The worker script `name` (e.g. read-worker) beside this module: tsc's build or the bundle's; undefined in the sources. */
export function workerScript(name: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const c of [join(here, `${name}.js`), join(here, `${name}.mjs`), join(here, "..", `${name}.mjs`)])
    if (existsSync(c)) return c;
  return undefined;
}

/** A whole number from the environment (LUNGANG_THREADS, LUNGANG_PART_BYTES, LUNGANG_SOLVE_MIN), else undefined. */
export function envCount(name: string): number | undefined {
  const v = process.env[name]?.trim();
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Threads to work with: LUNGANG_THREADS when set, else the cores (at most 8). */
export function threadsToUse(): number {
  return Math.max(1, envCount("LUNGANG_THREADS") ?? Math.min(availableParallelism(), 8));
}

interface Waiting<R> {
  done: (r: R) => void;
  fail: (e: unknown) => void;
}

export class Pool<T, R, E = never> {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: (Waiting<R> & { task: T })[] = [];
  private readonly pending = new Map<Worker, Waiting<R>>();
  private alive = 0;
  /** Without threads: the tasks run here one after another, each after the one before. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly script: string | undefined,
    n: number,
    workerData: unknown,
    private readonly here: (task: T) => Promise<R>,
    onEvent?: (e: E) => void,
  ) {
    if (!script) return;
    for (let i = 0; i < n; i++) {
      const w = new Worker(script, { workerData });
      w.on("message", (m: { event?: E; result?: R }) => {
        if ("event" in m) {
          onEvent?.(m.event!);
          return;
        }
        const p = this.pending.get(w)!;
        this.pending.delete(w);
        this.idle.push(w);
        this.next();
        p.done(m.result!);
      });
      w.on("error", (e) => {
        const p = this.pending.get(w);
        this.pending.delete(w);
        p?.fail(e);
        const i = this.idle.indexOf(w);
        if (i >= 0) this.idle.splice(i, 1);
        this.alive--;
        if (this.alive === 0) for (const q of this.queue.splice(0)) q.fail(e);
      });
      this.all.push(w);
      this.idle.push(w);
      this.alive++;
    }
  }

  /** Worker threads started (0: tasks run here). */
  get size(): number {
    return this.all.length;
  }

  run(task: T): Promise<R> {
    if (!this.script) {
      const r = this.last.then(() => this.here(task));
      this.last = r.catch(() => undefined);
      return r;
    }
    if (this.alive === 0) return Promise.reject(new Error("every worker thread of the pool has died"));
    return new Promise((done, fail) => {
      this.queue.push({ task, done, fail });
      this.next();
    });
  }

  private next(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const q = this.queue.shift()!;
      this.pending.set(w, q);
      w.postMessage(q.task);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
