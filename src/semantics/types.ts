// The type model shared by the checker and the compiler. Types carry units:
// a duration is not a date, a percentage is not a count, an enum value is
// checked against its enum. Records (person, school, move) are typed so that
// `school.location` resolves statically.

import { unreachable } from "./exhaustive.js";

/**
 * Enumerations: texts with a fixed list of values (language.md §10; the
 * values, in English and Chinese, are in facts.ts). `title` is also ordered
 * by rank; `decision` is a person's individual decision, read by plan checks.
 */
export type EnumName = string;

export type Ty =
  /** Counts, and ages in completed years (周岁): an age is a number, not a duration. */
  | { readonly k: "int" }
  /** A share; at run time an exact Ratio (count / count) or a number. */
  | { readonly k: "percent" }
  /** Calendar months and days, never converted into each other (满9年 compares months first). */
  | { readonly k: "duration" }
  /** A calendar day (a day number at run time: only the type tells it from an int). */
  | { readonly k: "date" }
  | { readonly k: "bool" }
  /**
   * With `enum`, a quoted value compared with it must be one of the enum's values (T005).
   * `labels` (value → Chinese label) travel with the type when a policy's
   * declarations gave them (ADR 0003), so output shows a declared value's label.
   */
  | {
      readonly k: "text";
      readonly enum?: EnumName;
      readonly labels?: Readonly<Record<string, string>>;
      /** The Chinese name of the fact the enumeration belongs to (性别), for messages. */
      readonly zh?: string;
    }
  /** Sets hold texts in practice (`{"孕期", "哺乳期"}`, 情形, 荣誉). */
  | { readonly k: "set"; readonly elem: Ty }
  /** A person, school, move or period of service, read with `.field`. */
  | { readonly k: "record"; readonly rec: RecordKind }
  | { readonly k: "track" }
  /** 教师, 调出, 学校列表, 任职经历 …: its elements are reached only through an aggregate (计数, 合计, 存在, 全部). */
  | { readonly k: "collection"; readonly of: RecordKind }
  /** Produced after an error was reported; compatible with everything so one mistake is reported once. */
  | { readonly k: "error" };

export type RecordKind = "person" | "school" | "move" | "service";

export const INT: Ty = { k: "int" };
export const PERCENT: Ty = { k: "percent" };
export const DURATION: Ty = { k: "duration" };
export const DATE: Ty = { k: "date" };
export const BOOL: Ty = { k: "bool" };
export const TEXT: Ty = { k: "text" };
export const TRACK: Ty = { k: "track" };
export const ERROR: Ty = { k: "error" };
export const enumTy = (e: EnumName, labels?: Readonly<Record<string, string>>, zh?: string): Ty => ({
  k: "text",
  enum: e,
  ...(labels ? { labels } : {}),
  ...(zh ? { zh } : {}),
});
export const setOf = (elem: Ty): Ty => ({ k: "set", elem });
export const record = (rec: RecordKind): Ty => ({ k: "record", rec });

/** Whether a value of type `b` may stand where `a` is expected (enums are texts). */
export function compatible(a: Ty, b: Ty): boolean {
  // Units never mix: an int is not a percent or a duration (write `9年`, not
  // `9`), so kinds must match exactly.
  if (a.k === "error" || b.k === "error") return true;
  if (a.k !== b.k) return false;
  if (a.k === "set" && b.k === "set") return compatible(a.elem, b.elem);
  if (a.k === "record" && b.k === "record") return a.rec === b.rec;
  if (a.k === "collection" && b.k === "collection") return a.of === b.of;
  // A plain text fits an enum (a literal's values are checked separately, T005),
  // but two different enums never do (性别 is not 地域).
  if (a.k === "text" && b.k === "text") return !a.enum || !b.enum || a.enum === b.enum;
  return true;
}

const NAMES_EN: Record<string, string> = {
  int: "a number",
  percent: "a percentage",
  duration: "a duration",
  date: "a date",
  bool: "a condition (true/false)",
  text: "a text",
  set: "a set",
  track: "a retirement track",
  error: "an invalid value",
};
const NAMES_ZH: Record<string, string> = {
  int: "数值",
  percent: "百分比",
  duration: "期限",
  date: "日期",
  bool: "条件（真/假）",
  text: "文本",
  set: "集合",
  track: "退休轨道",
  error: "无效值",
};
const REC_EN: Record<RecordKind, string> = {
  person: "a person",
  school: "a school",
  move: "a move",
  service: "a period of service",
};
const REC_ZH: Record<RecordKind, string> = { person: "人员", school: "学校", move: "交流记录", service: "任职经历" };

/** A type as diagnostics name it to policy writers: in words, not internal kinds. */
export function showType(t: Ty, lang: "en" | "zh" = "en"): string {
  switch (t.k) {
    case "text":
      return t.enum
        ? lang === "en"
          ? `${/^[aeiou]/i.test(t.enum) ? "an" : "a"} ${t.enum} value`
          : `${t.zh ?? t.enum}取值`
        : lang === "en"
          ? NAMES_EN.text!
          : NAMES_ZH.text!;
    case "set":
      return lang === "en"
        ? `a set of ${showType(t.elem, lang).replace(/^an? /, "")}s`
        : `${showType(t.elem, lang)}集合`;
    case "record":
      return lang === "en" ? REC_EN[t.rec] : REC_ZH[t.rec];
    case "collection":
      return lang === "en" ? `a collection of ${REC_EN[t.of].replace(/^an? /, "")}s` : `${REC_ZH[t.of]}集合`;
    case "int":
    case "percent":
    case "duration":
    case "date":
    case "bool":
    case "track":
    case "error":
      return lang === "en" ? NAMES_EN[t.k]! : NAMES_ZH[t.k]!;
    default:
      return unreachable(t);
  }
}

/** The type a `param x: <name>` declares. */
export function typeOfName(name: "int" | "percent" | "duration" | "date" | "bool" | "text" | "set"): Ty {
  switch (name) {
    case "int":
      return INT;
    case "percent":
      return PERCENT;
    case "duration":
      return DURATION;
    case "date":
      return DATE;
    case "bool":
      return BOOL;
    case "text":
      return TEXT;
    // A declared `集合` is a set of texts: the only sets the language has.
    case "set":
      return setOf(TEXT);
  }
}
