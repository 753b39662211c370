// Data — the one declaration of the input fields: every field of a school, a
// teacher, a move and a history entry with its type, enum values, Chinese and
// English names and the column headers a roster may use (CONTRACT.md
// "Extensions"). model.ts types, schema.ts zod schemas, the checker's field
// table (semantics/facts.ts), the tabular readers and the bench generator's
// types are all derived from this file; nothing else lists the fields.

/**
 * Every enumeration of the input with its values: canonical English value →
 * the Chinese label policies write. Values are unique across enums, so one
 * flat label map (ENUM_ZH) serves output. `stage` is new with the rosters.
 */
export const ENUM_VALUES = {
  sex: { male: "男", female: "女" },
  location: { urban: "城区", town: "城镇", rural: "农村", remote: "偏远农村", island: "海岛" },
  tier: { quality: "优质", general: "一般", weak: "薄弱" },
  role: {
    teacher: "教师",
    principal: "校长",
    vice_principal: "副校长",
    school_leader: "校级干部",
    middle_manager: "中层干部",
    support_staff: "教辅人员",
    /** A backward-compatible addition (issue 7.6): the school's party secretary (党组织书记). */
    party_secretary: "书记",
  },
  post_category: { professional: "专技", management: "管理", worker: "工勤" },
  title: { third: "三级", second: "二级", first: "一级", senior: "高级", full_senior: "正高级" },
  condition: {
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
  },
  group_role: { main: "主校区", branch: "分校区" },
  mode: { full_time: "全职", part_time: "兼职" },
  /** A backward-compatible extension: a school's staffing relative to its quota (编制). */
  staffing: { over: "超编", severely_over: "严重超编", normal: "正常", under: "缺编" },
  stage: { primary: "小学", junior: "初中", nine_year: "九年一贯" },
  /**
   * A backward-compatible addition (issue 7.7): administrative rank (行政级别), for
   * 组通字〔2015〕14号's women cadres at 正、副处级, who retire at 60.
   */
  admin_rank: { division: "正处级", deputy_division: "副处级", section: "正科级", deputy_section: "副科级" },
} as const;

export type DataEnum = keyof typeof ENUM_VALUES;
export type EnumOf<E extends DataEnum> = keyof (typeof ENUM_VALUES)[E] & string;

/**
 * Further spellings a roster uses for a value, accepted on input only:
 * titles are often written with 教师 appended (一级教师), group roles as the
 * group's own words.
 */
export const ENUM_ALIASES: Readonly<Partial<Record<DataEnum, Readonly<Record<string, string>>>>> = {
  title: {
    三级教师: "third",
    二级教师: "second",
    一级教师: "first",
    高级教师: "senior",
    正高级教师: "full_senior",
  },
  group_role: { 核心校: "main", 牵头校: "main", 成员校: "branch" },
  role: {
    党组织书记: "party_secretary",
    党支部书记: "party_secretary",
    党总支书记: "party_secretary",
    党委书记: "party_secretary",
  },
  admin_rank: {
    处级: "division",
    正处: "division",
    副处: "deputy_division",
    科级: "section",
    正科: "section",
    副科: "deputy_section",
  },
};

/**
 * A field's type. `years` is a whole number of years in the data and a
 * duration in the language; `ref` holds an id (or, in a roster, an exact
 * name) and is a record in the language; `secret` is read and used but never
 * shown (the resident ID number).
 */
export type FieldType =
  | { readonly t: "text" | "id" | "date" | "bool" | "int" | "years" | "texts" | "history" | "secret" }
  | { readonly t: "enum" | "enums"; readonly e: string }
  | { readonly t: "ref"; readonly to: "school" | "person" };

export interface FieldDecl {
  /** The field's name in the language and in Chinese output. */
  readonly zh: string;
  /** What it means, in English (docs, hovers). */
  readonly doc: string;
  readonly type: FieldType;
  /** Chinese column headers a roster may use; the English field name is always accepted too. */
  readonly headers: readonly string[];
  /** `required`: a record without it is invalid; `default`: absence means none/zero/false (see schema.ts). */
  readonly need?: "required" | "default";
  /** false: data only, not a fact a policy can name (the history list, the ID number). */
  readonly fact?: false;
  /** `any`: a `years` value is only checked to be a number here; its range is checked later (a move's D024). */
  readonly range?: "any";
}

const text = { t: "text" } as const;
const id = { t: "id" } as const;
const date = { t: "date" } as const;
const bool = { t: "bool" } as const;
const en = <E extends DataEnum>(e: E) => ({ t: "enum", e }) as const;

/**
 * An enum field whose doc lists its values from ENUM_VALUES (`male | female (男 | 女)`),
 * so the values are written once; `what` says what the field is, where the name does not.
 */
function enumField<E extends DataEnum, H extends readonly string[]>(zh: string, e: E, headers: H, what?: string) {
  const values = ENUM_VALUES[e] as Readonly<Record<string, string>>;
  const list = `${Object.keys(values).join(" | ")} (${Object.values(values).join(" | ")})`;
  return { zh, doc: what ? `${what}: ${list}` : list, type: en(e), headers } as const;
}
const school = { t: "ref", to: "school" } as const;

export const SCHOOL = {
  id: { zh: "学校代码", doc: "the school's id", type: id, headers: ["学校代码", "学校编号"], need: "required" },
  name: { zh: "校名", doc: "name", type: text, headers: ["学校名称", "校名"] },
  district: { zh: "所在区", doc: "district", type: text, headers: ["区县", "所属区", "所在区"] },
  location: enumField("地域", "location", ["城乡类别", "地域"]),
  tier: enumField("层次", "tier", ["办学层次", "学校类别"]),
  legal_entity: { zh: "法人学校", doc: "legal entity shared by campuses", type: id, headers: ["法人单位"] },
  group: { zh: "教育集团", doc: "education group", type: id, headers: ["教育集团"] },
  group_role: enumField("集团角色", "group_role", ["集团角色"]),
  rotation_feasible: {
    zh: "具备交流条件",
    doc: "false: no conditions for rotation",
    type: bool,
    headers: ["具备交流条件"],
  },
  staffing: enumField("编制状况", "staffing", ["编制状况"]),
} as const satisfies Record<string, FieldDecl>;

export const HISTORY = {
  school: { zh: "学校", doc: "the school served at", type: school, headers: ["学校", "任职学校"], need: "required" },
  from: { zh: "起始日期", doc: "first day", type: date, headers: ["起始日期", "开始日期"], need: "required" },
  to: { zh: "截止日期", doc: "last day", type: date, headers: ["截止日期", "结束日期"], need: "required" },
  rotation: {
    zh: "交流轮岗",
    doc: "the period was a rotation recognised by the bureau",
    type: bool,
    headers: ["是否交流轮岗", "交流轮岗"],
  },
  personnel_transfer: {
    zh: "人事关系调转",
    doc: "the personnel relation moved with that rotation",
    type: bool,
    headers: ["人事关系调转"],
  },
} as const satisfies Record<string, FieldDecl>;

export const TEACHER = {
  id: { zh: "工号", doc: "the person's id", type: id, headers: ["工号", "教师编号", "编号"], need: "required" },
  name: { zh: "姓名", doc: "name", type: text, headers: ["姓名"] },
  sex: { ...enumField("性别", "sex", ["性别"]), need: "required" },
  birth_date: {
    zh: "出生日期",
    doc: "date of birth",
    type: date,
    headers: ["出生日期", "出生年月"],
    need: "required",
  },
  id_number: {
    zh: "身份证件号",
    doc: "resident ID number: used to derive birth date and sex, never shown",
    type: { t: "secret" },
    headers: ["身份证件号", "身份证号", "身份证号码"],
    fact: false,
  },
  subject: { zh: "任教学科", doc: "the subject taught", type: text, headers: ["任教学科", "学科"] },
  stage: enumField("学段", "stage", ["学段"]),
  role: { ...enumField("岗位", "role", ["岗位", "职务"]), need: "required" },
  post_category: enumField("岗位类别", "post_category", ["岗位类别"]),
  established: { zh: "在编", doc: "on the establishment (在编)", type: bool, headers: ["是否在编", "在编"] },
  on_post: { zh: "在岗", doc: "on post (在岗)", type: bool, headers: ["是否在岗", "在岗"] },
  full_time: {
    zh: "专任教师",
    doc: "a full-time teacher (专任教师)",
    type: bool,
    headers: ["是否专任教师", "专任教师"],
  },
  school: {
    zh: "学校",
    doc: "the current school",
    type: school,
    headers: ["学校", "所在学校", "学校代码"],
    need: "required",
  },
  school_since: {
    zh: "本校起始日期",
    doc: "start of continuous service at the current school",
    type: date,
    headers: ["到校时间", "调入本校时间", "本校任教起始日期", "进本校年月", "进本校时间"],
  },
  post_since: {
    zh: "任职起始日期",
    doc: "leaders: start in the current post at this school",
    type: date,
    headers: ["任现职时间"],
  },
  title: enumField("职称", "title", ["职称", "专业技术职务"], "professional title"),
  admin_rank: enumField(
    "行政级别",
    "admin_rank",
    ["行政级别", "职务级别"],
    "administrative rank, where the bureau records one",
  ),
  title_since: { zh: "职称取得日期", doc: "when the title was obtained", type: date, headers: ["职称取得时间"] },
  honors: {
    zh: "荣誉",
    doc: "honours as the bureau writes them",
    type: { t: "texts" },
    headers: ["荣誉称号", "骨干称号"],
    need: "default",
  },
  conditions: {
    zh: "情形",
    doc: "established conditions (pregnant, nursing …)",
    type: { t: "enums", e: "condition" },
    headers: ["特殊情形"],
    need: "default",
  },
  deferred_years: {
    zh: "已暂缓年限",
    doc: "deferral already granted",
    type: { t: "years" },
    headers: ["已暂缓年限"],
    need: "default",
  },
  volunteer: {
    zh: "本人申请",
    doc: "applied to rotate (个人申报)",
    type: bool,
    headers: ["本人申请"],
    need: "default",
  },
  history: {
    zh: "任职经历",
    doc: "earlier service, oldest first",
    type: { t: "history" },
    headers: [],
    need: "default",
    fact: false,
  },
} as const satisfies Record<string, FieldDecl>;

export const MOVE = {
  teacher: {
    zh: "交流人员",
    doc: "the person moved",
    type: { t: "ref", to: "person" },
    headers: ["工号", "教师编号", "交流人员"],
    need: "required",
  },
  from: { zh: "调出学校", doc: "the school left", type: school, headers: ["调出学校"], need: "required" },
  to: { zh: "调入学校", doc: "the receiving school", type: school, headers: ["调入学校"], need: "required" },
  mode: enumField("交流方式", "mode", ["交流方式"]),
  years: {
    zh: "交流年限",
    doc: "length of the exchange",
    type: { t: "years" },
    headers: ["交流年限"],
    range: "any",
  },
  personnel_transfer: {
    zh: "人事关系调转",
    doc: "the post moves with the person (人走关系动)",
    type: bool,
    headers: ["人事关系调转"],
  },
} as const satisfies Record<string, FieldDecl>;

/** The record kinds of the input, by the names the tabular sheets and files use. */
export const RECORDS = { school: SCHOOL, teacher: TEACHER, move: MOVE, history: HISTORY } as const;
export type InputRecord = keyof typeof RECORDS;

// ---------------------------------------------------------------------------
// Types derived from the declaration. `Model*` are the validated model values
// (dates as day numbers); `Raw*` the contract's JSON shape (dates as strings).

type EnumMembers<F extends FieldType> = F extends { readonly e: infer E extends DataEnum } ? EnumOf<E> : never;

type ModelValue<F extends FieldType, H> = F extends { t: "text" | "id" | "secret" }
  ? string
  : F extends { t: "date" }
    ? number
    : F extends { t: "bool" }
      ? boolean
      : F extends { t: "int" | "years" }
        ? number
        : F extends { t: "enum" }
          ? EnumMembers<F>
          : F extends { t: "enums" }
            ? readonly EnumMembers<F>[]
            : F extends { t: "texts" }
              ? readonly string[]
              : F extends { t: "ref" }
                ? string
                : F extends { t: "history" }
                  ? readonly H[]
                  : never;

type RequiredKeys<D> = { [K in keyof D]: D[K] extends { need: "required" | "default" } ? K : never }[keyof D];

/**
 * The model record of a declaration: required and defaulted fields always
 * present, the others optional (absent means *unknown*). `H` is the history
 * entry type, passed in because the history is itself a declared record.
 */
export type ModelOf<D extends Record<string, FieldDecl>, H = never> = {
  readonly [K in RequiredKeys<D>]: ModelValue<D[K]["type"], H>;
} & { readonly [K in Exclude<keyof D, RequiredKeys<D>>]?: ModelValue<D[K]["type"], H> | undefined };

type RawValue<F extends FieldType, H> = F extends { t: "date" } ? string : ModelValue<F, H>;
type NeededKeys<D> = { [K in keyof D]: D[K] extends { need: "required" } ? K : never }[keyof D];

/** The contract's raw JSON record of a declaration (what a YAML dataset holds). */
export type RawOf<D extends Record<string, FieldDecl>, H = never> = {
  -readonly [K in NeededKeys<D>]: RawValue<D[K]["type"], H>;
} & { -readonly [K in Exclude<keyof D, NeededKeys<D>>]?: RawValue<D[K]["type"], H> };

/** The Chinese label of a value of any input enum (values are unique across enums). */
export const ENUM_ZH: Readonly<Record<string, string>> = Object.assign(
  {},
  ...Object.values(ENUM_VALUES).map((v) => ({ ...v })),
) as Record<string, string>;
