// Synthetic data generator — the facts a policy declares for itself (ADR 0003):
// every field of the policy's input schema that fields.ts does not have, on
// schools, teachers, their service history and the plan's moves, and the values
// a policy adds to a built-in enum set (扩展 情形 { … }). Filled generically from
// the declaration (its type, its enum values, required / default / optional),
// never per jurisdiction, and deterministically: each declared fact draws from
// its own PRNG stream, seeded by the dataset's seed and the fact's record and
// key, so one seed gives the same values and a fact added to a policy does not
// change the draws of the others — nor any built-in field (a policy that
// declares nothing gets the dataset unchanged, byte for byte).
//
// What a record gets, by the declaration:
//   required            always a value;
//   default (默认)      a value other than the default for 10% of records, else
//                       absent (absence is the default: none, zero, false);
//   optional            always a value, except a date, which stays absent: a date
//                       of an event (a refusal, a period of leave, an approval)
//                       belongs to the few it happened to, and the dates of one
//                       event (from, to) must agree, which a generic draw cannot
//                       know — independent draws made 章贡's 孕产哺乳期 half-known and
//                       its decisions indeterminate. A required date is drawn.
// Values: bool half true (a defaulted one: true); int 0–5 (defaulted 1–5);
// duration 0–6 years in half years (defaulted 0.5–6); date (required or
// defaulted) a day in the ten years before as_of; enum one of its values; enum set each value with 10%
// (at least one when defaulted); text / id the fact's name with a number;
// text set one or two such texts. An extended value of a built-in enum set is
// added to 2% of records.

import type { InputSchema, SchemaRecord } from "../../src/data/declared.js";
import { ENUM_VALUES, HISTORY, MOVE, SCHOOL, TEACHER, type FieldDecl } from "../../src/data/fields.js";
import { formatDate, type Day } from "../../src/time/date.js";
import { Rng } from "./random.js";
import type { GenDataset } from "./types.js";

const BUILTIN: Readonly<Record<SchemaRecord, Readonly<Record<string, FieldDecl>>>> = {
  school: SCHOOL,
  teacher: TEACHER,
  move: MOVE,
  history: HISTORY,
};

/** FNV-1a of a text, for a stream seed per declared fact. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function streamOf(seed: number, what: string): Rng {
  return new Rng((seed ^ hash(what)) >>> 0);
}

/** The facts of `record` the schema declares beyond fields.ts, in declaration order. */
export function declaredFields(schema: InputSchema, record: SchemaRecord): [string, FieldDecl][] {
  return Object.entries(schema[record]).filter(([k, f]) => !Object.hasOwn(BUILTIN[record], k) && f.fact !== false);
}

/** Values a policy adds to the built-in enum sets of `record` (扩展 情形 { … }): field → added values. */
export function extendedSetValues(schema: InputSchema, record: SchemaRecord): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [k, f] of Object.entries(BUILTIN[record])) {
    if (f.type.t !== "enums") continue;
    const builtin = (ENUM_VALUES as Record<string, Record<string, string>>)[f.type.e] ?? {};
    const added = Object.keys(schema.enumTable(f.type.e).labels).filter((v) => !Object.hasOwn(builtin, v));
    if (added.length) out.push([k, added]);
  }
  return out;
}

/** One value of a declared fact, as a dataset file writes it; undefined: leave the field absent. */
function draw(rng: Rng, f: FieldDecl, key: string, schema: InputSchema, asOf: Day): unknown {
  const t = f.type;
  const defaulted = f.need === "default";
  const present = f.need === "required" ? 1 : defaulted ? 0.1 : t.t === "date" ? 0 : 1;
  if (present < 1 && !rng.chance(present)) return undefined;
  switch (t.t) {
    case "bool":
      return defaulted ? true : rng.chance(0.5);
    case "int":
      return rng.int(defaulted ? 1 : 0, 5);
    case "years":
      return rng.int(defaulted ? 1 : 0, 12) / 2;
    case "date":
      return formatDate(asOf - rng.int(1, 3652));
    case "enum":
      return rng.pick(Object.keys(schema.enumTable(t.e).labels));
    case "enums": {
      const values = Object.keys(schema.enumTable(t.e).labels);
      const got = values.filter(() => rng.chance(0.1));
      if (got.length === 0 && defaulted && values.length) got.push(rng.pick(values));
      return got;
    }
    case "text":
    case "id":
      return `${f.zh || key}${rng.int(1, 9)}`;
    case "texts":
      return Array.from({ length: rng.int(1, 2) }, () => `${f.zh || key}${rng.int(1, 9)}`);
    default:
      return undefined; // references and data-only fields are never declared
  }
}

function fillRecords(
  records: readonly object[],
  record: SchemaRecord,
  schema: InputSchema,
  seed: number,
  asOf: Day,
): void {
  for (const [key, f] of declaredFields(schema, record)) {
    const rng = streamOf(seed, `${record}.${key}`);
    for (const r of records) {
      const v = draw(rng, f, key, schema, asOf);
      if (v !== undefined) (r as Record<string, unknown>)[key] = v;
    }
  }
  for (const [key, added] of extendedSetValues(schema, record)) {
    const rng = streamOf(seed, `${record}.${key}+`);
    for (const r of records) {
      const extra = added.filter(() => rng.chance(0.02));
      if (extra.length === 0) continue;
      const o = r as Record<string, unknown>;
      o[key] = [...((o[key] as string[] | undefined) ?? []), ...extra];
    }
  }
}

/**
 * Fill the facts `schema` declares beyond fields.ts into `ds` (in place), from
 * streams of `seed`. A schema that declares nothing leaves `ds` as it is.
 */
export function fillDeclared(ds: GenDataset, schema: InputSchema, seed: number, asOf: Day): void {
  fillRecords(ds.schools, "school", schema, seed, asOf);
  fillRecords(ds.teachers, "teacher", schema, seed, asOf);
  fillRecords(
    ds.teachers.flatMap((t) => t.history ?? []),
    "history",
    schema,
    seed,
    asOf,
  );
  fillRecords(ds.plan.moves, "move", schema, seed, asOf);
}
