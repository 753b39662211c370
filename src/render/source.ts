// Rendering, shared: the policy text of a node on one line — what an
// explanation quotes for a condition, an amendment for a value.

import type { CheckedPolicy } from "../checker/checked.js";
import type * as A from "../syntax/ast.js";

/** The policy text of a node, on one line. */
// Explanations quote the policy's own text for a condition rather than
// re-printing the AST: the reader sees exactly what the policy writer wrote
// (their names, their language, `及以下` rather than `<=`), which is what
// they can find in the file and hold against the 原文. Whitespace is
// collapsed because a condition may span lines. Spans may point into any
// layer (city, national), hence the policy's map of every layer's sources.
export function sourceOf(p: CheckedPolicy, node: A.NodeBase): string {
  const text = p.sources.get(node.span.file);
  if (!text) return "";
  return text.slice(node.span.start, node.span.end).replace(/\s+/g, " ").trim();
}
