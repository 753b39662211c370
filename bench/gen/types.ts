// Synthetic data generator — the output's shape (the contract's raw dataset,
// dates as YYYY-MM-DD strings, typed from the one field declaration in
// src/data/fields.ts), the options, and what a run reports.

import type { InputSchema } from "../../src/data/declared.js";
import type { FieldDecl, HISTORY, MOVE, RawOf, SCHOOL, TEACHER } from "../../src/data/fields.js";

// The raw record types come from the one field declaration (src/data/fields.ts);
// the generator always fills the fields it makes required here.
type Raw<D extends Record<string, FieldDecl>, K extends keyof RawOf<D>, H = never> = RawOf<D, H> &
  Required<Pick<RawOf<D, H>, K>>;

export type GenSchool = Raw<typeof SCHOOL, "name" | "district" | "location" | "tier" | "rotation_feasible">;
export type GenHistory = RawOf<typeof HISTORY>;
export type GenTeacher = Raw<
  typeof TEACHER,
  "name" | "post_category" | "established" | "on_post" | "full_time" | "school_since" | "title" | "title_since",
  GenHistory
>;
export type GenMove = Raw<typeof MOVE, "mode" | "years" | "personnel_transfer">;

export interface GenDataset {
  as_of: string;
  schools: GenSchool[];
  teachers: GenTeacher[];
  plan: { school_year: string; start: string; moves: GenMove[] };
}

/** The breaches `violations` can plant; each names the clause it breaks. */
export type PlantKind =
  | "R3-low-share" // DL-R3: an urban school moving fewer than 15% of its due teachers
  | "R4-no-backbone" // DL-R4: a school whose moves out contain no backbone teacher
  | "R5-reverse-flow" // DL-R5: a district where quality schools send too few backbone teachers to general/weak ones
  | "M1-no-transfer" // DL-M1: an urban→urban move without personnel transfer
  | "M1-2-short-rural" // DL-M1-2 (原则上, a warning): a one-year move to a rural school
  | "M2-short-group"; // DL-M2: a move inside an education group for less than 3 years

export const ALL_PLANTS: readonly PlantKind[] = [
  "R3-low-share",
  "R4-no-backbone",
  "R5-reverse-flow",
  "M1-no-transfer",
  "M1-2-short-rural",
  "M2-short-group",
];

export interface GenerateOptions {
  readonly seed?: number;
  readonly schools?: number;
  readonly teachers: number;
  /** Share of each school's due teachers the plan moves (default 0.2; the policy needs ≥ 0.15). */
  readonly movesPerDue?: number;
  /** Target total number of moves; overrides movesPerDue (the result is close, not exact). */
  readonly moves?: number;
  /** Plant breaches on the compliant plan: true for all of ALL_PLANTS, or a list. */
  readonly violations?: boolean | readonly PlantKind[];
  /** Restrict to these districts (names from DISTRICTS); default all ten. */
  readonly districts?: readonly string[];
  /** Reference date and plan start, default 2025-09-01 (school year 2025-2026). */
  readonly asOf?: string;
  /**
   * A policy's input schema (`CheckedPolicy.input`): the facts it declares beyond
   * fields.ts, and the values it adds to built-in enum sets, are filled in
   * (bench/gen/declared.ts). Without one, or when it declares nothing, the
   * dataset is the built-in one, unchanged.
   */
  readonly facts?: InputSchema;
}

export interface Planted {
  readonly kind: PlantKind;
  readonly clause: string;
  readonly subject: string;
  readonly detail: string;
}

export interface GenerateInfo {
  readonly due: number;
  readonly dueLeaders: number;
  readonly deferred: number;
  readonly tenured9: number;
  readonly backbone: number;
  readonly moves: number;
  readonly planted: readonly Planted[];
  /** Anything the plan builder could not make compliant (should be empty). */
  readonly shortfalls: readonly string[];
}
