// A small pool of worker threads for the columnar path (reading parts of
// files, parallel.ts; solving districts, solve.ts): tasks queue and go to the
// least busy thread, up to `depth` at a thread at once — the next task waits
// in the thread's own queue, so a thread that finishes one starts the next
// at once instead of idling until this thread, busy with the answer before,
// sends it (measured at national scale: solving threads idle 23% of the
// search, reading threads 15% of the reading). A thread works through its
// tasks one after another (serially(), in the thread) and answers each with
// `{ result }`, in order, and may send `{ event }` messages meanwhile.
// Without a script the tasks run here, one after another, through `here` —
// the same code, without threads (the sources under the test runner). A
// thread that dies fails the tasks it was given and, when none is left,
// every task still queued: never a hang.

import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, MessagePort, Worker, parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";

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

/** What a pool's thread is started with: the pool's data, and the port its answers go to (else its parent port). */
interface ThreadData {
  readonly data: unknown;
  readonly answers?: MessagePort;
}

/** In a worker thread of a pool: the data the pool was made with. */
export function threadData<D>(): D {
  return (workerData as ThreadData).data as D;
}

/**
 * In a worker thread of a pool: run `work` on each task sent, one after
 * another (a task waits for the one before to be answered), answering each
 * with `{ result }` and the buffers `work` gives to move; `tell` sends an
 * `{ event }` meanwhile. A task that throws kills the thread, as an uncaught
 * error does: the pool fails its tasks.
 */
export function serially<T, R, E = never>(
  work: (task: T, tell: (e: E) => void) => Promise<{ result: R; transfer?: ArrayBuffer[] }>,
): void {
  const answers = (workerData as ThreadData).answers ?? parentPort!;
  const tell = (event: E) => answers.postMessage({ event });
  let last: Promise<unknown> = Promise.resolve();
  parentPort!.on("message", (task: T) => {
    last = last.then(async () => {
      const { result, transfer } = await work(task, tell);
      answers.postMessage({ result }, transfer ?? []);
    });
  });
}

export class Pool<T, R, E = never> {
  /** The threads alive, and every thread started (closed at the end). */
  private readonly all: Worker[] = [];
  private readonly started: Worker[] = [];
  private readonly queue: (Waiting<R> & { task: T; transfer?: readonly ArrayBuffer[] })[] = [];
  /** The tasks given to each thread, in the order it answers them. */
  private readonly pending = new Map<Worker, Waiting<R>[]>();
  /** Each thread's answers: the port they come on, and what is done with one. */
  private readonly answers = new Map<Worker, { port: MessagePort; answer: (m: { event?: E; result?: R }) => void }>();
  private alive = 0;
  /** Without threads: the tasks run here one after another, each after the one before. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly script: string | undefined,
    n: number,
    workerData: unknown,
    private readonly here: (task: T) => Promise<R>,
    onEvent?: (e: E) => void,
    /** Tasks given to a thread at once (the first it works on, the others wait there). */
    private readonly depth = 2,
    /**
     * Whether `poll` is to be used: the answers then come on a channel of
     * their own (polling the worker's own port is not possible). Without,
     * they come on the worker's port — measured a few seconds faster for the
     * reading threads' large tables at national scale.
     */
    pollable = false,
  ) {
    if (!script) return;
    for (let i = 0; i < n; i++) {
      const channel = pollable ? new MessageChannel() : undefined;
      const w = new Worker(script, {
        workerData: { data: workerData, ...(channel ? { answers: channel.port2 } : {}) },
        ...(channel ? { transferList: [channel.port2] } : {}),
      });
      this.pending.set(w, []);
      const answer = (m: { event?: E; result?: R }) => {
        if ("event" in m) {
          onEvent?.(m.event!);
          return;
        }
        const p = this.pending.get(w)!.shift()!;
        this.next();
        p.done(m.result!);
      };
      if (channel) {
        channel.port1.on("message", answer);
        this.answers.set(w, { port: channel.port1, answer });
      } else w.on("message", answer);
      w.on("error", (e) => {
        const given = this.pending.get(w) ?? [];
        this.pending.delete(w);
        this.answers.get(w)?.port.close();
        this.answers.delete(w);
        for (const p of given) p.fail(e);
        const i = this.all.indexOf(w);
        if (i >= 0) this.all.splice(i, 1);
        this.alive--;
        if (this.alive === 0) for (const q of this.queue.splice(0)) q.fail(e);
        else this.next();
      });
      this.all.push(w);
      this.started.push(w);
      this.alive++;
    }
  }

  /** Worker threads started (0: tasks run here). */
  get size(): number {
    return this.started.length;
  }

  /** Run `task` on a thread; `transfer`: buffers of the task moved there, not copied (left unusable here). */
  run(task: T, transfer?: readonly ArrayBuffer[]): Promise<R> {
    if (!this.script) {
      const r = this.last.then(() => this.here(task));
      this.last = r.catch(() => undefined);
      return r;
    }
    if (this.alive === 0) return Promise.reject(new Error("every worker thread of the pool has died"));
    return new Promise((done, fail) => {
      this.queue.push({ task, done, fail, ...(transfer ? { transfer } : {}) });
      this.next();
    });
  }

  /**
   * Whether a task given now would go to a thread at once (one has fewer
   * than `depth`), not wait in the queue; always without threads (a task
   * runs here when this thread is free).
   */
  get room(): boolean {
    if (!this.script) return true;
    return this.queue.length === 0 && this.all.some((w) => this.pending.get(w)!.length < this.depth);
  }

  /**
   * Take the answers already there, without waiting: their tasks are done (a
   * promise's callbacks still run later, as always) and the threads given
   * their next tasks — so a long run of work on this thread (the plan checks)
   * keeps the threads busy.
   */
  poll(): void {
    for (const { port, answer } of [...this.answers.values()])
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port))
        answer(m.message as { event?: E; result?: R });
  }

  /** Give queued tasks to the least busy threads, while one has fewer than `depth`. */
  private next(): void {
    while (this.queue.length > 0) {
      let w: Worker | undefined;
      for (const x of this.all) if (!w || this.pending.get(x)!.length < this.pending.get(w)!.length) w = x;
      if (!w || this.pending.get(w)!.length >= this.depth) return;
      const q = this.queue.shift()!;
      this.pending.get(w)!.push(q);
      w.postMessage(q.task, q.transfer ?? []);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.started.map((w) => w.terminate()));
    for (const { port } of this.answers.values()) port.close();
  }
}
