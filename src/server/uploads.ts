// Uploaded rosters: bytes from the browser → a checked dataset, through the
// same reader as `lungang check` (the facade's readDataset: YAML/JSON, an .xlsx
// workbook, or several CSV files forming a folder), against the selected
// policy's declared facts, with the same limits and diagnostics. The reader takes paths, so the bytes pass through a private
// temporary folder (mode 0700) for the moment of reading and are deleted
// right after; the folder itself goes when the server stops. The dataset then
// lives in memory only, per browser tab (a random token), a few at a time.

import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDataset, type CompiledPolicy, type Dataset, type Diagnostic, type Result } from "../index.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import type { ReportModel } from "../render/report-model.js";

/** The largest upload accepted, in bytes (a roster of about a million people as JSON is ~350 MB; a district's, far less). */
export const MAX_UPLOAD = 200 * 1024 * 1024;

export interface Session {
  readonly token: string;
  readonly policyId: string;
  readonly policy: CompiledPolicy;
  readonly data: Dataset;
  /** The checked plan as the report shows it (the same model as the HTML file). */
  readonly model: ReportModel;
  readonly lang: "zh" | "en";
  /** What the reader reported (rejected rows, warnings), shown above the report. */
  readonly problems: string[];
  readonly created: number;
}

export interface UploadFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The private folder uploads pass through; removed by `dispose`. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), "lungang-serve-"));
  constructor() {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const DATASET = /\.(ya?ml|json|xlsx)$/i;

/**
 * One dataset from the uploaded files: a single YAML/JSON/XLSX file, or CSV
 * files (schools.csv, teachers.csv, moves.csv, history.csv, dataset.yaml) read
 * as a folder, against `policy` (the one it is checked with). Names are
 * reduced to their last part, so nothing is written outside the scratch folder.
 */
export async function readUpload(
  scratch: Scratch,
  files: readonly UploadFile[],
  policy: CompiledPolicy,
): Promise<Result<Dataset>> {
  const safe = files.map((f) => ({ ...f, name: (f.name.split(/[\\/]/).pop() ?? "").replace(/^\.+/, "") }));
  const single = safe.length === 1 && DATASET.test(safe[0]!.name);
  const csv =
    safe.length > 0 && safe.every((f) => /\.(csv|ya?ml)$/i.test(f.name)) && safe.some((f) => /\.csv$/i.test(f.name));
  if (!single && !csv) return { diagnostics: [unsupported(safe.map((f) => f.name).join(", "))] };
  const dir = mkdtempSync(join(scratch.dir, "u-"));
  try {
    for (const f of safe) writeFileSync(join(dir, f.name), f.bytes, { mode: 0o600 });
    const r = await readDataset(single ? join(dir, safe[0]!.name) : dir, policy);
    // Diagnostics name the file as uploaded, not the scratch path it passed through.
    const strip = (t: string) =>
      t
        .split(dir + "/")
        .join("")
        .split(dir)
        .join(safe.length === 1 ? safe[0]!.name : "");
    return {
      ...r,
      diagnostics: r.diagnostics.map((d) => ({
        ...d,
        message: strip(d.message),
        ...(d.file ? { file: strip(d.file) } : {}),
      })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function unsupported(names: string): Diagnostic {
  return diag("C003", {
    option: "upload",
    why: `${names}: expected one .xlsx, .yaml, .yml or .json dataset, or the CSV files of a roster folder`,
  });
}

/** At most `limit` sessions; the oldest goes first. A tab whose session went gets "please upload again". */
export class Sessions {
  private readonly map = new Map<string, Session>();
  constructor(private readonly limit = 8) {}
  add(s: Omit<Session, "token" | "created">): Session {
    const token = randomBytes(16).toString("hex");
    const session = { ...s, token, created: Date.now() };
    this.map.set(token, session);
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
    return session;
  }
  get(token: string | null): Session | undefined {
    return token ? this.map.get(token) : undefined;
  }
  clear(): void {
    this.map.clear();
  }
}
