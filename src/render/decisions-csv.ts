// Rendering — the decisions table as CSV (UTF-8 with BOM, so Excel on Chinese
// Windows opens it with the right characters).

import type { Lang } from "../diagnostics/registry.js";
import { decisionCells, decisionHeaders, type DecisionTable } from "./decisions.js";

function cell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderDecisionsCsv(t: DecisionTable, lang: Lang): string {
  const lines = [decisionHeaders(lang).map(cell).join(",")];
  for (const r of t.rows) lines.push(decisionCells(r, lang).map(cell).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}
