// Checker, declared facts (ADR 0003): the `事实 …` and `扩展 …` items of every
// layer → the policy's input schema (fields.ts plus the declarations) and the
// fact table derived from it. Runs before any expression is typed, so every
// reference to a declared fact is typed against it. Reports S001–S011.

import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-facts.js";
import { closest as suggest } from "../diagnostics/suggest.js";
import { BUILTIN_SCHEMA, inputSchema, type EnumTable, type InputSchema, type SchemaRecord } from "../data/declared.js";
import type { FieldDecl, FieldType } from "../data/fields.js";
import type * as A from "../syntax/ast.js";
import { COLLECTIONS, DERIVED, TRACK_SELECTOR_NAMES, factTableOf, type FactTable } from "../semantics/facts.js";
import { lookup } from "../util/lookup.js";

/** Record words: the language's record kinds, and the sheet a roster keeps them on. */
export const RECORD_WORDS: Readonly<Record<string, SchemaRecord>> = {
  人员: "teacher",
  教师: "teacher",
  person: "teacher",
  teacher: "teacher",
  学校: "school",
  school: "school",
  交流: "move",
  交流记录: "move",
  move: "move",
  任职经历: "history",
  service: "history",
  history: "history",
};

const RECORD_ZH: Record<SchemaRecord, string> = { teacher: "人员", school: "学校", move: "交流", history: "任职经历" };
const RECORD_EN: Record<SchemaRecord, string> = {
  teacher: "a person",
  school: "a school",
  move: "a move",
  history: "a period of service",
};

type TypeWord = Exclude<FieldType["t"], "history" | "secret" | "ref">;
/** Type words of a declaration; `enum`/`enums` take `{ … }` values. */
export const TYPE_WORDS: Readonly<Record<string, TypeWord | "ref_school" | "ref_person">> = {
  布尔: "bool",
  bool: "bool",
  整数: "int",
  int: "int",
  日期: "date",
  date: "date",
  期限: "years",
  duration: "years",
  文本: "text",
  text: "text",
  文本集合: "texts",
  texts: "texts",
  编号: "id",
  id: "id",
  枚举: "enum",
  enum: "enum",
  枚举集合: "enums",
  enums: "enums",
  // References: only the built-in facts are (a person's school, a move's person).
  学校: "ref_school",
  school: "ref_school",
  人员: "ref_person",
  person: "ref_person",
};

/** Attribute words after the type. */
export const FLAG_WORDS: Readonly<Record<string, "required" | "default">> = {
  必填: "required",
  required: "required",
  默认: "default",
  default: "default",
};

const ASCII = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface DeclaredFacts {
  readonly input: InputSchema;
  readonly facts: FactTable;
}

interface Seen {
  readonly decl: FieldDecl;
  readonly span: Span;
  readonly builtin: boolean;
}

/** The policy's input schema and fact table from the fact items of its layers (bottom-up). */
export function declareFacts(
  files: readonly { readonly ast: A.PolicyFile }[],
  diagnostics: Diagnostic[],
): DeclaredFacts {
  const items = files.flatMap((f) => f.ast.facts ?? []);
  if (items.length === 0) return { input: BUILTIN_SCHEMA, facts: factTableOf(BUILTIN_SCHEMA) };
  const records: Record<SchemaRecord, Record<string, FieldDecl>> = {
    school: { ...BUILTIN_SCHEMA.school },
    teacher: { ...BUILTIN_SCHEMA.teacher },
    move: { ...BUILTIN_SCHEMA.move },
    history: { ...BUILTIN_SCHEMA.history },
  };
  const enums: Record<string, EnumTable> = { ...BUILTIN_SCHEMA.enums };
  // Where each fact was declared, by record and key; built-ins have no span.
  const seen = new Map<string, Seen>();
  for (const rec of Object.keys(records) as SchemaRecord[])
    for (const [k, d] of Object.entries(records[rec]))
      seen.set(`${rec}\u0000${k}`, { decl: d, span: { file: "", start: 0, end: 0 }, builtin: true });
  let changed = false;
  const err = (code: string, args: Record<string, string>, span: Span, help?: string) =>
    diagnostics.push(diag(code, args, { span, ...(help ? { help } : {}) }));
  const unknownWord = (code: string, w: A.Ident, choices: readonly string[]) => {
    const best = suggest(w.name, choices);
    err(code, { word: w.name, choices: choices.join(", ") }, w.span, best ? `did you mean \`${best}\`?` : undefined);
  };

  const declarations = items.filter((i): i is A.FactDecl => i.kind === "FactDecl");
  const extensions = items.filter((i): i is A.EnumExtension => i.kind === "EnumExtension");
  for (const d of declarations) {
    const rec = lookup(RECORD_WORDS, d.record.name);
    if (!rec) {
      unknownWord("S003", d.record, Object.keys(RECORD_WORDS));
      continue;
    }
    const { key, zh } = namesOf(d);
    if (DERIVED.has(key) || DERIVED.has(zh) || Object.hasOwn(COLLECTIONS, key) || Object.hasOwn(COLLECTIONS, zh)) {
      err("S007", { name: DERIVED.has(zh) || Object.hasOwn(COLLECTIONS, zh) ? zh : key }, d.name.span);
      continue;
    }
    if (TRACK_SELECTOR_NAMES.includes(key) || TRACK_SELECTOR_NAMES.includes(zh)) {
      err("S007", { name: key }, d.name.span);
      continue;
    }
    // The existing fact of either name, if any: a restatement, or a clash.
    const prior =
      seen.get(`${rec}\u0000${key}`) ??
      [...seen.entries()].find(([k, s]) => k.startsWith(`${rec}\u0000`) && s.decl.zh === zh)?.[1];
    const built = declOf(d, rec, key, zh, prior, enums, diagnostics);
    if (!built) continue;
    if (prior) {
      const why = difference(prior.decl, built.decl, enums, built.values);
      if (why === undefined) continue; // the same fact, restated
      if (prior.builtin) {
        const builtinKey = Object.entries(records[rec]).find(([, f]) => f === prior.decl)?.[0] ?? key;
        err("S008", { name: d.name.name, builtin: builtinKey, what: why.en, what_zh: why.zh }, d.name.span);
      } else
        diagnostics.push(
          diag(
            "S001",
            { name: d.name.name, record: RECORD_EN[rec], record_zh: RECORD_ZH[rec] },
            { span: d.name.span, related: [{ message: "first declared here", span: prior.span }] },
          ),
        );
      continue;
    }
    if (headerClash(d, rec, built.decl, records[rec], diagnostics)) continue;
    if (built.values) enums[built.enumName!] = built.values;
    records[rec][key] = built.decl;
    seen.set(`${rec}\u0000${key}`, { decl: built.decl, span: d.name.span, builtin: false });
    changed = true;
  }

  for (const x of extensions) {
    const rec = x.record ? lookup(RECORD_WORDS, x.record.name) : undefined;
    if (x.record && !rec) {
      unknownWord("S003", x.record, Object.keys(RECORD_WORDS));
      continue;
    }
    const found = findFact(records, rec, x.fact.name);
    if (!found) {
      err("S004", { name: x.fact.name }, x.fact.span);
      continue;
    }
    const t = found.decl.type;
    if (t.t !== "enum" && t.t !== "enums") {
      err("S005", { name: x.fact.name, type: t.t, type_zh: TYPE_ZH[t.t] ?? t.t }, x.fact.span);
      continue;
    }
    const base = enums[t.e] ?? { labels: {} };
    const labels: Record<string, string> = { ...base.labels };
    const aliases: Record<string, string> = { ...(base.aliases ?? {}) };
    let added = false;
    for (const m of x.members) {
      const value = m.value?.name ?? m.label.value;
      const label = m.label.value;
      if (Object.hasOwn(labels, value)) {
        if (labels[value] !== label)
          memberErr(
            diagnostics,
            x.fact.name,
            value,
            "already a value, with another label",
            "已是取值，但中文名称不同",
            m,
          );
        continue;
      }
      const owner = Object.entries(labels).find(([, l]) => l === label)?.[0];
      if (owner !== undefined || Object.hasOwn(aliases, label)) {
        memberErr(diagnostics, x.fact.name, label, "the label is already used", "该中文名称已被其他取值使用", m);
        continue;
      }
      labels[value] = label;
      for (const a of m.aliases) aliases[a.value] = value;
      added = true;
    }
    if (added) {
      enums[t.e] = { labels, aliases };
      changed = true;
    }
  }
  if (!changed) return { input: BUILTIN_SCHEMA, facts: factTableOf(BUILTIN_SCHEMA) };
  const input = inputSchema(records, enums);
  return { input, facts: factTableOf(input) };
}

const TYPE_ZH: Record<string, string> = {
  text: "文本",
  id: "编号",
  date: "日期",
  bool: "布尔",
  int: "整数",
  years: "期限",
  texts: "文本集合",
  ref: "记录",
  history: "任职经历",
  secret: "文本",
  enum: "枚举",
  enums: "枚举集合",
};

/** The data key (the ASCII name when one is written) and the Chinese name of a declaration. */
function namesOf(d: A.FactDecl): { key: string; zh: string } {
  const a = d.name.name;
  const b = d.otherName?.name;
  if (b === undefined) return { key: a, zh: a };
  if (ASCII.test(b) && !ASCII.test(a)) return { key: b, zh: a };
  return { key: a, zh: b };
}

function memberErr(
  diagnostics: Diagnostic[],
  name: string,
  value: string,
  why: string,
  why_zh: string,
  at: A.NodeBase,
): void {
  diagnostics.push(diag("S006", { name, value, why, why_zh }, { span: at.span }));
}

/** The field declaration a `事实` item states, with its enum's values; undefined (reported) when it is malformed. */
function declOf(
  d: A.FactDecl,
  rec: SchemaRecord,
  key: string,
  zh: string,
  prior: Seen | undefined,
  enums: Readonly<Record<string, EnumTable>>,
  diagnostics: Diagnostic[],
): { decl: FieldDecl; values?: EnumTable; enumName?: string } | undefined {
  const word = lookup(TYPE_WORDS, d.type.name);
  if (!word) {
    const choices = Object.keys(TYPE_WORDS).filter((w) => !w.startsWith("ref"));
    const best = suggest(d.type.name, choices);
    diagnostics.push(
      diag(
        "S002",
        { word: d.type.name, choices: choices.join(", ") },
        { span: d.type.span, ...(best ? { help: `did you mean \`${best}\`?` } : {}) },
      ),
    );
    return undefined;
  }
  let need: FieldDecl["need"];
  for (const f of d.flags) {
    const flag = lookup(FLAG_WORDS, f.name);
    if (!flag) {
      const best = suggest(f.name, Object.keys(FLAG_WORDS));
      diagnostics.push(
        diag(
          "S010",
          { word: f.name, choices: [...Object.keys(FLAG_WORDS), "表头/headers", "说明/doc"].join(", ") },
          { span: f.span, ...(best ? { help: `did you mean \`${best}\`?` } : {}) },
        ),
      );
      return undefined;
    }
    need = flag;
  }
  const isEnum = word === "enum" || word === "enums";
  if (isEnum !== (d.members !== undefined) || (d.members && d.members.length === 0)) {
    const why = isEnum
      ? ["an enumeration needs its values: { … }", "枚举需列出取值：{ … }"]
      : ["only an enumeration takes values", "只有枚举可列出取值"];
    diagnostics.push(
      diag("S006", { name: d.name.name, value: "{…}", why: why[0]!, why_zh: why[1]! }, { span: d.type.span }),
    );
    return undefined;
  }
  let type: FieldType;
  let values: EnumTable | undefined;
  let enumName: string | undefined;
  if (word === "ref_school" || word === "ref_person") {
    // Only a restatement of a built-in reference (a person's 学校, a move's 交流人员) may say so.
    const to = word === "ref_school" ? "school" : "person";
    if (!prior?.builtin || prior.decl.type.t !== "ref") {
      diagnostics.push(
        diag(
          "S011",
          { type: to === "school" ? "a school" : "a person", type_zh: to === "school" ? "学校" : "人员" },
          { span: d.type.span },
        ),
      );
      return undefined;
    }
    type = { t: "ref", to };
  } else if (isEnum) {
    const labels: Record<string, string> = {};
    const aliases: Record<string, string> = {};
    for (const m of d.members!) {
      const value = m.value?.name ?? m.label.value;
      if (Object.hasOwn(labels, value) || Object.values(labels).includes(m.label.value)) {
        // Name what is repeated: the value, or else its Chinese label.
        memberErr(
          diagnostics,
          d.name.name,
          Object.hasOwn(labels, value) ? value : m.label.value,
          "declared twice",
          "重复声明",
          m,
        );
        return undefined;
      }
      labels[value] = m.label.value;
      for (const a of m.aliases) aliases[a.value] = value;
    }
    values = { labels, aliases };
    // A restated built-in keeps its enum's name (情形 → condition); a new fact's enum is named after it.
    enumName = prior && (prior.decl.type.t === "enum" || prior.decl.type.t === "enums") ? prior.decl.type.e : key;
    if (!prior && Object.hasOwn(enums, enumName)) enumName = `${rec}.${key}`;
    type = { t: word, e: enumName };
  } else type = { t: word };
  const headers = d.headers.map((h) => h.value);
  const decl: FieldDecl = {
    zh,
    doc: d.doc?.value ?? "",
    type,
    // Without 表头, the column is headed by the fact's Chinese name.
    headers: headers.length > 0 ? headers : key === zh ? [] : [zh],
    ...(need ? { need } : {}),
  };
  return { decl, ...(values ? { values, enumName: enumName! } : {}) };
}

/** How two declarations of one fact differ, in words; undefined when they agree (docs and ranges aside). */
function difference(
  a: FieldDecl,
  b: FieldDecl,
  enums: Readonly<Record<string, EnumTable>>,
  values: EnumTable | undefined,
): { en: string; zh: string } | undefined {
  const both = (en: string, zh: string) => ({ en, zh });
  if (a.zh !== b.zh) return both(`Chinese name ${a.zh} ≠ ${b.zh}`, `中文名称 ${a.zh} ≠ ${b.zh}`);
  if (a.type.t !== b.type.t && !(a.type.t === "secret" && b.type.t === "text")) return both("type", "类型");
  if ((a.need ?? "") !== (b.need ?? "")) return both("required/default", "必填/默认");
  if (a.headers.join("\u0000") !== b.headers.join("\u0000")) {
    // Say what the first declaration heads its column with, so that a restatement can copy it.
    const had = a.headers.map((h) => `"${h}"`).join(", ") || "—";
    return both(`headers: declared ${had}`, `表头：原为 ${had}`);
  }
  if ((a.type.t === "enum" || a.type.t === "enums") && (b.type.t === "enum" || b.type.t === "enums")) {
    const have = enums[a.type.e];
    if (!have || !values) return both("values", "取值");
    if (JSON.stringify(have.labels) !== JSON.stringify(values.labels)) return both("values", "取值");
    if (JSON.stringify(have.aliases ?? {}) !== JSON.stringify(values.aliases ?? {}))
      return both("values' other spellings", "取值的其他写法");
  }
  if (a.type.t === "ref" && b.type.t === "ref" && a.type.to !== b.type.to) return both("type", "类型");
  return undefined;
}

/** Whether one of a new fact's headers already heads another fact of its record (reported). */
function headerClash(
  d: A.FactDecl,
  rec: SchemaRecord,
  decl: FieldDecl,
  fields: Readonly<Record<string, FieldDecl>>,
  diagnostics: Diagnostic[],
): boolean {
  const norm = (h: string) => h.replace(/\s+/g, "");
  const taken = new Map<string, string>();
  for (const [k, f] of Object.entries(fields)) {
    taken.set(k, k);
    for (const h of f.headers) taken.set(norm(h), k);
  }
  for (const h of decl.headers) {
    const other = taken.get(norm(h));
    if (other === undefined) continue;
    const at = d.headers.find((x) => x.value === h) ?? d.name;
    diagnostics.push(
      diag("S009", { header: h, other, record: RECORD_EN[rec], record_zh: RECORD_ZH[rec] }, { span: at.span }),
    );
    return true;
  }
  return false;
}

/** A fact by either name: in the given record, else the first record that has it (person, school, move, service). */
function findFact(
  records: Readonly<Record<SchemaRecord, Readonly<Record<string, FieldDecl>>>>,
  rec: SchemaRecord | undefined,
  name: string,
): { rec: SchemaRecord; key: string; decl: FieldDecl } | undefined {
  for (const r of rec ? [rec] : (["teacher", "school", "move", "history"] as const)) {
    for (const [key, decl] of Object.entries(records[r]))
      if (decl.fact !== false && (key === name || decl.zh === name)) return { rec: r, key, decl };
  }
  return undefined;
}
