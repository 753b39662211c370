// Rendering — the one entry: a document (case, plan check, lint, test run,
// diagnostics) and a format name → the rendered text or bytes. An unknown
// format, or one that cannot render the document, is a diagnostic (C006,
// C007), never a guess. Never throws on user input.

import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import type { Document, Rendered, RenderOptions, Renderer } from "./document.js";
import { RENDERERS } from "./formats.js";
import { DOCUMENT_WORD } from "./words.js";

/** The names of the formats that can render a document of this kind (all formats without one). */
export function formats(kind?: Document["kind"]): string[] {
  return [...new Set(RENDERERS.filter((r) => !kind || r.kinds.includes(kind)).map((r) => r.format))];
}

/**
 * Why a format cannot render a document of this kind: C006 when no renderer
 * has that name, C007 when it exists but not for this kind; undefined when it
 * can. (A caller can ask before doing the work.)
 */
export function formatProblem(format: string, kind: Document["kind"]): Diagnostic | undefined {
  if (!RENDERERS.some((r) => r.format === format)) return diag("C006", { format, formats: formats(kind).join(", ") });
  if (!rendererOf(format, kind))
    return diag("C007", { format, kind: DOCUMENT_WORD[kind], formats: formats(kind).join(", ") });
  return undefined;
}

/** The renderer of this name for this kind of document (several renderers may share a name). */
function rendererOf(format: string, kind: Document["kind"]): Renderer | undefined {
  return RENDERERS.find((r) => r.format === format && r.kinds.includes(kind));
}

/** Render a document in a format and language (Chinese by default). */
export async function render(doc: Document, options: RenderOptions): Promise<Result<Rendered>> {
  const problem = formatProblem(options.format, doc.kind);
  if (problem) return { diagnostics: [problem] };
  return { value: await rendererOf(options.format, doc.kind)!.render(doc, options.lang ?? "zh"), diagnostics: [] };
}
