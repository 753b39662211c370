// The facts a policy can name: fields of a person, a school and a move (the
// input data of CONTRACT.md), the values each enum field may take, and the
// facts the engine derives (周岁 age, tenure, years to retirement …). Each has
// an English and a Chinese name. The checker resolves names against this
// registry; the compiler turns a resolved fact into a direct accessor.

import {
  CONDITIONS,
  ENUM_ZH,
  GROUP_ROLES,
  LOCATIONS,
  MODES,
  POST_CATEGORIES,
  ROLES,
  SEXES,
  STAFFING,
  TIERS,
  TITLES,
  type EnumValue,
} from "../data/model.js";
import {
  BOOL,
  DATE,
  DURATION,
  INT,
  TEXT,
  enumTy,
  record,
  setOf,
  type EnumName,
  type RecordKind,
  type Ty,
} from "./types.js";

/** Allowed values of each enum (canonical English value → Chinese word), from the data model's lists. */
const table = (values: readonly EnumValue[]): Record<string, string> =>
  Object.fromEntries(values.map((v) => [v, ENUM_ZH[v]]));
export const ENUMS: Record<EnumName, Record<string, string>> = {
  sex: table(SEXES),
  location: table(LOCATIONS),
  tier: table(TIERS),
  role: table(ROLES),
  post_category: table(POST_CATEGORIES),
  title: table(TITLES),
  condition: table(CONDITIONS),
  group_role: table(GROUP_ROLES),
  mode: table(MODES),
  staffing: table(STAFFING),
  // Not input data: the individual decision, readable by plan checks.
  decision: { required: "应交流", deferred: "暂缓", not_required: "无需交流", indeterminate: "无法判定" },
};

/** Canonical value of an enum member written in either language, or undefined. */
export function enumValue(e: EnumName, written: string): string | undefined {
  const table = ENUMS[e];
  if (Object.prototype.hasOwnProperty.call(table, written)) return written;
  for (const [k, zh] of Object.entries(table)) if (zh === written) return k;
  return undefined;
}

export function enumWord(e: EnumName, value: string, lang: "zh" | "en"): string {
  return lang === "zh" ? (ENUMS[e][value] ?? value) : value;
}

/** Ordinal of professional titles, so `title 不低于 "高级"` compares ranks. */
export const TITLE_RANK: Record<string, number> = { third: 1, second: 2, first: 3, senior: 4, full_senior: 5 };

export interface FieldInfo {
  readonly name: string;
  readonly zh: string;
  readonly ty: Ty;
  readonly doc: string;
}

function fields(list: FieldInfo[]): Map<string, FieldInfo> {
  const m = new Map<string, FieldInfo>();
  for (const f of list) {
    m.set(f.name, f);
    m.set(f.zh, f);
  }
  return m;
}

export const PERSON_FIELDS = fields([
  { name: "id", zh: "工号", ty: TEXT, doc: "the person's id" },
  { name: "name", zh: "姓名", ty: TEXT, doc: "name" },
  { name: "sex", zh: "性别", ty: enumTy("sex"), doc: "male | female" },
  { name: "birth_date", zh: "出生日期", ty: DATE, doc: "date of birth" },
  {
    name: "role",
    zh: "岗位",
    ty: enumTy("role"),
    doc: "teacher, principal, vice_principal, school_leader, middle_manager, support_staff",
  },
  { name: "post_category", zh: "岗位类别", ty: enumTy("post_category"), doc: "专技 | 管理 | 工勤" },
  { name: "established", zh: "在编", ty: BOOL, doc: "on the establishment (在编)" },
  { name: "on_post", zh: "在岗", ty: BOOL, doc: "on post (在岗)" },
  { name: "full_time", zh: "专任教师", ty: BOOL, doc: "a full-time teacher (专任教师)" },
  { name: "school", zh: "学校", ty: record("school"), doc: "the current school" },
  { name: "school_since", zh: "本校起始日期", ty: DATE, doc: "start of continuous service at the current school" },
  { name: "post_since", zh: "任职起始日期", ty: DATE, doc: "leaders: start in the current post at this school" },
  { name: "title", zh: "职称", ty: enumTy("title"), doc: "professional title" },
  { name: "title_since", zh: "职称取得日期", ty: DATE, doc: "when the title was obtained" },
  { name: "honors", zh: "荣誉", ty: setOf(TEXT), doc: "honours as the bureau writes them" },
  {
    name: "conditions",
    zh: "情形",
    ty: setOf(enumTy("condition")),
    doc: "established conditions (pregnant, nursing …)",
  },
  { name: "deferred_years", zh: "已暂缓年限", ty: DURATION, doc: "deferral already granted" },
  { name: "volunteer", zh: "本人申请", ty: BOOL, doc: "applied to rotate (个人申报)" },
]);

export const SCHOOL_FIELDS = fields([
  { name: "id", zh: "学校代码", ty: TEXT, doc: "the school's id" },
  { name: "name", zh: "校名", ty: TEXT, doc: "name" },
  { name: "district", zh: "所在区", ty: TEXT, doc: "district" },
  { name: "location", zh: "地域", ty: enumTy("location"), doc: "urban | town | rural | remote | island" },
  { name: "tier", zh: "层次", ty: enumTy("tier"), doc: "quality | general | weak (优质 | 一般 | 薄弱)" },
  { name: "legal_entity", zh: "法人学校", ty: TEXT, doc: "legal entity shared by campuses" },
  { name: "group", zh: "教育集团", ty: TEXT, doc: "education group" },
  { name: "group_role", zh: "集团角色", ty: enumTy("group_role"), doc: "main | branch" },
  { name: "rotation_feasible", zh: "具备交流条件", ty: BOOL, doc: "false: no conditions for rotation" },
  { name: "staffing", zh: "编制状况", ty: enumTy("staffing"), doc: "severely_over | over | normal | under" },
]);

export const MOVE_FIELDS = fields([
  { name: "teacher", zh: "交流人员", ty: record("person"), doc: "the person moved" },
  { name: "from", zh: "调出学校", ty: record("school"), doc: "the school left" },
  { name: "to", zh: "调入学校", ty: record("school"), doc: "the receiving school" },
  { name: "mode", zh: "交流方式", ty: enumTy("mode"), doc: "full_time | part_time" },
  { name: "years", zh: "交流年限", ty: DURATION, doc: "length of the exchange" },
  { name: "personnel_transfer", zh: "人事关系调转", ty: BOOL, doc: "the post moves with the person (人走关系动)" },
]);

/** One period of a person's service: each history entry, and the current school up to the reference date. */
export const SERVICE_FIELDS = fields([
  { name: "school", zh: "学校", ty: record("school"), doc: "the school served at" },
  { name: "from", zh: "起始日期", ty: DATE, doc: "first day" },
  { name: "to", zh: "截止日期", ty: DATE, doc: "last day (the reference date for the current school)" },
  { name: "length", zh: "时长", ty: DURATION, doc: "length of the period" },
  {
    name: "rotation",
    zh: "交流轮岗",
    ty: BOOL,
    doc: "the period was a rotation recognised by the bureau (history extension; false for the current school)",
  },
  { name: "personnel_transfer", zh: "人事关系调转", ty: BOOL, doc: "the personnel relation moved with that rotation" },
]);

export function fieldsOf(rec: RecordKind): Map<string, FieldInfo> {
  return rec === "person"
    ? PERSON_FIELDS
    : rec === "school"
      ? SCHOOL_FIELDS
      : rec === "move"
        ? MOVE_FIELDS
        : SERVICE_FIELDS;
}

/**
 * Facts the engine derives for a person on the reference date. `needs` lists
 * the input fields each reads, so a missing one makes the fact unknown.
 */
export type DerivedName =
  | "age"
  | "tenure"
  | "post_tenure"
  | "entity_tenure"
  | "retirement_date"
  | "to_retirement"
  | "statutory_age"
  | "as_of"
  | "decision"
  | "moved";

export interface DerivedInfo {
  readonly name: DerivedName;
  readonly zh: string;
  readonly ty: Ty;
  readonly doc: string;
  /** Only meaningful when a plan is being checked. */
  readonly planOnly?: boolean;
}

const DERIVED_LIST: DerivedInfo[] = [
  { name: "age", zh: "周岁", ty: INT, doc: "completed years of age (周岁) on the reference date" },
  {
    name: "tenure",
    zh: "本校任教年限",
    ty: DURATION,
    doc: "continuous service at the current school up to the reference date",
  },
  { name: "post_tenure", zh: "任职年限", ty: DURATION, doc: "time in the current post at this school (leaders)" },
  {
    name: "entity_tenure",
    zh: "法人学校任教年限",
    ty: DURATION,
    doc: "continuous service at the current legal-entity school, across its campuses, from the history",
  },
  {
    name: "retirement_date",
    zh: "法定退休日期",
    ty: DATE,
    doc: "statutory retirement date under the applicable retirement track",
  },
  {
    name: "statutory_age",
    zh: "法定退休年龄",
    ty: DURATION,
    doc: "statutory retirement age under the applicable retirement track",
  },
  {
    name: "to_retirement",
    zh: "距法定退休",
    ty: DURATION,
    doc: "time from the reference date to the statutory retirement date",
  },
  { name: "as_of", zh: "基准日", ty: DATE, doc: "the reference date" },
  {
    name: "decision",
    zh: "个人决定",
    ty: enumTy("decision"),
    doc: "the person's individual decision under this policy",
    planOnly: true,
  },
  { name: "moved", zh: "已安排交流", ty: BOOL, doc: "the plan moves this person", planOnly: true },
];

export const DERIVED = new Map<string, DerivedInfo>();
for (const d of DERIVED_LIST) {
  DERIVED.set(d.name, d);
  DERIVED.set(d.zh, d);
}

/** The definition a policy must provide to select a person's retirement track. */
export const TRACK_SELECTOR_NAMES = ["retirement_track", "适用退休轨道"];

/**
 * Collections a plan check can aggregate over, per subject: the people of the
 * subject, the moves leaving it, the moves arriving, and its schools.
 */
export const COLLECTIONS: Record<
  string,
  { name: "teachers" | "moves" | "moves_in" | "schools" | "service"; of: RecordKind; doc: string }
> = {
  service: { name: "service", of: "service", doc: "a person's periods of service: the history and the current school" },
  任职经历: { name: "service", of: "service", doc: "" },
  teachers: { name: "teachers", of: "person", doc: "people whose current school belongs to the subject" },
  教师: { name: "teachers", of: "person", doc: "" },
  moves: { name: "moves", of: "move", doc: "moves leaving the subject's schools" },
  调出: { name: "moves", of: "move", doc: "" },
  moves_in: { name: "moves_in", of: "move", doc: "moves arriving at the subject's schools" },
  调入: { name: "moves_in", of: "move", doc: "" },
  schools: { name: "schools", of: "school", doc: "the subject's schools" },
  学校列表: { name: "schools", of: "school", doc: "" },
};
