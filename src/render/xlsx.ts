// Rendering, format `xlsx`: a plan check as the report workbook (违规清单,
// 各校概况, 人员判定 with every person) and every person's decision as the
// 人员判定 table. Bytes, for `--output` or a download; exceljs is loaded only
// when a workbook is written.

import { byKind } from "./by-kind.js";

export const xlsxRenderer = byKind<Uint8Array>("xlsx", {
  plan: async (doc, lang) => {
    const { answerReport, planReportXlsxBuffer } = await import("./report.js");
    return planReportXlsxBuffer(doc.answer.compiled, doc.answer.dataset, answerReport(doc.answer, lang));
  },
  decisions: async (doc, lang) => {
    const [{ renderDecisionsXlsx }, { decisionTable }] = await Promise.all([
      import("./decisions-xlsx.js"),
      import("./decisions.js"),
    ]);
    return renderDecisionsXlsx(decisionTable(doc.answer, lang), lang);
  },
});
