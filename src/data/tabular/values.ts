// Tabular data — one roster cell → the model value of its declared field
// (CONTRACT.md "Extensions": values in English or their Chinese labels, every
// date form, lists split on 、，,；;/). Pure; a value that cannot be read
// becomes a `Bad` saying what would be valid, never a guess.

import { fromYmd, daysInMonth, type Day } from "../../time/date.js";
import type { EnumTable } from "../declared.js";
import type { FieldType } from "../fields.js";
import { lookup } from "../../util/lookup.js";

/** A cell as the readers deliver it: text, a number, a boolean or an Excel date; undefined when empty. */
export type Cell = string | number | boolean | Date | undefined;

/** A month-only date: some day from `from` to `to` (both inclusive). */
export interface DayInterval {
  readonly from: Day;
  readonly to: Day;
}

/** Why a cell is not a value of its field: what is expected, in both languages. */
export interface Bad {
  readonly bad: true;
  readonly expected: string;
  readonly expected_zh: string;
  /** The value looked like a date but cannot be read one way only (1975.1: January or October?). */
  readonly ambiguous?: true;
}

export type Parsed = { readonly value: unknown; readonly interval?: DayInterval } | Bad;

/** Allowed values of an enum: canonical value → label, with input-only aliases. */
export type { EnumTable } from "../declared.js";

const SEPARATORS = /[、，,；;/]/;
const NONE_WORDS = new Set(["无", "没有", "—", "-", "/"]);

export function isEmpty(c: Cell): boolean {
  return c === undefined || (typeof c === "string" && c.trim() === "");
}

/** A cell as it is shown back to the user in a message (never for the ID number). */
export function showCell(c: Cell): string {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? "无效日期" : c.toISOString().slice(0, 10);
  const s = String(c);
  return s.length > 40 ? s.slice(0, 39) + "…" : s;
}

const bad = (expected: string, expected_zh: string, ambiguous?: true): Bad => ({
  bad: true,
  expected,
  expected_zh,
  ...(ambiguous ? { ambiguous } : {}),
});

const DATE_BAD = bad(
  "a date (1980-03-05, 1980/3/5, 1980.03.05, 1980年3月5日; a month alone: 1980-03, 1980年3月)",
  "有效日期（如 1980-03-05、1980/3/5、1980.03.05、1980年3月5日；只到月：1980-03、1980年3月）",
);

/** Days from 1899-12-30 (Excel's day 0, the 1900 leap-year bug included) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;

function monthOf(y: number, m: number): Parsed {
  if (m < 1 || m > 12 || y < 1800 || y > 2200) return DATE_BAD;
  const from = fromYmd(y, m, 1)!;
  return { value: from, interval: { from, to: fromYmd(y, m, daysInMonth(y, m))! } };
}

function dayOfYmd(y: number, m: number, d: number): Parsed {
  if (y < 1800 || y > 2200) return DATE_BAD;
  const day = fromYmd(y, m, d);
  return day === undefined ? DATE_BAD : { value: day };
}

/** An Excel date serial (whole days since 1899-12-30) → a day, if plausible. */
function serial(n: number): Parsed {
  if (!Number.isInteger(n) || n < 1 || n > 109574) return DATE_BAD; // 109574: 2199-12-31
  const ms = (n - EXCEL_EPOCH_OFFSET) * 86400000;
  const d = new Date(ms);
  return dayOfYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const AMBIGUOUS = bad(
  "a date written so it reads one way only: 1975.1 is January or October (write 1975.01 or 1975.10 as text, or 1975-01)",
  "可唯一确定的日期：1975.1 可能是1月也可能是10月（请写作文本 1975.01 或 1975.10，或 1975-01）",
  true,
);

export function parseDate(c: Cell): Parsed {
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return DATE_BAD;
    // exceljs builds a date cell's Date in UTC from the serial: its UTC calendar day is the one shown.
    return dayOfYmd(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate());
  }
  if (typeof c === "number") {
    // A number with a fraction lost its trailing zeros (1975.10 is stored as 1975.1): never guessed.
    if (!Number.isInteger(c)) return AMBIGUOUS;
    return integerDate(String(c));
  }
  if (typeof c !== "string") return DATE_BAD;
  const s = c.trim().replace(/\s+/g, "");
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  if (m) return dayOfYmd(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})年(\d{1,2})月?$/.exec(s) ?? /^(\d{4})[-/](\d{1,2})$/.exec(s);
  if (m) return monthOf(+m[1]!, +m[2]!);
  m = /^(\d{4})\.(\d{1,2})$/.exec(s);
  if (m) {
    // `1975.1` in text is what a number cell 1975.10 becomes when exported: ambiguous too.
    if (m[2] === "1") return AMBIGUOUS;
    return monthOf(+m[1]!, +m[2]!);
  }
  if (/^\d+$/.test(s)) return integerDate(s);
  return DATE_BAD;
}

/** Digits only: 19800305, 198003, or an Excel serial (31142). */
function integerDate(s: string): Parsed {
  if (s.length === 8) return dayOfYmd(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8));
  if (s.length === 6) return monthOf(+s.slice(0, 4), +s.slice(4, 6));
  if (s.length <= 6) return serial(+s);
  return DATE_BAD;
}

const BOOL_WORDS: Readonly<Record<string, boolean>> = {
  是: true,
  否: false,
  真: true,
  假: false,
  true: true,
  false: false,
  TRUE: true,
  FALSE: false,
  True: true,
  False: false,
  "1": true,
  "0": false,
  "√": true,
  "×": false,
};
const BOOL_BAD = bad("yes or no (是 / 否, true / false)", "是 或 否");

export function parseBool(c: Cell): Parsed {
  if (typeof c === "boolean") return { value: c };
  if (typeof c === "number") return c === 1 ? { value: true } : c === 0 ? { value: false } : BOOL_BAD;
  const v = typeof c === "string" ? lookup(BOOL_WORDS, c.trim()) : undefined;
  return v === undefined ? BOOL_BAD : { value: v };
}

/** A canonical enum value written in English, as its Chinese label, or as an alias. */
export function enumMember(t: EnumTable, written: string): string | undefined {
  let m = lookups.get(t);
  if (!m) {
    m = new Map<string, string>();
    for (const [w, k] of Object.entries(t.aliases ?? {})) m.set(w, k);
    for (const [k, zh] of Object.entries(t.labels)) m.set(zh, k).set(k, k);
    lookups.set(t, m);
  }
  return m.get(written.trim());
}

/** Written form → canonical value, built once per enum table. */
const lookups = new WeakMap<EnumTable, Map<string, string>>();

function enumBad(t: EnumTable): Bad {
  return bad(`one of ${Object.keys(t.labels).join(" | ")}`, `以下之一：${Object.values(t.labels).join("、")}`);
}

function items(c: Cell): string[] {
  const s = String(c).trim();
  if (NONE_WORDS.has(s)) return [];
  return s
    .split(SEPARATORS)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

const YEARS_BAD = bad("a whole number of years ≥ 0 (2, 2年)", "不小于 0 的整数年数（如 2 或 2年）");
const INT_BAD = bad("a whole number", "整数");

function wholeNumber(c: Cell, unit: RegExp): number | undefined {
  if (typeof c === "number") return Number.isInteger(c) ? c : undefined;
  if (typeof c !== "string") return undefined;
  const s = c.trim().replace(unit, "");
  return /^-?\d+$/.test(s) ? Number(s) : undefined;
}

/** Text of a cell for id and text fields: an integer number cell (Excel's 1001) is its digits. */
function textOf(c: Cell): string {
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

/**
 * A non-empty cell → the model value of a field of type `t`. `enums` gives
 * the tables of the enums the field may use (the policy's, with its
 * extensions). References (`ref`) come back as the text written; the reader
 * resolves ids and names once all schools are known.
 */
export function parseCell(c: Cell, t: FieldType, enums: (e: string) => EnumTable): Parsed {
  switch (t.t) {
    case "text":
    case "id":
    case "ref":
    case "secret":
      return { value: textOf(c) };
    case "date":
      return parseDate(c);
    case "bool":
      return parseBool(c);
    case "int": {
      const n = wholeNumber(c, /$^/);
      return n === undefined ? INT_BAD : { value: n };
    }
    case "years": {
      const n = wholeNumber(c, /年$/);
      return n === undefined || n < 0 ? YEARS_BAD : { value: n };
    }
    case "enum": {
      const table = enums(t.e);
      const v = enumMember(table, textOf(c));
      return v === undefined ? enumBad(table) : { value: v };
    }
    case "enums": {
      const table = enums(t.e);
      const out: string[] = [];
      for (const x of items(c)) {
        const v = enumMember(table, x);
        if (v === undefined) return enumBad(table);
        if (!out.includes(v)) out.push(v);
      }
      return { value: out };
    }
    case "texts":
      return { value: items(c) };
    case "history":
      return bad("a history sheet (任职经历)", "任职经历表");
  }
}
