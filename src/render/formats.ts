// Rendering — the registered formats. A new format (html, xlsx, csv) is one
// file implementing `Renderer` (document.ts) and one entry here.

import type { Renderer } from "./document.js";
import { jsonRenderer } from "./json.js";
import { textRenderer } from "./text.js";
import { diffHtmlRenderer } from "./diff-html.js";
import { diffXlsxRenderer } from "./diff-xlsx.js";

export const RENDERERS: readonly Renderer[] = [textRenderer, jsonRenderer, diffHtmlRenderer, diffXlsxRenderer];
