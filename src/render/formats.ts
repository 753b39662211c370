// Rendering — the registered formats. A new format (pdf, …) is one file
// implementing `Renderer` (document.ts) and one entry here. The report
// formats load their heavy parts (exceljs, ECharts) only when used.

import type { Renderer } from "./document.js";
import { csvRenderer } from "./csv.js";
import { htmlRenderer } from "./html.js";
import { jsonRenderer } from "./json.js";
import { textRenderer } from "./text.js";
import { xlsxRenderer } from "./xlsx.js";
import { diffHtmlRenderer } from "./diff-html.js";
import { diffXlsxRenderer } from "./diff-xlsx.js";

// Several renderers may share a format name, each for its own kinds of document (a report page, a diff page).
export const RENDERERS: readonly Renderer[] = [
  textRenderer,
  jsonRenderer,
  csvRenderer,
  htmlRenderer,
  xlsxRenderer,
  diffHtmlRenderer,
  diffXlsxRenderer,
];
