// Columnar reading — typed columns for the rows of one record kind, laid out
// from its field declaration (the InputSchema the tabular reader validates
// against, so a policy's own facts get columns too): dates as day numbers,
// enums as small integers, yes/no as a tri-state byte, numbers as floats,
// texts interned, lists interned per distinct list. A row is put in once it
// has been validated and taken out by `load`, which fills a record object
// with every declared key in declaration order, exactly as the object path's
// `build` does — so the compiled program sees the same values either way.

import type { FieldDecl } from "../data/fields.js";
import type { DayInterval, EnumTable } from "../data/tabular/values.js";

/** Absent date. Day numbers of 1800–2200 are far from it. */
const NO_DAY = -2147483648;
/** The typed arrays grow by doubling; a table starts with this many rows. */
const START = 1024;

export interface Column {
  readonly field: string;
  set(row: number, v: unknown): void;
  get(row: number): unknown;
  grow(n: number): void;
  /** Keep rows [0, n) only (after rejected rows were dropped by `compact`). */
  move(from: number, to: number): void;
  /** The arrays to send to another thread, and back. */
  parts(): unknown;
  /**
   * Rows [0, n) of another table's column (its `parts()`, sent from a worker)
   * as rows `at` …; `code`: the other table's text codes → this table's.
   */
  absorb(parts: unknown, n: number, at: number, code?: Uint32Array): void;
  /**
   * `parts()` of a table holding only rows `rows` of this one, in that order;
   * `text`: this table's text codes → that table's.
   */
  select(rows: Int32Array, text: (code: number) => number): unknown;
}

function grown<T extends Int32Array | Uint8Array | Int8Array | Float64Array | Uint32Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  // Doubled for rows added one by one; exactly n for a table grown at once (rows from other threads).
  const size = Math.max(n, 2 * a.length);
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** FNV-1a over the characters of s[from, to): a key found without cutting it out of its line. */
function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** String keys → values by open addressing; a key is looked up as a range of a longer string. */
export class CharTable<V> {
  readonly keys: string[] = [];
  readonly vals: V[] = [];
  private slots = new Int32Array(1024).fill(-1);
  private mask = 1023;
  get size(): number {
    return this.keys.length;
  }
  /** The index of s[from, to), or −1. */
  find(s: string, from: number, to: number): number {
    const len = to - from;
    const slots = this.slots;
    for (let i = hashOf(s, from, to) & this.mask; ; i = (i + 1) & this.mask) {
      const k = slots[i]!;
      if (k < 0) return -1;
      const key = this.keys[k]!;
      if (key.length === len && s.startsWith(key, from)) return k;
    }
  }
  /** Add a key not in the table; its index. */
  add(key: string, v: V): number {
    if (this.keys.length * 2 >= this.slots.length) this.rehash();
    const k = this.keys.length;
    this.keys.push(key);
    this.vals.push(v);
    this.place(k);
    return k;
  }
  private place(k: number): void {
    const key = this.keys[k]!;
    let i = hashOf(key, 0, key.length) & this.mask;
    while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
    this.slots[i] = k;
  }
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let k = 0; k < this.keys.length; k++) this.place(k);
  }
}

/** FNV-1a over the bytes buf[from, to). */
function hashBytes(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 16777619);
  return h >>> 0;
}

/** Byte strings → values by open addressing, the keys' bytes kept in one growing arena. */
export class ByteTable<V> {
  readonly vals: V[] = [];
  private arena = new Uint8Array(1 << 12);
  private used = 0;
  private starts: number[] = [];
  private ends: number[] = [];
  private slots = new Int32Array(1024).fill(-1);
  private mask = 1023;
  get size(): number {
    return this.vals.length;
  }
  /** Whether key k is the bytes buf[from, to). */
  same(k: number, buf: Uint8Array, from: number, to: number): boolean {
    const a = this.starts[k]!;
    if (this.ends[k]! - a !== to - from) return false;
    const arena = this.arena;
    for (let i = from, j = a; i < to; i++, j++) if (arena[j] !== buf[i]) return false;
    return true;
  }
  /** The index of buf[from, to), or −1. */
  find(buf: Uint8Array, from: number, to: number): number {
    for (let i = hashBytes(buf, from, to) & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.slots[i]!;
      if (k < 0 || this.same(k, buf, from, to)) return k;
    }
  }
  /** Add a key not in the table; its index. */
  add(buf: Uint8Array, from: number, to: number, v: V): number {
    if (this.vals.length * 2 >= this.slots.length) this.rehash();
    const len = to - from;
    if (this.used + len > this.arena.length) {
      const a = new Uint8Array(Math.max(2 * this.arena.length, this.used + len));
      a.set(this.arena.subarray(0, this.used));
      this.arena = a;
    }
    this.arena.set(buf.subarray(from, to), this.used);
    const k = this.vals.length;
    this.starts.push(this.used);
    this.used += len;
    this.ends.push(this.used);
    this.vals.push(v);
    this.place(k);
    return k;
  }
  private place(k: number): void {
    let i = hashBytes(this.arena, this.starts[k]!, this.ends[k]!) & this.mask;
    while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
    this.slots[i] = k;
  }
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let k = 0; k < this.vals.length; k++) this.place(k);
  }
}

/** The text of valid UTF-8 bytes buf[from, to) (one byte a character when all are ASCII); `buf` is a Buffer. */
export function textOf(buf: Uint8Array, from: number, to: number): string {
  let ascii = true;
  for (let i = from; i < to; i++)
    if (buf[i]! >= 0x80) {
      ascii = false;
      break;
    }
  return (buf as Buffer).toString(ascii ? "latin1" : "utf8", from, to);
}

/** Whether s is the ASCII bytes buf[from, to) (false for any byte above 0x7f: such a key is compared as text). */
function isAscii(s: string, buf: Uint8Array, from: number, to: number): boolean {
  if (s.length !== to - from) return false;
  for (let i = from, j = 0; i < to; i++, j++) {
    const b = buf[i]!;
    if (b >= 0x80 || b !== s.charCodeAt(j)) return false;
  }
  return true;
}

/** V8 keeps a substring of 13 characters or more as a slice of its parent: copy it, so a chunk is not kept alive. */
export function own(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/**
 * Ids → rows, for the millions of a national roster: open addressing over an
 * Int32Array sized once (a Map of ten million string keys costs several
 * hundred MB and rehashes as it grows), each row's hash kept beside it so a
 * probe compares numbers before strings.
 */
export class IdIndex {
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  /** `ids(row)`: the id of each row to be added (rows 0 … capacity−1). */
  constructor(
    capacity: number,
    private ids: (row: number) => string | undefined,
  ) {
    let size = 1024;
    while (size < capacity * 1.5) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.hashes = new Int32Array(capacity);
  }
  /** Add row `row` under `id`; the row already there under it (nothing added), or −1. */
  add(id: string, row: number): number {
    const h = hashOf(id, 0, id.length) | 0;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.slots[i]!;
      if (k < 0) {
        this.slots[i] = row;
        this.hashes[row] = h;
        return -1;
      }
      if (this.hashes[k] === h && this.ids(k) === id) return k;
    }
  }
  /** Where the rows' ids are read from now (their column compacted): the same id for each row added. */
  rekey(ids: (row: number) => string | undefined): void {
    this.ids = ids;
  }
  /** The row added under `id`, or −1. */
  get(id: string): number {
    const h = hashOf(id, 0, id.length) | 0;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.slots[i]!;
      if (k < 0) return -1;
      if (this.hashes[k] === h && this.ids(k) === id) return k;
    }
  }
}

/** Strings interned: code 0 is absent, code k the k-th distinct string. */
export class Interner {
  readonly values: (string | undefined)[] = [undefined];
  private readonly table = new CharTable<number>();
  code(s: string): number {
    const k = this.table.find(s, 0, s.length);
    if (k >= 0) return this.table.vals[k]!;
    const c = this.values.length;
    this.values.push(s);
    this.table.add(s, c);
    return c;
  }
}

type Typed = Int32Array | Uint8Array | Int8Array | Float64Array | Uint32Array;

/** A column over one typed array; `empty` is what an unset row holds. */
abstract class TypedColumn<A extends Typed> implements Column {
  constructor(
    readonly field: string,
    public a: A,
    private readonly empty = 0,
  ) {
    if (empty !== 0) a.fill(empty);
  }
  abstract set(row: number, v: unknown): void;
  abstract get(row: number): unknown;
  grow(n: number): void {
    const old = this.a.length;
    this.a = grown(this.a, n);
    if (this.empty !== 0 && this.a.length > old) this.a.fill(this.empty, old);
  }
  move(from: number, to: number): void {
    this.a[to] = this.a[from]!;
  }
  parts(): unknown {
    return this.a;
  }
  absorb(parts: unknown, n: number, at: number): void {
    this.a.set((parts as A).subarray(0, n), at);
  }
  select(rows: Int32Array, _text?: (code: number) => number): unknown {
    const out = new (this.a.constructor as new (n: number) => A)(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.a[rows[i]!]!;
    return out;
  }
}

class DateColumn extends TypedColumn<Int32Array> {
  constructor(field: string) {
    super(field, new Int32Array(START), NO_DAY);
  }
  set(row: number, v: unknown): void {
    if (v !== undefined) this.a[row] = v as number;
  }
  get(row: number): unknown {
    const d = this.a[row]!;
    return d === NO_DAY ? undefined : d;
  }
}

/** Yes/no: 0 absent, 1 no, 2 yes. */
class BoolColumn extends TypedColumn<Int8Array> {
  constructor(field: string) {
    super(field, new Int8Array(START));
  }
  set(row: number, v: unknown): void {
    if (v !== undefined) this.a[row] = v ? 2 : 1;
  }
  get(row: number): unknown {
    const b = this.a[row]!;
    return b === 0 ? undefined : b === 2;
  }
}

class NumberColumn extends TypedColumn<Float64Array> {
  constructor(field: string) {
    super(field, new Float64Array(START), NaN);
  }
  set(row: number, v: unknown): void {
    if (v !== undefined) this.a[row] = v as number;
  }
  get(row: number): unknown {
    const x = this.a[row]!;
    return Number.isNaN(x) ? undefined : x;
  }
}

/** An enum: 0 absent, k + 1 the k-th canonical value of its table. */
class EnumColumn extends TypedColumn<Uint8Array> {
  private readonly values: string[];
  private readonly index = new Map<string, number>();
  constructor(field: string, table: EnumTable) {
    super(field, new Uint8Array(START));
    this.values = Object.keys(table.labels);
    this.values.forEach((v, i) => this.index.set(v, i + 1));
  }
  set(row: number, v: unknown): void {
    if (v === undefined) return;
    const k = this.index.get(v as string);
    if (k === undefined || k > 255) throw new Error(`enum value ${String(v)} outside its table`);
    this.a[row] = k;
  }
  get(row: number): unknown {
    const k = this.a[row]!;
    return k === 0 ? undefined : this.values[k - 1];
  }
}

/** Text (names, subjects, references as written): interned. */
export class TextColumn extends TypedColumn<Uint32Array> {
  constructor(
    field: string,
    readonly strings: Interner,
  ) {
    super(field, new Uint32Array(START));
  }
  set(row: number, v: unknown): void {
    if (v !== undefined) this.a[row] = this.strings.code(v as string);
  }
  /** Texts as their UTF-8 bytes → their codes, made as rows are read in place (setAtBytes). */
  private byBytes: ByteTable<number> | undefined;
  /** The text of the UTF-8 bytes buf[from, to) (already trimmed) into row `row`: decoded once per distinct text. */
  setAtBytes(row: number, buf: Uint8Array, from: number, to: number): void {
    const t = (this.byBytes ??= new ByteTable<number>());
    const k = t.find(buf, from, to);
    this.a[row] = k >= 0 ? t.vals[k]! : t.vals[t.add(buf, from, to, this.strings.code(textOf(buf, from, to)))]!;
  }
  get(row: number): unknown {
    return this.strings.values[this.a[row]!];
  }
  /** The codes only: the table's texts travel once, beside its columns (ColumnTable.parts). */
  override parts(): unknown {
    return this.a;
  }
  /** `code`: the other table's text codes → this table's (made once for all its text columns). */
  override absorb(parts: unknown, n: number, at: number, code?: Uint32Array): void {
    const a = parts as Uint32Array;
    for (let i = 0; i < n; i++) this.a[at + i] = code![a[i]!]!;
  }
  override select(rows: Int32Array, text: (code: number) => number): unknown {
    const out = new Uint32Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = text(this.a[rows[i]!]!);
    return out;
  }
}

/** Ids: one string per row (they are distinct, interning would not share anything). */
class IdColumn implements Column {
  a: (string | undefined)[] = [];
  constructor(readonly field: string) {}
  set(row: number, v: unknown): void {
    this.a[row] = v as string | undefined;
  }
  get(row: number): unknown {
    return this.a[row];
  }
  grow(): void {}
  move(from: number, to: number): void {
    this.a[to] = this.a[from];
  }
  parts(): unknown {
    return this.a;
  }
  absorb(parts: unknown, n: number, at: number): void {
    const p = parts as (string | undefined)[];
    for (let i = 0; i < n; i++) this.a[at + i] = p[i];
  }
  select(rows: Int32Array): unknown {
    return Array.from(rows, (r) => this.a[r]);
  }
}

/**
 * Ids that repeat on consecutive rows (a history row's teacher: a teacher's
 * rows follow one another): one string per run of equal ids, each row its
 * run's code — a million rows of history carry a few hundred thousand
 * strings, not a million, to the main thread. Any order reads back the same;
 * only the sharing is lost where the same id comes back later.
 */
export class RunColumn implements Column {
  a = new Uint32Array(START);
  values: (string | undefined)[] = [undefined];
  constructor(readonly field: string) {}
  set(row: number, v: unknown): void {
    if (v === undefined) return;
    const last = this.values.length - 1;
    if (last > 0 && this.values[last] === v) this.a[row] = last;
    else this.a[row] = this.values.push(v as string) - 1;
  }
  /** The id of the UTF-8 bytes buf[from, to) into row `row`, the run before's string when it is the same. */
  setAtBytes(row: number, buf: Uint8Array, from: number, to: number): void {
    const last = this.values.length - 1;
    const prev = this.values[last];
    if (prev !== undefined && isAscii(prev, buf, from, to)) this.a[row] = last;
    else this.a[row] = this.values.push(textOf(buf, from, to)) - 1;
  }
  get(row: number): unknown {
    return this.values[this.a[row]!];
  }
  grow(n: number): void {
    this.a = grown(this.a, n);
  }
  move(from: number, to: number): void {
    this.a[to] = this.a[from]!;
  }
  parts(): unknown {
    return { a: this.a, values: this.values };
  }
  absorb(parts: unknown, n: number, at: number): void {
    const p = parts as { a: Uint32Array; values: readonly (string | undefined)[] };
    // The other table's runs appended after this one's: its codes shifted, nothing hashed.
    const base = this.values.length - 1;
    for (let c = 1; c < p.values.length; c++) this.values.push(p.values[c]);
    for (let i = 0; i < n; i++) {
      const c = p.a[i]!;
      this.a[at + i] = c === 0 ? 0 : c + base;
    }
  }
  select(rows: Int32Array): unknown {
    const a = new Uint32Array(rows.length);
    const values: (string | undefined)[] = [undefined];
    for (let i = 0; i < rows.length; i++) {
      const v = this.get(rows[i]!) as string | undefined;
      if (v === undefined) continue;
      a[i] = values[values.length - 1] === v && values.length > 1 ? values.length - 1 : values.push(v) - 1;
    }
    return { a, values };
  }
}

/**
 * A list (honours, conditions): interned per distinct list. The tabular
 * reader hands the same array for the same cell text, so identity is tried first.
 */
class ListColumn extends TypedColumn<Uint32Array> {
  readonly lists: (readonly string[])[] = [[]];
  private readonly byArray = new Map<readonly string[], number>();
  private readonly byKey = new Map<string, number>();
  constructor(
    field: string,
    private readonly defaulted: boolean,
  ) {
    super(field, new Uint32Array(START));
  }
  set(row: number, v: unknown): void {
    if (v === undefined) return;
    this.a[row] = this.codeOf(v as readonly string[]);
  }
  private codeOf(list: readonly string[]): number {
    let c = this.byArray.get(list);
    if (c === undefined) {
      const key = list.join("\u0000");
      c = this.byKey.get(key);
      if (c === undefined) {
        c = this.lists.length;
        this.lists.push(list);
        this.byKey.set(key, c);
      }
      this.byArray.set(list, c);
    }
    return c;
  }
  get(row: number): unknown {
    const c = this.a[row]!;
    return c === 0 ? (this.defaulted ? this.lists[0] : undefined) : this.lists[c];
  }
  override parts(): unknown {
    return { a: this.a, lists: this.lists };
  }
  override absorb(parts: unknown, n: number, at: number): void {
    const p = parts as { a: Uint32Array; lists: readonly (readonly string[])[] };
    const code = new Uint32Array(p.lists.length);
    for (let c = 1; c < p.lists.length; c++) code[c] = this.codeOf(p.lists[c]!);
    for (let i = 0; i < n; i++) this.a[at + i] = code[p.a[i]!]!;
  }
  override select(rows: Int32Array): unknown {
    // Every list (they are few: the distinct honours, conditions), the codes as they are.
    const a = new Uint32Array(rows.length);
    for (let i = 0; i < rows.length; i++) a[i] = this.a[rows[i]!]!;
    return { a, lists: this.lists };
  }
}

function columnOf(name: string, f: FieldDecl, enumTable: (e: string) => EnumTable, strings: Interner): Column {
  const t = f.type;
  switch (t.t) {
    case "date":
      return new DateColumn(name);
    case "bool":
      return new BoolColumn(name);
    case "int":
    case "years":
      return new NumberColumn(name);
    case "enum":
      return new EnumColumn(name, enumTable(t.e));
    case "enums":
    case "texts":
      return new ListColumn(name, f.need === "default");
    case "id":
      return new IdColumn(name);
    case "text":
    case "ref":
    case "secret":
    case "history":
      return new TextColumn(name, strings);
  }
}

/** The value a defaulted field has when absent (build() in src/data/tabular/read.ts). */
function defaultOf(f: FieldDecl): unknown {
  return f.type.t === "years" || f.type.t === "int" ? 0 : f.type.t === "bool" ? false : [];
}

type Filler = (row: number, into: Record<string, unknown>, history?: readonly unknown[]) => void;

/**
 * The loop of `load` unrolled for one table: each field its own statement,
 * so each column's `get` is called from a place that only ever sees that
 * column (inlined, instead of one call site dispatching over every column
 * kind) and each key is stored by name. The same values, in the same key
 * order, as the loop over `plan` it replaces:
 * `into[name] = col ? (v === undefined && defaulted ? fallback : v) : name === "history" ? history ?? [] : fallback`.
 */
function fillerOf(
  plan: readonly { name: string; col: Column | undefined; fallback: unknown; defaulted: boolean }[],
): Filler {
  const lines = plan.map((p, i) => {
    const key = `into[${JSON.stringify(p.name)}]`;
    if (p.col === undefined) return p.name === "history" ? `${key} = history ?? [];` : `${key} = F[${i}];`;
    if (!p.defaulted) return `${key} = c${i}.get(row);`;
    return `v = c${i}.get(row); ${key} = v === undefined ? F[${i}] : v;`;
  });
  const cols = plan.map((p, i) => (p.col ? `const c${i} = C[${i}];` : "")).join("\n");
  const make = new Function(
    "C",
    "F",
    `${cols}\nreturn function fill(row, into, history) {\nlet v;\n${lines.join("\n")}\n};`,
  ) as (C: readonly (Column | undefined)[], F: readonly unknown[]) => Filler;
  return make(
    plan.map((p) => p.col),
    plan.map((p) => p.fallback),
  );
}

/** The typed arrays of columns' parts: moved to the other thread, not copied. */
function buffersOf(cols: readonly unknown[]): ArrayBuffer[] {
  const transfer = new Set<ArrayBuffer>();
  for (const p of cols) {
    const a = ArrayBuffer.isView(p) ? p : (p as { a?: unknown }).a;
    if (ArrayBuffer.isView(a)) transfer.add(a.buffer as ArrayBuffer);
  }
  return [...transfer];
}

/** A table's rows as sent between threads (ColumnTable.parts / absorb). */
export interface TableParts {
  readonly rows: number;
  readonly cols: readonly unknown[];
  /** The table's interned texts (its text columns' codes index them). */
  readonly strings: readonly (string | undefined)[];
  readonly intervals: readonly (readonly [number, Record<string, DayInterval>])[];
}

/**
 * The rows of one record kind, column by column. `fields` are the declared
 * fields in declaration order (the history list and the ID number have no
 * column); `extra` names further columns a sheet carries (a history row's teacher: ids in runs, RunColumn).
 */
export class ColumnTable {
  rows = 0;
  private readonly cols: Column[];
  private readonly byName = new Map<string, Column>();
  /** Month-only dates, by row: the whole month of each such field. */
  readonly intervals = new Map<number, Record<string, DayInterval>>();
  /** What a loaded record holds for each declared field, in order. */
  private readonly plan: { name: string; col: Column | undefined; fallback: unknown; defaulted: boolean }[];

  constructor(
    readonly decl: Readonly<Record<string, FieldDecl>>,
    enumTable: (e: string) => EnumTable,
    extra: readonly string[] = [],
    readonly strings = new Interner(),
  ) {
    this.cols = [];
    for (const [name, f] of Object.entries(decl)) {
      if (f.type.t === "history" || f.type.t === "secret") continue;
      const c = columnOf(name, f, enumTable, strings);
      this.cols.push(c);
      this.byName.set(name, c);
    }
    for (const name of extra) {
      const c = new RunColumn(name);
      this.cols.push(c);
      this.byName.set(name, c);
    }
    this.plan = Object.entries(decl)
      .filter(([, f]) => f.type.t !== "secret")
      .map(([name, f]) => ({
        name,
        col: this.byName.get(name),
        fallback: f.need === "default" ? defaultOf(f) : undefined,
        defaulted: f.need === "default",
      }));
  }

  /** `load`'s field by field part, made for this table's fields (fillerOf). */
  private fill: Filler | undefined;

  column(name: string): Column | undefined {
    return this.byName.get(name);
  }

  /** A new empty row, its columns to be set one by one (the fast path, src/columnar/fast.ts). */
  append(): number {
    const row = this.rows++;
    if ((row & (START - 1)) === 0) for (const c of this.cols) c.grow(row + START);
    return row;
  }

  /** Append one validated row (the tabular reader's values, intervals beside). */
  add(values: Readonly<Record<string, unknown>>, intervals?: Record<string, DayInterval>): number {
    const row = this.append();
    for (const c of this.cols) {
      const v = values[c.field];
      if (v !== undefined) c.set(row, v);
    }
    if (intervals) this.intervals.set(row, intervals);
    return row;
  }

  get(row: number, field: string): unknown {
    return this.byName.get(field)?.get(row);
  }

  /** The table's rows as data another thread can rebuild them from (`absorb`), and the buffers to move. */
  parts(): { parts: TableParts; transfer: ArrayBuffer[] } {
    const cols = this.cols.map((c) => c.parts());
    const parts = { rows: this.rows, cols, strings: this.strings.values, intervals: [...this.intervals] };
    return { parts, transfer: buffersOf(cols) };
  }

  /**
   * Rows `rows` of this table, in that order, as `parts()` of a table holding
   * only them (another thread rebuilds it with `absorb`): each column
   * gathered, the texts they use only, the arrays to move.
   */
  select(rows: Int32Array): { parts: TableParts; transfer: ArrayBuffer[] } {
    const local = new Map<number, number>();
    const strings: (string | undefined)[] = [undefined];
    const text = (c: number): number => {
      if (c === 0) return 0;
      let k = local.get(c);
      if (k === undefined) {
        local.set(c, (k = strings.length));
        strings.push(this.strings.values[c]);
      }
      return k;
    };
    const cols = this.cols.map((c) => c.select(rows, text));
    const intervals: [number, Record<string, DayInterval>][] = [];
    if (this.intervals.size > 0)
      rows.forEach((r, i) => {
        const iv = this.intervals.get(r);
        if (iv) intervals.push([i, iv]);
      });
    return { parts: { rows: rows.length, cols, strings, intervals }, transfer: buffersOf(cols) };
  }

  /** Let an id column's values go (a history row's teacher, once rows point at their owners): it reads as absent. */
  release(name: string): void {
    const c = this.byName.get(name);
    if (c instanceof IdColumn) c.a = [];
    if (c instanceof RunColumn) {
      c.values = [undefined];
      c.a = new Uint32Array(0);
    }
  }

  /** Room for `rows` rows in all, allocated at once (rows `append` adds later grow it again). */
  reserve(rows: number): void {
    // `append`'s invariant: it grows a column only when a row starts a new block of START.
    const room = (Math.floor(rows / START) + 1) * START;
    for (const c of this.cols) c.grow(room);
  }

  /** Append another table's rows (its `parts()`, of the same declaration), in their order. */
  absorb(p: TableParts): void {
    const at = this.rows;
    const total = at + p.rows;
    this.reserve(total);
    // The other table's text codes → this one's: each distinct text interned once for all the text columns.
    const code = new Uint32Array(p.strings.length);
    for (let c = 1; c < p.strings.length; c++) code[c] = this.strings.code(p.strings[c]!);
    this.cols.forEach((c, i) => c.absorb(p.cols[i], p.rows, at, code));
    for (const [r, iv] of p.intervals) this.intervals.set(at + r, iv);
    this.rows = total;
  }

  /**
   * Fill `into` with row `row` as the object path builds it: every declared
   * key (absent optional facts undefined, defaulted ones none/zero/false),
   * a month-only birth or start date as its DayRange, `history` as given.
   */
  load(row: number, into: Record<string, unknown>, history?: readonly unknown[]): Record<string, unknown> {
    (this.fill ??= fillerOf(this.plan))(row, into, history);
    if (this.intervals.size > 0) {
      const iv = this.intervals.get(row);
      if (iv)
        // Every month-only date, as the object path (tabular/read.ts valuesOf): the month's DayRange.
        for (const [f, { from, to }] of Object.entries(iv)) into[f] = { from, to };
    }
    return into;
  }

  /** Drop the rows `keep` says no to, keeping the order of the others; returns the old row → new row map (−1: dropped). */
  compact(keep: (row: number) => boolean): Int32Array {
    const map = new Int32Array(this.rows).fill(-1);
    let n = 0;
    const intervals = new Map(this.intervals);
    this.intervals.clear();
    for (let r = 0; r < this.rows; r++) {
      if (!keep(r)) continue;
      if (n !== r) for (const c of this.cols) c.move(r, n);
      const iv = intervals.get(r);
      if (iv) this.intervals.set(n, iv);
      map[r] = n++;
    }
    this.rows = n;
    for (const c of this.cols) if (c instanceof IdColumn) c.a.length = n;
    return map;
  }
}
