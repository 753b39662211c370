// Data — one dataset read for two policies whose facts differ (`lungang diff`
// of an amendment that adds a fact or a value: a new deferral ground, a
// school fact, a post grade). The data is read once against the union of the
// two policies' facts, then each side sees only the facts its policy has: a
// field its policy does not declare is left out, a value it does not know is
// dropped from a list (that ground does not exist under it) and leaves a
// single value unknown. Each omission is a warning (D130) with its count, so
// nothing is dropped silently. Without this, the old policy's side refused
// the very data the amendment was written for.

import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import { inputSchema, schemaKey, type EnumTable, type InputSchema, type SchemaRecord } from "./declared.js";
import type { FieldDecl } from "./fields.js";
import type { Dataset, HistoryEntry, Move, School, Teacher } from "./model.js";

const RECORDS: readonly SchemaRecord[] = ["school", "teacher", "move", "history"];
const RECORD_ZH: Readonly<Record<SchemaRecord, string>> = {
  school: "学校",
  teacher: "教师",
  move: "交流",
  history: "任职经历",
};

function sameReading(a: FieldDecl, b: FieldDecl): boolean {
  return JSON.stringify([a.type, a.need, a.range]) === JSON.stringify([b.type, b.need, b.range]);
}

/**
 * The facts of both schemas in one, or why they cannot be one: a field both
 * declare with different types, a header two fields claim, an alias two
 * enums' values claim. Labels of a value both have are the first schema's.
 */
export function unionSchema(a: InputSchema, b: InputSchema): { value?: InputSchema; conflict?: string } {
  const records = {} as Record<SchemaRecord, Record<string, FieldDecl>>;
  for (const kind of RECORDS) {
    const merged: Record<string, FieldDecl> = { ...a[kind] };
    const headerOf = new Map<string, string>();
    for (const [name, d] of Object.entries(merged)) for (const h of d.headers) headerOf.set(h, name);
    for (const [name, d] of Object.entries(b[kind])) {
      const mine = merged[name];
      if (mine) {
        // Read alike only if typed, required and defaulted alike: a field one side defaults (absent = none)
        // and the other does not (absent = unknown) cannot be read once for both.
        if (!sameReading(mine, d)) return { conflict: `${kind}.${name}` };
        continue;
      }
      for (const h of d.headers) {
        const other = headerOf.get(h);
        if (other !== undefined && other !== name) return { conflict: `${kind}.${name} / ${kind}.${other} (${h})` };
        headerOf.set(h, name);
      }
      merged[name] = d;
    }
    records[kind] = merged;
  }
  const enums: Record<string, EnumTable> = {};
  for (const name of new Set([...Object.keys(a.enums), ...Object.keys(b.enums)])) {
    const x = a.enumTable(name);
    const y = b.enumTable(name);
    const aliases = { ...(y.aliases ?? {}), ...(x.aliases ?? {}) };
    for (const [alias, value] of Object.entries(y.aliases ?? {}))
      if (x.aliases?.[alias] !== undefined && x.aliases[alias] !== value) return { conflict: `${name}: ${alias}` };
    enums[name] = { labels: { ...y.labels, ...x.labels }, aliases };
  }
  return { value: inputSchema(records, enums) };
}

/**
 * The dataset as a policy with `own` facts sees it, from a read against
 * `union` (unionSchema of `own` and another's): what `own` lacks is left
 * out, each kind of omission one D130 warning naming `policy` and the count.
 * The same object when nothing is left out.
 */
export function projectDataset(
  data: Dataset,
  own: InputSchema,
  union: InputSchema,
  policy: string,
): { value: Dataset; diagnostics: Diagnostic[] } {
  type What = { en: string; zh: string };
  const dropped = new Map<string, { what: What; count: number }>();
  /** One omission: the field, and the value when only the value is unknown to `own`. */
  const drop = (kind: SchemaRecord, field: string, value?: string) => {
    const key = `${kind}.${field}=${value ?? ""}`;
    const d = dropped.get(key);
    if (d) return void d.count++;
    const decl = union[kind][field]!;
    const t = decl.type;
    const label = value !== undefined && "e" in t ? (union.enumTable(t.e).labels[value] ?? value) : value;
    dropped.set(key, {
      what: {
        en: `${kind}.${field}${value !== undefined ? ` = ${value}` : ""}`,
        zh: `${RECORD_ZH[kind]}.${decl.zh}${label !== undefined ? ` = ${label}` : ""}`,
      },
      count: 1,
    });
  };
  const project = <R extends object>(rec: R, kind: SchemaRecord): R => {
    let out: Record<string, unknown> | undefined;
    const copy = () => (out ??= { ...(rec as Record<string, unknown>) });
    for (const [k, v] of Object.entries(rec)) {
      if (!Object.hasOwn(union[kind], k)) continue; // not a fact (a reader's own property)
      const decl = own[kind][k];
      if (!decl) {
        copy();
        delete out![k];
        drop(kind, k);
        continue;
      }
      const t = decl.type;
      if (t.t === "enum" && typeof v === "string" && !Object.hasOwn(own.enumTable(t.e).labels, v)) {
        copy();
        delete out![k];
        drop(kind, k, v);
      } else if (t.t === "enums" && Array.isArray(v)) {
        const labels = own.enumTable(t.e).labels;
        const kept = (v as string[]).filter((x) => Object.hasOwn(labels, x));
        if (kept.length !== v.length) {
          copy()[k] = kept;
          for (const x of v as string[]) if (!Object.hasOwn(labels, x)) drop(kind, k, x);
        }
      } else if (t.t === "history" && Array.isArray(v)) {
        const entries = (v as HistoryEntry[]).map((h) => project(h, "history"));
        if (entries.some((h, i) => h !== (v as HistoryEntry[])[i])) copy()[k] = entries;
      }
    }
    return (out as R | undefined) ?? rec;
  };
  const schools = data.schools.map((s) => project<School>(s, "school"));
  const teachers = data.teachers.map((t) => project<Teacher>(t, "teacher"));
  const moves = data.plan?.moves.map((m) => project<Move>(m, "move"));
  if (dropped.size === 0) return { value: data, diagnostics: [] };
  const value: Dataset = {
    ...data,
    schools,
    teachers,
    ...(data.plan ? { plan: { ...data.plan, moves: moves! } } : {}),
    schoolById: new Map(schools.map((s) => [s.id, s])),
    teacherById: new Map(teachers.map((t) => [t.id, t])),
  };
  const diagnostics = [...dropped.values()].map(({ what, count }) => diag("D130", { what, policy, count }));
  return { value, diagnostics };
}

/**
 * Both sides of a comparison (see the top of this file); `read` reads the
 * dataset against a schema. One read when the two schemas read alike or can
 * be united; otherwise each side is read against its own facts. A finding
 * both reads give is reported once.
 */
export async function readForBoth(
  read: (schema: InputSchema) => Promise<Result<Dataset>>,
  a: { readonly facts: InputSchema; readonly name: string },
  b: { readonly facts: InputSchema; readonly name: string },
): Promise<Result<{ before: Dataset; after: Dataset }>> {
  if (schemaKey(a.facts) === schemaKey(b.facts)) {
    const r = await read(a.facts);
    return r.value
      ? { value: { before: r.value, after: r.value }, diagnostics: r.diagnostics }
      : { diagnostics: r.diagnostics };
  }
  const union = unionSchema(a.facts, b.facts);
  if (!union.value) {
    const [x, y] = [await read(a.facts), await read(b.facts)];
    const diagnostics = onceEach([...x.diagnostics, ...y.diagnostics]);
    return x.value && y.value ? { value: { before: x.value, after: y.value }, diagnostics } : { diagnostics };
  }
  const r = await read(union.value);
  if (!r.value) return { diagnostics: r.diagnostics };
  const before = projectDataset(r.value, a.facts, union.value, a.name);
  const after = projectDataset(r.value, b.facts, union.value, b.name);
  return {
    value: { before: before.value, after: after.value },
    diagnostics: [...r.diagnostics, ...before.diagnostics, ...after.diagnostics],
  };
}

/** Each finding once: two reads of one file tell the same findings about the fields they share. */
function onceEach(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = JSON.stringify([d.code, d.message, d.file, d.span?.file, d.span?.start, d.path]);
    return !seen.has(key) && (seen.add(key), true);
  });
}
