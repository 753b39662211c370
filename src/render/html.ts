// Rendering, format `html`: a plan check as the self-contained report page
// (summary, violations with 原文, charts per school; ECharts inlined, no
// network) and a case as the printable appeal answer.

import type { CaseAnswer } from "../api/answers.js";
import { byKind } from "./by-kind.js";

/** Who an appeal answer is about: the id, with the teacher's name and school beside it. */
function casePerson(a: CaseAnswer) {
  return {
    id: a.teacher.id,
    ...(a.teacher.name ? { name: a.teacher.name } : {}),
    school: { id: a.teacher.school, ...(a.school?.name ? { name: a.school.name } : {}) },
  };
}

export const htmlRenderer = byKind<string>("html", {
  plan: async (doc, lang) => {
    // The report modules (and ECharts' source) are loaded only when a report is written.
    const { answerReport, planReportHtml } = await import("./report.js");
    return planReportHtml(answerReport(doc.answer, lang));
  },
  case: async (doc, lang) => {
    const [{ renderCaseHtml }, { decisionJson }] = await Promise.all([import("./html-case.js"), import("./case.js")]);
    return renderCaseHtml(decisionJson(doc.answer, lang), casePerson(doc.answer), lang);
  },
});
