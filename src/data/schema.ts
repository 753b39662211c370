// Data — zod schemas for the raw YAML/JSON input (CONTRACT.md "Input: …"), and
// the conversion of checked raw records into model.ts objects. Consumes the JS
// value the YAML/JSON parser produced; read.ts turns the issues into D-codes.

import { z } from "zod";
import { fromYmd, parseIsoDate, type Day } from "../time/date.js";
import { BUILTIN_SCHEMA, type InputSchema } from "./declared.js";
import { HISTORY, MOVE, SCHOOL, TEACHER, type FieldDecl, type RawOf } from "./fields.js";
import type { HistoryEntry, Move, Plan, School, Teacher } from "./model.js";

/**
 * Custom issues carry `params.kind` so read.ts can map them to a D-code
 * without parsing zod's prose: "date" (not a calendar date, or not a string at
 * all), "school_year" (not YYYY-YYYY of consecutive years).
 *
 * Why no `.transform()` and no `.default()` in these schemas: in zod 4 each
 * transform adds a pipe per field, which tripled validation time on large
 * datasets. The schemas only *check*; `toSchool`/`toTeacher`/… below then build
 * the model objects in one pass (dates → Day, null → undefined, defaults),
 * which also gives every teacher the same object shape for the evaluator.
 */
export type IssueKind = "date" | "school_year";

/** A date as written: an ISO string, or a Date if a YAML !!timestamp tag or a JS caller produced one. */
export type RawDate = string | Date;

/** The Day of a raw date, or undefined if it is none. */
export function dayOf(v: unknown): Day | undefined {
  if (typeof v === "string") return parseIsoDate(v);
  // The default YAML 1.2 core schema reads 2024-09-01 as a string, so a Date
  // is rare; its UTC calendar date is the one that was written.
  if (v instanceof Date && !Number.isNaN(v.getTime()))
    return fromYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  return undefined;
}

/**
 * A required date. A missing value fails this check too; read.ts reports it
 * as D003 by looking at the raw input, so no separate "required" issue is needed.
 */
const date = z.custom<RawDate>((v) => dayOf(v) !== undefined, { params: { kind: "date" } });

// Optional fields are `.nullish()`: null means "not recorded" like absence does,
// since YAML reads an empty value (`school_since:`) as null and bureau exports
// have empty cells.
const id = z.string().min(1);

/** The values of an enum as zod wants them (a non-empty tuple; an enum without values accepts none). */
function valuesOf(input: InputSchema, e: string): [string, ...string[]] {
  return Object.keys(input.enumTable(e).labels) as [string, ...string[]];
}

/** The zod check of one declared field's raw value. */
function fieldSchema(f: FieldDecl, history: z.ZodType, input: InputSchema): z.ZodType {
  const t = f.type;
  switch (t.t) {
    case "text":
    case "secret":
      return z.string();
    case "id":
    case "ref":
      return id;
    case "date":
      return date;
    case "bool":
      return z.boolean();
    case "int":
      return z.number().int();
    // A move's `years` is only type-checked here: a non-positive or fractional
    // period is a plan problem (D024) reported by read.ts with the other move checks.
    case "years":
      return f.range === "any" ? z.number() : z.number().int().min(0);
    case "enum":
      return z.enum(valuesOf(input, t.e));
    case "enums":
      return z.array(z.enum(valuesOf(input, t.e)));
    case "texts":
      return z.array(z.string());
    case "history":
      return z.array(history);
  }
}

/** A record's raw JSON shape with every optional field also allowing null. */
type Nullish<R> = { [K in keyof R]: undefined extends R[K] ? R[K] | null : R[K] };

function objectOf<D extends Readonly<Record<string, FieldDecl>>, R>(
  decl: D,
  input: InputSchema,
  history: z.ZodType = z.never(),
) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(decl)) {
    const s = fieldSchema(f, history, input);
    shape[name] = f.need === "required" ? s : s.nullish();
  }
  return z.object(shape) as unknown as z.ZodType<Nullish<R>>;
}

/** `2024-2025`: two consecutive years. */
const schoolYear = z.custom<string>(
  (v) => {
    const m = typeof v === "string" ? /^(\d{4})-(\d{4})$/.exec(v) : null;
    return m !== null && Number(m[2]) === Number(m[1]) + 1;
  },
  { params: { kind: "school_year" } },
);

/** The zod schemas of one input schema (the built-in one, or a policy's with its declared facts). */
function zodOf(input: InputSchema) {
  // `rotation` and `personnel_transfer` are a backward-compatible extension: whether this
  // period was a rotation (交流轮岗) recognised by the bureau, and whether the post moved with it.
  const HistoryEntrySchema = objectOf<typeof HISTORY, RawOf<typeof HISTORY>>(input.history as typeof HISTORY, input);
  const SchoolSchema = objectOf<typeof SCHOOL, RawOf<typeof SCHOOL>>(input.school as typeof SCHOOL, input);
  const TeacherSchema = objectOf<typeof TEACHER, RawOf<typeof TEACHER, RawOf<typeof HISTORY>>>(
    input.teacher as typeof TEACHER,
    input,
    HistoryEntrySchema,
  );
  const MoveSchema = objectOf<typeof MOVE, RawOf<typeof MOVE>>(input.move as typeof MOVE, input);
  const PlanSchema = z.object({
    school_year: schoolYear.nullish(),
    start: date.nullish(),
    moves: z.array(MoveSchema),
  });

  /**
   * `as_of` is optional at this level because `--as-of` may supply it; read.ts
   * reports it missing (D003) when neither does.
   */
  const DatasetSchema = z.object({
    as_of: date.nullish(),
    schools: z.array(SchoolSchema),
    teachers: z.array(TeacherSchema),
    plan: PlanSchema.nullish(),
  });

  /**
   * A case file: one `teacher`, with the schools as `schools` (a list) and/or the
   * teacher's own school as `school` (one mapping). CONTRACT.md can be read
   * either way, so both are accepted and merged.
   */
  const CaseFileSchema = z.object({
    as_of: date.nullish(),
    teacher: TeacherSchema,
    school: SchoolSchema.nullish(),
    schools: z.array(SchoolSchema).nullish(),
  });
  return { HistoryEntrySchema, SchoolSchema, TeacherSchema, MoveSchema, PlanSchema, DatasetSchema, CaseFileSchema };
}

const BUILTIN_ZOD = zodOf(BUILTIN_SCHEMA);
export const {
  HistoryEntrySchema,
  SchoolSchema,
  TeacherSchema,
  MoveSchema,
  PlanSchema,
  DatasetSchema,
  CaseFileSchema,
} = BUILTIN_ZOD;

export type RawSchool = z.output<typeof SchoolSchema>;
export type RawTeacher = z.output<typeof TeacherSchema>;
export type RawHistoryEntry = z.output<typeof HistoryEntrySchema>;
export type RawMove = z.output<typeof MoveSchema>;
export type RawPlan = z.output<typeof PlanSchema>;
export type RawDataset = z.output<typeof DatasetSchema>;
export type RawCaseFile = z.output<typeof CaseFileSchema>;

/** The fields each kind of record may have, for the "unknown field" warning (D007). */
function knownOf(input: InputSchema) {
  return {
    dataset: Object.keys(DatasetSchema.shape),
    case: Object.keys(CaseFileSchema.shape),
    school: Object.keys(input.school),
    teacher: Object.keys(input.teacher),
    history: Object.keys(input.history),
    plan: Object.keys(PlanSchema.shape),
    move: Object.keys(input.move),
  } as const;
}
export const KNOWN_FIELDS = knownOf(BUILTIN_SCHEMA);

// ---------------------------------------------------------------------------
// Checked raw record → model object. Only valid after the schema accepted the
// input: `day()` relies on the date check having passed.

/** null and absent both become undefined. */
function u<T>(v: T | null | undefined): T | undefined {
  return v === null ? undefined : v;
}

function day(v: RawDate): Day {
  return dayOf(v)!;
}

function optDay(v: RawDate | null | undefined): Day | undefined {
  return v === null || v === undefined ? undefined : dayOf(v);
}

const NONE: readonly never[] = Object.freeze([]);

/** The default an absent `need: "default"` field takes: none, zero, false. */
function defaultOf(f: FieldDecl): string {
  const t = f.type.t;
  return t === "years" || t === "int" ? "0" : t === "bool" ? "false" : "NONE";
}

/**
 * The raw-record → model-object converter of a declaration, generated once:
 * a literal object with every key set (absent facts as undefined), so all
 * records of a kind share one hidden class and no per-field loop runs per
 * record. Dates become Day numbers, null becomes undefined, and defaulted
 * fields get their default. Property names are the declaration's own keys.
 */
function converter<R, M>(decl: Readonly<Record<string, FieldDecl>>, nested?: (h: never) => unknown): (r: R) => M {
  // The ID number is used by the roster reader and never kept in the model.
  const parts = Object.entries(decl)
    .filter(([, f]) => f.type.t !== "secret")
    .map(([field, f]) => {
      // Declared facts may have Chinese keys: quoted, so any key is safe.
      const name = JSON.stringify(field);
      const v = `r[${name}]`;
      const t = f.type.t;
      if (t === "history") return `${name}: ${v} ? ${v}.map(nested) : NONE`;
      if (t === "date") return `${name}: ${f.need === "required" ? `day(${v})` : `optDay(${v})`}`;
      if (f.need === "default") return `${name}: ${v} ?? ${defaultOf(f)}`;
      if (f.need === "required") return `${name}: ${v}`;
      return `${name}: ${v} === null ? undefined : ${v}`;
    });
  const make = new Function("day", "optDay", "NONE", "nested", `return (r) => ({ ${parts.join(", ")} });`);
  return make(day, optDay, NONE, nested) as (r: R) => M;
}

/** What a dataset is checked and converted with: the zod schemas, the known fields and the converters of one input schema. */
export interface Readers {
  readonly DatasetSchema: typeof DatasetSchema;
  readonly CaseFileSchema: typeof CaseFileSchema;
  readonly known: typeof KNOWN_FIELDS;
  readonly toSchool: (s: RawSchool) => School;
  readonly toTeacher: (t: RawTeacher) => Teacher;
  readonly toPlan: (p: RawPlan) => Plan;
  readonly toMove: (m: RawMove) => Move;
}

function readersOf(input: InputSchema): Readers {
  const zod = input === BUILTIN_SCHEMA ? BUILTIN_ZOD : zodOf(input);
  const toHistoryEntry: (h: RawHistoryEntry) => HistoryEntry = converter(input.history);
  const toMove: (m: RawMove) => Move = converter(input.move);
  return {
    DatasetSchema: zod.DatasetSchema as typeof DatasetSchema,
    CaseFileSchema: zod.CaseFileSchema as typeof CaseFileSchema,
    known: input === BUILTIN_SCHEMA ? KNOWN_FIELDS : knownOf(input),
    toSchool: converter(input.school),
    // The defaults are the contract's: no honors, conditions or history recorded
    // means none; no deferral; not a volunteer.
    toTeacher: converter(input.teacher, toHistoryEntry as (h: never) => unknown),
    toMove,
    toPlan: (p) => ({ school_year: u(p.school_year), start: optDay(p.start), moves: p.moves.map(toMove) }),
  };
}

const readersCache = new WeakMap<InputSchema, Readers>();
/** The readers of an input schema, built once per schema. */
export function readers(input: InputSchema = BUILTIN_SCHEMA): Readers {
  let r = readersCache.get(input);
  if (!r) readersCache.set(input, (r = readersOf(input)));
  return r;
}

export const { toSchool, toTeacher, toPlan, toMove } = readers(BUILTIN_SCHEMA);
