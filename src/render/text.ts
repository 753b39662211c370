// Rendering, format `text`: every document as text for people, in Chinese or
// English (diagnostics like a compiler: code, message, file:line:col, the
// source line with carets, help).

import type { Document, Renderer } from "./document.js";
import { renderDecisionText } from "./case.js";
import { renderPlanText } from "./plan.js";
import { renderDiagnostics } from "./diagnostics.js";
import { lintSummary, renderTestsText } from "./reports.js";
import { proposalText } from "./propose.js";
import { diffText } from "./diff.js";

import { decisionTable } from "./decisions.js";
import { renderDecisionsText } from "./decisions-text.js";

export const textRenderer: Renderer = {
  format: "text",
  kinds: ["case", "plan", "proposal", "diff", "decisions", "lint", "tests", "diagnostics"],
  render(doc: Document, lang) {
    const sources = ("sources" in doc ? doc.sources : undefined) ?? new Map<string, string>();
    switch (doc.kind) {
      case "case":
        return renderDecisionText(doc.answer, lang);
      case "plan":
        return renderPlanText(doc.answer, lang);
      case "proposal": {
        const a = doc.answer;
        return proposalText(a.policy, a.dataset, a.proposal, lang, a.version);
      }
      case "diff":
        return diffText(doc.answer.result, lang, doc.answer.before, doc.answer.after);
      case "decisions":
        return renderDecisionsText(decisionTable(doc.answer, lang), lang);
      case "lint":
        // The summary follows the findings, so it is always the last line.
        return [
          ...(doc.diagnostics.length ? [renderDiagnostics(doc.diagnostics, sources, lang)] : []),
          lintSummary(doc.report, lang),
        ].join("\n");
      case "tests":
        return renderTestsText(doc.report, doc.verbose ?? false, lang);
      case "diagnostics":
        return renderDiagnostics(doc.diagnostics, sources, lang);
    }
  },
};
