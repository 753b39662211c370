// Test support: a roster workbook written with exceljs from rows per sheet, in a fresh temporary folder.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";

export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), "lungang-roster-"));
}

/** A workbook with one sheet per entry (rows as given); `extra` may merge cells and the like. */
export async function workbook(
  sheets: Record<string, unknown[][]>,
  extra?: (wb: ExcelJS.Workbook) => void,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  extra?.(wb);
  const file = join(tmpDir(), "花名册.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}
