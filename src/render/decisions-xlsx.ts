// Rendering — the decisions table as an .xlsx workbook: sheet 人员判定 (one
// row per person) and 说明 (policy, date, counts). Bytes, for --output.

// exceljs is loaded when a workbook is written, not by every command (test/architecture/startup.test.ts).
import type { Lang } from "../diagnostics/registry.js";
import { decisionCells, decisionHeaders, type DecisionTable } from "./decisions.js";

export async function renderDecisionsXlsx(t: DecisionTable, lang: Lang): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const zh = lang === "zh";
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(zh ? "人员判定" : "decisions", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(decisionHeaders(lang)).font = { bold: true };
  for (const r of t.rows) ws.addRow(decisionCells(r, lang));
  [10, 10, 10, 24, 12, 24, 60, 60].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.autoFilter = { from: "A1", to: "H1" };
  const info = wb.addWorksheet(zh ? "说明" : "about");
  info.addRow([zh ? "政策" : "policy", t.policy]);
  info.addRow([zh ? "基准日" : "as of", t.asOf]);
  info.addRow([zh ? "读入教师" : "teachers read", t.counts.teachers_in]);
  info.addRow([zh ? "已判定" : "decided", t.counts.decided]);
  info.addRow([zh ? "未采用" : "rejected", t.counts.rejected]);
  for (const r of t.rejected) info.addRow([zh ? "未采用的行" : "rejected row", r.row, r.id ?? ""]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
