// The fuzz suite's own judgment of a dataset edit: is the value written one
// that legitimately means something for its field (a valid date, an enum
// value, an existing school), or a deletion of what may be absent? An edit
// that is not legitimate may change the answer only if lungang says so (a new
// diagnostic); otherwise the reader guessed — a silent change. Written from
// the field declarations (src/data/fields.ts: each field's type and whether
// it is required), not from the reader's code, so that it can disagree.

import { ENUM_ALIASES, ENUM_VALUES, RECORDS, type FieldDecl, type FieldType } from "../../src/data/fields.js";

export type Path = readonly (string | number)[];

/** One edit of a dataset: the value written at a path, or a deletion. */
export interface Edit {
  readonly path: Path;
  readonly before: unknown;
  readonly value?: unknown;
  readonly deleted?: boolean;
}

const LISTS: Record<string, keyof typeof RECORDS> = {
  schools: "school",
  teachers: "teacher",
  moves: "move",
  history: "history",
};

/** What a path names: a field of a record, a record in a list, a list, or a top-level value. */
function locate(
  p: Path,
):
  | { k: "field"; decl: FieldDecl | undefined }
  | { k: "record" }
  | { k: "list"; name: string }
  | { k: "top"; name: string } {
  // Walk list → index → field, nesting through history and plan.moves.
  let rec: keyof typeof RECORDS | undefined;
  for (let i = 0; i < p.length; i++) {
    const s = p[i]!;
    if (typeof s === "number") {
      if (i === p.length - 1) return { k: "record" };
      continue;
    }
    if (rec && i === p.length - 1) {
      const decl = (RECORDS[rec] as Record<string, FieldDecl>)[s];
      return { k: "field", decl };
    }
    if (rec && LISTS[s] !== "history") {
      // A list of texts or enums inside a record (honors, conditions): an element.
      const decl = (RECORDS[rec] as Record<string, FieldDecl>)[s];
      return { k: "field", decl: decl && elementOf(decl) };
    }
    const list = LISTS[s];
    if (list) {
      rec = list;
      if (i === p.length - 1) return { k: "list", name: s };
      continue;
    }
    if (i === p.length - 1) return { k: "top", name: s };
  }
  return { k: "top", name: String(p[0]) };
}

function elementOf(d: FieldDecl): FieldDecl | undefined {
  const t = d.type;
  if (t.t === "texts") return { ...d, type: { t: "text" } };
  if (t.t === "enums") return { ...d, type: { t: "enum", e: t.e } };
  return undefined;
}

const ISO = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/;

/** A calendar date (or month) from 1900 to 2100, in ASCII or full-width digits (NFKC). */
function validDate(v: unknown): boolean {
  if (typeof v !== "string") return false;
  const m = ISO.exec(v.normalize("NFKC"));
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1900 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
  );
}

function enumWords(e: string): Set<string> {
  const values = (ENUM_VALUES as Record<string, Record<string, string>>)[e] ?? {};
  const aliases = (ENUM_ALIASES as Record<string, Record<string, string> | undefined>)[e] ?? {};
  return new Set([...Object.keys(values), ...Object.values(values), ...Object.keys(aliases)]);
}

function ids(ds: Record<string, unknown>, list: "schools" | "teachers"): string[] {
  const xs = ds[list];
  return Array.isArray(xs)
    ? xs.map((x) => (x as { id?: unknown })?.id).filter((x): x is string => typeof x === "string")
    : [];
}

function valid(t: FieldType, v: unknown, ds: Record<string, unknown>, edit: Edit): boolean {
  switch (t.t) {
    case "text":
    case "secret":
      // A number written as a name is its digits: what was written, not a guess.
      return (typeof v === "string" && v.trim() !== "") || Number.isFinite(v);
    case "id": {
      if (!((typeof v === "string" && v.trim() !== "") || Number.isFinite(v))) return false;
      const list = edit.path[0] === "schools" ? "schools" : "teachers";
      return ids(ds, list).filter((x) => x === String(v)).length === 1;
    }
    case "date":
      return validDate(v);
    case "bool":
      return typeof v === "boolean";
    case "int":
      return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000;
    case "years":
      return typeof v === "number" && v > 0 && v <= 50 && Number.isInteger(Math.round(v * 12 * 1e6) / 1e6);
    case "texts":
      return Array.isArray(v) && v.every((x) => typeof x === "string" && x.trim() !== "");
    case "history":
      return Array.isArray(v) && v.length === 0;
    case "enum":
      return typeof v === "string" && enumWords(t.e).has(v);
    case "enums":
      return Array.isArray(v) && v.every((x) => typeof x === "string" && enumWords(t.e).has(x));
    case "ref":
      return typeof v === "string" && ids(ds, t.to === "school" ? "schools" : "teachers").includes(v);
  }
}

/** May this edit change the answer without lungang saying a word? `ds` is the dataset after all edits. */
export function legitimate(edit: Edit, ds: Record<string, unknown>): boolean {
  if (!edit.deleted && JSON.stringify(edit.value) === JSON.stringify(edit.before)) return true; // no change
  const at = locate(edit.path);
  const absent = edit.deleted || edit.value === null || edit.value === "";
  switch (at.k) {
    case "field":
      if (!at.decl) return false; // an unknown field changes nothing, or is reported
      if (absent) return at.decl.need !== "required" && edit.before !== undefined;
      return valid(at.decl.type, edit.value, ds, edit);
    case "record":
      // A row removed is a row fewer; a row replaced by a scalar is no row.
      return edit.deleted === true;
    case "list":
      return at.name === "moves" || at.name === "history" ? absent || Array.isArray(edit.value) : false;
    case "top":
      if (at.name === "plan") return edit.deleted === true;
      if (at.name === "start") return absent || validDate(edit.value);
      return at.name === "as_of" ? !absent && validDate(edit.value) : false;
  }
}
