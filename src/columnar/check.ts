// Columnar plan check — the compiled program over ColumnarData: every person
// decided by row index into a byte column, the plan checks run by the same
// loop as the object path (runChecks in src/plan/check-plan.ts), subjects'
// people and moves walked as integer ranges (CSR indexes per school, district,
// group …, built once by counting sort, file order kept) instead of arrays
// of records and Map lookups per person. A row is loaded into a reused
// record only while it is evaluated: no object per person is kept.
// The result equals checkPlan's on the same dataset (test/columnar/).

import type { Move, School, Teacher } from "../data/model.js";
import type { Program } from "../interpreter/compile.js";
import { MOVE_PERSON, newFrame, worldOf, type Frame, type Subject, type World } from "../interpreter/frame.js";
import type { Value } from "../interpreter/values.js";
import {
  GROUP_KEY,
  backboneOf,
  rejectedRowsOf,
  runChecks,
  type CheckWatch,
  type GroupKind,
  type OnProgress,
  type PlanResult,
  type SchoolSummary,
} from "../plan/check-plan.js";
import type { DecisionValue } from "../semantics/rule-kinds.js";
import type { ColumnarData } from "./read.js";

/** A loaded record remembers its row, so the plan facts about it are found by index. */
const ROW: unique symbol = Symbol("row");
/** The move a move record holds (Rows.move): one that holds it already is not loaded again. */
const MOVE_ROW: unique symbol = Symbol("move row");
/** A reused record's own history list (Rows.reload): refilled, not made again, for the next row. */
const HISTORY: unique symbol = Symbol("history");
type Loaded = Record<string | symbol, unknown>;

const DECISIONS: readonly DecisionValue[] = ["indeterminate", "required", "eligible", "deferred", "not_required"];
const CODE = new Map<string, number>(DECISIONS.map((d, i) => [d, i]));

/** Whether a policy looks at a person's earlier service (else a loaded person's history is left empty). */
function readsHistory(program: Program): boolean {
  for (const r of program.policy.resolutions.values()) {
    if (r.k === "derived" && r.info.name === "entity_tenure") return true;
    if (r.k === "collection" && r.name === "service") return true;
  }
  return false;
}

/** Rows and moves as records, loaded on demand. */
export class Rows {
  private readonly history: boolean;
  /** `allHistory`: load every person's history, also when the policy does not read it (records handed out). */
  constructor(
    readonly data: ColumnarData,
    program: Program,
    allHistory = false,
  ) {
    this.history = allHistory || readsHistory(program);
  }
  get count(): number {
    return this.data.teachers.rows;
  }
  /**
   * Row `row` into `into` (a fresh record when absent). A record given is
   * reused whole: its history list and entries too, when this made them.
   */
  teacher(row: number, into?: Loaded): Teacher {
    // Records are only read: one that holds the row already is left as it is (a Pool's, see Walk).
    if (into !== undefined && into[ROW] === row) return into as unknown as Teacher;
    const rec = into ?? {};
    // Not enumerable: the record equals the object path's; a copy ({...t}) is found by its id.
    // Both keys first, in this order: every record loaded has the one shape (the loader stays monomorphic).
    if (ROW in rec) rec[ROW] = row;
    else {
      Object.defineProperty(rec, ROW, { value: row, writable: true, enumerable: false });
      Object.defineProperty(rec, HISTORY, { value: undefined, writable: true, enumerable: false });
    }
    const history = into ? this.refill(row, into) : this.historyOf(row);
    this.data.teachers.load(row, rec as Record<string, unknown>, history);
    return rec as unknown as Teacher;
  }
  /** The teacher id of the move loaded last, and its teacher's row: a move's teacher found without the id index. */
  lastMoveTeacher: unknown;
  lastMoveRow = -1;
  move(i: number, into: Loaded = {}): Move {
    if (into[MOVE_ROW] !== i) {
      this.data.moves!.load(i, into as Record<string, unknown>);
      if (MOVE_ROW in into) into[MOVE_ROW] = i;
      else Object.defineProperty(into, MOVE_ROW, { value: i, writable: true, enumerable: false });
    }
    this.lastMoveTeacher = into.teacher;
    this.lastMoveRow = this.data.moveTeacher[i]!;
    return into as unknown as Move;
  }
  /** Id → accepted row (−1: none); the move just loaded's teacher without a lookup (the checks ask for it next). */
  rowOfId(id: string): number {
    return id === this.lastMoveTeacher ? this.lastMoveRow : this.data.rowOf(id);
  }
  rowOf(t: Teacher): number | undefined {
    const r = (t as unknown as Loaded)[ROW];
    if (typeof r === "number") return r;
    const at = this.data.rowOf(t.id);
    return at >= 0 ? at : undefined;
  }
  /** historyOf for a record loaded before: the list it holds (HISTORY) and its entries refilled in place. */
  private refill(row: number, into: Loaded): readonly unknown[] {
    const h = this.data.history;
    if (!h || !this.history) return NO_HISTORY;
    const from = h.start[row]!;
    const to = h.start[row + 1]!;
    if (from === to) return NO_HISTORY;
    let own = into[HISTORY] as Loaded[] | undefined;
    if (!own) into[HISTORY] = own = [];
    own.length = to - from;
    for (let i = from; i < to; i++) own[i - from] = h.cols.load(h.order[i]!, own[i - from] ?? {});
    return own;
  }
  private historyOf(row: number): readonly unknown[] {
    const h = this.data.history;
    if (!h || !this.history) return NO_HISTORY;
    const from = h.start[row]!;
    const to = h.start[row + 1]!;
    if (from === to) return NO_HISTORY;
    const out: unknown[] = [];
    for (let i = from; i < to; i++) out.push(h.cols.load(h.order[i]!, {}));
    return out;
  }
}

const NO_HISTORY: readonly unknown[] = Object.freeze([]);

/**
 * Records by position in a walk, shared by the walks of one collection of one
 * subject kind (a school's people, its moves out, its moves in). A walk's
 * i-th item is loaded into the i-th record, and a record that already holds
 * that row is not loaded again — so the walks a check makes over the same
 * subject (a share: two counts over its people) load each row once. Only the
 * subject in the frame is walked, and a walk nested in another over the same
 * subject puts the same row at the same place, so a record is never changed
 * under an item still in use. Past POOL_CAP items (a subject of the whole
 * plan) a walk loads into a record of its own.
 */
class Pool {
  readonly recs: Loaded[] = [];
  readonly also: Loaded[] = [];
}
const POOL_CAP = 1 << 16;

/**
 * The people or moves of a subject: a range of an order array, loaded into
 * the records of its Pool (so walks may nest).
 */
class Walk<T> implements Iterable<T> {
  constructor(
    private readonly load: (i: number, into: Loaded, also: Loaded) => T,
    private readonly pool: Pool,
    readonly order: Int32Array,
    readonly from: number,
    readonly to: number,
  ) {}
  get length(): number {
    return this.to - this.from;
  }
  [Symbol.iterator](): Iterator<T> {
    // `also`: a second record at each place (a move's person, MOVE_PERSON).
    let own: Loaded | undefined;
    let ownAlso: Loaded | undefined;
    const { recs, also } = this.pool;
    const res = { value: undefined as unknown as T, done: false };
    let i = this.from;
    return {
      next: () => {
        if (i >= this.to) return { value: undefined, done: true };
        const k = i - this.from;
        const into = k < POOL_CAP ? (recs[k] ??= {}) : (own ??= {});
        const with_ = k < POOL_CAP ? (also[k] ??= {}) : (ownAlso ??= {});
        res.value = this.load(this.order[i++]!, into, with_);
        return res;
      },
    };
  }
}

/** Items 0..n−1 grouped by `key(i)` (−1: in no group), each group's items in order: CSR start and order. */
export function groupIndex(
  n: number,
  groups: number,
  key: (i: number) => number,
): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) {
    const g = key(i);
    if (g >= 0) start[g + 1]!++;
  }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const order = new Int32Array(start[groups]!);
  const fill = start.slice(0, groups);
  for (let i = 0; i < n; i++) {
    const g = key(i);
    if (g >= 0) order[fill[g]!++] = i;
  }
  return { start, order };
}

/** The subjects of one kind over the columns, in the order checkPlan's subjectsOf lists them. */
function columnSubjects(kind: GroupKind, data: ColumnarData, rows: Rows): Subject[] {
  const key = GROUP_KEY[kind];
  const ids: string[] = [];
  const index = new Map<string, number>();
  const subjectOfSchool = new Int32Array(data.schools.length);
  const schoolsOf: School[][] = [];
  data.schools.forEach((s, i) => {
    const k = key(s);
    if (k === undefined) {
      subjectOfSchool[i] = -1;
      return;
    }
    let g = index.get(k);
    if (g === undefined) {
      g = ids.length;
      index.set(k, g);
      ids.push(k);
      schoolsOf.push([]);
    }
    subjectOfSchool[i] = g;
    schoolsOf[g]!.push(s);
  });
  const of = (school: number) => (school < 0 ? -1 : subjectOfSchool[school]!);
  const people = groupIndex(rows.count, ids.length, (r) => of(data.teacherSchool[r]!));
  const moves = data.moveTeacher.length;
  const out = groupIndex(moves, ids.length, (m) => of(data.moveFrom[m]!));
  const inn = groupIndex(moves, ids.length, (m) => of(data.moveTo[m]!));
  const person = (r: number, into: Loaded) => rows.teacher(r, into);
  // A move walked carries its person (an aggregate over moves reads it), loaded into the walk's second record.
  const move = (m: number, into: Loaded, also: Loaded) => {
    const mv = rows.move(m, into);
    const r = data.moveTeacher[m]!;
    const who = r < 0 ? undefined : rows.teacher(r, also);
    // Not enumerable, as ROW: the record equals the object path's.
    if (MOVE_PERSON in into) into[MOVE_PERSON] = who;
    else Object.defineProperty(into, MOVE_PERSON, { value: who, writable: true, enumerable: false });
    return mv;
  };
  const pools = { people: new Pool(), moves: new Pool(), movesIn: new Pool() };
  const walk = <T>(
    load: (i: number, into: Loaded, also: Loaded) => T,
    pool: Pool,
    x: { start: Int32Array; order: Int32Array },
    g: number,
  ) => new Walk(load, pool, x.order, x.start[g]!, x.start[g + 1]!) as unknown as T[];
  return ids.map((id, g) => ({
    kind,
    id,
    ...(kind === "school" ? { school: schoolsOf[g]![0]! } : {}),
    teachers: walk(person, pools.people, people, g),
    moves: walk(move, pools.moves, out, g),
    movesIn: walk(move, pools.movesIn, inn, g),
    schools: schoolsOf[g]!,
  }));
}

/** Id → a record of its row, loaded fresh on each `get` (the world's people, for a move's teacher). */
export class TeacherIndex implements ReadonlyMap<string, Teacher> {
  constructor(private readonly rows: Rows) {}
  get size(): number {
    return this.rows.count;
  }
  get(id: string): Teacher | undefined {
    const r = this.rows.rowOfId(id);
    return r < 0 ? undefined : this.rows.teacher(r);
  }
  has(id: string): boolean {
    return this.rows.rowOfId(id) >= 0;
  }
  *entries(): MapIterator<[string, Teacher]> {
    for (let r = 0; r < this.rows.count; r++) yield [this.id(r), this.rows.teacher(r)];
  }
  *keys(): MapIterator<string> {
    for (let r = 0; r < this.rows.count; r++) yield this.id(r);
  }
  *values(): MapIterator<Teacher> {
    for (let r = 0; r < this.rows.count; r++) yield this.rows.teacher(r);
  }
  forEach(cb: (value: Teacher, key: string, map: ReadonlyMap<string, Teacher>) => void): void {
    for (let r = 0; r < this.rows.count; r++) cb(this.rows.teacher(r), this.id(r), this);
  }
  [Symbol.iterator](): MapIterator<[string, Teacher]> {
    return this.entries();
  }
  private id(r: number): string {
    return this.rows.data.teachers.get(r, "id") as string;
  }
}

/** Id → decision, over the decision column. */
export class DecisionIndex implements ReadonlyMap<string, string> {
  constructor(
    private readonly rows: Rows,
    private readonly codes: Uint8Array,
  ) {}
  /** The decision of row `r`. */
  at(r: number): string {
    return DECISIONS[this.codes[r]!]!;
  }
  /** The decisions of rows `rows` as codes into `names`. */
  codesOf(rows: Int32Array): Uint8Array {
    return Uint8Array.from(rows, (r) => this.codes[r]!);
  }
  /** What each code means. */
  readonly names: readonly string[] = DECISIONS;
  get size(): number {
    return this.rows.count;
  }
  get(id: string): string | undefined {
    const r = this.rows.data.rowOf(id);
    return r < 0 ? undefined : DECISIONS[this.codes[r]!];
  }
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
  *entries(): MapIterator<[string, string]> {
    for (let r = 0; r < this.rows.count; r++) yield [this.id(r), DECISIONS[this.codes[r]!]!];
  }
  *keys(): MapIterator<string> {
    for (let r = 0; r < this.rows.count; r++) yield this.id(r);
  }
  *values(): MapIterator<string> {
    for (let r = 0; r < this.rows.count; r++) yield DECISIONS[this.codes[r]!]!;
  }
  forEach(cb: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (let r = 0; r < this.rows.count; r++) cb(DECISIONS[this.codes[r]!]!, this.id(r), this);
  }
  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
  private id(r: number): string {
    return this.rows.data.teachers.get(r, "id") as string;
  }
}

/** Decide every row: one byte per person. `decided` replaces the loop (a worker pool's result). */
export function decideRows(program: Program, rows: Rows, world: World, from = 0, to = rows.count): Uint8Array {
  const out = new Uint8Array(to - from);
  const f = newFrame(world);
  const into: Loaded = {};
  for (let r = from; r < to; r++) out[r - from] = CODE.get(program.decideValue(rows.teacher(r, into), f))!;
  return out;
}

/** The base world of a columnar dataset: its schools, its people by id (loaded on demand). */
export function columnarWorld(program: Program, rows: Rows, params: ReadonlyMap<string, Value>): World {
  const data = rows.data;
  return worldOf(
    program.policy,
    { asOf: data.asOf, schools: data.schoolById, teachers: new TeacherIndex(rows) },
    params,
  );
}

/** checkPlan over columns (see the header); `codes` are the decisions when already made (by workers). */
export function checkColumnar(
  program: Program,
  data: ColumnarData,
  params: ReadonlyMap<string, Value> = new Map(),
  onProgress?: OnProgress,
  codes?: Uint8Array,
  watch?: CheckWatch & { decided?(d: DecisionIndex): void },
): PlanResult & { readonly decisions: DecisionIndex } {
  const rows = new Rows(data, program);
  const baseWorld = columnarWorld(program, rows, params);
  const people = rows.count;
  let decisions = codes;
  if (!decisions) {
    decisions = new Uint8Array(people);
    const step = 1 << 16;
    for (let r = 0; r < people; r += step) {
      onProgress?.("decide", r, people);
      decisions.set(decideRows(program, rows, baseWorld, r, Math.min(people, r + step)), r);
    }
  }
  onProgress?.("decide", people, people);
  const dec = decisions;
  const decided = new DecisionIndex(rows, dec);
  watch?.decided?.(decided);
  const moveOf = (t: Teacher): Move | undefined => {
    const r = rows.rowOf(t);
    const m = r === undefined ? -1 : data.moveOfRow[r]!;
    return m < 0 ? undefined : rows.move(m);
  };
  const world: World = {
    ...baseWorld,
    plan: {
      decisionOf: (t: Teacher) => {
        const r = rows.rowOf(t);
        return r === undefined ? "indeterminate" : DECISIONS[dec[r]!]!;
      },
      moveOf,
    },
  };
  const f: Frame = newFrame(world);
  const subjectCache = new Map<GroupKind, Subject[]>();
  const subjects = (k: GroupKind): Subject[] => {
    let s = subjectCache.get(k);
    if (!s) subjectCache.set(k, (s = columnSubjects(k, data, rows)));
    return s;
  };
  const person: Loaded = {};
  const move: Loaded = {};
  const found = runChecks(
    program,
    f,
    {
      eachMove(visit) {
        for (let m = 0; m < data.moveTeacher.length; m++) {
          const mv = rows.move(m, move);
          f.move = mv;
          f.person = rows.teacher(data.moveTeacher[m]!, person);
          f.subject = undefined;
          visit({ kind: "move", id: `${mv.teacher}:${mv.from}→${mv.to}` });
        }
      },
      eachTeacher(visit) {
        for (let r = 0; r < people; r++) {
          const t = rows.teacher(r, person);
          f.person = t;
          const m = data.moveOfRow[r]!;
          f.move = m < 0 ? undefined : rows.move(m, move);
          f.subject = undefined;
          visit({ kind: "teacher", id: t.id });
        }
      },
      subjects,
      rejected: rejectedRowsOf(data.intake),
    },
    onProgress,
    watch,
  );

  // The per-school summary: integer passes over the school index.
  const backbone = backboneOf(program);
  const schoolSubjects = subjects("school");
  const schools: SchoolSummary[] = schoolSubjects.map((s) => {
    let due = 0;
    let deferred = 0;
    let dueMoved = 0;
    const ps = s.teachers as unknown as Walk<Teacher>;
    for (let i = ps.from; i < ps.to; i++) {
      const r = ps.order[i]!;
      const d = dec[r]!;
      if (d === REQUIRED) {
        due++;
        if (data.moveOfRow[r]! >= 0) dueMoved++;
      } else if (d === DEFERRED) deferred++;
    }
    let backboneOut: number | undefined;
    if (backbone) {
      backboneOut = 0;
      const ms = s.moves as unknown as Walk<Move>;
      for (let i = ms.from; i < ms.to; i++) {
        f.person = rows.teacher(data.moveTeacher[ms.order[i]!]!, person);
        f.gen++;
        if (backbone(f) === true) backboneOut++;
      }
    }
    const counts: SchoolSummary = {
      school: s.school!,
      teachers: ps.length,
      due,
      deferred,
      dueMoved,
      movedOut: 0,
      movedIn: 0,
    };
    return Object.assign(
      counts,
      { movedOut: s.moves.length, movedIn: s.movesIn.length },
      backboneOut === undefined ? {} : { backboneOut },
    );
  });
  return { ...found, schools, decisions: decided };
}

const REQUIRED = CODE.get("required")!;
const DEFERRED = CODE.get("deferred")!;
