// Data — the validated input model (CONTRACT.md "Input: a dataset" / "a case file").
// Produced by read.ts from raw YAML/JSON after schema.ts has checked it; consumed
// by the evaluator and the plan checker. Field names stay the contract's snake_case.

import type { Day } from "../time/date.js";

import { ENUM_VALUES, HISTORY, MOVE, SCHOOL, TEACHER, type DataEnum, type EnumOf, type ModelOf } from "./fields.js";

/** The values of one enum, in declaration order, as a non-empty tuple (zod's `z.enum` wants one). */
export function enumValues<E extends DataEnum>(e: E): readonly [EnumOf<E>, ...EnumOf<E>[]] {
  return Object.keys(ENUM_VALUES[e]) as unknown as readonly [EnumOf<E>, ...EnumOf<E>[]];
}

// The enum value lists, derived from fields.ts.
export const SEXES = enumValues("sex");
export const LOCATIONS = enumValues("location");
export const TIERS = enumValues("tier");
export const ROLES = enumValues("role");
export const POST_CATEGORIES = enumValues("post_category");
export const TITLES = enumValues("title");
export const CONDITIONS = enumValues("condition");
export const GROUP_ROLES = enumValues("group_role");
export const MODES = enumValues("mode");
export const STAFFING = enumValues("staffing");

export type Sex = EnumOf<"sex">;
export type Location = EnumOf<"location">;
export type Tier = EnumOf<"tier">;
export type Role = EnumOf<"role">;
export type PostCategory = EnumOf<"post_category">;
export type Title = EnumOf<"title">;
export type Condition = EnumOf<"condition">;
export type GroupRole = EnumOf<"group_role">;
export type Mode = EnumOf<"mode">;
export type Staffing = EnumOf<"staffing">;
export type EnumValue = { [E in DataEnum]: EnumOf<E> }[DataEnum];

export { ENUM_ZH } from "./fields.js";

/**
 * A school (fields.ts SCHOOL). Campuses of one legal entity share `legal_entity`.
 * Facts a policy declares (its own columns) are further properties under their
 * English names, read by the evaluator through the policy's field table.
 */
export type School = ModelOf<typeof SCHOOL>;

/** Earlier service at one school, both ends inclusive (fields.ts HISTORY). */
export type HistoryEntry = ModelOf<typeof HISTORY>;

/**
 * One person (fields.ts TEACHER). Optional fields are facts the bureau may not
 * have recorded: absent means *unknown*, and the evaluator must treat it so
 * (never as false or zero). Only the list fields, `deferred_years` and
 * `volunteer` have defaults, because "none recorded" is what an absent list
 * means in practice.
 */
export type Teacher = ModelOf<typeof TEACHER, HistoryEntry>;

/** One move of a plan (fields.ts MOVE). */
export type Move = ModelOf<typeof MOVE>;

/** A draft rotation plan: its school year, start and moves. */
export interface Plan {
  /** `YYYY-YYYY`, e.g. `2024-2025`. */
  readonly school_year?: string;
  readonly start?: Day;
  readonly moves: readonly Move[];
}

/** A district's data: schools, teachers and optionally a draft plan, indexed by id. */
export interface Dataset {
  /** The reference date: the file's `as_of`, or the command line's `--as-of`. */
  readonly asOf: Day;
  readonly schools: readonly School[];
  readonly teachers: readonly Teacher[];
  readonly plan?: Plan;
  readonly schoolById: ReadonlyMap<string, School>;
  readonly teacherById: ReadonlyMap<string, Teacher>;
  /** What a roster reader took in and turned away (tabular datasets); absent for YAML/JSON, which reject as a whole. */
  readonly intake?: Intake;
}

/**
 * Rows in = rows decided + rows rejected (CONTRACT.md "Extensions"). A
 * rejected teacher is not decided; every count their row could change is
 * undetermined, so an answer over a dataset with rejections is incomplete.
 */
export interface Intake {
  readonly teachersIn: number;
  /** The rejected teacher rows: where, and the id and school when they could be read. */
  readonly rejectedTeachers: readonly { readonly row: string; readonly id?: string; readonly school?: string }[];
  readonly schoolsIn: number;
  readonly schoolsRejected: number;
  readonly movesIn: number;
  readonly movesRejected: number;
}

/** One person to decide: the reference date, the teacher, their school and the schools of their history. */
export interface CaseFile {
  readonly asOf: Day;
  readonly teacher: Teacher;
  /** The teacher's school and any schools named in the history. */
  readonly schools: readonly School[];
  readonly schoolById: ReadonlyMap<string, School>;
}
