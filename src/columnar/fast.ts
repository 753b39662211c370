// Columnar reading — the fast path for one table's lines. Once the
// TableReader has found the header, a line without quotes is read in place
// as its UTF-8 bytes (a line that came as text is encoded into a scratch
// buffer first, so there is one reading): each field's bytes are looked up
// among the texts already seen in its column (parsed by the one cell parser,
// parseCell, the first time) without cutting them out of the line; ids are
// cut, texts interned. A line the fast path is not
// sure to read as the TableReader would — a cell that does not parse, a
// required value missing, a space around a value, an ID number to check, a
// table missing a required column — is split into cells and handed to the
// TableReader instead, which reports it. So the values and the diagnostics
// are the TableReader's, only the common case is cheaper.

import type { FieldDecl } from "../data/fields.js";
import type { InputSchema, TableReader } from "../data/tabular/read.js";
import type { RawRow } from "../data/tabular/sources.js";
import { parseCell, type DayInterval, type Parsed } from "../data/tabular/values.js";
import { ByteTable, RunColumn, TextColumn, textOf, type Column } from "./columns.js";
import { splitLine } from "./csv.js";
import type { ReadTable } from "./table.js";

const utf8 = new TextEncoder();

/** Texts remembered per column (dates of birth: some 20,000 a generation). */
const MEMO_CAP = 1 << 17;

/** What the fast path does with one column. */
type Slot =
  | { readonly k: "skip" }
  | {
      readonly k: "memo";
      readonly field: string;
      readonly col: Column;
      /** A cell's UTF-8 bytes → its parsed value (parseCell, once per distinct text). */
      readonly bytes: ByteTable<Parsed>;
      readonly f: FieldDecl;
    }
  | { readonly k: "text"; readonly field: string; readonly col: TextColumn }
  | { readonly k: "id"; readonly field: string; readonly col: Column }
  | { readonly k: "run"; readonly field: string; readonly col: RunColumn };

/** Whitespace String.prototype.trim removes (the fast path leaves such a cell to the TableReader). */
function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The code point of the valid UTF-8 sequence starting at buf[a] (a < b). */
function codeAt(buf: Uint8Array, a: number, b: number): number {
  const c = buf[a]!;
  if (c < 0x80) return c;
  if (c < 0xe0) return a + 1 < b ? ((c & 0x1f) << 6) | (buf[a + 1]! & 0x3f) : -1;
  if (c < 0xf0) return a + 2 < b ? ((c & 0x0f) << 12) | ((buf[a + 1]! & 0x3f) << 6) | (buf[a + 2]! & 0x3f) : -1;
  return 0x10000; // four bytes: above every space
}

/** Whether the cell buf[a, b) starts with a character String.prototype.trim removes. */
function spaceAtStart(buf: Uint8Array, a: number, b: number): boolean {
  return isSpace(codeAt(buf, a, b));
}

/** Whether the cell buf[a, b) ends with such a character (its last sequence found by its lead byte). */
function spaceAtEnd(buf: Uint8Array, a: number, b: number): boolean {
  let i = b - 1;
  while (i > a && (buf[i]! & 0xc0) === 0x80) i--;
  return isSpace(codeAt(buf, i, b));
}

export class FastRows {
  private slots: Slot[] | undefined;
  /** The fields a row must have (else the TableReader reports D108). */
  private required: number[] = [];
  private off = false;
  private readonly cells: (string | undefined)[] = [];
  private readonly raw: { number: number; cells: RawRow["cells"] } = { number: 0, cells: [] };
  private readonly seen: boolean[] = [];
  /** The parsed value of each memo column of the line being read. */
  private readonly parsed: Parsed[] = [];

  constructor(
    private readonly table: ReadTable,
    private readonly reader: TableReader,
    private readonly schema: InputSchema,
  ) {}

  /** A row with quotes (or any row before the header): the TableReader's. */
  row(cells: (string | undefined)[], line: number): void {
    this.raw.number = line;
    this.raw.cells = cells;
    this.reader.row(this.raw);
  }

  /**
   * A line without quotes, as text (a file's first MiB, a GB18030 file, a
   * segment with a quote somewhere): read in place as its UTF-8 bytes by the
   * same `fast` as a line read as bytes, else split and given to the TableReader.
   */
  line(s: string, from: number, to: number, line: number): void {
    if (!this.slots && !this.off) this.setup();
    if (this.slots) {
      const text = s.slice(from, to);
      // Decoded text has no lone surrogate, so its UTF-8 bytes decode back to it exactly.
      if (this.scratch.length < 3 * text.length)
        this.scratch = Buffer.alloc(Math.max(2 * this.scratch.length, 3 * text.length));
      const { written } = utf8.encodeInto(text, this.scratch);
      if (this.fast(this.scratch, 0, written, line)) return;
    }
    this.row(splitLine(s, from, to, this.cells), line);
  }
  /** The UTF-8 bytes of the text line being read (at most three bytes a UTF-16 unit). */
  private scratch = Buffer.alloc(1 << 12);

  /** A line without quotes as valid UTF-8 bytes: read in place when it can be, else split and given to the TableReader. */
  bytes(buf: Uint8Array, from: number, to: number, line: number): void {
    if (!this.slots && !this.off) this.setup();
    if (this.slots && this.fast(buf, from, to, line)) return;
    const s = textOf(buf, from, to);
    this.row(splitLine(s, 0, s.length, this.cells), line);
  }

  private setup(): void {
    const cols = this.reader.columns;
    if (!cols) return; // the header row is still to come
    const decl = this.table.cols.decl;
    if (this.reader.missingRequired || cols.some((c) => c.field !== "" && decl[c.field]?.type.t === "secret")) {
      this.off = true;
      return;
    }
    const layout = this.reader.layoutOf()!;
    const colOf = layout.colOf;
    this.table.where ??= { table: layout.table, colOf, headerOf: layout.headerOf };
    const need = Object.entries(decl)
      .filter(([, f]) => f.need === "required")
      .map(([n]) => n);
    this.required = need.map((n) => colOf[n] ?? -1);
    // A required column missing (or a history table without its teacher column): every row is the
    // TableReader's, which reports each. The slots are made only after this, so none is read in place.
    if (this.required.some((i) => i < 0) || (this.table.kind === "history" && colOf.teacher === undefined)) {
      this.off = true;
      return;
    }
    this.slots = cols.map((c): Slot => {
      if (c.field === "") return { k: "skip" };
      const col = this.table.cols.column(c.field)!;
      if (c.field === "teacher" && this.table.kind === "history")
        return { k: "run", field: c.field, col: col as RunColumn };
      const f = decl[c.field]!;
      switch (f.type.t) {
        case "id":
          return { k: "id", field: c.field, col };
        case "text":
        case "ref":
          return { k: "text", field: c.field, col: col as TextColumn };
        default:
          return { k: "memo", field: c.field, col, bytes: new ByteTable<Parsed>(), f };
      }
    });
    if (this.table.kind === "history") this.required.push(colOf.teacher!);
  }

  /**
   * The row of the cells just checked (their bounds in `src`, the line's
   * UTF-8 bytes) written; false (nothing written) when a required one is missing.
   */
  private commit(src: Uint8Array, line: number): boolean {
    const slots = this.slots!;
    const n = slots.length;
    const seen = this.seen;
    const bounds = this.boundsArr;
    for (const r of this.required) if (!seen[r]) return false;
    const t = this.table;
    const row = t.cols.append();
    let intervals: Record<string, DayInterval> | undefined;
    for (let j = 0; j < n; j++) {
      if (!seen[j]) continue;
      const slot = slots[j]!;
      const a = bounds[2 * j]!;
      const b = bounds[2 * j + 1]!;
      switch (slot.k) {
        case "skip":
          break;
        case "id":
          slot.col.set(row, textOf(src, a, b));
          break;
        case "text":
        case "run":
          slot.col.setAtBytes(row, src, a, b);
          break;
        case "memo": {
          const parsed = this.parsed[j] as { value: unknown; interval?: DayInterval };
          slot.col.set(row, parsed.value);
          if (parsed.interval) (intervals ??= {})[slot.field] = parsed.interval;
          break;
        }
      }
    }
    if (intervals) t.cols.intervals.set(row, intervals);
    t.put(row, line, true);
    return true;
  }

  /** Each memo column's key (in its byte memo) on the line before; −1 none. */
  private readonly lastKey: number[] = [];

  /**
   * Read the line buf[from, to) into a new row; false (nothing written) when
   * the TableReader must read it. First every cell is checked (and parsed into
   * its column's memo) before anything is written.
   */
  private fast(buf: Uint8Array, from: number, to: number, line: number): boolean {
    const slots = this.slots!;
    const n = slots.length;
    const seen = this.seen;
    let p = from;
    let any = false;
    const bounds = this.bounds(n);
    for (let i = 0; i < n; i++) {
      let c = p;
      while (c < to && buf[c] !== 44) c++;
      const a = p;
      const b = p > to ? p : c;
      bounds[2 * i] = a;
      bounds[2 * i + 1] = b;
      seen[i] = b > a;
      if (b > a) {
        if (spaceAtStart(buf, a, b) || spaceAtEnd(buf, a, b)) return false;
        any = true;
        const slot = slots[i]!;
        if (slot.k === "memo") {
          const last = this.lastKey[i] ?? -1;
          let k = last >= 0 && slot.bytes.same(last, buf, a, b) ? last : slot.bytes.find(buf, a, b);
          let parsed: Parsed;
          if (k < 0) {
            parsed = parseCell(textOf(buf, a, b), slot.f.type, (e) => this.schema.enumTable(e));
            if (slot.bytes.size < MEMO_CAP) k = slot.bytes.add(buf, a, b, parsed);
          } else parsed = slot.bytes.vals[k]!;
          this.lastKey[i] = k;
          if ("bad" in parsed) return false;
          this.parsed[i] = parsed;
        }
      }
      p = c + 1;
    }
    // More cells than the header: ignored by the TableReader too, but an all-empty row is its to skip.
    if (!any) return false;
    return this.commit(buf, line);
  }

  private boundsArr = new Int32Array(64);
  private bounds(n: number): Int32Array {
    if (this.boundsArr.length < 2 * n) this.boundsArr = new Int32Array(2 * n);
    return this.boundsArr;
  }
}
