// Rendering, format `xlsx` for an amendment's effect (`lungang diff --format
// xlsx --output FILE`): a workbook with a 摘要 (summary) sheet and one sheet
// per table — 条款参数变化, 人员变化, 各校变化, 各区变化, 比例变化 — headers
// frozen and filtered. The same tables as the text and HTML (diff.ts).

import type { Lang } from "../diagnostics/registry.js";
import type { DiffAnswer } from "../api/propose.js";
import type { Renderer } from "./document.js";
import { diffRenderer, diffTables } from "./diff.js";

export async function renderDiffXlsx(a: DiffAnswer, lang: Lang): Promise<Uint8Array> {
  // exceljs is loaded only when a workbook is written (the CLI's start stays light).
  const ExcelJS = (await import("exceljs")).default;
  const t = diffTables(a, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = "lungang";
  const summary = wb.addWorksheet("摘要");
  summary.addRow([t.title]).font = { bold: true };
  summary.addRow([t.heading]);
  summary.addRow([t.summary]);
  summary.getColumn(1).width = 100;
  for (const x of t.tables) {
    const ws = wb.addWorksheet(x.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow([...x.head]).font = { bold: true };
    for (const r of x.rows) ws.addRow([...r]);
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: x.head.length } };
    x.head.forEach((h, i) => {
      const longest = Math.max(h.length * 2, ...x.rows.map((r) => String(r[i] ?? "").length * 1.6));
      ws.getColumn(i + 1).width = Math.min(80, Math.max(10, Math.round(longest) + 2));
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const diffXlsxRenderer: Renderer = diffRenderer("xlsx", renderDiffXlsx);
