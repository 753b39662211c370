// Rendering, format `html` for an amendment's effect (`lungang diff --format
// html`): one self-contained page (styles inline, no script, no external
// resource) with the summary line, the changed clauses and parameters, every
// person whose decision changes with the clause that made the difference and
// its 原文, and the numbers due and quotas per school and district.

import type { Lang } from "../diagnostics/registry.js";
import type { DiffAnswer } from "../api/propose.js";
import type { Renderer } from "./document.js";
import { diffRenderer, diffTables } from "./diff.js";
import { esc } from "./html-report.js";

const STYLE = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:24px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0}.summary{font-weight:bold;background:#fff8e1;padding:8px;border:1px solid #f0c36d}
.quote{color:#555;font-size:12px}@media print{body{margin:10mm}h2{break-after:avoid}tr{break-inside:avoid}}`;

export function renderDiffHtml(a: DiffAnswer, lang: Lang): string {
  const t = diffTables(a, lang);
  const table = (title: string, head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
    rows.length === 0
      ? ""
      : `<h2>${esc(title)}</h2><table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
          .join("")}</tbody></table>`;
  const sections = t.tables.map((x) => table(x.title, x.head, x.rows)).join("\n");
  return `<!DOCTYPE html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${esc(t.title)}</title>
<style>${STYLE}</style></head><body>
<h1>${esc(t.title)}</h1>
<p>${esc(t.heading)}</p>
<p class="summary">${esc(t.summary)}</p>
${sections || `<p>${esc(t.empty)}</p>`}
</body></html>
`;
}

export const diffHtmlRenderer: Renderer = diffRenderer("html", renderDiffHtml);
