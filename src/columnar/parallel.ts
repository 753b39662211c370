// Columnar reading on several threads (issue 14, item 3). The CSV files of a
// folder are read by worker threads, a large file cut into parts at line
// starts, each part read by the same code as a whole file (read.ts's
// readCsvTable: the TableReader's values and diagnostics) into its own table;
// the parts come back as typed arrays (moved, not copied) and the main thread
// appends them in file order, with their diagnostics, so the result is the
// one reading on one thread gives: the same rows, the same diagnostics in the
// same order.
//
// A part after a file's first is told the file's encoding, line break and
// header row (found by reading the file's first MiB here, as the first
// reading does) and the number of its first line (the line breaks before it,
// counted here). Where a part's reading could differ from the whole file's —
// the cut fell inside a quoted field (the part before it ends with the quote
// open), a byte did not decode (the rows a
// failure stops at depend on how the file was cut), a construct only the
// csv-parse path reads, the first part deciding another encoding — the file
// is read again whole, on one thread: never a guess.
//
// Without a worker script (the sources run by the test runner) the same parts
// are read one after another on this thread: the cutting and appending are
// the same, only not concurrent.

import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ChunkDecoder, type DecodeFailure, type Encoding } from "../data/decode.js";
import { inputSchema, type SchemaRecord } from "../data/declared.js";
import { Sink, TableReader, type InputSchema, type Kind } from "../data/tabular/read.js";
import { SourceError, UndecodableError } from "../data/tabular/sources.js";
import { CsvTokenizer, Irregular, type FilePart, type LineBreak } from "./csv.js";
import { envCount, Pool, threadsToUse, workerScript } from "./pool.js";
import { ReadTable, readCsvTable, type ReadTableParts } from "./table.js";

type RecordKind = Exclude<Kind, "info">;

/**
 * Folders smaller than this are read on the main thread. Measured on 2 cores
 * (bench/README.md): no gain at 156 MB (1M teachers: the reading allocates,
 * and V8's collector already uses the second core), a quarter of the wall
 * time at 1.7 GB (10.7M teachers).
 */
export const PARALLEL_MIN_BYTES = 512 << 20;
/** A large file is cut into parts of about this many bytes (more parts than threads: they balance). */
const PART_BYTES = 32 << 20;
/** The reader's first chunk (csv.ts reads 1 MiB at a time): the header and the encoding are found in it. */
const PROBE_BYTES = 1 << 20;

/** One CSV file of the folder, in reading order. */
export interface FileJob {
  readonly kind: RecordKind;
  readonly name: string;
  readonly path: string;
}

/**
 * The threads to read `jobs` with, or undefined to read them here: threads
 * (an option, LUNGANG_THREADS, the cores) for a folder of PARALLEL_MIN_BYTES
 * or more — whatever its size when a part size is given (an option or
 * LUNGANG_PART_BYTES) — and the part size.
 */
export function readPlan(
  jobs: readonly FileJob[],
  threads = threadsToUse(),
  partBytes = envCount("LUNGANG_PART_BYTES"),
): { threads: number; partBytes: number } | undefined {
  if (threads < 2) return undefined;
  if (partBytes === undefined && jobs.reduce((n, j) => n + statSync(j.path).size, 0) < PARALLEL_MIN_BYTES)
    return undefined;
  return { threads, partBytes: Math.max(1, partBytes ?? PART_BYTES) };
}

/** What one thread is asked to read: a whole file, or a part of one with the file's header row. */
export interface ReadTask {
  /** The folder: the `file` of every diagnostic. */
  readonly folder: string;
  readonly kind: RecordKind;
  readonly name: string;
  readonly path: string;
  readonly part?: FilePart;
  readonly header?: { readonly line: number; readonly cells: readonly (string | undefined)[] };
}

/** How a reading ended. */
export type TaskOutcome =
  | {
      readonly t: "read";
      readonly table: ReadTableParts;
      readonly diags: Diagnostic[];
      readonly encoding: Encoding | undefined;
      readonly lineBreak: LineBreak | 0;
    }
  | { readonly t: "irregular" }
  | { readonly t: "undecodable"; readonly diags: Diagnostic[]; readonly file: string; readonly failure: DecodeFailure }
  | { readonly t: "failed"; readonly diags: Diagnostic[]; readonly reason: string; readonly reason_zh: string };

/** A schema as plain data (its enum lookup is rebuilt on the other side). */
export type SchemaData = Pick<InputSchema, SchemaRecord | "enums">;

export function schemaData(s: InputSchema): SchemaData {
  return { school: s.school, teacher: s.teacher, move: s.move, history: s.history, enums: s.enums };
}

export function schemaFrom(d: SchemaData): InputSchema {
  return inputSchema({ school: d.school, teacher: d.teacher, move: d.move, history: d.history }, d.enums);
}

/**
 * Read one task on this thread (what a worker does with each task it is
 * given). `onRows`: told rows and bytes read every 65,536 rows.
 */
export async function runTask(
  task: ReadTask,
  schema: InputSchema,
  onRows?: (rows: number, bytes: number) => void,
): Promise<{ outcome: TaskOutcome; transfer: ArrayBuffer[] }> {
  const sink = new Sink(task.folder);
  const t = new ReadTable(task.kind, task.name, schema);
  const meter = { bytes: 0 };
  let rows = 0;
  let told = 0;
  const tick = () => {
    if ((++rows & 65535) === 0 && onRows) {
      onRows(65536, meter.bytes - told);
      told = meter.bytes;
    }
  };
  try {
    const r = await readCsvTable(t, sink, schema, task.path, {
      tick,
      meter,
      ...(task.part ? { part: task.part } : {}),
      ...(task.header ? { header: task.header } : {}),
    });
    if (onRows) onRows(rows & 65535, meter.bytes - told);
    const { parts, transfer } = t.parts();
    return {
      outcome: { t: "read", table: parts, diags: sink.diags, encoding: r.encoding, lineBreak: r.lineBreak },
      transfer,
    };
  } catch (e) {
    if (e instanceof Irregular) return { outcome: { t: "irregular" }, transfer: [] };
    if (e instanceof UndecodableError)
      return { outcome: { t: "undecodable", diags: sink.diags, file: e.file, failure: e.failure }, transfer: [] };
    const m = String((e as Error)?.message ?? e);
    const err = e instanceof SourceError ? e : new SourceError(m, m);
    return { outcome: { t: "failed", diags: sink.diags, reason: err.reason, reason_zh: err.reason_zh }, transfer: [] };
  }
}

/** Where a file is cut: its header row, encoding and line break (from its first MiB), and where each part starts. */
interface Cut {
  readonly header: { readonly line: number; readonly cells: readonly (string | undefined)[] };
  readonly encoding: Encoding;
  readonly lineBreak: LineBreak;
  readonly starts: readonly number[];
  readonly size: number;
}

function readAt(fd: number, at: number, n: number): Buffer {
  const buf = Buffer.allocUnsafe(n);
  let got = 0;
  while (got < n) {
    const k = readSync(fd, buf, got, n - got, at + got);
    if (k === 0) break;
    got += k;
  }
  return buf.subarray(0, got);
}

/**
 * How to cut a file into about `n` parts, or undefined when it is read whole:
 * too small, no header row or no non-ASCII byte in the first MiB, or anything
 * there the fast reader does not read.
 */
function cutFile(job: FileJob, schema: InputSchema, size: number, partBytes: number): Cut | undefined {
  const n = Math.min(256, Math.floor(size / partBytes));
  if (n < 2) return undefined;
  const fd = openSync(job.path, "r");
  try {
    const first = readAt(fd, 0, Math.min(size, PROBE_BYTES));
    const decoder = new ChunkDecoder();
    const text = decoder.push(first);
    if (text === undefined || text === "" || decoder.decided === undefined) return undefined;
    const tr = new TableReader(new Sink(""), job.name, job.kind, schema[job.kind], schema);
    let header: Cut["header"] | undefined;
    const tok = new CsvTokenizer((cells, line) => {
      if (header || tr.columns) return;
      tr.row({ number: line, cells: [...cells] });
      if (tr.columns) header = { line, cells: [...cells] };
    });
    try {
      tok.push(text);
    } catch {
      return undefined;
    }
    if (!header || tr.columns!.length === 0 || tok.lineBreak === 0) return undefined;
    // The header ends at its line's break (a line break byte is never inside a UTF-8 or GB18030 character).
    let headerEnd = 0;
    for (let line = 0; line < header.line; line++) {
      const i = first.indexOf(0x0a, headerEnd);
      if (i < 0) return undefined;
      headerEnd = i + 1;
    }
    // Cut points: the first line start at or after each k·size/n, past the header.
    const starts: number[] = [0];
    for (let k = 1; k < n; k++) {
      let at = Math.max(Math.floor((k * size) / n), headerEnd, starts[starts.length - 1]! + 1);
      let start = -1;
      while (at < size) {
        const w = readAt(fd, at, 1 << 16);
        const i = w.indexOf(0x0a);
        if (i >= 0) {
          start = at + i + 1;
          break;
        }
        at += w.length;
        if (w.length === 0) break;
      }
      if (start < 0 || start >= size) break;
      if (start > starts[starts.length - 1]! && start > headerEnd) starts.push(start);
    }
    if (starts.length < 2) return undefined;
    return { header, encoding: decoder.decided, lineBreak: tok.lineBreak, starts, size };
  } finally {
    closeSync(fd);
  }
}

/**
 * The parts of a cut file, in order, each once the line breaks before it are
 * counted (the reading of the earlier parts goes on meanwhile).
 */
function* partsOf(path: string, cut: Cut): Generator<FilePart> {
  const { starts, size } = cut;
  const fd = openSync(path, "r");
  try {
    const block = Buffer.allocUnsafe(1 << 22);
    let lines = 0;
    let at = 0;
    for (let k = 0; k < starts.length; k++) {
      const start = starts[k]!;
      while (at < start) {
        const got = readSync(fd, block, 0, Math.min(block.length, start - at), at);
        if (got === 0) throw new SourceError(`${path}: shorter than when it was cut`, `${path}：文件在读取时变短`);
        for (let i = block.indexOf(0x0a); i >= 0 && i < got; i = block.indexOf(0x0a, i + 1)) lines++;
        at += got;
      }
      const end = k + 1 < starts.length ? starts[k + 1]! : size;
      yield k === 0
        ? { start, end }
        : { start, end, from: { encoding: cut.encoding, line: lines + 1, mode: cut.lineBreak } };
    }
  } finally {
    closeSync(fd);
  }
}

/** How a parallel reading went (for benchmarks and tests): worker threads started, parts read, files read again whole. */
export interface ReadStats {
  workers: number;
  parts: number;
  rereads: number;
}

/** Whether a part's reading is the file's: read through, in the encoding and line break the cut assumed. */
function sound(o: TaskOutcome, k: number, cut: Cut): o is Extract<TaskOutcome, { t: "read" }> {
  return o.t === "read" && (k > 0 || (o.encoding === cut.encoding && o.lineBreak === cut.lineBreak));
}

/**
 * Read the folder's CSV files on `threads` threads into tables, their
 * diagnostics into `sink` in file order — as reading them one by one on this
 * thread would. Throws as that reading does (Irregular, UndecodableError,
 * SourceError), after the diagnostics before the failure.
 */
export async function readInParallel(
  jobs: readonly FileJob[],
  schema: InputSchema,
  sink: Sink,
  options: {
    threads: number;
    partBytes: number;
    onRows: (rows: number, bytes: number) => void;
    stats?: ReadStats;
    /** The threads' script (default: read-worker beside this module). */
    script?: string;
  },
): Promise<Map<RecordKind, ReadTable>> {
  const pool = new Pool<ReadTask, TaskOutcome, [number, number]>(
    options.script ?? workerScript("read-worker"),
    options.threads,
    { schema: schemaData(schema) },
    (task) => runTask(task, schema, options.onRows).then((r) => r.outcome),
    ([rows, bytes]) => options.onRows(rows, bytes),
  );
  const stats = options.stats ?? { workers: 0, parts: 0, rereads: 0 };
  stats.workers = pool.size;
  const partBytes = options.partBytes;
  const task = (job: FileJob, part?: FilePart, header?: ReadTask["header"]): ReadTask => ({
    folder: sink.file,
    kind: job.kind,
    name: job.name,
    path: job.path,
    ...(part ? { part } : {}),
    ...(header ? { header } : {}),
  });
  try {
    // Every task is queued before any result is read, the threads kept busy: first each whole file and
    // each cut file's first part, then the later parts as their first lines are counted.
    const planned = jobs.map((job) => ({
      job,
      cut: cutFile(job, schema, statSync(job.path).size, partBytes),
      runs: [] as (Promise<TaskOutcome> | undefined)[],
    }));
    // A rejected task is awaited below, in order; none is left unhandled meanwhile.
    const queue = (runs: (Promise<TaskOutcome> | undefined)[], r: Promise<TaskOutcome>) => {
      r.catch(() => undefined);
      runs.push(r);
    };
    const later = planned.map(({ job, cut, runs }) => {
      if (!cut) {
        queue(runs, pool.run(task(job)));
        return undefined;
      }
      const parts = partsOf(job.path, cut);
      queue(runs, pool.run(task(job, parts.next().value as FilePart)));
      return parts;
    });
    planned.forEach(({ job, cut, runs }, i) => {
      for (const part of later[i] ?? []) queue(runs, pool.run(task(job, part, cut!.header)));
    });
    const tables = new Map<RecordKind, ReadTable>();
    for (const { job, cut, runs } of planned) {
      if (cut) {
        // Appended part by part as they come, each let go once appended; the file's diagnostics are
        // held until every part has proved sound.
        const t = new ReadTable(job.kind, job.name, schema);
        const diags: Diagnostic[] = [];
        let whole = true;
        for (let k = 0; k < runs.length; k++) {
          const o = await runs[k]!;
          runs[k] = undefined;
          stats.parts++;
          if (!sound(o, k, cut)) {
            whole = false;
            break;
          }
          // Room for the whole file at once, from the first part's rows per byte.
          if (k === 0) t.reserve(Math.ceil(((o.table.cols.rows * cut.size) / cut.starts[1]!) * 1.02));
          diags.push(...o.diags);
          t.absorb(o.table);
        }
        if (whole) {
          sink.diags.push(...diags);
          tables.set(job.kind, t);
          continue;
        }
        stats.rereads++;
        runs.splice(0, runs.length, pool.run(task(job)));
      }
      const o = await runs[0]!;
      if (o.t === "irregular") throw new Irregular(o.t);
      sink.diags.push(...o.diags);
      if (o.t === "undecodable") throw new UndecodableError(o.file, o.failure);
      if (o.t === "failed") throw new SourceError(o.reason, o.reason_zh);
      const t = new ReadTable(job.kind, job.name, schema);
      t.absorb(o.table);
      tables.set(job.kind, t);
    }
    return tables;
  } finally {
    await pool.close();
  }
}
