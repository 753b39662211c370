// Rendering — the one entry: a document (case, plan check, lint, test run,
// diagnostics) and a format name → the rendered text or bytes. An unknown
// format, or one that cannot render the document, is a diagnostic (C006,
// C007), never a guess. Never throws on user input.

import type { Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import type { Document, Rendered, RenderOptions } from "./document.js";
import { RENDERERS } from "./formats.js";

/** The names of the formats that can render a document of this kind (all formats without one). */
export function formats(kind?: Document["kind"]): string[] {
  return [...new Set(RENDERERS.filter((r) => !kind || r.kinds.includes(kind)).map((r) => r.format))];
}

/** Render a document in a format and language (Chinese by default). */
export async function render(doc: Document, options: RenderOptions): Promise<Result<Rendered>> {
  // Several renderers may share a format name, each for its own kinds of document (a report page, a diff page).
  const named = RENDERERS.filter((x) => x.format === options.format);
  if (!named.length)
    return { diagnostics: [diag("C006", { format: options.format, formats: formats(doc.kind).join(", ") })] };
  const r = named.find((x) => x.kinds.includes(doc.kind));
  if (!r)
    return {
      diagnostics: [diag("C007", { format: options.format, kind: doc.kind, formats: formats(doc.kind).join(", ") })],
    };
  return { value: await r.render(doc, options.lang ?? "zh"), diagnostics: [] };
}
