// Facade, stage 6 — render: an answer (a case, a plan check, a lint, a test
// run, diagnostics) and a format (`text`, `json`, …) → text or bytes, in
// Chinese or English. The renderers live in src/render/.

export { formats, render } from "../render/render.js";
export type { Document, DocumentKind, Rendered, RenderOptions, Renderer } from "../render/document.js";
