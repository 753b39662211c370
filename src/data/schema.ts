// Data — zod schemas for the raw YAML/JSON input (CONTRACT.md "Input: …"), and
// the conversion of checked raw records into model.ts objects. Consumes the JS
// value the YAML/JSON parser produced; read.ts turns the issues into D-codes.

import { z } from "zod";
import { fromYmd, parseIsoDate, type Day } from "../time/date.js";
import { HISTORY, MOVE, SCHOOL, TEACHER, type FieldDecl, type RawOf } from "./fields.js";
import { enumValues, type HistoryEntry, type Move, type Plan, type School, type Teacher } from "./model.js";

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

/** The zod check of one declared field's raw value. */
function fieldSchema(f: FieldDecl, history: z.ZodType): z.ZodType {
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
      return z.enum(enumValues(t.e));
    case "enums":
      return z.array(z.enum(enumValues(t.e)));
    case "texts":
      return z.array(z.string());
    case "history":
      return z.array(history);
  }
}

/** A record's raw JSON shape with every optional field also allowing null. */
type Nullish<R> = { [K in keyof R]: undefined extends R[K] ? R[K] | null : R[K] };

function objectOf<D extends Record<string, FieldDecl>, R>(decl: D, history: z.ZodType = z.never()) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(decl)) {
    const s = fieldSchema(f, history);
    shape[name] = f.need === "required" ? s : s.nullish();
  }
  return z.object(shape) as unknown as z.ZodType<Nullish<R>>;
}

// `rotation` and `personnel_transfer` are a backward-compatible extension: whether this
// period was a rotation (交流轮岗) recognised by the bureau, and whether the post moved with it.
export const HistoryEntrySchema = objectOf<typeof HISTORY, RawOf<typeof HISTORY>>(HISTORY);
export const SchoolSchema = objectOf<typeof SCHOOL, RawOf<typeof SCHOOL>>(SCHOOL);
export const TeacherSchema = objectOf<typeof TEACHER, RawOf<typeof TEACHER, RawOf<typeof HISTORY>>>(
  TEACHER,
  HistoryEntrySchema,
);
export const MoveSchema = objectOf<typeof MOVE, RawOf<typeof MOVE>>(MOVE);

/** `2024-2025`: two consecutive years. */
const schoolYear = z.custom<string>(
  (v) => {
    const m = typeof v === "string" ? /^(\d{4})-(\d{4})$/.exec(v) : null;
    return m !== null && Number(m[2]) === Number(m[1]) + 1;
  },
  { params: { kind: "school_year" } },
);

export const PlanSchema = z.object({
  school_year: schoolYear.nullish(),
  start: date.nullish(),
  moves: z.array(MoveSchema),
});

/**
 * `as_of` is optional at this level because `--as-of` may supply it; read.ts
 * reports it missing (D003) when neither does.
 */
export const DatasetSchema = z.object({
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
export const CaseFileSchema = z.object({
  as_of: date.nullish(),
  teacher: TeacherSchema,
  school: SchoolSchema.nullish(),
  schools: z.array(SchoolSchema).nullish(),
});

export type RawSchool = z.output<typeof SchoolSchema>;
export type RawTeacher = z.output<typeof TeacherSchema>;
export type RawHistoryEntry = z.output<typeof HistoryEntrySchema>;
export type RawMove = z.output<typeof MoveSchema>;
export type RawPlan = z.output<typeof PlanSchema>;
export type RawDataset = z.output<typeof DatasetSchema>;
export type RawCaseFile = z.output<typeof CaseFileSchema>;

/** The fields each kind of record may have, for the "unknown field" warning (D007). */
export const KNOWN_FIELDS = {
  dataset: Object.keys(DatasetSchema.shape),
  case: Object.keys(CaseFileSchema.shape),
  school: Object.keys(SCHOOL),
  teacher: Object.keys(TEACHER),
  history: Object.keys(HISTORY),
  plan: Object.keys(PlanSchema.shape),
  move: Object.keys(MOVE),
} as const;

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
function converter<R, M>(decl: Record<string, FieldDecl>, nested?: (h: never) => unknown): (r: R) => M {
  // The ID number is used by the roster reader and never kept in the model.
  const parts = Object.entries(decl)
    .filter(([, f]) => f.type.t !== "secret")
    .map(([name, f]) => {
      const v = `r.${name}`;
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

export const toHistoryEntry: (h: RawHistoryEntry) => HistoryEntry = converter(HISTORY);
export const toSchool: (s: RawSchool) => School = converter(SCHOOL);
/**
 * The defaults are the contract's: no honors, conditions or history recorded
 * means none; no deferral; not a volunteer.
 */
export const toTeacher: (t: RawTeacher) => Teacher = converter(TEACHER, toHistoryEntry as (h: never) => unknown);
export const toMove: (m: RawMove) => Move = converter(MOVE);

export function toPlan(p: RawPlan): Plan {
  return { school_year: u(p.school_year), start: optDay(p.start), moves: p.moves.map(toMove) };
}
