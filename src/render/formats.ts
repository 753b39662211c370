// Rendering — the registered formats. A new format (html, xlsx, csv) is one
// file implementing `Renderer` (document.ts) and one entry here.

import type { Renderer } from "./document.js";
import { jsonRenderer } from "./json.js";
import { textRenderer } from "./text.js";

export const RENDERERS: readonly Renderer[] = [textRenderer, jsonRenderer];
