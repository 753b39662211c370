// Proposal output — `propose --output FILE`: the dataset written back in its
// own format with the proposed plan. YAML keeps the roster as written (its
// comments and order) and replaces `plan`; JSON replaces `plan`; a roster
// workbook (.xlsx) keeps every sheet and gets its 交流方案 sheet filled with
// the headers the tabular reader reads; a CSV folder is copied with a new
// moves.csv in the folder's encoding. Anything that cannot be written is an
// R001 diagnostic.

import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import YAML from "yaml";
import type { Move, Plan } from "../data/model.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-propose.js";
import { BUILTIN_SCHEMA, type InputSchema } from "../data/tabular/read.js";
import { cellOf, columnsOf, csvCell, gb18030Encode, SHEET_NAME } from "../data/tabular/write.js";
import { formatDate } from "../time/date.js";

/** A move's built-in fields (written first, by name); any other key is a fact the policy declares. */
const BUILTIN_MOVE_KEYS = new Set(["teacher", "from", "to", "mode", "years", "personnel_transfer"]);

/**
 * The plan section of a dataset, as the contract writes it. A proposed move's
 * values of the policy's declared move facts (enum values, truth values:
 * propose fills only those) follow the built-in fields.
 */
export function planRecord(plan: Plan): Record<string, unknown> {
  return {
    ...(plan.school_year ? { school_year: plan.school_year } : {}),
    ...(plan.start !== undefined ? { start: formatDate(plan.start) } : {}),
    moves: plan.moves.map((m: Move) => ({
      teacher: m.teacher,
      from: m.from,
      to: m.to,
      ...(m.mode ? { mode: m.mode } : {}),
      ...(m.years !== undefined ? { years: m.years } : {}),
      ...(m.personnel_transfer !== undefined ? { personnel_transfer: m.personnel_transfer } : {}),
      ...Object.fromEntries(
        Object.entries(m).filter(
          ([k, v]) => !BUILTIN_MOVE_KEYS.has(k) && (typeof v === "string" || typeof v === "boolean"),
        ),
      ),
    })),
  };
}

/** Sheet or file names the reader takes as the plan (src/data/tabular/read.ts). */
const PLAN_NAMES = ["交流方案", "moves", "plan"];
const isPlanName = (n: string) =>
  PLAN_NAMES.includes(
    n
      .trim()
      .replace(/\.csv$/i, "")
      .toLowerCase(),
  );

/** Write `input` (a dataset path) with `plan` to `output`, in the input's own format. */
export async function writePlan(
  input: string,
  output: string,
  plan: Plan,
  schema: InputSchema = BUILTIN_SCHEMA,
): Promise<Diagnostic | undefined> {
  const ext = extname(input).toLowerCase();
  try {
    if (ext === ".xlsx") return await writeWorkbook(input, output, plan, schema);
    if (existsSync(input) && statSync(input).isDirectory()) return writeCsvFolder(input, output, plan, schema);
    if (![".yaml", ".yml", ".json"].includes(ext))
      return diag("R001", { file: output, why: `a plan is written into a YAML, JSON, .xlsx or CSV-folder dataset` });
    const text = readFileSync(input, "utf8").replace(/^\uFEFF/, "");
    if (ext === ".json") {
      const raw = JSON.parse(text) as Record<string, unknown>;
      writeFileSync(output, JSON.stringify({ ...raw, plan: planRecord(plan) }, null, 2) + "\n");
    } else {
      // Keep the roster as written (comments, order): only the plan changes.
      const doc = YAML.parseDocument(text);
      doc.set("plan", doc.createNode(planRecord(plan)));
      writeFileSync(output, doc.toString({ lineWidth: 0 }));
    }
    return undefined;
  } catch (e) {
    return diag("R001", { file: output, why: (e as Error).message });
  }
}

/** The moves as rows of the 交流方案 sheet (the policy's move columns): the headers first, values as the reader reads them. */
function planRows(plan: Plan, dates: "date" | "text", schema: InputSchema): unknown[][] {
  const cols = columnsOf(schema, "move");
  return [
    cols.map((c) => c.header),
    ...plan.moves.map((m) =>
      cols.map((c) => cellOf((m as unknown as Record<string, unknown>)[c.field], c, schema, dates)),
    ),
  ];
}

async function writeWorkbook(input: string, output: string, plan: Plan, schema: InputSchema): Promise<undefined> {
  // exceljs is loaded only when a workbook is written (the CLI's start stays light).
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  // Every other sheet stays as the bureau wrote it; an existing plan sheet is replaced in its place.
  const old = wb.worksheets.find((w) => isPlanName(w.name));
  const ws = wb.addWorksheet(old ? `${old.name}~` : SHEET_NAME.move);
  if (old) {
    wb.removeWorksheet(old.id);
    ws.name = old.name;
    // exceljs orders sheets by `orderNo` (not in its typings).
    (ws as unknown as { orderNo: number }).orderNo = (old as unknown as { orderNo: number }).orderNo;
  }
  for (const r of planRows(plan, "date", schema)) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  await wb.xlsx.writeFile(output);
  return undefined;
}

function writeCsvFolder(input: string, output: string, plan: Plan, schema: InputSchema): Diagnostic | undefined {
  if (existsSync(output) && (!statSync(output).isDirectory() || readdirSync(output).length > 0))
    return diag("R001", { file: output, why: "a CSV dataset is written into a new or empty folder" });
  cpSync(input, output, { recursive: true });
  for (const f of readdirSync(output)) if (isPlanName(f) && f.toLowerCase().endsWith(".csv")) rmSync(join(output, f));
  // The folder's own encoding: UTF-8 when its teachers file decodes as such, else GB18030 (Excel on Chinese Windows).
  const sample = readdirSync(input).find((f) => /^(教师|teachers)\.csv$/i.test(f));
  let utf8 = true;
  if (sample)
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(join(input, sample)));
    } catch {
      utf8 = false;
    }
  const text = planRows(plan, "text", schema)
    .map((r) => r.map(csvCell).join(","))
    .join("\r\n");
  writeFileSync(join(output, "moves.csv"), utf8 ? Buffer.from(text + "\r\n", "utf8") : gb18030Encode(text + "\r\n"));
  return undefined;
}
