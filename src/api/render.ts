// Facade, stage 6 — render: an answer (a case, a plan check, a lint, a test
// run, diagnostics) and a format (`text`, `json`, …) → text or bytes, in
// Chinese or English. The renderers live in src/render/.

export { formatProblem, formats, render } from "../render/render.js";
export type { Answered, Document, DocumentKind, Rendered, RenderOptions, Renderer } from "../render/document.js";
