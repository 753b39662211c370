// National-scale data as a CSV folder (issue 14): the bench generator's
// synthetic Dalian districts, generated chunk by chunk (each chunk its own
// seed, its ids and district names made distinct by a chunk prefix) and
// appended to teachers.csv, schools.csv, moves.csv and history.csv in UTF-8
// with Chinese headers and labels — never the whole country in memory.
// Default: 10.7M teachers in 190k schools, 12% of the teachers moved.
//
//   node dist/bench/national-generate.js --teachers 10700000 --out bench/out/national
//   node dist/bench/national-generate.js --teachers 1000000 --out bench/out/national-1m

import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { School, Teacher } from "../src/data/model.js";
import { toMove, toSchool, toTeacher, type RawMove, type RawSchool, type RawTeacher } from "../src/data/schema.js";
import { BUILTIN_SCHEMA } from "../src/data/tabular/read.js";
import { CSV_NAME, cellOf, columnsOf, type Column } from "../src/data/tabular/write.js";
import { generate } from "./generate.js";

export interface NationalOptions {
  readonly teachers: number;
  readonly schools?: number;
  /** Share of each school's due people moved (default 0.86: 12% of all teachers, as about 14% are due). */
  readonly moved?: number;
  /** Teachers per generated chunk (default 100,000). */
  readonly chunk?: number;
  readonly out: string;
  readonly quiet?: boolean;
}

export interface NationalInfo {
  readonly teachers: number;
  readonly schools: number;
  readonly moves: number;
  readonly history: number;
  readonly bytes: number;
}

type Kind = "school" | "teacher" | "move" | "history";

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Appends rows to the four files through 1 MB buffers. */
class Writer {
  private readonly fds = new Map<Kind, number>();
  private readonly bufs = new Map<Kind, string[]>();
  private readonly sizes = new Map<Kind, number>();
  readonly cols: Record<Kind, Column[]>;
  bytes = 0;
  constructor(dir: string) {
    this.cols = {
      school: columnsOf(BUILTIN_SCHEMA, "school"),
      teacher: columnsOf(BUILTIN_SCHEMA, "teacher"),
      move: columnsOf(BUILTIN_SCHEMA, "move"),
      history: columnsOf(BUILTIN_SCHEMA, "history"),
    };
    for (const k of ["school", "teacher", "move", "history"] as const) {
      this.fds.set(k, openSync(join(dir, CSV_NAME[k]), "w"));
      this.bufs.set(k, []);
      this.sizes.set(k, 0);
      this.put(k, this.cols[k].map((c) => csvCell(c.header)).join(","));
    }
  }
  row(k: Kind, rec: Record<string, unknown>): void {
    this.put(k, this.cols[k].map((c) => csvCell(cellOf(rec[c.field], c, BUILTIN_SCHEMA, "text"))).join(","));
  }
  private put(k: Kind, line: string): void {
    this.bufs.get(k)!.push(line);
    const size = this.sizes.get(k)! + line.length;
    this.sizes.set(k, size);
    if (size > 1 << 20) this.flush(k);
  }
  private flush(k: Kind): void {
    const b = this.bufs.get(k)!;
    if (b.length) this.bytes += writeSync(this.fds.get(k)!, b.join("\n") + "\n");
    this.bufs.set(k, []);
    this.sizes.set(k, 0);
  }
  close(): void {
    for (const k of this.fds.keys()) {
      this.flush(k);
      closeSync(this.fds.get(k)!);
    }
  }
}

export function generateNational(o: NationalOptions): NationalInfo {
  const chunk = o.chunk ?? 100_000;
  const schoolsTotal = o.schools ?? Math.round(o.teachers / (10_700_000 / 190_000));
  const moved = o.moved ?? 0.86;
  const chunks = Math.max(1, Math.ceil(o.teachers / chunk));
  mkdirSync(o.out, { recursive: true });
  const w = new Writer(o.out);
  let teachers = 0;
  let schools = 0;
  let moves = 0;
  let history = 0;
  let asOf = "";
  let year = "";
  let start = "";
  for (let c = 0; c < chunks; c++) {
    const n = Math.min(chunk, o.teachers - teachers);
    const ns = Math.max(1, Math.round((schoolsTotal * (teachers + n)) / o.teachers) - schools);
    const raw = generate({ seed: 1400 + c, teachers: n, schools: ns, movesPerDue: moved });
    asOf = raw.as_of;
    year = raw.plan.school_year;
    start = raw.plan.start;
    // Ids and districts of one chunk are its own: a prefix per chunk.
    const p = `c${c.toString(36)}`;
    for (const rs of raw.schools) {
      const s: School = toSchool(rs as RawSchool);
      w.row("school", {
        ...s,
        id: p + s.id,
        ...(s.district !== undefined ? { district: s.district + p } : {}),
        ...(s.legal_entity !== undefined ? { legal_entity: p + s.legal_entity } : {}),
        ...(s.group !== undefined ? { group: p + s.group } : {}),
      });
    }
    for (const rt of raw.teachers) {
      const t: Teacher = toTeacher(rt as RawTeacher);
      w.row("teacher", { ...t, id: p + t.id, school: p + t.school });
      for (const h of t.history) {
        w.row("history", { ...h, teacher: p + t.id, school: p + h.school });
        history++;
      }
    }
    for (const rm of raw.plan.moves) {
      const m = toMove(rm as RawMove);
      w.row("move", { ...m, teacher: p + m.teacher, from: p + m.from, to: p + m.to });
    }
    teachers += raw.teachers.length;
    schools += raw.schools.length;
    moves += raw.plan.moves.length;
    if (!o.quiet) process.stderr.write(`\r${teachers.toLocaleString("en")} teachers …`);
  }
  w.close();
  writeFileSync(join(o.out, "dataset.yaml"), `as_of: ${asOf}\nplan:\n  school_year: ${year}\n  start: ${start}\n`);
  if (!o.quiet) process.stderr.write("\n");
  return { teachers, schools, moves, history, bytes: w.bytes };
}

function main(argv: readonly string[]): void {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string) => (get(name) !== undefined ? Number(get(name)!.replace(/_/g, "")) : undefined);
  const t0 = performance.now();
  const info = generateNational({
    teachers: num("teachers") ?? 10_700_000,
    out: get("out") ?? "bench/out/national",
    ...(num("schools") !== undefined ? { schools: num("schools")! } : {}),
    ...(num("moved") !== undefined ? { moved: num("moved")! } : {}),
    ...(num("chunk") !== undefined ? { chunk: num("chunk")! } : {}),
  });
  process.stderr.write(
    `${info.teachers} teachers, ${info.schools} schools, ${info.moves} moves, ${info.history} history rows; ` +
      `${(info.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
