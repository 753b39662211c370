// Columnar reading — a folder of CSV files (teachers also as NDJSON) →
// ColumnarData: rows validated as they stream (the tabular reader's own
// TableReader: headers, cell values, D102–D110) into typed columns, then the
// cross-references of src/data/tabular/read.ts's `assemble` made over the
// columns, with the same diagnostics in the same order (D112–D120). Nothing
// holds the file as one string, and no object per row is kept. Large files
// are cut into parts read on worker threads (parallel.ts), appended in order.
//
// A folder the fast tokenizer cannot read as csv-parse would (src/columnar/csv.ts)
// comes back as `irregular`: the caller reads it on the object path.

import { statSync } from "node:fs";
import type { Result } from "../diagnostics/diagnostic.js";
import { formatDate, type Day } from "../time/date.js";
import type { Intake, School } from "../data/model.js";
import {
  BUILTIN_SCHEMA,
  Sink,
  TableReader,
  csvTables,
  isFolder,
  kindOfName,
  readiness,
  unreadable,
  type Info,
  type InputSchema,
  type Kind,
  type TabularOptions,
} from "../data/tabular/read.js";
import type { RawRow } from "../data/tabular/sources.js";
import { ColumnTable, IdIndex, TextColumn } from "./columns.js";
import { Irregular } from "./csv.js";
import { ndjsonFields, readNdjson } from "./ndjson.js";
import { readInParallel, readPlan, type FileJob, type ReadStats } from "./parallel.js";
import { ReadTable, readCsvTable } from "./table.js";

type RecordKind = Exclude<Kind, "info">;

/** A dataset in columns: schools as records (a few hundred thousand), people and moves as columns. */
export interface ColumnarData {
  /** The facts the tables were read with (their columns are the schema's fields). */
  readonly schema: InputSchema;
  readonly asOf: Day;
  readonly schoolYear?: string;
  readonly start?: Day;
  readonly schools: readonly School[];
  readonly schoolById: ReadonlyMap<string, School>;
  /** Accepted teachers only, in file order. */
  readonly teachers: ColumnTable;
  /** Each teacher row's school, as an index into `schools`. */
  readonly teacherSchool: Int32Array;
  /** Id → accepted teacher row; −1 for an id of a rejected row or of nobody. */
  rowOf(id: string): number;
  /** History rows of teacher row r are `historyOrder[historyStart[r] .. historyStart[r + 1])`, oldest first. */
  readonly history?: { readonly cols: ColumnTable; readonly start: Int32Array; readonly order: Int32Array };
  /** The accepted moves, in file order; undefined without a plan. */
  readonly moves?: ColumnTable;
  readonly moveTeacher: Int32Array;
  readonly moveFrom: Int32Array;
  readonly moveTo: Int32Array;
  /** Teacher row → its move's index, −1 when not moved. */
  readonly moveOfRow: Int32Array;
  readonly intake: Intake;
}

/** A CSV folder read into columns; `irregular` when it needs the object path's reader instead. */
export type ColumnarResult = Result<ColumnarData> & { readonly irregular?: true };

/** Reading options; `threads`: worker threads to read with (default: the cores, LUNGANG_THREADS; 1 reads here). */
export interface ColumnarOptions extends TabularOptions {
  readonly threads?: number;
  /** Bytes a part of a large file holds at most (default 32 MiB; LUNGANG_PART_BYTES): how files are cut for the threads. */
  readonly partBytes?: number;
  /** Filled in when the files are read in parallel: threads, parts, files read again whole. */
  readonly stats?: ReadStats;
}

/**
 * Read a CSV folder into columns (see the header), large files in parts on
 * worker threads (src/columnar/parallel.ts) with the same result. Never
 * throws on user input.
 */
export async function readColumnar(path: string, options: ColumnarOptions = {}): Promise<ColumnarResult> {
  const sink = new Sink(path);
  const schema = options.schema ?? BUILTIN_SCHEMA;
  const tables = new Map<RecordKind, ReadTable>();
  const info: Info = {};
  const raw: { number: number; cells: RawRow["cells"] } = { number: 0, cells: [] };
  // Progress as the object path tells it (data/tabular/read.ts): rows so far, the total estimated from the bytes.
  const tell = options.onProgress;
  const meter = tell ? { bytes: 0 } : undefined;
  let rowsRead = 0;
  let size = 0;
  const report = () => tell!("read", rowsRead, meter!.bytes > 0 ? Math.round((rowsRead * size) / meter!.bytes) : 0);
  const tick = () => {
    if (tell && (++rowsRead & 4095) === 0) report();
  };
  try {
    isFolder(path);
    const files: { path: string; name: string }[] = [];
    for await (const t of csvTables(path, sink, info, (p, name) => {
      files.push({ path: p, name });
      return { name, rows: (async function* () {})() };
    }))
      void t;
    const ndjson = readNdjson.find(path);
    // teachers.ndjson is not metered: no estimate of the total then, only the rows so far.
    if (tell && !ndjson) size = files.reduce((n, f) => n + statSync(f.path).size, 0);
    const jobs: FileJob[] = [];
    for (const file of files) {
      const kind = kindOfName(file.name);
      if (!kind || kind === "info" || tables.has(kind)) continue;
      // teachers.ndjson stands in for teachers.csv when both are there: one roster, not two.
      if (kind === "teacher" && ndjson) continue;
      jobs.push({ kind, name: file.name, path: file.path });
    }
    const parallel = readPlan(jobs, options.threads, options.partBytes);
    if (parallel) {
      for (const [kind, t] of await readInParallel(jobs, schema, sink, {
        ...parallel,
        ...(options.stats ? { stats: options.stats } : {}),
        onRows: (rows, bytes) => {
          rowsRead += rows;
          if (meter) meter.bytes += bytes;
          if (tell) report();
        },
      }))
        tables.set(kind, t);
    } else
      for (const job of jobs) {
        const t = new ReadTable(job.kind, job.name, schema);
        tables.set(job.kind, t);
        await readCsvTable(t, sink, schema, job.path, { tick, ...(meter ? { meter } : {}) });
      }
    if (ndjson) {
      const t = new ReadTable("teacher", ndjson.name, schema);
      tables.set("teacher", t);
      const fields = ndjsonFields(schema);
      t.where = {
        table: ndjson.name,
        colOf: Object.fromEntries(fields.map((f, i) => [f, i])),
        headerOf: Object.fromEntries(fields.map((f) => [f, f])),
      };
      const tr = new TableReader(sink, ndjson.name, "teacher", schema.teacher, schema);
      tr.onRecord = (rec) => t.add(rec);
      await readNdjson(
        ndjson.path,
        ndjson.name,
        schema,
        sink,
        (cells, line) => {
          tick();
          raw.number = line;
          raw.cells = cells;
          tr.row(raw);
        },
        (line) => t.reject(line),
      );
    }
  } catch (e) {
    if (e instanceof Irregular) return { diagnostics: [], irregular: true };
    return { diagnostics: unreadable(sink, path, e) };
  }
  const asOf = readiness(sink, path, (k) => tables.has(k), options.asOf ?? info.asOf);
  if (asOf === undefined) return { diagnostics: sink.diags };
  const value = { ...assembleColumns(sink, tables, info, asOf), schema };
  return { value, diagnostics: sink.diags };
}

/** References resolved, cross-checks made, rejected rows counted, in the order `assemble` makes them. */
function assembleColumns(
  sink: Sink,
  tables: Map<RecordKind, ReadTable>,
  info: Info,
  asOf: Day,
): Omit<ColumnarData, "schema"> {
  // Schools: few enough to be records, built as the object path builds them.
  const st = tables.get("school")!;
  const schools: School[] = [];
  const schoolById = new Map<string, School>();
  const schoolIndex = new Map<string, number>();
  const byName = new Map<string, string[]>();
  let schoolsRejected = 0;
  for (let r = 0; r < st.rows; r++) {
    const id = st.cols.get(r, "id") as string | undefined;
    if (st.ok[r] && id !== undefined && schoolById.has(id)) {
      sink.add("D112", { where: st.at(r, "id"), header: st.header("id"), value: id });
      st.ok[r] = 0;
    }
    if (!st.ok[r]) {
      schoolsRejected++;
      continue;
    }
    const s = st.cols.load(r, {}) as unknown as School;
    schoolIndex.set(s.id, schools.length);
    schools.push(s);
    schoolById.set(s.id, s);
    if (s.name) byName.set(s.name, [...(byName.get(s.name) ?? []), s.id]);
  }
  /** A school written as an id or an exact name → its index; −1 (reported) otherwise. */
  const resolveSchool = (t: ReadTable, r: number, field: string): number => {
    const w = t.cols.get(r, field) as string;
    const i = schoolIndex.get(w);
    if (i !== undefined) return i;
    const named = byName.get(w);
    if (named && named.length === 1) return schoolIndex.get(named[0]!)!;
    sink.add(named ? "D114" : "D113", { where: t.at(r, field), header: t.header(field), value: w });
    return -1;
  };
  /**
   * Resolve a school field of a row in place (the id replaces the name); −1
   * when not resolved. A text written before resolves alike (its code is
   * remembered), but each failure is still reported at its own cell.
   */
  // Per text column, by the code of the text written: the school's index, and the code of its id (the text put in).
  const resolved = new Map<TextColumn, { school: Int32Array; id: Uint32Array }>();
  const schoolField = (t: ReadTable, r: number, field: string): number => {
    const col = t.cols.column(field) as TextColumn;
    let memo = resolved.get(col);
    if (!memo || memo.school.length < col.strings.values.length) {
      const size = col.strings.values.length + 1024;
      const m = { school: new Int32Array(size).fill(-2), id: new Uint32Array(size) };
      if (memo) {
        m.school.set(memo.school);
        m.id.set(memo.id);
      }
      resolved.set(col, (memo = m));
    }
    const code = col.a[r]!;
    let i = memo.school[code]!;
    if (i === -2 || i === -1) {
      i = resolveSchool(t, r, field);
      memo.school[code] = i;
      // Interning the id may add a text (a school written by name): the memo grows on the next call.
      if (i >= 0) memo.id[code] = col.strings.code(schools[i]!.id);
    }
    if (i >= 0) col.a[r] = memo.id[code]!;
    return i;
  };

  // Teachers.
  const tt = tables.get("teacher")!;
  const n = tt.rows;
  const teacherSchoolAll = new Int32Array(n).fill(-1);
  const dateFields = Object.entries(tt.cols.decl)
    .filter(([, f]) => f.type.t === "date")
    .map(([name]) => ({ name, col: tt.cols.column(name)! }));
  const idCol = tt.cols.column("id")!;
  const schoolCol = tt.cols.column("school")!;
  // Each id's first row (by the row numbers before `compact`; rowOf maps them to the rows kept).
  const rowsById = new IdIndex(n, (r) => idCol.get(r) as string | undefined);
  for (let r = 0; r < n; r++) {
    const id = idCol.get(r) as string | undefined;
    if (id !== undefined && rowsById.add(id, r) >= 0) {
      sink.add("D112", { where: tt.at(r, "id"), header: tt.header("id"), value: id });
      tt.ok[r] = 0;
    }
    if (schoolCol.get(r) !== undefined) {
      const s = schoolField(tt, r, "school");
      if (s < 0) tt.ok[r] = 0;
      else teacherSchoolAll[r] = s;
    }
    for (const { name, col } of dateFields) {
      const d = col.get(r);
      if (typeof d === "number" && d > asOf) {
        sink.add("D115", {
          where: tt.at(r, name),
          header: tt.header(name),
          value: formatDate(d),
          as_of: formatDate(asOf),
        });
        tt.ok[r] = 0;
      }
    }
  }
  // History rows attach to their teacher; a bad one makes the teacher's facts unreliable.
  const ht = tables.get("history");
  const owner = ht ? new Int32Array(ht.rows).fill(-1) : undefined;
  if (ht) {
    const fromCol = ht.cols.column("from")!;
    const toCol = ht.cols.column("to")!;
    const teacherCol = ht.cols.column("teacher")!;
    // A teacher's history rows usually follow one another: the row before's lookup is reused.
    let lastTid: string | undefined;
    let lastRow: number | undefined;
    for (let r = 0; r < ht.rows; r++) {
      const tid = teacherCol.get(r) as string | undefined;
      if (tid !== lastTid) {
        lastTid = tid;
        const at = tid === undefined ? -1 : rowsById.get(tid);
        lastRow = at < 0 ? undefined : at;
      }
      const o = lastRow;
      if (tid !== undefined && o === undefined) {
        sink.add("D116", { where: ht.at(r, "teacher"), header: ht.header("teacher"), value: tid });
        continue;
      }
      if (ht.cols.get(r, "school") !== undefined && schoolField(ht, r, "school") < 0) ht.ok[r] = 0;
      const from = fromCol.get(r) as Day | undefined;
      const to = toCol.get(r) as Day | undefined;
      if (ht.ok[r] && from !== undefined && to !== undefined && from > to) {
        sink.add("D117", { where: ht.at(r, "to"), from: formatDate(from), to: formatDate(to) });
        ht.ok[r] = 0;
      }
      if (ht.ok[r] && to !== undefined && to > asOf) {
        sink.add("D115", {
          where: ht.at(r, "to"),
          header: ht.header("to"),
          value: formatDate(to),
          as_of: formatDate(asOf),
        });
        ht.ok[r] = 0;
      }
      if (o === undefined) continue;
      if (!ht.ok[r]) {
        tt.ok[o] = 0;
        continue;
      }
      owner![r] = o;
    }
    // Each row's teacher is its owner's index from here on: the ids written on the rows are let go.
    ht.cols.release("teacher");
  }
  const rejectedTeachers: { row: string; id?: string; school?: string }[] = [];
  const rejectedIds = new Map<number, string>();
  for (let r = 0; r < n; r++) {
    if (tt.ok[r]) continue;
    const id = idCol.get(r);
    if (typeof id === "string") rejectedIds.set(r, id);
    const school = schoolCol.get(r);
    rejectedTeachers.push({
      row: `${tt.name}!${tt.line[r]}`,
      ...(typeof id === "string" ? { id } : {}),
      ...(typeof school === "string" ? { school } : {}),
    });
  }
  const rowMap = tt.cols.compact((r) => tt.ok[r] === 1);
  // The index still knows every row by its old number: a kept row's id is now at its new row, a dropped one's kept aside.
  rowsById.rekey((r) => (rowMap[r]! >= 0 ? (idCol.get(rowMap[r]!) as string | undefined) : rejectedIds.get(r)));
  const kept = tt.cols.rows;
  const teacherSchool = new Int32Array(kept);
  for (let r = 0; r < n; r++) if (rowMap[r]! >= 0) teacherSchool[rowMap[r]!] = teacherSchoolAll[r]!;
  // One index for both questions: an id of any row, and its accepted row (−1 when rejected).
  const rowOf = (id: string): number => {
    const r = rowsById.get(id);
    return r < 0 ? -1 : rowMap[r]!;
  };
  // People with a month-only date (D120), as the object path counts them.
  const monthOnly = tt.cols.intervals.size;
  // History in CSR form by (new) teacher row, each teacher's entries by start date (a stable sort, as the object path's).
  let history: ColumnarData["history"];
  if (ht && owner) {
    const start = new Int32Array(kept + 1);
    for (let r = 0; r < ht.rows; r++) {
      const o = owner[r]!;
      if (o >= 0 && rowMap[o]! >= 0) start[rowMap[o]! + 1]!++;
    }
    for (let k = 0; k < kept; k++) start[k + 1]! += start[k]!;
    const order = new Int32Array(start[kept]!);
    const fill = start.slice(0, kept);
    for (let r = 0; r < ht.rows; r++) {
      const o = owner[r]!;
      if (o >= 0 && rowMap[o]! >= 0) order[fill[rowMap[o]!]!++] = r;
    }
    const fromCol = ht.cols.column("from")!;
    for (let k = 0; k < kept; k++) {
      for (let i = start[k]! + 1; i < start[k + 1]!; i++) {
        const x = order[i]!;
        const fx = fromCol.get(x) as number;
        let j = i - 1;
        while (j >= start[k]! && (fromCol.get(order[j]!) as number) > fx) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = x;
      }
    }
    history = { cols: ht.cols, start, order };
  }

  // Moves.
  const mt = tables.get("move");
  const moved = new Uint8Array(kept);
  let movesRejected = 0;
  const accepted: number[] = [];
  const mTeacher: number[] = [];
  const mFrom: number[] = [];
  const mTo: number[] = [];
  if (mt) {
    const yearsCol = mt.cols.column("years")!;
    for (let r = 0; r < mt.rows; r++) {
      const tid = mt.cols.get(r, "teacher") as string | undefined;
      const at = tid === undefined ? -1 : rowOf(tid);
      const k = at >= 0 ? at : undefined;
      if (mt.ok[r] && tid !== undefined && k === undefined) {
        // A move of a rejected teacher is not checked either (its row was reported already).
        if (rowsById.get(tid) < 0)
          sink.add("D116", { where: mt.at(r, "teacher"), header: mt.header("teacher"), value: tid });
        mt.ok[r] = 0;
      }
      const ends: number[] = [-1, -1];
      (["from", "to"] as const).forEach((f, i) => {
        if (mt.cols.get(r, f) === undefined) return;
        const s = schoolField(mt, r, f);
        if (s < 0) mt.ok[r] = 0;
        else ends[i] = s;
      });
      const from = mt.cols.get(r, "from") as string | undefined;
      const to = mt.cols.get(r, "to") as string | undefined;
      if (mt.ok[r] && k !== undefined) {
        const school = schools[teacherSchool[k]!]!.id;
        if (from !== school) {
          sink.add("D118", { where: mt.at(r, "from"), teacher: tid!, school, from: String(from) });
          mt.ok[r] = 0;
        }
      }
      if (mt.ok[r] && from === to) {
        sink.add("D118", { where: mt.at(r, "to"), teacher: tid!, school: String(from), from: String(to) });
        mt.ok[r] = 0;
      }
      if (mt.ok[r] && moved[k!]) {
        sink.add("D119", { where: mt.at(r, "teacher"), value: tid! });
        mt.ok[r] = 0;
      }
      const years = yearsCol.get(r) as number | undefined;
      if (mt.ok[r] && years !== undefined && years <= 0) {
        sink.add("D106", {
          where: mt.at(r, "years"),
          header: mt.header("years"),
          value: String(years),
          expected: "a whole number of years ≥ 1",
          expected_zh: "不小于 1 的整数年数",
        });
        mt.ok[r] = 0;
      }
      if (!mt.ok[r]) {
        movesRejected++;
        continue;
      }
      moved[k!] = 1;
      accepted.push(r);
      mTeacher.push(k!);
      mFrom.push(ends[0]!);
      mTo.push(ends[1]!);
    }
  }
  const movesIn = mt?.rows ?? 0;
  if (mt) {
    let i = 0;
    mt.cols.compact((r) => accepted[i] === r && ++i > 0);
  }
  const moveOfRow = new Int32Array(kept).fill(-1);
  mTeacher.forEach((k, i) => (moveOfRow[k] = i));
  if (monthOnly > 0) sink.add("D120", { count: monthOnly });
  const intake: Intake = {
    teachersIn: n,
    rejectedTeachers,
    schoolsIn: st.rows,
    schoolsRejected,
    movesIn,
    movesRejected,
  };
  return {
    asOf,
    ...(info.schoolYear !== undefined ? { schoolYear: info.schoolYear } : {}),
    ...(info.start !== undefined ? { start: info.start } : {}),
    schools,
    schoolById,
    teachers: tt.cols,
    teacherSchool,
    rowOf,
    ...(history ? { history } : {}),
    ...(mt ? { moves: mt.cols } : {}),
    moveTeacher: Int32Array.from(mTeacher),
    moveFrom: Int32Array.from(mFrom),
    moveTo: Int32Array.from(mTo),
    moveOfRow,
    intake,
  };
}
