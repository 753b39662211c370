// Rendering, format `csv`: every person's decision as one table (UTF-8 with
// BOM, so Excel on Chinese Windows opens it with the right characters).

import { byKind } from "./by-kind.js";
import { decisionTable } from "./decisions.js";
import { renderDecisionsCsv } from "./decisions-csv.js";

export const csvRenderer = byKind<string>("csv", {
  decisions: (doc, lang) => renderDecisionsCsv(decisionTable(doc.answer, lang), lang),
});
