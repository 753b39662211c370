// Rosters as bureaus send them, damaged: the fuzz suite's third stream. A
// small generated district is written once as a CSV folder with Chinese
// headers and values (what `lungang template` and Excel produce); each case
// damages it — cells, headers, columns, rows, quotes, delimiters, line ends,
// encodings, bytes, missing files, sizes — and is read as the CSV folder or
// as one XLSX workbook of the same tables. fuzz.ts runs `check` on it and
// judges the run by the suite's invariants; a folder is also read by both CSV
// readers (test/support/columnar.ts), which must agree.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "../../bench/generate.js";
import { parseDatasetText } from "../../src/data/read.js";
import { gb18030Encode, writeDatasetCsv } from "../../src/data/tabular/write.js";
import type { Expect } from "./fuzz.js";
import { int, pick, type R } from "./random.js";

/** The undamaged roster: file name → text (UTF-8, CRLF line ends, as writeDatasetCsv writes). */
export const BASE_ROSTER: Readonly<Record<string, string>> = (() => {
  const raw = generate({ seed: 5, teachers: 60, schools: 4, asOf: "2025-09-01", violations: true });
  const ds = parseDatasetText(JSON.stringify(raw), "generated.json", "json").value!;
  const dir = mkdtempSync(join(tmpdir(), "lungang-roster-"));
  try {
    writeDatasetCsv(ds, dir, "utf-8");
    return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

const TABLES = ["teachers.csv", "schools.csv", "moves.csv", "history.csv"] as const;

/** Values a bureau's cell may hold by mistake or by habit. */
const WEIRD_CELLS: readonly string[] = [
  "",
  " ",
  "是 ",
  " 男",
  "-1",
  "0",
  "3.5",
  "1e309",
  "１２",
  "２０２４-０９-０１",
  "2024/9/1",
  "2024年9月1日",
  "2024.9",
  "2014-09",
  "1980.13",
  "45536",
  "2023-02-29",
  "0001-01-01",
  "9999-12-31",
  "是否",
  "Y",
  "√",
  "=1+1",
  '=HYPERLINK("http://x")',
  "+86",
  "@SUM(A1)",
  "S404",
  "S001",
  "T0001",
  "T9999",
  "__proto__",
  "constructor",
  "\u0000",
  "\ufffd",
  "骨干教师;市级骨干教师",
  "x".repeat(5000),
];

export interface RosterCase {
  readonly kind: string;
  /** Read as this folder of files, or as one workbook of its tables. */
  readonly format: "csv" | "xlsx";
  /** File name → bytes; a file left out is missing. */
  readonly files: Readonly<Record<string, Buffer>>;
  readonly expect: Expect;
  /** For a change that must not change the answer (an encoding, a byte-order mark, line ends): the original. */
  readonly sameAs?: Readonly<Record<string, Buffer>>;
}

/** A table as rows of cells (the generated texts have no quotes, so a comma always separates). */
const rowsOf = (text: string): string[][] =>
  text
    .split("\r\n")
    .filter((l, i, all) => l !== "" || i < all.length - 1)
    .map((l) => l.split(","));
const textOf = (rows: readonly (readonly string[])[], eol = "\r\n", sep = ","): string =>
  rows.map((r) => r.join(sep)).join(eol) + eol;

const utf8 = (files: Record<string, string>): Record<string, Buffer> =>
  Object.fromEntries(Object.entries(files).map(([f, t]) => [f, Buffer.from(t, "utf8")]));

/** Edits of the table itself (cells, headers, columns, rows, size): a workbook can hold the result too. */
const TABLE_EDITS = [
  "cell",
  "header",
  "column-delete",
  "column-dup",
  "row-delete",
  "row-dup",
  "row-short",
  "row-long",
  "size",
  "several",
] as const;
/** Edits of the file: its text, encoding and bytes, or its absence. */
const FILE_EDITS = [
  "blank-lines",
  "quote",
  "delimiter",
  "line-ends",
  "gb18030",
  "bom",
  "bad-bytes",
  "truncate",
  "byte-flip",
  "file-missing",
] as const;

export function mutateRoster(r: R): RosterCase {
  const texts: Record<string, string> = { ...BASE_ROSTER };
  const file = pick(r, TABLES);
  const kind = pick(r, [...TABLE_EDITS, "cell", ...FILE_EDITS]);
  // The table edits keep the file a table a spreadsheet could hold: such a case is also tried as a workbook.
  const tableEdit = (TABLE_EDITS as readonly string[]).includes(kind);
  const format = tableEdit && r() < 0.2 ? "xlsx" : "csv";
  let expect: Expect = {};
  const rows = rowsOf(texts[file]!);
  const body = () => 1 + int(r, Math.max(1, rows.length - 1));
  const edits = kind === "several" ? 2 + int(r, 4) : 1;
  for (let e = 0; e < edits && rows.length > 1; e++) {
    const k = kind === "several" ? pick(r, ["cell", "cell", "header", "column-delete", "row-delete", "row-dup"]) : kind;
    const width = rows[0]!.length;
    switch (k) {
      case "cell": {
        const row = rows[body()]!;
        row[int(r, row.length)] = pick(r, WEIRD_CELLS);
        break;
      }
      case "header": {
        const c = int(r, width);
        const h = rows[0]![c]!;
        rows[0]![c] = pick(r, ["", "未知列", ` ${h} `, `${h}（必填）`, `*${h}`, rows[0]![int(r, width)]!, h + h]);
        break;
      }
      case "column-delete": {
        const c = int(r, width);
        for (const row of rows) row.splice(c, 1);
        break;
      }
      case "column-dup": {
        const c = int(r, width);
        for (const row of rows) row.splice(c, 0, row[c] ?? "");
        break;
      }
      case "row-delete":
        rows.splice(body(), 1);
        break;
      case "row-dup": {
        const i = body();
        rows.splice(i, 0, [...rows[i]!]);
        break;
      }
      case "row-short":
        rows[body()]!.splice(int(r, width));
        break;
      case "row-long":
        rows[body()]!.push(...Array.from({ length: 1 + int(r, 3) }, () => pick(r, WEIRD_CELLS)));
        break;
      case "size": {
        // Many more people of one school: fresh ids, the same facts.
        if (file !== "teachers.csv") break;
        const proto = rows[1]!;
        for (let i = 0, n = int(r, 2000); i < n; i++) rows.push([`X${i}`, ...proto.slice(1)]);
        break;
      }
    }
  }
  texts[file] = textOf(rows);
  let files = utf8(texts);
  const bytesOf = (f: string) => files[f]!;
  switch (kind) {
    case "blank-lines": {
      const lines = texts[file]!.split("\r\n");
      for (let i = 0, n = 1 + int(r, 3); i < n; i++)
        lines.splice(1 + int(r, lines.length - 1), 0, pick(r, ["", ",,,", " "]));
      files[file] = Buffer.from(lines.join("\r\n"));
      break;
    }
    case "quote": {
      const lines = texts[file]!.split("\r\n");
      const i = body();
      const cells = lines[i]!.split(",");
      const c = int(r, cells.length);
      cells[c] = pick(r, [`"${cells[c]}`, `"${cells[c]},x"`, `"${cells[c]}\r\nx"`, `${cells[c]}"`, `"${cells[c]}"`]);
      lines[i] = cells.join(",");
      files[file] = Buffer.from(lines.join("\r\n"));
      break;
    }
    case "delimiter":
      files[file] = Buffer.from(textOf(rows, "\r\n", pick(r, [";", "\t", "，"])));
      break;
    case "line-ends": {
      // LF or CR LF, in every file: the same roster.
      const sameAs = files;
      files = utf8(Object.fromEntries(Object.entries(texts).map(([f, t]) => [f, t.replace(/\r\n/g, "\n")])));
      return { kind, format, files, expect, sameAs };
    }
    case "gb18030": {
      // What Excel on Chinese Windows saves: every file in GB18030, the same roster.
      const sameAs = files;
      files = Object.fromEntries(Object.entries(texts).map(([f, t]) => [f, gb18030Encode(t)]));
      return { kind, format, files, expect, sameAs };
    }
    case "bom": {
      const sameAs = files;
      files = { ...files, [file]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytesOf(file)]) };
      return { kind, format, files, expect, sameAs };
    }
    case "bad-bytes": {
      // A byte no UTF-8 and no GB18030 text has (0xff): refused, naming the line and byte.
      const b = bytesOf(file);
      const at = int(r, b.length);
      files[file] = Buffer.concat([b.subarray(0, at), Buffer.from([0xff]), b.subarray(at)]);
      expect = { mustReject: true, codes: ["D080"] };
      break;
    }
    case "truncate": {
      const b = bytesOf(file);
      files[file] = b.subarray(0, int(r, b.length));
      break;
    }
    case "byte-flip": {
      const b = Buffer.from(bytesOf(file));
      for (let i = 0, n = 1 + int(r, 4); i < n; i++) b[int(r, b.length)] = int(r, 256);
      files[file] = b;
      break;
    }
    case "file-missing":
      delete files[file];
      // Without the teachers or the schools there is nothing to check.
      if (file === "teachers.csv" || file === "schools.csv") expect = { mustReject: true };
      break;
  }
  return { kind, format, files, expect };
}

/** The tables of a roster as one workbook (sheets 基本信息, 学校, 教师, 交流方案, 任职经历), every cell as text. */
export async function workbookOf(files: Readonly<Record<string, Buffer>>): Promise<Buffer> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const info = wb.addWorksheet("基本信息");
  info.addRow(["基准日", "2025-09-01"]);
  const sheet: Record<string, string> = {
    "schools.csv": "学校",
    "teachers.csv": "教师",
    "moves.csv": "交流方案",
    "history.csv": "任职经历",
  };
  for (const [f, name] of Object.entries(sheet)) {
    const b = files[f];
    if (!b) continue;
    const ws = wb.addWorksheet(name);
    for (const row of rowsOf(b.toString("utf8"))) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
