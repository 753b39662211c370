// Rendering, format `json`: every document as the JSON of docs/contract.md
// (stable English keys and codes; `message`/`text` fields in the chosen
// language), pretty-printed.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lang } from "../diagnostics/registry.js";
import type { Document, Renderer } from "./document.js";
import { decisionJson } from "./case.js";
import { planJson } from "./plan.js";
import { diagnosticJson } from "./diagnostics.js";
import { testsJson } from "./reports.js";
import { proposalJson } from "./propose.js";
import { diffJson } from "./diff.js";
import { decisionTable } from "./decisions.js";
import { decisionsJson } from "./decisions-json.js";

function diagnosticsJson(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>, lang: Lang) {
  return ds.map((d) => diagnosticJson(d, sources, lang));
}

function json(doc: Document, lang: Lang): Record<string, unknown> {
  const sources = ("sources" in doc ? doc.sources : undefined) ?? new Map<string, string>();
  // An answer's warnings ride along under `warnings`, only when there are any.
  const warnings =
    "diagnostics" in doc && doc.diagnostics?.length ? diagnosticsJson(doc.diagnostics, sources, lang) : undefined;
  switch (doc.kind) {
    case "case": {
      const j = decisionJson(doc.answer, lang);
      return warnings ? { ...j, warnings } : j;
    }
    case "plan":
      return planJson(doc.answer, lang, warnings);
    case "proposal": {
      const a = doc.answer;
      return {
        ...proposalJson(a.policy, a.dataset, a.proposal, lang, a.version),
        ...(warnings ? { warnings } : {}),
        ...(a.output !== undefined ? { output: a.output } : {}),
      };
    }
    case "diff": {
      const j = diffJson(doc.answer.result, lang, doc.answer.before, doc.answer.after);
      return warnings ? { ...j, warnings } : j;
    }
    case "decisions":
      return decisionsJson(decisionTable(doc.answer, lang), warnings);
    case "lint":
      return {
        policy: doc.report.name,
        errors: doc.report.errors,
        warnings: doc.report.warnings,
        diagnostics: diagnosticsJson(doc.diagnostics, sources, lang),
      };
    case "tests": {
      const j = testsJson(doc.report, lang);
      return warnings ? { ...j, warnings } : j;
    }
    case "diagnostics":
      return {
        ...(doc.error ? { error: doc.error } : {}),
        diagnostics: diagnosticsJson(doc.diagnostics, sources, lang),
      };
  }
}

export const jsonRenderer: Renderer = {
  format: "json",
  kinds: ["case", "plan", "proposal", "diff", "decisions", "lint", "tests", "diagnostics"],
  render: (doc, lang) => JSON.stringify(json(doc, lang), null, 2),
};
