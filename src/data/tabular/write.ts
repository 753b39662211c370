// Tabular data — the other direction: a dataset, or nothing, → a roster
// workbook or CSV folder laid out as the reader reads it (Chinese sheet names,
// headers and value labels). Used by `lungang template` (the empty workbook of
// a policy, with drop-down lists, date formats, an example row and a 说明
// sheet), by the bundled examples and by the benchmark's 100k workbook.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
// exceljs is loaded when a workbook is written, not by every command (test/architecture/startup.test.ts).
import { formatDate, fromYmd, toYmd, type Day } from "../../time/date.js";
import type { FieldDecl } from "../fields.js";
import type { Dataset } from "../model.js";
import { BUILTIN_SCHEMA, type InputSchema } from "./read.js";

type Kind = "school" | "teacher" | "move" | "history";
export const SHEET_NAME: Record<Kind, string> = {
  school: "学校",
  teacher: "教师",
  move: "交流方案",
  history: "任职经历",
};
export const CSV_NAME: Record<Kind, string> = {
  school: "schools.csv",
  teacher: "teachers.csv",
  move: "moves.csv",
  history: "history.csv",
};

export interface Column {
  readonly field: string;
  readonly header: string;
  readonly decl: FieldDecl;
}

/** The columns of a sheet: every declared field a roster holds (not the history list, not the ID number). */
export function columnsOf(schema: InputSchema, kind: Kind): Column[] {
  const cols: Column[] = [];
  if (kind === "history")
    cols.push({
      field: "teacher",
      header: "工号",
      decl: { zh: "工号", doc: "the teacher", type: { t: "ref", to: "person" }, headers: ["工号"], need: "required" },
    });
  for (const [field, decl] of Object.entries(schema[kind])) {
    if (decl.type.t === "history" || decl.type.t === "secret") continue;
    cols.push({ field, header: decl.headers[0] ?? field, decl });
  }
  return cols;
}

/** A model value as a cell: Chinese labels, 是/否, lists joined with 、, dates as a Date (xlsx) or text (CSV). */
export function cellOf(v: unknown, col: Column, schema: InputSchema, dates: "date" | "text"): unknown {
  if (v === undefined || v === null) return null;
  const t = col.decl.type;
  switch (t.t) {
    case "date":
      return dates === "text" ? formatDate(v as Day) : excelDate(v as Day);
    case "bool":
      return v ? "是" : "否";
    case "enum":
      return schema.enumTable(t.e).labels[v as string] ?? v;
    case "enums":
      return (v as string[]).map((x) => schema.enumTable(t.e).labels[x] ?? x).join("、");
    case "texts":
      return (v as string[]).join("、");
    default:
      return v;
  }
}

function excelDate(d: Day): Date {
  const { y, m, d: dd } = toYmd(d);
  return new Date(Date.UTC(y, m - 1, dd));
}

/** The rows of each sheet of a dataset, as records keyed by field. */
function recordsOf(ds: Dataset, kind: Kind): Record<string, unknown>[] {
  switch (kind) {
    case "school":
      return ds.schools as unknown as Record<string, unknown>[];
    case "teacher":
      return ds.teachers as unknown as Record<string, unknown>[];
    case "move":
      return (ds.plan?.moves ?? []) as unknown as Record<string, unknown>[];
    case "history":
      return ds.teachers.flatMap((t) => t.history.map((h) => ({ teacher: t.id, ...h })));
  }
}

const KINDS: readonly Kind[] = ["school", "teacher", "move", "history"];

function infoRows(ds: Dataset): [string, unknown][] {
  return [
    ["基准日", excelDate(ds.asOf)],
    ...(ds.plan?.school_year ? [["学年", ds.plan.school_year] as [string, unknown]] : []),
    ...(ds.plan?.start !== undefined ? [["开始日期", excelDate(ds.plan.start)] as [string, unknown]] : []),
  ];
}

/** A dataset as a workbook (sheets 基本信息, 学校, 教师, 交流方案, 任职经历), written streaming. */
export async function writeDatasetWorkbook(
  ds: Dataset,
  file: string,
  schema: InputSchema = BUILTIN_SCHEMA,
): Promise<void> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const info = wb.addWorksheet("基本信息");
  for (const r of infoRows(ds)) {
    const row = info.addRow(r);
    if (r[1] instanceof Date) row.getCell(2).numFmt = "yyyy-mm-dd";
    row.commit();
  }
  info.commit();
  for (const kind of KINDS) {
    if (kind === "move" && !ds.plan) continue;
    const cols = columnsOf(schema, kind);
    const ws = wb.addWorksheet(SHEET_NAME[kind]);
    ws.columns = cols.map((c) => ({
      header: c.header,
      width: Math.max(10, c.header.length * 2 + 2),
      ...(c.decl.type.t === "date" ? { style: { numFmt: "yyyy-mm-dd" } } : {}),
    }));
    for (const rec of recordsOf(ds, kind)) ws.addRow(cols.map((c) => cellOf(rec[c.field], c, schema, "date"))).commit();
    ws.commit();
  }
  await wb.commit();
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A dataset as a CSV folder, in UTF-8 or GB18030 (what Excel on Chinese Windows writes). */
export function writeDatasetCsv(
  ds: Dataset,
  dir: string,
  encoding: "utf-8" | "gb18030",
  schema: InputSchema = BUILTIN_SCHEMA,
): void {
  mkdirSync(dir, { recursive: true });
  const encode = encoding === "utf-8" ? (s: string) => Buffer.from(s, "utf8") : gb18030Encode;
  for (const kind of KINDS) {
    if (kind === "move" && !ds.plan) continue;
    const cols = columnsOf(schema, kind);
    const lines = [cols.map((c) => csvCell(c.header)).join(",")];
    for (const rec of recordsOf(ds, kind))
      lines.push(cols.map((c) => csvCell(cellOf(rec[c.field], c, schema, "text"))).join(","));
    writeFileSync(join(dir, CSV_NAME[kind]), encode(lines.join("\r\n") + "\r\n"));
  }
  const plan = ds.plan
    ? `plan:\n${ds.plan.school_year ? `  school_year: ${ds.plan.school_year}\n` : ""}${ds.plan.start !== undefined ? `  start: ${formatDate(ds.plan.start)}\n` : ""}`
    : "";
  writeFileSync(join(dir, "dataset.yaml"), `as_of: ${formatDate(ds.asOf)}\n${plan}`);
}

/**
 * GB18030 encoding. Node has no encoder for it (TextEncoder is UTF-8 only),
 * so the table is built once by decoding every two-byte code with the
 * WHATWG decoder; characters outside it (rare) are an error, not a `?`.
 */
let gbTable: Map<string, number> | undefined;
export function gb18030Encode(s: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder("gb18030");
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== "\ufffd" && !gbTable.has(ch)) gbTable.set(ch, (a << 8) | b);
      }
  }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const code = gbTable.get(ch);
    if (code === undefined) throw new Error(`no two-byte GB18030 code for ${JSON.stringify(ch)}`);
    out.push(code >> 8, code & 0xff);
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------
// The template.

/** One example value per type, so the example row shows each column's form. */
function exampleValue(col: Column, schema: InputSchema): unknown {
  const t = col.decl.type;
  const byField: Record<string, unknown> = {
    id: col.field === "id" && col.decl.zh === "学校代码" ? "S001" : "T0001",
    teacher: "T0001",
    name: col.decl.zh === "校名" ? "示例第一小学" : "张三",
    school: "S001",
    from: col.decl.zh === "调出学校" ? "S001" : undefined,
    to: col.decl.zh === "调入学校" ? "S002" : undefined,
    district: "示例区",
    honors: "市级骨干教师",
    subject: "语文",
  };
  if (byField[col.field] !== undefined && t.t !== "date") return byField[col.field];
  switch (t.t) {
    case "date":
      return excelDate(col.field === "birth_date" ? fromYmd(1985, 3, 15)! : fromYmd(2015, 9, 1)!);
    case "bool":
      return "是";
    case "enum":
      return Object.values(schema.enumTable(t.e).labels)[0];
    case "enums":
      return "";
    case "years":
    case "int":
      return col.field === "years" ? 3 : 0;
    default:
      return "";
  }
}

function typeZh(col: Column, schema: InputSchema): string {
  const t = col.decl.type;
  switch (t.t) {
    case "date":
      return "日期（1980-03-05、1980年3月5日；只到月：1980-03、1980年3月）";
    case "bool":
      return "是 / 否";
    case "enum":
      return `下拉选择：${Object.values(schema.enumTable(t.e).labels).join("、")}`;
    case "enums":
      return `可填多项，用“、”分隔：${Object.values(schema.enumTable(t.e).labels).join("、")}`;
    case "texts":
      return "可填多项，用“、”分隔";
    case "years":
    case "int":
      return "整数";
    case "ref":
      return t.to === "school" ? "学校代码或完整校名（须在“学校”表中）" : "工号（须在“教师”表中）";
    default:
      return "文本";
  }
}

/** The empty roster workbook of a policy's schema (`lungang template`). */
export async function writeTemplate(file: string, schema: InputSchema, policyName: string): Promise<void> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "lungang";
  const lists = wb.addWorksheet("取值", { state: "veryHidden" });
  const listRange = new Map<string, string>();
  let listCol = 0;
  const rangeOf = (key: string, values: readonly string[]): string => {
    const known = listRange.get(key);
    if (known) return known;
    listCol++;
    values.forEach((v, i) => (lists.getCell(i + 1, listCol).value = v));
    const letter = lists.getColumn(listCol).letter;
    const r = `取值!$${letter}$1:$${letter}$${values.length}`;
    listRange.set(key, r);
    return r;
  };
  const info = wb.addWorksheet("基本信息");
  info.addRow(["项目", "内容"]);
  info.addRow(["基准日", new Date(Date.UTC(2025, 8, 1))]).getCell(2).numFmt = "yyyy-mm-dd";
  info.addRow(["学年", "2025-2026"]);
  info.addRow(["开始日期", new Date(Date.UTC(2025, 8, 1))]).getCell(2).numFmt = "yyyy-mm-dd";
  info.getColumn(1).width = 12;
  info.getColumn(2).width = 14;
  const notes: (string | undefined)[][] = [["工作表", "列名", "必填", "填写方式", "含义"]];
  for (const kind of KINDS) {
    const cols = columnsOf(schema, kind);
    const ws = wb.addWorksheet(SHEET_NAME[kind], { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(cols.map((c) => c.header)).font = { bold: true };
    ws.addRow(cols.map((c) => exampleValue(c, schema)));
    // The example move arrives at a second school, so the 学校 sheet has two example rows.
    if (kind === "school")
      ws.addRow(
        cols.map((c) => (c.field === "id" ? "S002" : c.field === "name" ? "示例第二小学" : exampleValue(c, schema))),
      );
    cols.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.max(10, c.header.length * 2 + 4);
      const t = c.decl.type;
      const validation =
        t.t === "enum"
          ? rangeOf(`enum:${t.e}`, Object.values(schema.enumTable(t.e).labels))
          : t.t === "bool"
            ? rangeOf("bool", ["是", "否"])
            : undefined;
      for (let r = 2; r <= 1001; r++) {
        const cell = ws.getCell(r, i + 1);
        if (t.t === "date") cell.numFmt = "yyyy-mm-dd";
        if (validation)
          cell.dataValidation = {
            type: "list",
            allowBlank: c.decl.need !== "required",
            formulae: [validation],
            showErrorMessage: true,
            errorTitle: c.header,
            error: `请从下拉列表中选择${c.header}`,
          };
      }
      notes.push([
        SHEET_NAME[kind],
        c.header,
        c.decl.need === "required" ? "是" : "否",
        typeZh(c, schema),
        c.decl.zh === c.header ? c.decl.doc : `${c.decl.zh}：${c.decl.doc}`,
      ]);
    });
  }
  const help = wb.addWorksheet("说明");
  help.addRow([`本工作簿是政策“${policyName}”的花名册模板（lungang template 生成）。`]);
  help.addRow([
    "每张表第一行是列名，第二行是示例（填写时请删除或覆盖）。列名可用下表中的名称；表头上方可以有标题行和空行。",
  ]);
  help.addRow([
    "“基本信息”表填写基准日（计算年龄、任教年限的日期）；只检查人员时可以不填“交流方案”表。身份证号列可选：填写时校验并据此推出出生日期和性别，但不会出现在任何输出中。",
  ]);
  help.addRow([]);
  for (const n of notes) help.addRow(n).font = n === notes[0] ? { bold: true } : {};
  [10, 16, 6, 50, 60].forEach((w, i) => (help.getColumn(i + 1).width = w));
  await wb.xlsx.writeFile(file);
}
