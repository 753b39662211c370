// Data — the validated input model (CONTRACT.md "Input: a dataset" / "a case file").
// Produced by read.ts from raw YAML/JSON after schema.ts has checked it; consumed
// by the evaluator and the plan checker. Field names stay the contract's snake_case.

import type { Day } from "../time/date.js";

// The enum value lists. `as const` arrays so the types below are derived from
// them and the schema, the "did you mean" hints and ENUM_ZH share one source.
export const SEXES = ["male", "female"] as const;
export const LOCATIONS = ["urban", "town", "rural", "remote", "island"] as const;
export const TIERS = ["quality", "general", "weak"] as const;
export const ROLES = [
  "teacher",
  "principal",
  "vice_principal",
  "school_leader",
  "middle_manager",
  "support_staff",
] as const;
export const POST_CATEGORIES = ["professional", "management", "worker"] as const;
export const TITLES = ["third", "second", "first", "senior", "full_senior"] as const;
export const CONDITIONS = [
  "pregnant",
  "maternity_leave",
  "nursing",
  "serious_illness",
  "long_sick_leave",
  "disabled",
  "under_investigation",
  "sanctioned",
  "project_lead",
  "research_project",
  "family_illness",
  "hardship",
] as const;
export const GROUP_ROLES = ["main", "branch"] as const;
export const MODES = ["full_time", "part_time"] as const;
/** A backward-compatible extension: a school's staffing relative to its quota (编制). */
export const STAFFING = ["over", "severely_over", "normal", "under"] as const;

export type Sex = (typeof SEXES)[number];
export type Location = (typeof LOCATIONS)[number];
export type Tier = (typeof TIERS)[number];
export type Role = (typeof ROLES)[number];
export type PostCategory = (typeof POST_CATEGORIES)[number];
export type Title = (typeof TITLES)[number];
export type Condition = (typeof CONDITIONS)[number];
export type GroupRole = (typeof GROUP_ROLES)[number];
export type Mode = (typeof MODES)[number];
export type Staffing = (typeof STAFFING)[number];
export type EnumValue = Sex | Location | Tier | Role | PostCategory | Title | Condition | GroupRole | Mode | Staffing;

/**
 * The Chinese word for every enum value, for output in `--lang zh`. Values are
 * unique across all enums, so one flat map suffices.
 */
export const ENUM_ZH: Readonly<Record<EnumValue, string>> = {
  male: "男",
  female: "女",
  urban: "城区",
  town: "城镇",
  rural: "农村",
  remote: "偏远农村",
  island: "海岛",
  quality: "优质",
  general: "一般",
  weak: "薄弱",
  teacher: "教师",
  principal: "校长",
  vice_principal: "副校长",
  school_leader: "校级干部",
  middle_manager: "中层干部",
  support_staff: "教辅人员",
  professional: "专技",
  management: "管理",
  worker: "工勤",
  third: "三级",
  second: "二级",
  first: "一级",
  senior: "高级",
  full_senior: "正高级",
  pregnant: "孕期",
  maternity_leave: "产假",
  nursing: "哺乳期",
  serious_illness: "重病",
  long_sick_leave: "长期病假",
  disabled: "残疾",
  under_investigation: "接受调查",
  sanctioned: "受处分",
  project_lead: "项目领衔",
  research_project: "课题主持",
  family_illness: "家庭成员重病",
  hardship: "特殊困难",
  full_time: "全职",
  part_time: "兼职",
  main: "主校区",
  branch: "分校区",
  over: "超编",
  severely_over: "严重超编",
  normal: "正常",
  under: "缺编",
};

/**
 * What kind of value each field holds, so a policy checker can type a field
 * reference (`teacher.school_since` is a date) without importing zod. Kept in
 * step with schema.ts by a test.
 */
export type FieldKind =
  | { readonly kind: "string" | "date" | "boolean" | "integer" | "strings" | "history" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "enums"; readonly values: readonly string[] };

export const SCHOOL_FIELDS: Readonly<Record<string, FieldKind>> = {
  id: { kind: "string" },
  name: { kind: "string" },
  district: { kind: "string" },
  location: { kind: "enum", values: LOCATIONS },
  tier: { kind: "enum", values: TIERS },
  legal_entity: { kind: "string" },
  group: { kind: "string" },
  group_role: { kind: "enum", values: GROUP_ROLES },
  rotation_feasible: { kind: "boolean" },
  staffing: { kind: "enum", values: STAFFING },
};

export const TEACHER_FIELDS: Readonly<Record<string, FieldKind>> = {
  id: { kind: "string" },
  name: { kind: "string" },
  sex: { kind: "enum", values: SEXES },
  birth_date: { kind: "date" },
  role: { kind: "enum", values: ROLES },
  post_category: { kind: "enum", values: POST_CATEGORIES },
  established: { kind: "boolean" },
  on_post: { kind: "boolean" },
  full_time: { kind: "boolean" },
  school: { kind: "string" },
  school_since: { kind: "date" },
  post_since: { kind: "date" },
  title: { kind: "enum", values: TITLES },
  title_since: { kind: "date" },
  honors: { kind: "strings" },
  conditions: { kind: "enums", values: CONDITIONS },
  deferred_years: { kind: "integer" },
  volunteer: { kind: "boolean" },
  history: { kind: "history" },
};

export const MOVE_FIELDS: Readonly<Record<string, FieldKind>> = {
  teacher: { kind: "string" },
  from: { kind: "string" },
  to: { kind: "string" },
  mode: { kind: "enum", values: MODES },
  years: { kind: "integer" },
  personnel_transfer: { kind: "boolean" },
};

export interface School {
  readonly id: string;
  readonly name?: string;
  readonly district?: string;
  readonly location?: Location;
  readonly tier?: Tier;
  /** Campuses of one legal entity share it; moving between them is not rotation. */
  readonly legal_entity?: string;
  readonly group?: string;
  readonly group_role?: GroupRole;
  /** false: the school has no conditions for rotation. */
  readonly rotation_feasible?: boolean;
  readonly staffing?: Staffing;
}

/** Earlier service at one school, both ends inclusive. */
export interface HistoryEntry {
  readonly school: string;
  readonly from: Day;
  readonly to: Day;
  /** Extension: this period was a rotation recognised by the bureau (交流轮岗经历). */
  readonly rotation?: boolean | undefined;
  /** Extension: the personnel relation moved with that rotation (人走关系动). */
  readonly personnel_transfer?: boolean | undefined;
}

/**
 * One person. Optional fields are facts the bureau may not have recorded:
 * absent means *unknown*, and the evaluator must treat it so (never as false
 * or zero). Only the list fields, `deferred_years` and `volunteer` have
 * defaults, because "none recorded" is what an absent list means in practice.
 */
export interface Teacher {
  readonly id: string;
  readonly name?: string;
  readonly sex: Sex;
  readonly birth_date: Day;
  readonly role: Role;
  readonly post_category?: PostCategory;
  /** 在编 */
  readonly established?: boolean;
  /** 在岗 */
  readonly on_post?: boolean;
  /** 专任教师 */
  readonly full_time?: boolean;
  readonly school: string;
  /** Start of continuous service at the current school. */
  readonly school_since?: Day;
  /** Leaders: start in the current post at this school. */
  readonly post_since?: Day;
  readonly title?: Title;
  readonly title_since?: Day;
  /** As the bureau writes them; each policy says which count as backbone (骨干). */
  readonly honors: readonly string[];
  readonly conditions: readonly Condition[];
  readonly deferred_years: number;
  /** Applied to rotate (个人申报). */
  readonly volunteer: boolean;
  /** Earlier service, oldest first. */
  readonly history: readonly HistoryEntry[];
}

export interface Move {
  readonly teacher: string;
  readonly from: string;
  readonly to: string;
  readonly mode?: Mode;
  readonly years?: number;
  /** The post moves with the person (人走关系动). */
  readonly personnel_transfer?: boolean;
}

export interface Plan {
  /** `YYYY-YYYY`, e.g. `2024-2025`. */
  readonly school_year?: string;
  readonly start?: Day;
  readonly moves: readonly Move[];
}

export interface Dataset {
  /** The reference date: the file's `as_of`, or the command line's `--as-of`. */
  readonly asOf: Day;
  readonly schools: readonly School[];
  readonly teachers: readonly Teacher[];
  readonly plan?: Plan;
  readonly schoolById: ReadonlyMap<string, School>;
  readonly teacherById: ReadonlyMap<string, Teacher>;
}

export interface CaseFile {
  readonly asOf: Day;
  readonly teacher: Teacher;
  /** The teacher's school and any schools named in the history. */
  readonly schools: readonly School[];
  readonly schoolById: ReadonlyMap<string, School>;
}
