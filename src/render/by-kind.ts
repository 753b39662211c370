// Rendering, shared by the formats that render only some documents (csv,
// html, xlsx): a format as a table from document kind to its renderer. The
// kinds it lists are its `kinds`; the registry (render.ts) never hands it
// another, so there is no fallback to write.

import type { Lang } from "../diagnostics/registry.js";
import type { Document, DocumentKind, Rendered, Renderer } from "./document.js";

/** The renderer of each kind a format renders. */
export type KindTable<R extends Rendered> = {
  readonly [K in DocumentKind]?: (doc: Extract<Document, { kind: K }>, lang: Lang) => R | Promise<R>;
};

/** A format from its table of kinds. */
export function byKind<R extends Rendered>(format: string, table: KindTable<R>): Renderer {
  const kinds = Object.keys(table) as DocumentKind[];
  return {
    format,
    kinds,
    render: (doc, lang) => {
      const r = table[doc.kind] as ((d: Document, l: Lang) => R | Promise<R>) | undefined;
      if (!r) throw new Error(`internal: format ${format} was given a ${doc.kind} document it does not list`);
      return r(doc, lang);
    },
  };
}
