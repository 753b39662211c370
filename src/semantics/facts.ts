// The facts a policy can name: fields of a person, a school and a move (the
// input data of CONTRACT.md), the values each enum field may take, and the
// facts the engine derives (周岁 age, tenure, years to retirement …). Each has
// an English and a Chinese name. The checker resolves names against this
// registry; the compiler turns a resolved fact into a direct accessor.

import { BUILTIN_SCHEMA, type InputSchema } from "../data/declared.js";
import { ENUM_VALUES, type FieldDecl, type FieldType } from "../data/fields.js";
import { lookup } from "../util/lookup.js";
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

/** Allowed values of each enum (canonical English value → Chinese word), from the data declaration (data/fields.ts). */
export const ENUMS: Record<EnumName, Record<string, string>> = {
  ...ENUM_VALUES,
  // Not input data: the individual decision, readable by plan checks.
  decision: {
    required: "应交流",
    eligible: "可交流",
    deferred: "暂缓",
    not_required: "无需交流",
    indeterminate: "无法判定",
  },
};

/** Canonical value of a member of a values table written in either language, or undefined. */
export function memberOf(table: Readonly<Record<string, string>>, written: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(table, written)) return written;
  for (const [k, zh] of Object.entries(table)) if (zh === written) return k;
  return undefined;
}

/** A values table as a diagnostic lists it: `male (男), female (女)`. */
export function allowedValues(table: Readonly<Record<string, string>>): string {
  return Object.entries(table)
    .map(([k, zh]) => `${k} (${zh})`)
    .join(", ");
}

/** Canonical value of a built-in enum member written in either language, or undefined. */
export function enumValue(e: EnumName, written: string): string | undefined {
  return memberOf(lookup(ENUMS, e) ?? {}, written);
}

/** A value of an enum type in the reader's language: the type's own labels (a policy's), else the built-in ones. */
export function enumWord(
  ty: { readonly enum?: EnumName; readonly labels?: Readonly<Record<string, string>> },
  value: string,
  lang: "zh" | "en",
): string {
  if (lang !== "zh") return value;
  const labels = ty.labels ?? (ty.enum ? lookup(ENUMS, ty.enum) : undefined);
  return (labels && lookup(labels, value)) ?? value;
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

/** The language type of a declared input field; enum types carry the schema's labels. */
function tyOf(t: FieldType, input: InputSchema, zh?: string): Ty {
  switch (t.t) {
    case "text":
    case "id":
    case "secret":
      return TEXT;
    case "date":
      return DATE;
    case "bool":
      return BOOL;
    case "int":
      return INT;
    case "years":
      return DURATION;
    case "enum":
      return enumTy(t.e, input.enumTable(t.e).labels, zh);
    case "enums":
      return setOf(enumTy(t.e, input.enumTable(t.e).labels, zh));
    case "texts":
    case "history":
      return setOf(TEXT);
    case "ref":
      return record(t.to);
  }
}

/** The facts a policy can name among a declaration's fields (not the history list or the ID number). */
function declared(decl: Readonly<Record<string, FieldDecl>>, input: InputSchema): FieldInfo[] {
  return Object.entries(decl)
    .filter(([, f]) => f.fact !== false)
    .map(([name, f]) => ({ name, zh: f.zh, ty: tyOf(f.type, input, f.zh), doc: f.doc }));
}

/**
 * The facts one input schema gives a policy (ADR 0003): the fields of each
 * record by both names, and the values of every enum. The built-in table is
 * BUILTIN_FACTS; a policy's (fields.ts plus its declarations) is on the
 * CheckedPolicy, and the checker, both evaluators and the readers use that one.
 */
export interface FactTable {
  readonly input: InputSchema;
  fields(rec: RecordKind): Map<string, FieldInfo>;
  /** value → Chinese label of an enum (the individual decision included); undefined for no such enum. */
  enumLabels(e: EnumName): Readonly<Record<string, string>> | undefined;
}

function buildTable(input: InputSchema): FactTable {
  const person = fields(declared(input.teacher, input));
  const school = fields(declared(input.school, input));
  const move = fields(declared(input.move, input));
  /** One period of service: each history entry, and the current school up to the reference date. */
  const service = fields([
    ...declared(input.history, input).map((f) =>
      f.name === "to" ? { ...f, doc: "last day (the reference date for the current school)" } : f,
    ),
    { name: "length", zh: "时长", ty: DURATION, doc: "length of the period" },
  ]);
  return {
    input,
    fields: (rec) => (rec === "person" ? person : rec === "school" ? school : rec === "move" ? move : service),
    enumLabels: (e) =>
      e === "decision" ? ENUMS.decision : Object.hasOwn(input.enums, e) ? input.enums[e]!.labels : undefined,
  };
}

const tables = new WeakMap<InputSchema, FactTable>();
/** The fact table of an input schema, built once per schema. */
export function factTableOf(input: InputSchema): FactTable {
  let t = tables.get(input);
  if (!t) tables.set(input, (t = buildTable(input)));
  return t;
}

/** The built-in facts (fields.ts): for callers without a policy (hover, the web form's field list). */
export const BUILTIN_FACTS = factTableOf(BUILTIN_SCHEMA);
export const PERSON_FIELDS = BUILTIN_FACTS.fields("person");
export const SCHOOL_FIELDS = BUILTIN_FACTS.fields("school");
export const MOVE_FIELDS = BUILTIN_FACTS.fields("move");
export const SERVICE_FIELDS = BUILTIN_FACTS.fields("service");

export function fieldsOf(rec: RecordKind): Map<string, FieldInfo> {
  return BUILTIN_FACTS.fields(rec);
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
    ty: enumTy("decision", undefined, "个人决定"),
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
