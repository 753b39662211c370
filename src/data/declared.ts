// Data — the input schema a dataset is read against: the fields of each record
// and the values of each enum. The built-in one is fields.ts; a policy's is
// fields.ts plus the facts its layers declare (ADR 0003, src/checker/facts.ts).
// The YAML/JSON reader, the tabular reader, the template and (through
// semantics/facts.ts) the checker's field tables are all derived from one.

import { ENUM_ALIASES, ENUM_VALUES, HISTORY, MOVE, SCHOOL, TEACHER, type FieldDecl } from "./fields.js";

/** One enum's values: canonical value → Chinese label, and further input spellings → value. */
export interface EnumTable {
  readonly labels: Readonly<Record<string, string>>;
  readonly aliases?: Readonly<Record<string, string>>;
}

export type SchemaRecord = "school" | "teacher" | "move" | "history";

/**
 * What data is read against (ADR 0003): the fields of each record — the
 * built-in ones of `policies/national` and those a policy's layers declare —
 * and the values of each enum. A checked policy's is `policy.input`.
 */
export interface InputSchema {
  readonly school: Readonly<Record<string, FieldDecl>>;
  readonly teacher: Readonly<Record<string, FieldDecl>>;
  readonly move: Readonly<Record<string, FieldDecl>>;
  readonly history: Readonly<Record<string, FieldDecl>>;
  /** Every enum by name: the built-in ones (extended or not) and the declared ones. */
  readonly enums: Readonly<Record<string, EnumTable>>;
  /** The values of an enum by name (none for a name no enum has). */
  enumTable(e: string): EnumTable;
}

const NO_VALUES: EnumTable = { labels: {} };

/** A schema over these records and enums. */
export function inputSchema(
  records: Readonly<Record<SchemaRecord, Readonly<Record<string, FieldDecl>>>>,
  enums: Readonly<Record<string, EnumTable>>,
): InputSchema {
  return { ...records, enums, enumTable: (e) => (Object.hasOwn(enums, e) ? enums[e]! : NO_VALUES) };
}

/**
 * A key equal for two schemas that read data alike (the same records, fields
 * and enum values): two versions of a policy that declare the same facts read
 * a dataset once between them. Cached per schema object.
 */
export function schemaKey(schema: InputSchema): string {
  let key = KEYS.get(schema);
  if (key === undefined) {
    const { school, teacher, move, history, enums } = schema;
    key = JSON.stringify({ school, teacher, move, history, enums });
    KEYS.set(schema, key);
  }
  return key;
}

const KEYS = new WeakMap<InputSchema, string>();

/** The built-in declaration (fields.ts) as a schema: what a dataset is read against without a policy. */
export const BUILTIN_SCHEMA: InputSchema = inputSchema(
  { school: SCHOOL, teacher: TEACHER, move: MOVE, history: HISTORY },
  Object.fromEntries(
    Object.keys(ENUM_VALUES).map((e) => [
      e,
      {
        labels: (ENUM_VALUES as Record<string, Record<string, string>>)[e]!,
        aliases: (ENUM_ALIASES as Record<string, Record<string, string>>)[e] ?? {},
      },
    ]),
  ),
);
