// Fuzz suite: mutated datasets and policies through the CLI's main() in this
// process, with the invariants of issue 9 asserted on every run — no exit 3, no
// stack trace, every error coded and located, the exit code agreeing with the
// JSON, rows in = decided + rejected, byte-identical output on rerun, and no
// silent change: an input that must be refused is refused, for the reason it
// must be (a file nested too deep is D082, not a schema error further on); a
// GB18030 or BOM copy answers like the UTF-8 original; and an edit of one
// value that changes the answer either writes a value that legitimately means
// something for its field (oracle.ts) or is reported by a new diagnostic —
// never a guess without a word. Seeded: a seed and a count give the same
// cases every time. Used by fuzz.test.ts (a few thousand cases) and by
// `npm run fuzz -- --count N --seed S`.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import YAML from "yaml";
import { main } from "../../src/cli/main.js";
import { gb18030Encode } from "../../src/data/tabular/write.js";
import { legitimate, type Edit } from "./oracle.js";
import { mutateRoster, workbookOf, type RosterCase } from "./rosters.js";
import { compilePolicy, type CompiledPolicy } from "../../src/index.js";
import { bothReaders } from "../support/columnar.js";
import { caseRng, int, pick, type R } from "./random.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DALIAN = join(ROOT, "policies/dalian");
const CASE = join(ROOT, "examples/cases/dalian-teacher.yaml");

export interface Tally {
  cases: number;
  datasets: number;
  policies: number;
  rosters: number;
  crashes: number;
  exit3: number;
  stackTraces: number;
  hangs: number;
  silentChanges: number;
  /** Other invariant breaches (uncoded or unlocated error, exit code against JSON, counts, rerun differs). */
  invariants: number;
  reruns: number;
  byExit: Record<string, number>;
  /** The first few failures, to reproduce: seed, case index, kind, what. */
  failures: string[];
  slowestMs: number;
}

/** The counters that must stay 0. */
export const BREACHES = ["crashes", "exit3", "stackTraces", "hangs", "silentChanges", "invariants"] as const;

export function breaches(t: Tally): Record<(typeof BREACHES)[number], number> {
  return Object.fromEntries(BREACHES.map((k) => [k, t[k]])) as Record<(typeof BREACHES)[number], number>;
}

export function emptyTally(): Tally {
  return {
    ...(Object.fromEntries(BREACHES.map((k) => [k, 0])) as Record<(typeof BREACHES)[number], number>),
    cases: 0,
    datasets: 0,
    policies: 0,
    rosters: 0,
    reruns: 0,
    byExit: {},
    failures: [],
    slowestMs: 0,
  };
}

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Wall time of the run. */
  readonly ms: number;
  /** CPU time of this process during the run: what a hang is judged by (wall time grows with the machine's load). */
  readonly cpuMs: number;
  readonly threw?: string;
}

async function run(argv: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cpuMs = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  try {
    const code = await main(argv, { out: (s) => void (out += s + "\n"), err: (s) => void (err += s + "\n") });
    return { code, out, err, ms: performance.now() - t0, cpuMs: cpuMs() };
  } catch (e) {
    return { code: -1, out, err, ms: performance.now() - t0, cpuMs: cpuMs(), threw: String((e as Error)?.stack ?? e) };
  }
}

const STACK =
  /^\s+at .+(:\d+:\d+\)?|\(native\))$|internal error|内部错误|Maximum call stack|RangeError|TypeError|ReferenceError/m;
/** A run that spends more CPU than this counts as a hang (CPU time, not wall time: the suite runs on loaded machines). */
const HANG_MS = 10_000;

export interface Expect {
  /** The input must be refused (exit 2 with an error diagnostic). */
  readonly mustReject?: boolean;
  /** Diagnostic codes of which at least one must appear when refused. */
  readonly codes?: readonly string[];
  /** Codes that must not appear (D082 on a dataset within the nesting limit). */
  readonly notCodes?: readonly string[];
}

type Diag = { code?: string; severity?: string; span?: unknown; path?: string; file?: string };

/** Checks one run against the invariants; returns what failed (empty: all held). */
function judge(r: Run, command: "check" | "case" | "lint", expect: Expect, t: Tally): string[] {
  const bad: string[] = [];
  t.byExit[r.code] = (t.byExit[r.code] ?? 0) + 1;
  t.slowestMs = Math.max(t.slowestMs, r.cpuMs);
  if (r.threw) {
    t.crashes++;
    return [`threw: ${r.threw.split("\n")[0]}`];
  }
  if (r.code === 3) (t.exit3++, bad.push("exit 3"));
  if (STACK.test(r.out) || STACK.test(r.err)) (t.stackTraces++, bad.push("stack trace or internal error"));
  if (r.cpuMs > HANG_MS) (t.hangs++, bad.push(`took ${Math.round(r.cpuMs)} ms of CPU`));
  if (![0, 1, 2, 3].includes(r.code)) bad.push(`exit ${r.code}`);
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(r.out) as Record<string, unknown>;
  } catch {
    t.invariants++;
    return [...bad, "stdout is not one JSON document"];
  }
  const list = (x: unknown): Diag[] => (Array.isArray(x) ? (x as Diag[]) : []);
  const diags = [...list(j.diagnostics), ...list(j.warnings)];
  for (const d of diags) {
    if (!/^[A-Z]\d{3}$/.test(d.code ?? "")) bad.push(`uncoded diagnostic ${JSON.stringify(d).slice(0, 80)}`);
    if (d.severity === "error" && !d.span && !d.path && !d.file && !/^C/.test(d.code ?? ""))
      bad.push(`error ${d.code} without a position`);
  }
  const errors = diags.filter((d) => d.severity === "error").length;
  // The exit code as the JSON implies it.
  let want: number | undefined;
  if (command === "lint") want = typeof j.errors === "number" ? ((j.errors as number) > 0 ? 1 : 0) : 2;
  else if (command === "check" && typeof j.compliant === "boolean") {
    const c = j.counts as Record<string, number> | undefined;
    if (c && c.teachers_in !== c.decided + c.rejected)
      bad.push(`rows in ${c.teachers_in} ≠ ${c.decided} + ${c.rejected}`);
    const rejected = c ? c.rejected + (c.moves_rejected ?? 0) > 0 : false;
    want = rejected ? 2 : !j.compliant ? 1 : j.complete ? 0 : 2;
  } else if (command === "case" && typeof j.decision === "string") want = j.decision === "indeterminate" ? 2 : 0;
  else if (j.diagnostics) {
    want = 2;
    if (errors === 0) bad.push("refused without an error diagnostic");
  }
  if (want !== undefined && r.code !== want && r.code !== 3) bad.push(`exit ${r.code} but the JSON implies ${want}`);
  const codes = diags.filter((d) => d.severity === "error").map((d) => d.code!);
  if (expect.mustReject) {
    const accepted = command === "lint" ? r.code === 0 : r.code !== 2;
    // Silent: accepted (an answer given).
    if (accepted) {
      t.silentChanges++;
      bad.push(`must be refused (${expect.codes?.join("/") ?? "any error"}), got exit ${r.code} [${codes.join(",")}]`);
    } else if (expect.codes && !codes.some((c) => expect.codes!.includes(c)))
      // Refused, but not for the reason it must be: the limit was not enforced where input enters
      // (the YAML nesting estimate undercounting `- key:` left deep files to the schema).
      bad.push(`refused without ${expect.codes.join("/")}: [${codes.join(",")}]`);
  }
  const unexpected = diags.map((d) => d.code!).filter((c) => expect.notCodes?.includes(c));
  if (unexpected.length) bad.push(`refused with ${unexpected.join(",")} within the limit`);
  if (
    bad.length &&
    !bad.every((b) => b === "exit 3" || b.startsWith("stack") || b.startsWith("took") || b.startsWith("must"))
  )
    t.invariants++;
  return bad;
}

// ---------------------------------------------------------------- GB18030

/** GB18030 bytes of a text (src/data/tabular/write.ts's encoder), or undefined for a character it lacks. */
export function toGb18030(text: string): Buffer | undefined {
  try {
    return gb18030Encode(text);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- datasets

const BASE_DATASET = YAML.parse(readFileSync(join(ROOT, "test/data/fixtures/valid.yaml"), "utf8")) as Record<
  string,
  unknown
>;

const WEIRD: readonly unknown[] = [
  null,
  "",
  0,
  -1,
  1e20,
  3.5,
  true,
  "yes",
  [],
  {},
  "S01",
  "T001",
  "不存在",
  "２０２４-０９-０１",
  "2023-02-29",
  "0001-01-01",
  "9999-12-31",
  "2024-9-1",
  "x".repeat(5000),
  "__proto__",
  "男",
  "骨干教师",
];

/** Every path to a leaf or container in a value. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (at.length > 6) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === "object")
    for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

/** Sets (or deletes) the value at a path; a path through a non-object (an earlier edit replaced it) is skipped. */
function setAt(root: unknown, p: readonly (string | number)[], value: unknown, del = false): void {
  let v = root as Record<string | number, unknown>;
  for (let i = 0; i < p.length - 1; i++) {
    if (v === null || typeof v !== "object") return;
    v = v[p[i]!] as Record<string | number, unknown>;
  }
  if (v === null || typeof v !== "object") return;
  const last = p[p.length - 1]!;
  if (del) {
    if (Array.isArray(v)) v.splice(last as number, 1);
    else delete v[last];
  } else if (Array.isArray(v)) v[last as number] = value;
  // An own property even for `__proto__` (an assignment would set the prototype, or nothing).
  else Object.defineProperty(v, last, { value, enumerable: true, writable: true, configurable: true });
}

/** The value at a path, through own properties only (`constructor` is not a field of a record). */
function getAt(root: unknown, p: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const s of p)
    v = v !== null && typeof v === "object" && Object.hasOwn(v, s) ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

interface DatasetCase {
  readonly kind: string;
  readonly bytes: Buffer;
  readonly ext: "yaml" | "json";
  readonly expect: Expect;
  /** For an encoding change that must not change the answer: the original bytes. */
  readonly sameAs?: Buffer;
  /** For an edit of one value: what was written where (judged by oracle.ts when the answer changes). */
  readonly edit?: Edit;
  /** The dataset after the edit. */
  readonly value?: Record<string, unknown>;
}

/** Nesting as a parser builds it: containers on the deepest path (the root is 1). */
export function depthOf(v: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== "object") continue;
    max = Math.max(max, d);
    for (const y of Object.values(x)) stack.push([y, d + 1]);
  }
  return max;
}

/** The data reader's nesting limit (src/data/limits.ts), as the fuzz suite knows it. */
const DATA_DEPTH_LIMIT = 32;

/** Edits of one value, judged by the oracle when the answer changes. */
const ONE_EDIT = new Set(["type", "enum", "date", "delete", "unknown-field", "id", "crossref"]);

export function mutateDataset(r: R): DatasetCase {
  const ds = structuredClone(BASE_DATASET);
  const ext = r() < 0.5 ? "yaml" : "json";
  const ser = (v: unknown) =>
    Buffer.from(ext === "json" ? JSON.stringify(v, null, r() < 0.5 ? 2 : 0) : YAML.stringify(v));
  const ps = paths(ds).filter((p) => p.length > 0);
  const kind = pick(r, [
    "type",
    "type",
    "date",
    "enum",
    "delete",
    "unknown-field",
    "id",
    "crossref",
    "nesting",
    "size",
    "gb18030",
    "bad-bytes",
    "bom",
    "dup-key",
    "truncate",
    "byte-flip",
    "non-finite",
    "several",
  ]);
  // Nothing in the base dataset or the edits below nests near the limit: D082 must not appear.
  let expect: Expect = { notCodes: ["D082"] };
  let edit: Edit | undefined;
  const edits = kind === "several" ? 2 + int(r, 4) : 1;
  for (let e = 0; e < edits; e++) {
    const k = kind === "several" ? pick(r, ["type", "date", "enum", "delete", "id", "crossref"]) : kind;
    if (!ONE_EDIT.has(k)) break; // the other kinds change the file below, not one value
    let p = pick(r, ps);
    if (getAt(ds, p.slice(0, -1)) === undefined) continue;
    let value: unknown;
    switch (k) {
      case "type":
      case "enum":
        value = pick(r, WEIRD);
        break;
      case "date":
        p = pick(r, [["as_of"], ["teachers", 0, "birth_date"], ["teachers", 1, "school_since"], ["plan", "start"]]);
        value = pick(
          r,
          WEIRD.filter((w) => typeof w === "string"),
        );
        break;
      case "delete":
        break;
      case "unknown-field":
        p = ["teachers", 0, pick(r, ["sexx", "生日", "__proto__", "constructor"])];
        value = 1;
        break;
      case "id":
        p = ["teachers", int(r, 2), "id"];
        value = pick(r, ["T001", "T002", "", "T999"]);
        break;
      case "crossref":
        p = pick(r, [
          ["plan", "moves", 0, "from"],
          ["plan", "moves", 0, "to"],
          ["teachers", 0, "school"],
          ["plan", "moves", 0, "teacher"],
        ]);
        value = pick(r, ["S01", "S05", "S07", "S99", "T001", "T404"]);
        break;
    }
    const before = structuredClone(getAt(ds, p));
    if (k === "delete") setAt(ds, p, undefined, true);
    else setAt(ds, p, value);
    // The edit took effect only if the path still leads there (an earlier edit may have replaced a parent).
    const took = k === "delete" ? true : getAt(ds, p) === value;
    edit = took ? (k === "delete" ? { path: p, before, deleted: true } : { path: p, before, value }) : undefined;
  }
  if (kind === "nesting") {
    const depth = 1 + int(r, 120);
    let v: unknown = pick(r, WEIRD);
    for (let i = 0; i < depth; i++) v = r() < 0.5 ? [v] : { a: v };
    setAt(ds, pick(r, ps), v);
    // Exactly: refused (D082) when the dataset is nested deeper than the limit, and only then.
    expect = depthOf(ds) > DATA_DEPTH_LIMIT ? { mustReject: true, codes: ["D082"] } : { notCodes: ["D082"] };
  }
  if (kind === "size") {
    const t = (ds.teachers as unknown[])[0];
    const n = int(r, 3000);
    ds.teachers = [
      ...(ds.teachers as unknown[]),
      ...Array.from({ length: n }, (_, i) => ({ ...(t as object), id: `X${i}` })),
    ];
  }
  if (kind === "non-finite") {
    // A number no finite value has, written where a number belongs: D084, saying what was written.
    const written = ext === "json" ? pick(r, ["1e999", "-1e999"]) : pick(r, [".inf", "-.inf", ".nan", ".NaN"]);
    setAt(
      ds,
      pick(r, [
        ["teachers", 0, "deferred_years"],
        ["plan", "moves", 0, "years"],
      ]),
      "@NONFINITE@",
    );
    const text = ser(ds)
      .toString()
      .replace(/"?@NONFINITE@"?/, written);
    return { kind, bytes: Buffer.from(text), ext, expect: { mustReject: true, codes: ["D084"] } };
  }
  let bytes = ser(ds);
  if (kind === "gb18030") {
    const gb = toGb18030(bytes.toString());
    if (gb) return { kind, bytes: gb, ext, expect, sameAs: bytes };
  }
  if (kind === "bom")
    return { kind, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), ext, expect, sameAs: bytes };
  if (kind === "bad-bytes") {
    const at = int(r, bytes.length);
    const junk = Buffer.from(pick(r, [[0xff], [0xfe, 0xff], [0xc3], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88]]));
    bytes = Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    expect = { mustReject: true, codes: ["D080"] };
  }
  if (kind === "dup-key" && ext === "json") {
    const text = bytes.toString().replace(/"sex": ?"(\w+)"/, (m) => `${m}, "sex": "female"`);
    bytes = Buffer.from(text);
    if (text.includes('"sex": "female"')) expect = { mustReject: true, codes: ["D083"] };
  }
  if (kind === "truncate") bytes = bytes.subarray(0, int(r, bytes.length));
  if (kind === "byte-flip") {
    bytes = Buffer.from(bytes);
    for (let i = 0; i < 1 + int(r, 4); i++) bytes[int(r, bytes.length)] = int(r, 256);
  }
  return { kind, bytes, ext, expect, ...(edit && ONE_EDIT.has(kind) ? { edit, value: ds } : {}) };
}

// ---------------------------------------------------------------- policies

const BASE_POLICY = readFileSync(join(DALIAN, "dalian.policy"), "utf8");

/** Crude tokens: runs of word characters, CJK characters, quoted texts, single symbols; whitespace kept. */
function tokens(text: string): string[] {
  return text.match(/"(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+|\s+|[^\sA-Za-z0-9_"]/g) ?? [];
}

interface PolicyCase {
  readonly kind: string;
  readonly bytes: Buffer;
  readonly expect: Expect;
}

export function mutatePolicy(r: R): PolicyCase {
  const kind = pick(r, [
    "delete",
    "duplicate",
    "swap",
    "truncate",
    "random-bytes",
    "nesting",
    "random-text",
    "several",
  ]);
  let toks = tokens(BASE_POLICY);
  const edits = kind === "several" ? 2 + int(r, 6) : 1 + int(r, 3);
  let expect: Expect = {};
  for (let e = 0; e < edits; e++) {
    const k = kind === "several" ? pick(r, ["delete", "duplicate", "swap", "random-text"]) : kind;
    const i = int(r, toks.length);
    switch (k) {
      case "delete":
        toks.splice(i, 1);
        break;
      case "duplicate":
        toks.splice(i, 0, toks[i]!);
        break;
      case "swap": {
        const j = int(r, toks.length);
        [toks[i], toks[j]] = [toks[j]!, toks[i]!];
        break;
      }
      case "random-text":
        toks.splice(
          i,
          0,
          pick(r, [
            "(",
            ")",
            "{",
            "}",
            "且",
            "或",
            "非",
            "满",
            "9年",
            "55周岁",
            "15%",
            "1" + "0".repeat(400),
            "1000000000000000000000000000000年",
            '"',
            "“",
            "：",
            "\u0000",
            "\ufffd",
            "应交流",
            "优先于",
            '引用 "/etc"',
            '细化 ".."',
            "constructor",
            "toString",
            "__proto__",
          ]),
        );
        break;
    }
  }
  if (kind === "truncate") toks = toks.slice(0, int(r, toks.length));
  if (kind === "nesting") {
    const n = 1 + int(r, 300);
    const i = toks.findIndex((x) => x === "当");
    const open = pick(r, ["(", "非 ", "-"]);
    toks.splice(i + 2, 0, open.repeat(n) + "真" + (open === "(" ? ")".repeat(n) : "") + " 且 ");
    // The limit is 64 levels and the insertion point lies inside at least one brace: n ≥ 64 must be
    // P091; n ≤ 50 leaves room for the few levels around it and must not be.
    if (n >= 64) expect = { mustReject: true, codes: ["P091"] };
    else if (n <= 50) expect = { notCodes: ["P091"] };
  }
  let bytes = Buffer.from(toks.join(""));
  if (kind === "random-bytes") {
    bytes = Buffer.from(bytes);
    const n = 1 + int(r, 6);
    let invalid = false;
    for (let k = 0; k < n; k++) {
      const b = int(r, 256);
      const at = int(r, bytes.length);
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([b]), bytes.subarray(at)]);
      if (b >= 0x80) invalid = true;
    }
    // A byte ≥ 0x80 inserted into UTF-8 Chinese text cannot leave it valid in both encodings (D080),
    // unless it happens to form a valid sequence: only a lone 0xff is certain.
    if (invalid && bytes.includes(0xff)) expect = { mustReject: true, codes: ["D080"] };
  }
  return { kind, bytes, expect };
}

// ---------------------------------------------------------------- the loop

export interface FuzzOptions {
  readonly seed: number;
  readonly datasets: number;
  readonly policies: number;
  /** Damaged rosters (CSV folders and workbooks, rosters.ts); none when left out. */
  readonly rosters?: number;
  /** Rerun every k-th case and compare output byte for byte (1 = every case). */
  readonly rerunEvery?: number;
  /** Run only the cases whose index is `index` modulo `count` (one of `count` processes of one run). */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Run only this case of each stream (to reproduce a failure: `seed S #i`). */
  readonly only?: number;
  /** Start at this case index (the cases before it were run earlier, by a run stopped there). */
  readonly from?: number;
  readonly progress?: (done: number, t: Tally) => void;
}

/** The answer in a run's JSON (without the diagnostics), or undefined when refused. */
function answerOf(out: string): string | undefined {
  try {
    const j = JSON.parse(out) as Record<string, unknown>;
    if (typeof j.compliant !== "boolean" && typeof j.decision !== "string") return undefined;
    const { warnings: _w, diagnostics: _d, ...answer } = j;
    return JSON.stringify(answer);
  } catch {
    return undefined;
  }
}

/** Every diagnostic of a run as `code@path`, to tell a reported edit from a silent one. */
function reported(out: string): Set<string> {
  try {
    const j = JSON.parse(out) as Record<string, unknown>;
    const list = (x: unknown): Diag[] => (Array.isArray(x) ? (x as Diag[]) : []);
    return new Set([...list(j.diagnostics), ...list(j.warnings)].map((d) => `${d.code}@${d.path ?? ""}`));
  } catch {
    return new Set();
  }
}

// ---------------------------------------------------------------- rosters

/** The bundled Dalian policy, compiled once, when the first roster is read by both CSV readers. */
let dalianCompiled: CompiledPolicy | undefined;
function dalian(): CompiledPolicy {
  if (!dalianCompiled) {
    const c = compilePolicy(DALIAN).value;
    if (!c) throw new Error("the Dalian policy does not compile");
    dalianCompiled = c;
  }
  return dalianCompiled;
}

/** Writes a roster case (a CSV folder or one workbook) under `at`; returns what `check` is given. */
async function writeRoster(at: string, c: { format: "csv" | "xlsx"; files: Readonly<Record<string, Buffer>> }) {
  rmSync(at, { recursive: true, force: true });
  mkdirSync(at, { recursive: true });
  if (c.format === "xlsx") {
    const file = join(at, "花名册.xlsx");
    writeFileSync(file, await workbookOf(c.files));
    return file;
  }
  for (const [f, b] of Object.entries(c.files)) writeFileSync(join(at, f), b);
  return at;
}

/**
 * One roster case: `check` judged by the invariants; a change that must not change the answer
 * (encoding, byte-order mark, line ends) answers as the original does; and a CSV folder is read
 * by both CSV readers, which must agree (a crash of either is a crash).
 */
async function rosterCase(
  i: number,
  c: RosterCase,
  at: string,
  once: (i: number, argv: string[], command: "check", expect: Expect) => Promise<{ res: Run; bad: string[] }>,
  t: Tally,
): Promise<string[]> {
  const input = await writeRoster(at, c);
  const argv = ["check", input, "--policy", DALIAN, "--json"];
  const { res, bad } = await once(i, argv, "check", c.expect);
  if (c.format === "csv") {
    try {
      const both = await bothReaders(at, dalian());
      if (!both.irregular && both.differences.length) {
        t.invariants++;
        bad.push(`the CSV readers disagree: ${both.differences.join("; ").slice(0, 300)}`);
      }
    } catch (e) {
      t.crashes++;
      bad.push(`a CSV reader threw: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
    }
  }
  if (c.sameAs && res.code !== 3) {
    await writeRoster(at, { format: c.format, files: c.sameAs });
    const orig = await run(argv);
    if (orig.out !== res.out || orig.code !== res.code) {
      t.silentChanges++;
      bad.push(`${c.kind} answers differently from the original roster`);
    }
  }
  return bad;
}

export async function fuzz(o: FuzzOptions): Promise<Tally> {
  const t = emptyTally();
  const dir = mkdtempSync(join(tmpdir(), "lungang-fuzz-"));
  const every = o.rerunEvery ?? 1;
  const fail = (i: number, kind: string, bad: string[]) => {
    if (bad.length && t.failures.length < 25) t.failures.push(`seed ${o.seed} #${i} ${kind}: ${bad.join("; ")}`);
  };
  /** One case: run, judge, and on every k-th case rerun and compare byte for byte. */
  const once = async (i: number, argv: string[], command: "check" | "case" | "lint", expect: Expect) => {
    const res = await run(argv);
    const bad = judge(res, command, expect, t);
    if (i % every === 0) {
      t.reruns++;
      const again = await run(argv);
      if (again.out !== res.out || again.err !== res.err || again.code !== res.code) {
        t.invariants++;
        bad.push("rerun differs");
      }
    }
    return { res, bad };
  };
  try {
    const mine = (i: number) =>
      o.only !== undefined ? i === o.only : i >= (o.from ?? 0) && (!o.shard || i % o.shard.count === o.shard.index);
    // The unedited dataset's answers, per format and command, for the edits to be judged against.
    const base = new Map<string, Run>();
    const baseRun = async (ext: string, argv: string[]) => {
      const key = `${ext} ${argv[0]}`;
      if (!base.has(key)) {
        const file = join(dir, `d.${ext}`);
        writeFileSync(file, ext === "json" ? JSON.stringify(BASE_DATASET) : YAML.stringify(BASE_DATASET));
        base.set(key, await run(argv));
      }
      return base.get(key)!;
    };
    for (let i = 0; i < o.datasets; i++) {
      if (!mine(i)) continue;
      const r = caseRng(o.seed, 0, i);
      const c = mutateDataset(r);
      const file = join(dir, `d.${c.ext}`);
      const asCase = r() < 0.25;
      const argv = asCase
        ? ["case", file, "--teacher", "T001", "--policy", DALIAN, "--json"]
        : ["check", file, "--policy", DALIAN, "--json"];
      const b = c.edit ? await baseRun(c.ext, argv) : undefined;
      writeFileSync(file, c.bytes);
      const { res, bad } = await once(i, argv, asCase ? "case" : "check", c.expect);
      if (c.sameAs && res.code !== 3) {
        writeFileSync(file, c.sameAs);
        const orig = await run(argv);
        if (orig.out !== res.out || orig.code !== res.code) {
          t.silentChanges++;
          bad.push(`${c.kind} answers differently from the UTF-8 original`);
        }
      }
      if (b && c.edit && c.value) {
        // An edit that changed the answer must mean something for its field, or be reported.
        const answer = answerOf(res.out);
        if (answer !== undefined && answer !== answerOf(b.out) && !legitimate(c.edit, c.value)) {
          const before = reported(b.out);
          if (![...reported(res.out)].some((d) => !before.has(d))) {
            t.silentChanges++;
            bad.push(`${JSON.stringify(c.edit).slice(0, 160)} changed the answer without a word`);
          }
        }
      }
      fail(i, `dataset/${c.kind}/${c.ext}`, bad);
      t.cases++;
      t.datasets++;
      o.progress?.(t.cases, t);
    }
    const pdir = join(dir, "policies", "fuzzed");
    mkdirSync(pdir, { recursive: true });
    const pfile = join(pdir, "dalian.policy");
    for (let i = 0; i < o.policies; i++) {
      if (!mine(i)) continue;
      const r = caseRng(o.seed, 1, i);
      const c = mutatePolicy(r);
      writeFileSync(pfile, c.bytes);
      const asCase = r() < 0.5;
      const argv = asCase ? ["case", CASE, "--policy", pdir, "--json"] : ["lint", pdir, "--json"];
      const { bad } = await once(i, argv, asCase ? "case" : "lint", c.expect);
      fail(i, `policy/${c.kind}`, bad);
      t.cases++;
      t.policies++;
      o.progress?.(t.cases, t);
    }
    const rdir = join(dir, "roster");
    for (let i = 0; i < (o.rosters ?? 0); i++) {
      if (!mine(i)) continue;
      const c = mutateRoster(caseRng(o.seed, 2, i));
      const bad = await rosterCase(i, c, rdir, once, t);
      fail(i, `roster/${c.kind}/${c.format}`, bad);
      t.cases++;
      t.rosters++;
      o.progress?.(t.cases, t);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return t;
}
