// Data — reads a dataset or case file: text → YAML/JSON value → schema.ts →
// cross-reference checks → model.ts Dataset/CaseFile. Consumes a file name or
// text; produces Result<…> with every problem as a D-coded Diagnostic. Never throws.

import { extname } from "node:path";
import YAML, { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import type { z } from "zod";
import "../diagnostics/codes-data.js";
import type { Diagnostic, Result, Span } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import { closest } from "../diagnostics/suggest.js";
import { formatDate, fromYmd, type Day } from "../time/date.js";
import { ENUM_ZH, type CaseFile, type Dataset, type Plan, type School, type Teacher } from "./model.js";
import { readInputFile, type InputLimit } from "./input.js";
import { MAX_BYTES, MAX_DATA_DEPTH, MAX_YAML_ALIASES } from "./limits.js";
import { scanJson, scanYamlDepth, type Finding } from "./prescan.js";
import { KNOWN_FIELDS, dayOf, readers } from "./schema.js";
import type { InputSchema } from "./declared.js";

/** The syntax of a data file. */
export type Format = "yaml" | "json";

/** Options of the data readers. */
export interface ReadOptions {
  /** The command line's `--as-of`: overrides the file's `as_of`, which may then be absent. */
  readonly asOf?: Day;
  /** The policy's input schema (its declared facts and values); the built-in one when absent. */
  readonly schema?: InputSchema;
}

export type Segment = string | number;

/** `teachers[3].birth_date` → ["teachers", 3, "birth_date"]: formatPath's inverse. */
export function parsePath(path: string): Segment[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** `teachers[3].birth_date` */
export function formatPath(segs: readonly Segment[]): string {
  let s = "";
  for (const seg of segs) s += typeof seg === "number" ? `[${seg}]` : s === "" ? seg : `.${seg}`;
  return s;
}

/** The format a file name implies, or undefined for an unsupported extension. */
export function formatOf(file: string): Format | undefined {
  const ext = extname(file).toLowerCase();
  return ext === ".yaml" || ext === ".yml" ? "yaml" : ext === ".json" ? "json" : undefined;
}

export function readDataset(file: string, options: ReadOptions = {}): Result<Dataset> {
  const r = readText(file, "dataset");
  return r.value ? parseDatasetText(r.value.text, file, r.value.format, options) : { diagnostics: r.diagnostics };
}

export function readCaseFile(file: string, options: ReadOptions = {}): Result<CaseFile> {
  const r = readText(file, "case");
  return r.value ? parseCaseText(r.value.text, file, r.value.format, options) : { diagnostics: r.diagnostics };
}

/**
 * The reference date a YAML/JSON dataset states (`as_of`), read alone — its
 * other fields are not validated: what choosing the policy version in force
 * needs before the data can be read against that version's facts.
 */
export function readDatasetDate(file: string): Result<Day> {
  const r = readText(file, "dataset");
  if (!r.value) return { diagnostics: r.diagnostics };
  const src = parseSource(r.value.text, file, r.value.format);
  if (src.raw === undefined) return { diagnostics: src.diags };
  const asOf = isRecord(src.raw) ? dayOf(src.raw.as_of) : undefined;
  if (asOf !== undefined) return { value: asOf, diagnostics: [] };
  const rep = new Reporter(src, knownSets(KNOWN_FIELDS));
  rep.report("D003", { field: "as_of" }, ["as_of"]);
  return { diagnostics: rep.diags };
}

function readText(file: string, kind: "dataset" | "case"): Result<{ text: string; format: Format }> {
  const format = formatOf(file);
  if (!format) {
    return {
      diagnostics: [diag("D001", { file, reason: "unsupported file extension (use .yaml, .yml or .json)" }, { file })],
    };
  }
  const r = readInputFile(file, inputLimit(format, kind));
  return r.value ? { value: { text: r.value.text, format }, diagnostics: [] } : { diagnostics: r.diagnostics };
}

/** The size limit of a dataset or case file in this format, and what to do beyond it. */
function inputLimit(format: Format, kind: "dataset" | "case"): InputLimit {
  if (kind === "case")
    return {
      maxBytes: MAX_BYTES.case,
      format: "case",
      what: "a case file holds one teacher and their schools",
      what_zh: "个案文件只含一位教师及其学校",
    };
  return format === "json"
    ? {
        maxBytes: MAX_BYTES.json,
        format: "JSON",
        what: "split the roster, or use the CSV or NDJSON form, which is read row by row",
        what_zh: "请拆分名册，或改用逐行读取的 CSV 或 NDJSON 格式",
      }
    : {
        maxBytes: MAX_BYTES.yaml,
        format: "YAML",
        what: "use JSON, or the CSV or NDJSON form, which is read row by row",
        what_zh: "请改用 JSON，或逐行读取的 CSV 或 NDJSON 格式",
      };
}

/**
 * The steps both input kinds share: syntax, the root's shape, unknown fields
 * (warnings), the schema (every issue reported), and the reference date.
 */
function validateTop<S extends z.ZodType<{ as_of?: unknown }>>(
  text: string,
  file: string,
  format: Format,
  options: ReadOptions,
  expected: string,
  schema: S,
  unknownFields: (r: Reporter, raw: Record<string, unknown>) => void,
  /** Whether a schema issue at this path sets one row aside (the other rows are still cross-checked); else it ends the read. */
  rowOf?: (path: readonly Segment[]) => string | undefined,
): { r: Reporter; data: z.output<S>; asOf: Day; rejected: ReadonlySet<string> } | { diagnostics: Diagnostic[] } {
  const src = parseSource(text, file, format);
  if (src.raw === undefined) return { diagnostics: src.diags };
  const r = new Reporter(src, knownSets(readers(options.schema).known));
  if (!r.checkRoot(src.raw, expected)) return { diagnostics: r.diags };
  unknownFields(r, src.raw);
  const parsed = schema.safeParse(src.raw);
  let data: z.output<S>;
  const rejected = new Set<string>();
  if (parsed.success) data = parsed.data;
  else {
    r.schemaIssues(parsed.error.issues, src.raw);
    // Schema errors do not hide the rest: when each lies inside a row, those
    // rows are set aside and the cross-reference checks run on the others.
    for (const issue of parsed.error.issues) {
      const row = rowOf?.(issue.path.filter((p): p is Segment => typeof p !== "symbol"));
      if (row === undefined) return { diagnostics: r.diags };
      rejected.add(row);
    }
    // Every issue lies in a row, so the raw value is valid outside the rejected rows.
    data = src.raw as z.output<S>;
  }
  const asOf = options.asOf ?? dayOf(data.as_of);
  if (asOf === undefined) {
    r.report("D003", { field: "as_of" }, ["as_of"]);
    return { diagnostics: r.diags };
  }
  // A reference date of 9999-12-31 would decide every person as retired: D085, and no answer.
  if (options.asOf === undefined && (asOf < EARLIEST || asOf > LATEST)) {
    implausibleDate(r, asOf, ["as_of"]);
    return { diagnostics: r.diags };
  }
  return { r, data, asOf, rejected };
}

/** `teachers.3`, `schools.0`, `plan.moves.2`: the row a dataset path lies in, if any. */
function datasetRow(path: readonly Segment[]): string | undefined {
  const [a, b, c] = path;
  if ((a === "schools" || a === "teachers") && typeof b === "number") return `${a}.${b}`;
  if (a === "plan" && b === "moves" && typeof c === "number") return `moves.${c}`;
  return undefined;
}

/** Pure: a dataset from its text. `file` only labels diagnostics. */
export function parseDatasetText(
  text: string,
  file: string,
  format: Format,
  options: ReadOptions = {},
): Result<Dataset> {
  const top = validateTop(
    text,
    file,
    format,
    options,
    "schools, teachers",
    readers(options.schema).DatasetSchema,
    (r, raw) => r.unknownFieldsDataset(raw),
    datasetRow,
  );
  if (!("data" in top)) return top;
  const { r, data, asOf, rejected } = top;
  const { toSchool, toTeacher, toPlan } = readers(options.schema);
  if (rejected.size > 0) {
    // The ids of rejected rows still exist: a reference to one is not "unknown".
    const idOf = (x: unknown) => (isRecord(x) && typeof x.id === "string" ? x.id : undefined);
    data.schools.forEach((x, i) => rejected.has(`schools.${i}`) && r.setAside.add(`school:${idOf(x)}`));
    data.teachers.forEach((x, i) => rejected.has(`teachers.${i}`) && r.setAside.add(`teacher:${idOf(x)}`));
    const keep = (kind: string) => (_: unknown, i: number) => !rejected.has(`${kind}.${i}`);
    const schools = data.schools.filter(keep("schools")).map(toSchool);
    const teachers = data.teachers.filter(keep("teachers")).map(toTeacher);
    const plan = data.plan ? toPlan({ ...data.plan, moves: data.plan.moves.filter(keep("moves")) }) : undefined;
    // Paths of the kept rows are their indices among the kept ones: map them back.
    const back = (kind: string, n: number) => {
      const idx: number[] = [];
      for (let i = 0; idx.length < n; i++) if (!rejected.has(`${kind}.${i}`)) idx.push(i);
      return idx;
    };
    r.rowIndex = {
      schools: back("schools", schools.length),
      teachers: back("teachers", teachers.length),
      moves: back("moves", plan?.moves.length ?? 0),
    };
    checkDataset(r, schools, teachers, plan, asOf);
    return { diagnostics: r.diags };
  }
  const schools = data.schools.map(toSchool);
  const teachers = data.teachers.map(toTeacher);
  const plan = data.plan ? toPlan(data.plan) : undefined;
  const { schoolById, teacherById } = checkDataset(r, schools, teachers, plan, asOf);
  if (hasErrors(r.diags)) return { diagnostics: r.diags };
  return {
    value: { asOf, schools, teachers, ...(plan ? { plan } : {}), schoolById, teacherById },
    diagnostics: r.diags,
  };
}

/** Pure: a case file from its text. */
export function parseCaseText(text: string, file: string, format: Format, options: ReadOptions = {}): Result<CaseFile> {
  const { CaseFileSchema, toSchool, toTeacher } = readers(options.schema);
  const top = validateTop(text, file, format, options, "teacher, schools", CaseFileSchema, (r, raw) =>
    r.unknownFieldsCase(raw),
  );
  if (!("data" in top)) return top;
  const { r, data, asOf } = top;
  const teacher = toTeacher(data.teacher);
  // `school` (if given) then `schools`, remembering where each came from for paths.
  const schools: School[] = [];
  const where: Segment[][] = [];
  if (data.school) {
    schools.push(toSchool(data.school));
    where.push(["school"]);
  }
  (data.schools ?? []).forEach((s, i) => {
    schools.push(toSchool(s));
    where.push(["schools", i]);
  });
  const schoolById = indexIds(r, schools, (i) => where[i]!, "school");
  checkTeacher(r, teacher, 0, () => ["teacher"], schoolById, asOf);
  if (hasErrors(r.diags)) return { diagnostics: r.diags };
  return { value: { asOf, teacher, schools, schoolById }, diagnostics: r.diags };
}

// ---------------------------------------------------------------------------
// Text → JS value, keeping what is needed to point diagnostics at the text.

interface Source {
  readonly file: string;
  readonly text: string;
  readonly format: Format;
  /** The parsed value; undefined when the text did not parse. */
  readonly raw?: unknown;
  readonly diags: Diagnostic[];
  /** The YAML document, for node ranges; built lazily for JSON (only when something must be located). */
  doc?: Document | null;
}

/** D082 / D083 from the pre-scan, positioned in the text. */
function prescanDiagnostic(text: string, file: string, f: Finding): Diagnostic {
  const { line, col } = lineCol(text, f.offset);
  const span = { file, start: f.offset, end: Math.min(f.offset + 1, text.length) };
  if (f.kind === "depth")
    return diag("D082", { file, line, col, depth: f.depth, limit: MAX_DATA_DEPTH }, { file, span });
  const first = lineCol(text, f.first);
  return diag(
    "D083",
    { file, line, col, key: f.key, first_line: first.line, first_col: first.col },
    { file, span: { file, start: f.offset, end: f.offset + f.key.length + 2 } },
  );
}

function parseSource(text: string, file: string, format: Format): Source {
  // Nesting (and, in JSON, repeated keys) first: nothing deep reaches a parser.
  const finding = format === "json" ? scanJson(text) : scanYamlDepth(text);
  if (finding) return { file, text, format, diags: [prescanDiagnostic(text, file, finding)] };
  if (format === "json") {
    // JSON.parse rejects a byte-order mark; skip it but keep offsets relative to the file.
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    try {
      return { file, text, format, raw: JSON.parse(bom ? text.slice(1) : text), diags: [] };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const at = /position (\d+)/.exec(msg);
      const pos = at ? Number(at[1]) + bom : text.length;
      const { line, col } = lineCol(text, pos);
      const reason = msg.replace(/ in JSON at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
      return {
        file,
        text,
        format,
        diags: [
          diag(
            "D002",
            { file, line, col, reason },
            { file, span: { file, start: pos, end: Math.min(pos + 1, text.length) } },
          ),
        ],
      };
    }
  }
  // The yaml library skips a BOM itself and reports offsets into the original text.
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const diags = doc.errors.map((e) => {
      const lp = e.linePos?.[0];
      // The library's message repeats the position and the source line; keep its first sentence.
      const reason = (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "");
      return diag(
        "D002",
        { file, line: lp?.line ?? 1, col: lp?.col ?? 1, reason },
        { file, span: { file, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) } },
      );
    });
    return { file, text, format, doc, diags };
  }
  try {
    // An empty document is null: report it as a wrong top level, not as unreadable.
    return { file, text, format, doc, raw: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? null, diags: [] };
  } catch (e) {
    // toJS throws on alias bombs (too many alias expansions).
    const reason = e instanceof Error ? e.message : String(e);
    return { file, text, format, doc, diags: [diag("D002", { file, line: 1, col: 1, reason }, { file })] };
  }
}

/** 1-based line and column (UTF-16 units) of an offset, as D002 states them. */
export function lineCol(text: string, pos: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < pos; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: pos - start + 1 };
}

const MAX_JSON_LOCATE = 8_000_000;

/**
 * The span of the node at `segs`, or of its nearest existing ancestor (a
 * missing field points at the record that lacks it). Never crosses a line, so
 * a whole record is underlined by its first line only.
 */
function locate(src: Source, segs: readonly Segment[]): Span | undefined {
  if (src.doc === undefined) {
    // JSON is YAML 1.2, so the yaml library can supply node ranges — but that
    // parse costs many times JSON.parse, so big JSON files go without spans.
    const d = src.text.length <= MAX_JSON_LOCATE ? YAML.parseDocument(src.text) : undefined;
    src.doc = d && d.errors.length === 0 ? d : null;
  }
  return src.doc ? spanAt(src.doc, src.text, src.file, segs) : undefined;
}

/**
 * The span of the node at `segs` in a parsed YAML document (aliases
 * followed), or of its nearest existing ancestor; never crossing a line. What
 * every data diagnostic is located by — and a test file's (src/api/test.ts),
 * and a constraints file's (src/propose/constraints.ts). With `part: "key"`,
 * the last segment's key rather than its value.
 */
export function spanAt(
  doc: Document,
  text: string,
  file: string,
  segs: readonly Segment[],
  part: "value" | "key" = "value",
): Span | undefined {
  let node: unknown = doc.contents;
  for (const [i, seg] of segs.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      // `part: "key"`: the last segment's key itself (an unknown key is shown where it is written).
      next = part === "key" && i === segs.length - 1 ? (pair?.key ?? pair?.value) : pair?.value;
    } else if (isSeq(node) && typeof seg === "number") {
      next = node.items[seg];
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  const range = (node as YamlNode | null)?.range;
  if (!range) return undefined;
  const nl = text.indexOf("\n", range[0]);
  const end = Math.min(range[1], nl === -1 ? text.length : nl);
  return { file, start: range[0], end: Math.max(end, range[0]) };
}

// ---------------------------------------------------------------------------
// Reporting.

/**
 * How a value is quoted in a message: strings in JSON quotes, long values cut.
 * Iterative and bounded (at most 60 characters are built, however large or
 * deep the value), so quoting can never overflow the stack.
 */
export function show(v: unknown): string {
  if (v === undefined) return "nothing";
  const LIMIT = 60;
  let out = "";
  // A stack of pending pieces: a value to render, or literal text.
  const work: ({ v: unknown } | string)[] = [{ v }];
  while (work.length && out.length <= LIMIT) {
    const w = work.pop()!;
    if (typeof w === "string") {
      out += w;
      continue;
    }
    const x = w.v;
    if (x instanceof Date) out += Number.isNaN(x.getTime()) ? "an invalid date" : JSON.stringify(x.toISOString());
    else if (typeof x === "number") out += String(x);
    else if (typeof x === "string") out += JSON.stringify(x.length > LIMIT ? x.slice(0, LIMIT + 1) : x);
    else if (x === null || typeof x !== "object") out += x === undefined ? "null" : String(x);
    else if (Array.isArray(x)) {
      const n = Math.min(x.length, LIMIT);
      work.push("]");
      for (let i = n - 1; i >= 0; i--) {
        work.push({ v: x[i] });
        if (i > 0) work.push(",");
      }
      out += "[";
    } else {
      const keys = Object.keys(x).slice(0, LIMIT);
      work.push("}");
      for (let i = keys.length - 1; i >= 0; i--) {
        work.push({ v: (x as Record<string, unknown>)[keys[i]!] });
        work.push(JSON.stringify(keys[i]) + ":");
        if (i > 0) work.push(",");
      }
      out += "{";
    }
  }
  return out.length > LIMIT || work.length ? out.slice(0, LIMIT - 1) + "…" : out;
}

function valueAt(root: unknown, segs: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of segs) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** What was expected, in both languages (D004's `{expected}` / `{expected_zh}`). */
const EXPECTED: Record<string, [string, string]> = {
  string: ["a string", "文本"],
  nonempty: ["a non-empty string", "非空文本"],
  boolean: ["true or false", "true 或 false"],
  number: ["a number", "数字"],
  int: ["a whole number", "整数"],
  nonnegative: ["a whole number ≥ 0", "不小于 0 的整数"],
  array: ["a list", "列表"],
  object: ["a mapping (key: value)", "映射（键: 值）"],
  school_year: ["a school year YYYY-YYYY of two consecutive years", "学年（YYYY-YYYY，相邻两年）"],
};

type RecordKind = keyof typeof KNOWN_FIELDS;
type KnownSets = Record<RecordKind, ReadonlySet<string>> & { readonly lists: typeof KNOWN_FIELDS };
const knownCache = new WeakMap<typeof KNOWN_FIELDS, KnownSets>();
function knownSets(known: typeof KNOWN_FIELDS): KnownSets {
  let k = knownCache.get(known);
  if (!k)
    knownCache.set(
      known,
      (k = {
        ...(Object.fromEntries(Object.entries(known).map(([n, v]) => [n, new Set<string>(v)])) as unknown as Record<
          RecordKind,
          ReadonlySet<string>
        >),
        lists: known,
      }),
    );
  return k;
}

const ZH_TO_ENUM = new Map(Object.entries(ENUM_ZH).map(([en, zh]) => [zh, en]));

/** Beyond this many candidates, only the first few unknown ids get a (costly) suggestion. */
const LARGE_CANDIDATE_SET = 2000;
const LARGE_SUGGESTION_BUDGET = 50;

class Reporter {
  readonly diags: Diagnostic[] = [];
  /** `school:ID` / `teacher:ID` of rows the schema rejected: references to them are not reported as unknown. */
  readonly setAside = new Set<string>();
  /** When rows were set aside: the original index of each kept row, so paths name the row as written. */
  rowIndex?: { schools: number[]; teachers: number[]; moves: number[] };
  private suggestionBudget = LARGE_SUGGESTION_BUDGET;

  constructor(
    private readonly src: Source,
    private readonly knownFields: KnownSets,
  ) {}

  report(code: string, args: Record<string, string | number>, segs0: readonly Segment[], help?: string): void {
    const segs = this.original(segs0);
    const path = formatPath(segs);
    const span = locate(this.src, segs);
    this.diags.push(
      diag(
        code,
        { path: path === "" ? "(top level)" : path, ...args },
        {
          file: this.src.file,
          ...(path !== "" ? { path } : {}),
          ...(span ? { span } : {}),
          ...(help !== undefined ? { help } : {}),
        },
      ),
    );
  }

  /** The source text of the value at `segs` (as the user wrote it), else its JS rendering. */
  private written(segs: readonly Segment[], value: unknown): string {
    const span = locate(this.src, segs);
    const t = span ? this.src.text.slice(span.start, span.end).trim() : "";
    return t !== "" && t.length <= 60 ? t : String(value);
  }

  /** D085 when a value lies outside what can be true of a person or plan. */
  plausible(
    value: number,
    min: number,
    max: number,
    shown: () => string,
    segs: readonly Segment[],
    bound: (n: number) => string = String,
  ): void {
    if (value >= min && value <= max) return;
    this.report("D085", { value: shown(), min: bound(min), max: bound(max) }, segs);
  }

  /** A path as shown in a message, naming the row as written. */
  pathOf(segs: readonly Segment[]): string {
    return formatPath(this.original(segs));
  }

  /** Whether an id belongs to a row the schema rejected (it exists; it is not "unknown"). */
  known(kind: "school" | "teacher", id: string): boolean {
    return this.setAside.size > 0 && this.setAside.has(`${kind}:${id}`);
  }

  /** A path over the kept rows → the same path over the rows as written. */
  private original(segs: readonly Segment[]): readonly Segment[] {
    const ix = this.rowIndex;
    if (!ix) return segs;
    const [a, b, c] = segs;
    if ((a === "schools" || a === "teachers") && typeof b === "number") return [a, ix[a][b] ?? b, ...segs.slice(2)];
    if (a === "plan" && b === "moves" && typeof c === "number") return [a, b, ix.moves[c] ?? c, ...segs.slice(3)];
    return segs;
  }

  private candidateCache = new Map<string, readonly string[]>();

  /**
   * "did you mean" for an unknown id among the ids of one kind (`pool`). The
   * candidate list is built once per pool; against a large pool (1M teachers)
   * only the first few unknown ids get a suggestion, to bound the cost.
   */
  suggest(word: string, pool: string, ids: () => Iterable<string>): string | undefined {
    let candidates = this.candidateCache.get(pool);
    if (!candidates) this.candidateCache.set(pool, (candidates = [...ids()]));
    if (candidates.length > LARGE_CANDIDATE_SET) {
      if (this.suggestionBudget <= 0) return undefined;
      this.suggestionBudget--;
    }
    const c = closest(word, candidates);
    return c === undefined ? undefined : `did you mean "${c}"?`;
  }

  checkRoot(raw: unknown, needs: string): raw is Record<string, unknown> {
    if (isRecord(raw)) return true;
    this.report(
      "D004",
      { value: show(raw), expected: `a mapping with as_of, ${needs}`, expected_zh: `包含 as_of、${needs} 的映射` },
      [],
    );
    return false;
  }

  // Unknown fields (D007): one warning per (kind of record, field), at its first occurrence.
  private unknown = new Map<string, { segs: Segment[]; field: string; kind: RecordKind; count: number }>();

  // Paths come as (segsOf, index) rather than a closure per record, so walking
  // a million well-formed teachers allocates nothing.
  private fields(v: unknown, kind: RecordKind, segsOf: (i: number) => Segment[], i: number): void {
    if (!isRecord(v)) return;
    const known = this.knownFields[kind];
    for (const field in v) {
      if (known.has(field)) continue;
      const key = `${kind}\u0000${field}`;
      const seen = this.unknown.get(key);
      if (seen) seen.count++;
      else this.unknown.set(key, { segs: [...segsOf(i), field], field, kind, count: 1 });
    }
  }

  private flushUnknown(): void {
    for (const u of this.unknown.values()) {
      const near = closest(u.field, this.knownFields.lists[u.kind]);
      this.report("D007", { field: u.field, count: u.count }, u.segs, near ? `did you mean "${near}"?` : undefined);
    }
    this.unknown.clear();
  }

  private teacherFields(t: unknown, segsOf: (i: number) => Segment[], i: number): void {
    this.fields(t, "teacher", segsOf, i);
    if (isRecord(t) && Array.isArray(t.history)) {
      const h = t.history;
      for (let j = 0; j < h.length; j++) this.fields(h[j], "history", (jj) => [...segsOf(i), "history", jj], j);
    }
  }

  private list(v: unknown, kind: RecordKind, segsOf: (i: number) => Segment[]): void {
    if (!Array.isArray(v)) return;
    for (let i = 0; i < v.length; i++) {
      if (kind === "teacher") this.teacherFields(v[i], segsOf, i);
      else this.fields(v[i], kind, segsOf, i);
    }
  }

  unknownFieldsDataset(raw: Record<string, unknown>): void {
    this.fields(raw, "dataset", () => [], 0);
    this.list(raw.schools, "school", (i) => ["schools", i]);
    this.list(raw.teachers, "teacher", (i) => ["teachers", i]);
    this.fields(raw.plan, "plan", () => ["plan"], 0);
    if (isRecord(raw.plan)) this.list(raw.plan.moves, "move", (k) => ["plan", "moves", k]);
    this.flushUnknown();
  }

  unknownFieldsCase(raw: Record<string, unknown>): void {
    this.fields(raw, "case", () => [], 0);
    this.teacherFields(raw.teacher, () => ["teacher"], 0);
    this.fields(raw.school, "school", () => ["school"], 0);
    this.list(raw.schools, "school", (i) => ["schools", i]);
    this.flushUnknown();
  }

  /** Every zod issue becomes one diagnostic; the raw value decides "missing" vs "wrong". */
  schemaIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): void {
    for (const issue of issues) {
      const segs = issue.path.filter((p): p is Segment => typeof p !== "symbol");
      const value = valueAt(raw, segs);
      const last = segs[segs.length - 1];
      if ((value === undefined || value === null) && typeof last === "string") {
        this.report("D003", { field: last }, segs);
        continue;
      }
      // 1e309, .inf, .nan: say what was written (a JSON rendering would say "null").
      if (typeof value === "number" && !Number.isFinite(value)) {
        this.report("D084", { written: this.written(segs, value) }, segs);
        continue;
      }
      const shown = show(value);
      const params = issue.code === "custom" ? (issue.params as { kind?: string } | undefined) : undefined;
      if (params?.kind === "date") {
        const help =
          typeof value === "string" && !/^\d{4}-\d{2}-\d{2}$/.test(value)
            ? "write dates as YYYY-MM-DD, e.g. 2024-09-01"
            : undefined;
        this.report("D005", { value: shown }, segs, help);
      } else if (issue.code === "invalid_value") {
        const allowed = issue.values.map(String);
        const zhMatch = typeof value === "string" ? ZH_TO_ENUM.get(value) : undefined;
        const near =
          zhMatch && allowed.includes(zhMatch)
            ? zhMatch
            : typeof value === "string"
              ? closest(value, allowed)
              : undefined;
        this.report(
          "D006",
          { value: shown, allowed: allowed.join(" | ") },
          segs,
          near ? `did you mean "${near}"?` : undefined,
        );
      } else {
        const [expected, help] = expectation(issue, value);
        const [en, zh] = EXPECTED[expected] ?? [expected, expected];
        this.report("D004", { value: shown, expected: en, expected_zh: zh }, segs, help);
      }
    }
  }
}

/** The EXPECTED key for a non-enum, non-date issue, and a help line for the usual slips. */
function expectation(issue: z.core.$ZodIssue, value: unknown): [string, string | undefined] {
  switch (issue.code) {
    case "invalid_type": {
      const expected = issue.expected;
      if (expected === "boolean" && typeof value === "string")
        return [expected, "write true or false, without quotes (YAML 1.2 reads yes/no as text)"];
      if (expected === "string" && typeof value === "number")
        return [expected, `put it in quotes, e.g. "${value}" (YAML reads unquoted 001 as the number 1)`];
      return [expected, undefined];
    }
    case "too_small":
      return [issue.origin === "string" ? "nonempty" : "nonnegative", undefined];
    case "custom":
      return [(issue.params as { kind?: string } | undefined)?.kind ?? "valid", undefined];
    default:
      return [issue.message, undefined];
  }
}

// ---------------------------------------------------------------------------
// Cross-reference checks, run once the schema holds.

// Paths are built only when something is reported: these loops run once per
// teacher, and allocating a path array each time showed in profiles.

/** Index ids, reporting repeats (D010); the first occurrence wins. */
function indexIds<T extends { id: string }>(
  r: Reporter,
  items: readonly T[],
  segsOf: (i: number) => Segment[],
  kind: "school" | "teacher",
): Map<string, T> {
  const byId = new Map<string, T>();
  // Where each id first occurs, needed only to word a D010: built on the first repeat.
  let firstAt: Map<string, number> | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (!byId.has(item.id)) {
      byId.set(item.id, item);
      continue;
    }
    if (!firstAt) {
      firstAt = new Map();
      for (let k = items.length - 1; k >= 0; k--) firstAt.set(items[k]!.id, k);
    }
    const first = r.pathOf(segsOf(firstAt.get(item.id)!));
    r.report("D010", { kind, kind_zh: kind === "school" ? "学校" : "教师", id: item.id, first }, [...segsOf(i), "id"]);
  }
  return byId;
}

/**
 * `segsOf(index)` is the teacher's path; a function of the index, rather than
 * a closure per teacher, so the common all-good case allocates nothing.
 */
function checkTeacher(
  r: Reporter,
  t: Teacher,
  index: number,
  segsOf: (i: number) => Segment[],
  schools: ReadonlyMap<string, School>,
  asOf: Day,
): void {
  if (!schools.has(t.school) && !r.known("school", t.school))
    r.report(
      "D011",
      { id: t.school },
      [...segsOf(index), "school"],
      r.suggest(t.school, "school", () => schools.keys()),
    );
  if (t.birth_date < EARLIEST || t.birth_date > LATEST)
    implausibleDate(r, t.birth_date, [...segsOf(index), "birth_date"]);
  else if (t.birth_date > asOf) futureDate(r, t.birth_date, asOf, [...segsOf(index), "birth_date"]);
  for (const f of ["school_since", "post_since", "title_since"] as const) {
    const d = t[f];
    if (d !== undefined && (d < EARLIEST || d > LATEST)) implausibleDate(r, d, [...segsOf(index), f]);
  }
  if (t.deferred_years > MAX_YEARS)
    r.plausible(t.deferred_years, 0, MAX_YEARS, () => show(t.deferred_years), [...segsOf(index), "deferred_years"]);
  if (t.school_since !== undefined && t.school_since > asOf)
    futureDate(r, t.school_since, asOf, [...segsOf(index), "school_since"]);
  if (t.post_since !== undefined && t.post_since > asOf)
    futureDate(r, t.post_since, asOf, [...segsOf(index), "post_since"]);
  if (t.title_since !== undefined && t.title_since > asOf)
    futureDate(r, t.title_since, asOf, [...segsOf(index), "title_since"]);
  const history = t.history;
  for (let j = 0; j < history.length; j++) {
    const h = history[j]!;
    const prev = history[j - 1];
    const overlaps = prev !== undefined && h.from <= prev.to;
    // A rotation whose personnel relation stayed at home (rotation: true, personnel_transfer not true)
    // is served while the post is at the current school: it lies inside that service by nature.
    const concurrent = h.rotation === true && h.personnel_transfer !== true;
    const intoCurrent = t.school_since !== undefined && h.to >= t.school_since && !concurrent;
    const schoolOk = schools.has(h.school) || r.known("school", h.school);
    if (schoolOk && h.from <= h.to && h.to <= asOf && !overlaps && !intoCurrent) continue;
    const at: Segment[] = [...segsOf(index), "history", j];
    if (!schoolOk)
      r.report(
        "D012",
        { id: h.school },
        [...at, "school"],
        r.suggest(h.school, "school", () => schools.keys()),
      );
    if (h.from > h.to) r.report("D013", { from: formatDate(h.from), to: formatDate(h.to) }, at);
    if (h.to > asOf) futureDate(r, h.to, asOf, [...at, "to"]);
    if (overlaps) {
      const other = r.pathOf([...segsOf(index), "history", j - 1]);
      r.report(
        "D015",
        {
          from: formatDate(h.from),
          to: formatDate(h.to),
          other,
          other_from: formatDate(prev.from),
          other_to: formatDate(prev.to),
        },
        at,
      );
    }
    if (intoCurrent) r.report("D016", { to: formatDate(h.to), since: formatDate(t.school_since!) }, [...at, "to"]);
  }
}

/** Dates a record can plausibly hold: a birth date of 0001-01-01 is a placeholder, not a fact. */
const EARLIEST = fromYmd(1900, 1, 1)!;
const LATEST = fromYmd(2100, 12, 31)!;
/** A deferral or a move period longer than this many years is a slip. */
const MAX_YEARS = 50;

function implausibleDate(r: Reporter, d: Day, segs: Segment[]): void {
  r.plausible(d, EARLIEST, LATEST, () => formatDate(d), segs, formatDate);
}

function futureDate(r: Reporter, d: Day, asOf: Day, segs: Segment[]): void {
  r.report("D014", { value: formatDate(d), as_of: formatDate(asOf) }, segs);
}

function checkDataset(
  r: Reporter,
  schools: readonly School[],
  teachers: readonly Teacher[],
  plan: Plan | undefined,
  asOf: Day,
): { schoolById: Map<string, School>; teacherById: Map<string, Teacher> } {
  const schoolById = indexIds(r, schools, (i) => ["schools", i], "school");
  const teacherById = indexIds(r, teachers, (i) => ["teachers", i], "teacher");
  const teacherSegs = (i: number): Segment[] => ["teachers", i];
  for (let i = 0; i < teachers.length; i++) checkTeacher(r, teachers[i]!, i, teacherSegs, schoolById, asOf);
  if (!plan) return { schoolById, teacherById };

  const schoolIds = () => schoolById.keys();
  const movedAt = new Map<string, number>();
  plan.moves.forEach((m, k) => {
    const ms: Segment[] = ["plan", "moves", k];
    const teacher = teacherById.get(m.teacher);
    if (!teacher && !r.known("teacher", m.teacher))
      r.report(
        "D020",
        { id: m.teacher },
        [...ms, "teacher"],
        r.suggest(m.teacher, "teacher", () => teacherById.keys()),
      );
    if (!schoolById.has(m.from) && !r.known("school", m.from))
      r.report("D021", { id: m.from }, [...ms, "from"], r.suggest(m.from, "school", schoolIds));
    if (!schoolById.has(m.to) && !r.known("school", m.to))
      r.report("D021", { id: m.to }, [...ms, "to"], r.suggest(m.to, "school", schoolIds));
    if (teacher && schoolById.has(m.from) && m.from !== teacher.school) {
      r.report("D022", { teacher: teacher.id, school: teacher.school, from: m.from }, [...ms, "from"]);
    }
    const first = movedAt.get(m.teacher);
    if (first !== undefined)
      r.report("D023", { teacher: m.teacher, first: r.pathOf(["plan", "moves", first]) }, [...ms, "teacher"]);
    else movedAt.set(m.teacher, k);
    // A move may last less than a year (灞桥: 一学期, 一学年): any positive whole number
    // of months, written in years (0.5 = 6 months, 1.5 = 1 year 6 months).
    if (m.years !== undefined && !(wholeMonths(m.years) && m.years > 0))
      r.report("D024", { value: show(m.years) }, [...ms, "years"]);
    else if (m.years !== undefined)
      r.plausible(
        m.years,
        1 / 12,
        MAX_YEARS,
        () => show(m.years),
        [...ms, "years"],
        (n) => (n === 1 / 12 ? "1/12" : String(n)),
      );
    if (m.from === m.to) r.report("D025", { teacher: m.teacher, school: m.from }, [...ms, "to"]);
  });
  return { schoolById, teacherById };
}

/** Whether a number of years is a whole number of months (0.5, 1.25; not 0.3). */
function wholeMonths(years: number): boolean {
  const months = years * 12;
  return Number.isFinite(months) && Math.abs(months - Math.round(months)) < 1e-9;
}
