// Tabular data — a roster workbook (.xlsx) or a folder of CSV files → the
// model Dataset (CONTRACT.md "Extensions": sheets, headers, values, dates, ID
// numbers). Cells are read against the field declaration (fields.ts, plus the
// facts a policy declares); every problem names the sheet, the cell, the
// header and the value. A bad row is rejected and counted; the others are
// read and decided. Never throws on user input.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import YAML from "yaml";
import type { Diagnostic, Result } from "../../diagnostics/diagnostic.js";
import { diag } from "../../diagnostics/registry.js";
import "../../diagnostics/codes-tabular.js";
import { firstDay, formatDate, parseIsoDate, type Day, type DayRange } from "../../time/date.js";
import { BUILTIN_SCHEMA, type EnumTable, type InputSchema } from "../declared.js";
import type { FieldDecl } from "../fields.js";
import type { Dataset, HistoryEntry, Intake, Move, School, Teacher } from "../model.js";
import { idNumberFacts } from "./idnumber.js";
import { describeFailure } from "../decode.js";
import {
  SourceError,
  UndecodableError,
  csvTable,
  workbookTables,
  type Meter,
  type RawRow,
  type Table,
} from "./sources.js";
import { isEmpty, parseCell, parseDate, showCell, type Cell, type DayInterval, type Parsed } from "./values.js";

export { BUILTIN_SCHEMA, type InputSchema } from "../declared.js";

export interface TabularOptions {
  /** `--as-of`: the reference date when the data has none (and over the data's own). */
  readonly asOf?: Day;
  readonly schema?: InputSchema;
  /** Told every few thousand rows: rows read so far, and the total estimated from the bytes read (a progress bar). */
  readonly onProgress?: (phase: "read", done: number, total: number) => void;
}

export type Kind = "school" | "teacher" | "move" | "history" | "info";

/** Sheet names and CSV file names of each table (CONTRACT.md "Extensions"). */
export const SHEETS: Record<Kind, readonly string[]> = {
  school: ["学校", "schools"],
  teacher: ["教师", "teachers"],
  move: ["交流方案", "moves", "plan"],
  history: ["任职经历", "history"],
  info: ["基本信息", "dataset"],
};
const KIND_ZH: Record<Kind, string> = {
  school: "学校",
  teacher: "教师",
  move: "交流方案",
  history: "任职经历",
  info: "基本信息",
};

export function kindOfName(name: string): Kind | undefined {
  const n = name
    .trim()
    .replace(/\.csv$/i, "")
    .toLowerCase();
  for (const [k, names] of Object.entries(SHEETS)) if (names.includes(n)) return k as Kind;
  return undefined;
}

/** A header as compared: no spaces, no required-marks (`*`, `（必填）`). */
export function normalizeHeader(h: string): string {
  return h
    .replace(/\s+/g, "")
    .replace(/[*＊]/g, "")
    .replace(/[（(](必填|选填|可选)[）)]$/, "");
}

/** Header → field for one record kind: every Chinese header and the English field name. */
function headerMap(decl: Readonly<Record<string, FieldDecl>>, kind: Kind): Map<string, string> {
  const m = new Map<string, string>();
  for (const [name, f] of Object.entries(decl)) {
    if (f.type.t === "history") continue;
    m.set(name, name);
    for (const h of f.headers) if (!m.has(normalizeHeader(h))) m.set(normalizeHeader(h), name);
  }
  // The history sheet names its teacher; it is no field of a history entry.
  if (kind === "history") for (const h of ["teacher", "工号", "教师编号"]) m.set(h, "teacher");
  return m;
}

/** `F12`: a 0-based column and a row number in the user's notation. */
export function cellRef(col: number, row: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row}`;
}

/** Where each field's column is in a table, shared by its rows (no per-cell strings are kept). */
interface Layout {
  readonly table: string;
  readonly colOf: Record<string, number>;
  readonly headerOf: Record<string, string>;
}

/** One parsed data row, before references are resolved. */
export class RowRecord {
  constructor(
    readonly layout: Layout,
    readonly row: number,
    readonly values: Record<string, unknown>,
    readonly intervals: Record<string, DayInterval> | undefined,
    public ok: boolean,
  ) {}
  get table(): string {
    return this.layout.table;
  }
  /** `教师!F12`: the cell of a field in this row (the row alone when the column is absent). */
  where(field: string): string {
    const c = this.layout.colOf[field];
    return c === undefined ? `${this.layout.table}!${this.row}` : `${this.layout.table}!${cellRef(c, this.row)}`;
  }
  header(field: string): string {
    return this.layout.headerOf[field] ?? field;
  }
}

/** Collects diagnostics; `file` is the workbook or folder all messages belong to. */
export class Sink {
  readonly diags: Diagnostic[] = [];
  constructor(readonly file: string) {}
  add(code: string, args: Record<string, string | number>, where?: string, help?: string): void {
    this.diags.push(
      diag(code, args, {
        file: this.file,
        ...(where !== undefined ? { path: where } : {}),
        ...(help !== undefined ? { help } : {}),
      }),
    );
  }
}

/** Reads the rows of one table against its declaration. */
export class TableReader {
  readonly records: RowRecord[] = [];
  /** When set, each row is handed over as it is read instead of kept (the columnar reader, src/columnar). */
  onRecord: ((rec: RowRecord) => void) | undefined;
  /** Parsed values of the cell texts seen so far, per field (a roster repeats its dates, labels and lists). */
  private readonly memo = new Map<string, Map<string, Parsed>>();
  /** Each column's field ("" when ignored) and header, once the header row is found. */
  columns: { field: string; header: string }[] | undefined;
  private scanned = 0;
  private readonly map: Map<string, string>;

  constructor(
    private readonly sink: Sink,
    readonly name: string,
    readonly kind: Exclude<Kind, "info">,
    private readonly decl: Readonly<Record<string, FieldDecl>>,
    private readonly schema: InputSchema,
  ) {
    this.map = headerMap(decl, kind);
  }

  /** Until the header row is found: blank rows and a title row above it are skipped. */
  row(r: RawRow): void {
    if (r.cells.every(isEmpty)) return;
    if (!this.columns) {
      this.findHeader(r);
      return;
    }
    this.data(r);
  }

  private findHeader(r: RawRow): void {
    this.scanned++;
    const matched = r.cells.filter((c) => typeof c === "string" && this.map.has(normalizeHeader(c))).length;
    const filled = r.cells.filter((c) => !isEmpty(c)).length;
    if (matched < Math.min(2, filled)) {
      if (this.scanned === 10) {
        this.sink.add("D102", { table: this.name, kind_zh: KIND_ZH[this.kind] });
        this.columns = [];
      }
      return;
    }
    const seen = new Map<string, string>();
    this.columns = r.cells.map((c, i) => {
      const header = typeof c === "string" ? c.trim() : c === undefined ? "" : String(c);
      if (header === "") return { field: "", header };
      const field = this.map.get(normalizeHeader(header));
      const where = `${this.name}!${cellRef(i, r.number)}`;
      if (!field) {
        this.sink.add("D103", { where, header });
        return { field: "", header };
      }
      const first = seen.get(field);
      if (first !== undefined) {
        this.sink.add("D104", { where, header, first });
        return { field: "", header };
      }
      seen.set(field, header);
      return { field, header };
    });
    for (const [name, f] of Object.entries(this.decl)) {
      if (f.need !== "required" || seen.has(name)) continue;
      // A birth date or sex may come from the ID number.
      if ((name === "birth_date" || name === "sex") && seen.has("id_number")) continue;
      this.sink.add("D105", { table: this.name, field: name, header: f.headers[0] ?? name });
    }
    this.missingRequired = Object.entries(this.decl).some(
      ([name, f]) =>
        f.need === "required" &&
        !seen.has(name) &&
        !((name === "birth_date" || name === "sex") && seen.has("id_number")),
    );
  }

  /** A required column is absent: every row is rejected (reported once). */
  missingRequired = false;

  private layout: Layout | undefined;

  /** Where each field's column is, once the header row is found. */
  layoutOf(): Layout | undefined {
    if (this.layout || !this.columns) return this.layout;
    const colOf: Record<string, number> = {};
    const headerOf: Record<string, string> = {};
    this.columns.forEach((c, i) => {
      if (c.field === "") return;
      colOf[c.field] = i;
      headerOf[c.field] = c.header;
    });
    return (this.layout = { table: this.name, colOf, headerOf });
  }

  private data(r: RawRow): void {
    const cols = this.columns!;
    const layout = this.layoutOf()!;
    const values: Record<string, unknown> = {};
    let intervals: Record<string, DayInterval> | undefined;
    let ok = !this.missingRequired;
    for (let i = 0; i < cols.length; i++) {
      const { field, header } = cols[i]!;
      if (field === "") continue;
      const c: Cell = r.cells[i];
      if (isEmpty(c)) continue;
      if (field === "teacher" && this.kind === "history") {
        values.teacher = String(c).trim();
        continue;
      }
      const f = this.decl[field]!;
      const p = this.parse(field, c, f);
      if ("bad" in p) {
        ok = false;
        // The ID number is personal information: its value is never shown.
        const value = f.type.t === "secret" ? "…" : showCell(c);
        this.sink.add(p.ambiguous ? "D107" : "D106", {
          where: `${this.name}!${cellRef(i, r.number)}`,
          header,
          value,
          expected: p.expected,
          expected_zh: p.expected_zh,
        });
        continue;
      }
      values[field] = p.value;
      if (p.interval) (intervals ??= {})[field] = p.interval;
    }
    const rec = new RowRecord(layout, r.number, values, intervals, ok);
    if (this.kind === "teacher" && values.id_number !== undefined) rec.ok = this.idNumber(rec) && rec.ok;
    for (const name of this.required) {
      if (values[name] !== undefined) continue;
      if (layout.colOf[name] === undefined && this.missingRequired) continue; // the missing column was reported once
      rec.ok = false;
      this.sink.add("D108", {
        where: rec.where(name),
        header: layout.headerOf[name] ?? this.decl[name]!.headers[0] ?? name,
      });
    }
    if (this.kind === "history" && values.teacher === undefined) {
      rec.ok = false;
      this.sink.add("D108", { where: `${this.name}!${r.number}`, header: "工号" });
    }
    if (this.onRecord) this.onRecord(rec);
    else this.records.push(rec);
  }

  /** parseCell, remembered per field and cell text for the types whose value is a pure function of the text. */
  private parse(field: string, c: Cell, f: FieldDecl): Parsed {
    const t = f.type.t;
    if (typeof c !== "string" || t === "text" || t === "id" || t === "ref" || t === "secret")
      return parseCell(c, f.type, this.enumTable);
    let m = this.memo.get(field);
    if (!m) this.memo.set(field, (m = new Map()));
    let p = m.get(c);
    if (p === undefined) {
      p = parseCell(c, f.type, this.enumTable);
      if (m.size < MEMO_CAP) m.set(c, p);
    }
    return p;
  }

  private readonly enumTable = (e: string): EnumTable => this.schema.enumTable(e);
  private get required(): string[] {
    return (this.requiredCache ??= Object.entries(this.decl)
      .filter(([, f]) => f.need === "required")
      .map(([n]) => n));
  }
  private requiredCache: string[] | undefined;

  /** Birth date and sex from the ID number when not given; a disagreement or a bad number is reported. */
  private idNumber(rec: RowRecord): boolean {
    const values = rec.values;
    const facts = idNumberFacts(String(values.id_number));
    const where = rec.where("id_number");
    const header = rec.header("id_number");
    // Only its use remains: the number is dropped from the record here.
    delete values.id_number;
    if (!facts.ok) {
      this.sink.add("D109", { where, header, why: facts.why, why_zh: ID_WHY_ZH[facts.why] });
      return false;
    }
    let ok = true;
    if (values.birth_date === undefined) values.birth_date = facts.birth;
    else if (values.birth_date !== facts.birth && !this.withinMonth(values, facts.birth)) {
      this.sink.add("D110", { where, header, field: rec.header("birth_date") });
      ok = false;
    }
    if (values.sex === undefined) values.sex = facts.sex;
    else if (values.sex !== facts.sex) {
      this.sink.add("D110", { where, header, field: rec.header("sex") });
      ok = false;
    }
    return ok;
  }

  /** A month-only birth date agrees with the ID number when the number's day falls in that month. */
  private withinMonth(values: Record<string, unknown>, birth: Day): boolean {
    const start = values.birth_date as Day;
    return birth >= start && birth < start + 31 && formatDate(birth).slice(0, 7) === formatDate(start).slice(0, 7);
  }
}

/** Distinct cell texts remembered per field (dates of birth: some 20,000 a generation). */
const MEMO_CAP = 1 << 17;

const ID_WHY_ZH: Record<string, string> = {
  form: "应为18位（最后一位可为 X）",
  check: "校验位不符",
  date: "其中的出生日期不存在",
};

export interface Info {
  asOf?: Day;
  schoolYear?: string;
  start?: Day;
}

/** The 基本信息 sheet: rows of key, value. */
export function infoRow(sink: Sink, table: string, r: RawRow, info: Info): void {
  const [k, v] = r.cells;
  if (typeof k !== "string" || isEmpty(v)) return;
  const key = normalizeHeader(k);
  const where = `${table}!${cellRef(1, r.number)}`;
  const date = (): Day | undefined => {
    const p = parseDate(v);
    if ("bad" in p || p.interval) {
      sink.add("D106", {
        where,
        header: k,
        value: showCell(v),
        expected: "a full date",
        expected_zh: "完整日期（年月日）",
      });
      return undefined;
    }
    return p.value as Day;
  };
  if (key === "基准日" || key === "as_of") info.asOf = date();
  else if (key === "开始日期" || key === "start") info.start = date();
  else if (key === "学年" || key === "school_year") {
    const s = String(v).trim();
    const m = /^(\d{4})\s*[-—–至~]\s*(\d{4})(学年)?$/.exec(s);
    if (m && Number(m[2]) === Number(m[1]) + 1) info.schoolYear = `${m[1]}-${m[2]}`;
    else
      sink.add("D106", {
        where,
        header: k,
        value: showCell(v),
        expected: "a school year YYYY-YYYY",
        expected_zh: "学年（如 2024-2025）",
      });
  }
}

/** Reads a workbook or a CSV folder; which one is decided by the path. */
export async function readTabular(path: string, options: TabularOptions = {}): Promise<Result<Dataset>> {
  const sink = new Sink(path);
  const schema = options.schema ?? BUILTIN_SCHEMA;
  const readers = new Map<Kind, TableReader>();
  const info: Info = {};
  const reader = (kind: Exclude<Kind, "info">, name: string): TableReader => {
    const r = new TableReader(sink, name, kind, schema[kind], schema);
    readers.set(kind, r);
    return r;
  };
  const tell = options.onProgress;
  const meter: Meter | undefined = tell ? { bytes: 0 } : undefined;
  let rows = 0;
  let size = 0;
  // Rows so far, and the total they would reach at this many rows per byte.
  const counted = () => {
    if (tell && (++rows & 4095) === 0)
      tell("read", rows, meter!.bytes > 0 ? Math.round((rows * size) / meter!.bytes) : 0);
  };
  try {
    const folder = isFolder(path);
    if (tell) size = folder ? folderBytes(path) : statSync(path).size;
    const tables: AsyncIterable<Table> = folder
      ? csvTables(path, sink, info, (p, name) => csvTable(p, name, meter))
      : workbookTables(path, meter);
    for await (const t of tables) {
      const kind = kindOfName(t.name);
      if (!kind || readers.has(kind as Exclude<Kind, "info">)) {
        if (!kind) sink.add("D103", { where: t.name, header: t.name });
        for await (const _ of t.rows); // drained: the stream moves on to the next sheet
        continue;
      }
      if (kind === "info") {
        for await (const r of t.rows) infoRow(sink, t.name, r, info);
        continue;
      }
      const tr = reader(kind, t.name);
      for await (const r of t.rows) {
        tr.row(r);
        counted();
      }
    }
  } catch (e) {
    return { diagnostics: unreadable(sink, path, e) };
  }
  const asOf = readiness(sink, path, (k) => readers.has(k), options.asOf ?? info.asOf);
  if (asOf === undefined) return { diagnostics: sink.diags };
  return { value: assemble(sink, readers, info, asOf, schema), diagnostics: sink.diags };
}

/**
 * The reference date a roster states (基本信息's 基准日, a CSV folder's
 * dataset.yaml `as_of`), read without the roster: a CSV folder's tables are
 * not opened; a workbook's sheets before 基本信息 are skipped unparsed by
 * lungang (exceljs still unzips them) and reading stops there. Only errors
 * about the date or the container are returned (D101, D106, D111); the rows
 * are judged when the roster is read.
 */
export async function readTabularDate(path: string): Promise<Result<Day>> {
  const sink = new Sink(path);
  const info: Info = {};
  try {
    if (isFolder(path)) {
      // dataset.yaml is read before the first table is handed over; no table is opened.
      const tables = csvTables(path, sink, info, (_p, name) => ({ name, rows: (async function* () {})() }));
      await tables.next();
      await tables.return(undefined);
    } else {
      for await (const t of workbookTables(path)) {
        if (kindOfName(t.name) === "info") {
          for await (const r of t.rows) infoRow(sink, t.name, r, info);
          break;
        }
        for await (const _ of t.rows); // the stream moves on only past a drained sheet
      }
    }
  } catch (e) {
    return { diagnostics: unreadable(sink, path, e).filter((d) => d.severity === "error") };
  }
  if (info.asOf !== undefined) return { value: info.asOf, diagnostics: [] };
  sink.add("D111", { file: path });
  return { diagnostics: sink.diags.filter((d) => d.severity === "error") };
}

/** The container could not be read (D101): the diagnostics so far. */
export function unreadable(sink: Sink, path: string, e: unknown): Diagnostic[] {
  if (e instanceof UndecodableError) {
    const { file, failure } = e;
    const args = { file, offset: failure.offset, line: failure.line, ...describeFailure(failure) };
    sink.diags.push(diag("D080", args, { file }));
    return sink.diags;
  }
  const err =
    e instanceof SourceError
      ? e
      : new SourceError(String((e as Error)?.message ?? e), String((e as Error)?.message ?? e));
  sink.add("D101", { file: path, reason: err.reason, reason_zh: err.reason_zh });
  return sink.diags;
}

/** The schools and teachers tables are there (D100) and the reference date is known (D111): that date. */
export function readiness(
  sink: Sink,
  path: string,
  has: (k: "school" | "teacher") => boolean,
  asOf: Day | undefined,
): Day | undefined {
  for (const need of ["school", "teacher"] as const) {
    if (!has(need)) sink.add("D100", { file: path, table: SHEETS[need][0]!, csv: `${SHEETS[need][1]}.csv` });
  }
  if (asOf === undefined) sink.add("D111", { file: path });
  return has("school") && has("teacher") ? asOf : undefined;
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new SourceError("no such file or folder", "文件或文件夹不存在");
  }
}

/** The size of a folder's CSV files, in bytes. */
function folderBytes(dir: string): number {
  return readdirSync(dir)
    .filter((f) => /\.csv$/i.test(f))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** The CSV files of a folder as tables (`table` opens one), and its dataset.yaml into `info`. */
export async function* csvTables(
  dir: string,
  sink: Sink,
  info: Info,
  table: (path: string, name: string) => Table = csvTable,
): AsyncGenerator<Table> {
  const yamlFile = join(dir, "dataset.yaml");
  if (existsSync(yamlFile)) {
    const doc = YAML.parse(readFileSync(yamlFile, "utf8")) as unknown;
    const rec = (doc ?? {}) as { as_of?: unknown; plan?: { school_year?: unknown; start?: unknown } };
    const d = (v: unknown, what: string): Day | undefined => {
      if (v === undefined || v === null) return undefined;
      const day = typeof v === "string" ? parseIsoDate(v) : undefined;
      if (day === undefined)
        sink.add("D106", {
          where: `dataset.yaml ${what}`,
          header: what,
          value: String(v),
          expected: "YYYY-MM-DD",
          expected_zh: "日期（YYYY-MM-DD）",
        });
      return day;
    };
    const asOf = d(rec.as_of, "as_of");
    if (asOf !== undefined) info.asOf = asOf;
    const start = d(rec.plan?.start, "plan.start");
    if (start !== undefined) info.start = start;
    if (typeof rec.plan?.school_year === "string") info.schoolYear = rec.plan.school_year;
  }
  for (const kind of ["school", "teacher", "move", "history"] as const) {
    for (const n of SHEETS[kind]) {
      for (const name of [`${n}.csv`]) {
        const p = join(dir, name);
        if (existsSync(p)) {
          yield table(p, basename(p));
          break;
        }
      }
    }
  }
}

/** References resolved, cross-checks made, rejected rows counted: the Dataset. */
function assemble(sink: Sink, readers: Map<Kind, TableReader>, info: Info, asOf: Day, schema: InputSchema): Dataset {
  const intake: MutableIntake = {
    teachersIn: 0,
    rejectedTeachers: [],
    schoolsIn: 0,
    schoolsRejected: 0,
    movesIn: 0,
    movesRejected: 0,
  };
  // Schools.
  const schoolRows = readers.get("school")!.records;
  const schoolById = new Map<string, School>();
  const byName = new Map<string, string[]>();
  const schools: School[] = [];
  intake.schoolsIn = schoolRows.length;
  for (const r of schoolRows) {
    const id = r.values.id as string | undefined;
    if (r.ok && id !== undefined && schoolById.has(id)) {
      sink.add("D112", { where: r.where("id"), header: r.header("id"), value: id });
      r.ok = false;
    }
    if (!r.ok) {
      intake.schoolsRejected++;
      continue;
    }
    const s = build(schema.school, valuesOf(r)) as School;
    schools.push(s);
    schoolById.set(s.id, s);
    if (s.name) byName.set(s.name, [...(byName.get(s.name) ?? []), s.id]);
  }
  /** A school written as an id or an exact name; undefined (reported) otherwise. */
  const school = (r: RowRecord, field: string): string | undefined => {
    const w = r.values[field] as string;
    if (schoolById.has(w)) return w;
    const named = byName.get(w);
    if (named && named.length === 1) return named[0];
    sink.add(named ? "D114" : "D113", { where: r.where(field), header: r.header(field), value: w });
    return undefined;
  };

  // Teachers.
  const teacherRows = readers.get("teacher")!.records;
  const dateFields = Object.entries(schema.teacher)
    .filter(([, f]) => f.type.t === "date")
    .map(([n]) => n);
  intake.teachersIn = teacherRows.length;
  const rowsById = new Map<string, RowRecord>();
  for (const r of teacherRows) {
    const id = r.values.id as string | undefined;
    if (id !== undefined && rowsById.has(id)) {
      sink.add("D112", { where: r.where("id"), header: r.header("id"), value: id });
      r.ok = false;
    } else if (id !== undefined) rowsById.set(id, r);
    if (r.values.school !== undefined) {
      const s = school(r, "school");
      if (s === undefined) r.ok = false;
      else r.values.school = s;
    }
    for (const name of dateFields) {
      const d = r.values[name];
      if (typeof d === "number" && d > asOf) {
        sink.add("D115", {
          where: r.where(name),
          header: r.header(name),
          value: formatDate(d),
          as_of: formatDate(asOf),
        });
        r.ok = false;
      }
    }
  }
  // History rows attach to their teacher; a bad one makes the teacher's facts unreliable.
  const history = new Map<string, HistoryEntry[]>();
  for (const r of readers.get("history")?.records ?? []) {
    const tid = r.values.teacher as string | undefined;
    const owner = tid === undefined ? undefined : rowsById.get(tid);
    if (tid !== undefined && !owner) {
      sink.add("D116", { where: r.where("teacher"), header: r.header("teacher"), value: tid });
      continue;
    }
    if (r.values.school !== undefined) {
      const s = school(r, "school");
      if (s === undefined) r.ok = false;
      else r.values.school = s;
    }
    const from = r.values.from as Day | undefined;
    const to = r.values.to as Day | undefined;
    if (r.ok && from !== undefined && to !== undefined && from > to) {
      sink.add("D117", { where: r.where("to"), from: formatDate(from), to: formatDate(to) });
      r.ok = false;
    }
    if (r.ok && to !== undefined && to > asOf) {
      sink.add("D115", {
        where: r.where("to"),
        header: r.header("to"),
        value: formatDate(to),
        as_of: formatDate(asOf),
      });
      r.ok = false;
    }
    if (!owner) continue;
    if (!r.ok) {
      owner.ok = false;
      continue;
    }
    const list = history.get(tid!) ?? [];
    list.push(build(schema.history, valuesOf(r)) as HistoryEntry);
    history.set(tid!, list);
  }
  const teachers: Teacher[] = [];
  const teacherById = new Map<string, Teacher>();
  let monthOnly = 0;
  for (const r of teacherRows) {
    if (!r.ok) {
      intake.rejectedTeachers.push({
        row: `${r.table}!${r.row}`,
        ...(typeof r.values.id === "string" ? { id: r.values.id } : {}),
        ...(typeof r.values.school === "string" ? { school: r.values.school } : {}),
      });
      continue;
    }
    // In order of their first day: a month-only date (the month's DayRange) sorts by its first day
    // (subtracting the span itself gave NaN, and the entries kept the sheet's order).
    const h = (history.get(r.values.id as string) ?? []).sort(
      (a, b) => firstDay(a.from as Day | DayRange) - firstDay(b.from as Day | DayRange),
    );
    const t = build(schema.teacher, { ...valuesOf(r), history: h }) as Teacher;
    teachers.push(t);
    teacherById.set(t.id, t);
    if (r.intervals) monthOnly++;
  }

  // Moves.
  const moveRows = readers.get("move")?.records;
  const moves: Move[] = [];
  const moved = new Set<string>();
  intake.movesIn = moveRows?.length ?? 0;
  for (const r of moveRows ?? []) {
    const tid = r.values.teacher as string | undefined;
    if (r.ok && tid !== undefined && !teacherById.has(tid)) {
      // A move of a rejected teacher is not checked either (its row was reported already).
      if (!rowsById.has(tid)) sink.add("D116", { where: r.where("teacher"), header: r.header("teacher"), value: tid });
      r.ok = false;
    }
    for (const f of ["from", "to"] as const) {
      if (r.values[f] === undefined) continue;
      const s = school(r, f);
      if (s === undefined) r.ok = false;
      else r.values[f] = s;
    }
    const t = tid === undefined ? undefined : teacherById.get(tid);
    if (r.ok && t && r.values.from !== t.school) {
      sink.add("D118", { where: r.where("from"), teacher: t.id, school: t.school, from: String(r.values.from) });
      r.ok = false;
    }
    if (r.ok && r.values.from === r.values.to) {
      sink.add("D118", {
        where: r.where("to"),
        teacher: tid!,
        school: String(r.values.from),
        from: String(r.values.to),
      });
      r.ok = false;
    }
    if (r.ok && moved.has(tid!)) {
      sink.add("D119", { where: r.where("teacher"), value: tid! });
      r.ok = false;
    }
    const years = r.values.years as number | undefined;
    if (r.ok && years !== undefined && years <= 0) {
      sink.add("D106", {
        where: r.where("years"),
        header: r.header("years"),
        value: String(years),
        expected: "a whole number of years ≥ 1",
        expected_zh: "不小于 1 的整数年数",
      });
      r.ok = false;
    }
    if (!r.ok) {
      intake.movesRejected++;
      continue;
    }
    moved.add(tid!);
    moves.push(build(schema.move, valuesOf(r)) as Move);
  }
  if (monthOnly > 0) sink.add("D120", { count: monthOnly });
  const plan =
    moveRows !== undefined
      ? {
          ...(info.schoolYear !== undefined ? { school_year: info.schoolYear } : {}),
          ...(info.start !== undefined ? { start: info.start } : {}),
          moves,
        }
      : undefined;
  return { asOf, schools, teachers, ...(plan ? { plan } : {}), schoolById, teacherById, intake };
}

/**
 * A row's values for the model. A month-only date — of any date fact, built-in
 * or declared, of any record — is the month's DayRange (src/time/date.ts): the
 * evaluators decide a comparison only when every day of it agrees (E010
 * otherwise), never on a guessed day.
 */
function valuesOf(r: RowRecord): Record<string, unknown> {
  if (!r.intervals) return r.values;
  const ranged = Object.fromEntries(Object.entries(r.intervals).map(([f, iv]) => [f, { from: iv.from, to: iv.to }]));
  return { ...r.values, ...ranged };
}

type MutableIntake = { -readonly [K in keyof Intake]: Intake[K] } & {
  rejectedTeachers: { row: string; id?: string; school?: string }[];
};

/**
 * A model record with every declared key set, in declaration order (one
 * hidden class per kind, like schema.ts's converters): absent optional facts
 * undefined, defaulted ones none/zero/false.
 */
function build(decl: Readonly<Record<string, FieldDecl>>, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(decl)) {
    if (f.type.t === "secret") continue;
    const v = values[name];
    if (v !== undefined || f.need !== "default") out[name] = v;
    else out[name] = f.type.t === "years" || f.type.t === "int" ? 0 : f.type.t === "bool" ? false : [];
  }
  return out;
}
