// Data — zod schemas for the raw YAML/JSON input (CONTRACT.md "Input: …"), and
// the conversion of checked raw records into model.ts objects. Consumes the JS
// value the YAML/JSON parser produced; read.ts turns the issues into D-codes.

import { z } from "zod";
import { fromYmd, parseIsoDate, type Day } from "../time/date.js";
import {
  CONDITIONS,
  GROUP_ROLES,
  LOCATIONS,
  MODES,
  POST_CATEGORIES,
  ROLES,
  SEXES,
  STAFFING,
  TIERS,
  TITLES,
  type HistoryEntry,
  type Move,
  type Plan,
  type School,
  type Teacher,
} from "./model.js";

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

export const SchoolSchema = z.object({
  id,
  name: z.string().nullish(),
  district: z.string().nullish(),
  location: z.enum(LOCATIONS).nullish(),
  tier: z.enum(TIERS).nullish(),
  legal_entity: id.nullish(),
  group: id.nullish(),
  group_role: z.enum(GROUP_ROLES).nullish(),
  rotation_feasible: z.boolean().nullish(),
  staffing: z.enum(STAFFING).nullish(),
});

// `rotation` and `personnel_transfer` are a backward-compatible extension: whether this
// period was a rotation (交流轮岗) recognised by the bureau, and whether the post moved with it.
export const HistoryEntrySchema = z.object({
  school: id,
  from: date,
  to: date,
  rotation: z.boolean().nullish(),
  personnel_transfer: z.boolean().nullish(),
});

export const TeacherSchema = z.object({
  id,
  name: z.string().nullish(),
  sex: z.enum(SEXES),
  birth_date: date,
  role: z.enum(ROLES),
  post_category: z.enum(POST_CATEGORIES).nullish(),
  established: z.boolean().nullish(),
  on_post: z.boolean().nullish(),
  full_time: z.boolean().nullish(),
  school: id,
  school_since: date.nullish(),
  post_since: date.nullish(),
  title: z.enum(TITLES).nullish(),
  title_since: date.nullish(),
  honors: z.array(z.string()).nullish(),
  conditions: z.array(z.enum(CONDITIONS)).nullish(),
  deferred_years: z.number().int().min(0).nullish(),
  volunteer: z.boolean().nullish(),
  history: z.array(HistoryEntrySchema).nullish(),
});

/**
 * `years` is only type-checked here: a non-positive or fractional period is a
 * plan problem (D024) reported by read.ts with the other move checks.
 */
export const MoveSchema = z.object({
  teacher: id,
  from: id,
  to: id,
  mode: z.enum(MODES).nullish(),
  years: z.number().nullish(),
  personnel_transfer: z.boolean().nullish(),
});

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
  school: Object.keys(SchoolSchema.shape),
  teacher: Object.keys(TeacherSchema.shape),
  history: Object.keys(HistoryEntrySchema.shape),
  plan: Object.keys(PlanSchema.shape),
  move: Object.keys(MoveSchema.shape),
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

export function toSchool(s: RawSchool): School {
  return {
    id: s.id,
    name: u(s.name),
    district: u(s.district),
    location: u(s.location),
    tier: u(s.tier),
    legal_entity: u(s.legal_entity),
    group: u(s.group),
    group_role: u(s.group_role),
    rotation_feasible: u(s.rotation_feasible),
    staffing: u(s.staffing),
  };
}

export function toHistoryEntry(h: RawHistoryEntry): HistoryEntry {
  return {
    school: h.school,
    from: day(h.from),
    to: day(h.to),
    rotation: u(h.rotation),
    personnel_transfer: u(h.personnel_transfer),
  };
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Every key is set, absent facts as undefined, so all teachers share one
 * hidden class. The defaults are the contract's: no honors, conditions or
 * history recorded means none; no deferral; not a volunteer.
 */
export function toTeacher(t: RawTeacher): Teacher {
  return {
    id: t.id,
    name: u(t.name),
    sex: t.sex,
    birth_date: day(t.birth_date),
    role: t.role,
    post_category: u(t.post_category),
    established: u(t.established),
    on_post: u(t.on_post),
    full_time: u(t.full_time),
    school: t.school,
    school_since: optDay(t.school_since),
    post_since: optDay(t.post_since),
    title: u(t.title),
    title_since: optDay(t.title_since),
    honors: t.honors ?? NONE,
    conditions: t.conditions ?? NONE,
    deferred_years: t.deferred_years ?? 0,
    volunteer: t.volunteer ?? false,
    history: t.history ? t.history.map(toHistoryEntry) : NONE,
  };
}

export function toMove(m: RawMove): Move {
  return {
    teacher: m.teacher,
    from: m.from,
    to: m.to,
    mode: u(m.mode),
    years: u(m.years),
    personnel_transfer: u(m.personnel_transfer),
  };
}

export function toPlan(p: RawPlan): Plan {
  return { school_year: u(p.school_year), start: optDay(p.start), moves: p.moves.map(toMove) };
}
