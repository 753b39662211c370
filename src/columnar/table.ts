// Columnar reading — one table as read from a CSV file (or a part of one):
// its rows in typed columns, each row's line and whether it was accepted so
// far, and `readCsvTable`, which reads a file or a part into it (the
// TableReader validating, the fast path reading plain lines in place). Used
// by read.ts on one thread and by the reading threads of parallel.ts.

import type { Encoding } from "../data/decode.js";
import { Sink, TableReader, cellRef, type InputSchema, type Kind, type RowRecord } from "../data/tabular/read.js";
import { ColumnTable, type TableParts } from "./columns.js";
import { readCsv, type FilePart, type LineBreak } from "./csv.js";
import { FastRows } from "./fast.js";

type RecordKind = Exclude<Kind, "info">;

/** Where a table's field columns are (from its first row), to name a cell in a diagnostic. */
export interface Where {
  table: string;
  colOf: Readonly<Record<string, number>>;
  headerOf: Readonly<Record<string, string>>;
}

/** One table as read: its rows in columns, each row's line and whether it was accepted so far. */
export class ReadTable {
  readonly cols: ColumnTable;
  line = new Int32Array(1024);
  ok = new Uint8Array(1024);
  where: Where | undefined;
  constructor(
    readonly kind: RecordKind,
    readonly name: string,
    schema: InputSchema,
  ) {
    this.cols = new ColumnTable(schema[kind], (e) => schema.enumTable(e), kind === "history" ? ["teacher"] : []);
  }
  add(rec: RowRecord): void {
    if (!this.where) {
      const l = rec.layout;
      this.where = { table: l.table, colOf: l.colOf, headerOf: l.headerOf };
    }
    this.put(this.cols.add(rec.values, rec.intervals), rec.row, rec.ok);
  }
  /** A row that could not be read at all: rejected, counted. */
  reject(line: number): void {
    this.put(this.cols.add({}), line, false);
  }
  /** Row `row` (just appended to the columns) is from `line`; `ok`: accepted so far. */
  put(row: number, line: number, ok: boolean): void {
    if (row >= this.line.length) this.room(this.line.length * 2);
    this.line[row] = line;
    this.ok[row] = ok ? 1 : 0;
  }
  get rows(): number {
    return this.cols.rows;
  }
  /** `教师!F12`, as RowRecord.where says it. */
  at(row: number, field: string): string {
    const w = this.where!;
    const c = w.colOf[field];
    return c === undefined ? `${w.table}!${this.line[row]}` : `${w.table}!${cellRef(c, this.line[row]!)}`;
  }
  header(field: string): string {
    return this.where?.headerOf[field] ?? field;
  }

  /** This table's rows, lines and marks as sent between threads (`absorb` rebuilds them), and the buffers to move. */
  parts(): { parts: ReadTableParts; transfer: ArrayBuffer[] } {
    const { parts, transfer } = this.cols.parts();
    const n = this.rows;
    const line = this.line.slice(0, n);
    const ok = this.ok.slice(0, n);
    return {
      parts: { cols: parts, line, ok, ...(this.where ? { where: this.where } : {}) },
      transfer: [...transfer, line.buffer, ok.buffer],
    };
  }

  /** The lines and marks grown to `n` rows. */
  private room(n: number): void {
    const l = new Int32Array(n);
    l.set(this.line);
    this.line = l;
    const o = new Uint8Array(n);
    o.set(this.ok);
    this.ok = o;
  }

  /** Room for `rows` rows in all, allocated at once. */
  reserve(rows: number): void {
    this.cols.reserve(rows);
    if (this.line.length < rows) this.room(rows);
  }

  /** Append the rows of another reading of the same table (a later part of its file), in order. */
  absorb(p: ReadTableParts): void {
    const at = this.rows;
    this.cols.absorb(p.cols);
    if (this.line.length < this.rows) this.room(Math.max(this.rows, 2 * this.line.length));
    this.line.set(p.line, at);
    this.ok.set(p.ok, at);
    this.where ??= p.where;
  }
}

/** A ReadTable as sent between threads. */
export interface ReadTableParts {
  readonly cols: TableParts;
  readonly line: Int32Array;
  readonly ok: Uint8Array;
  readonly where?: Where;
}

/** How readCsvTable reads: which part, told what header row, counting rows (`tick`) and bytes (`meter`). */
export interface TableReading {
  readonly tick: () => void;
  readonly meter?: { bytes: number };
  readonly part?: FilePart;
  readonly header?: { readonly line: number; readonly cells: readonly (string | undefined)[] };
}

/**
 * One CSV file, or a part of one, read into `t`: the TableReader validates
 * (and reports into `sink`), the fast path reads plain lines in place. A
 * part after the file's first is given the file's header row, which the
 * reader takes as its header without reporting anything about it again
 * (its first part did).
 */
export async function readCsvTable(
  t: ReadTable,
  sink: Sink,
  schema: InputSchema,
  path: string,
  { tick, meter, part, header }: TableReading,
): Promise<{ encoding: Encoding | undefined; lineBreak: LineBreak | 0 }> {
  const tr = new TableReader(sink, t.name, t.kind, schema[t.kind], schema);
  tr.onRecord = (rec) => t.add(rec);
  if (header) {
    const before = sink.diags.length;
    tr.row({ number: header.line, cells: [...header.cells] });
    sink.diags.length = before;
  }
  const fast = new FastRows(t, tr, schema);
  return readCsv(
    path,
    (cells, line) => {
      tick();
      fast.row(cells, line);
    },
    (s, from, to, line) => {
      tick();
      fast.line(s, from, to, line);
    },
    part,
    meter,
    (buf, from, to, line) => {
      tick();
      fast.bytes(buf, from, to, line);
    },
  );
}
