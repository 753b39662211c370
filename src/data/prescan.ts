// Data, before parsing: a dataset's text → the first nesting or duplicate-key
// problem, with its offset. Linear and iterative, so a file nested 10⁵ deep is
// refused before the (recursive) YAML composer, zod or a message formatter
// ever walks it. Pure; never throws.

import { MAX_DATA_DEPTH } from "./limits.js";

export type Finding =
  | { readonly kind: "depth"; readonly offset: number; readonly depth: number }
  | { readonly kind: "duplicate"; readonly key: string; readonly offset: number; readonly first: number };

/** The end of a JSON string starting at `i` (the opening quote): the index after its closing quote. */
function jsonStringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return text.length;
    // Escaped if preceded by an odd number of backslashes.
    let b = q - 1;
    while (b > i && text.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/**
 * JSON: nesting beyond MAX_DATA_DEPTH, and a key repeated in one object
 * (JSON.parse would keep the last value without a word). Keys are compared as
 * decoded strings. Tolerates invalid JSON (JSON.parse reports that).
 */
export function scanJson(text: string): Finding | undefined {
  // One frame per open container: for an object, its keys so far and where each was.
  const stack: ({ keys: Map<string, number> } | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = jsonStringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top && expectKey) {
        const raw = text.slice(i + 1, end - 1);
        let key = raw;
        if (raw.includes("\\")) {
          try {
            key = JSON.parse(text.slice(i, end)) as string;
          } catch {
            // left to JSON.parse to report
          }
        }
        const first = top.keys.get(key);
        if (first !== undefined) return { kind: "duplicate", key, offset: i, first };
        top.keys.set(key, i);
        expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push(c === 0x7b ? { keys: new Map() } : null);
      if (stack.length > MAX_DATA_DEPTH) return { kind: "depth", offset: i, depth: stack.length };
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) expectKey = stack[stack.length - 1] != null;
    i++;
  }
  return undefined;
}

/**
 * YAML: an estimate of nesting that never undercounts a real structure —
 * block levels (indentation steps, plus `- - -` on one line) and flow levels
 * (`[` `{` where a value may start) — skipping quotes and comments. Deep
 * only in a file no dataset resembles; the reader stays the judge below it.
 */
export function scanYamlDepth(text: string): Finding | undefined {
  const indents: number[] = [];
  let flow = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let nl = text.indexOf("\n", lineStart);
    if (nl === -1) nl = text.length;
    let i = lineStart;
    while (i < nl && text.charCodeAt(i) === 0x20) i++;
    const indent = i - lineStart;
    const blank = i >= nl || text[i] === "#" || text[i] === "\r";
    if (!blank && flow === 0) {
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    let block = indents.length;
    // `- - - x`: each dash opens a sequence.
    while (i + 1 < nl && text[i] === "-" && (text[i + 1] === " " || text[i + 1] === "\t")) {
      block++;
      i += 2;
      while (i < nl && text.charCodeAt(i) === 0x20) i++;
    }
    if (block + flow > MAX_DATA_DEPTH) return { kind: "depth", offset: i, depth: block + flow };
    let prev = " ";
    for (; i < nl; i++) {
      const ch = text[i]!;
      if (ch === "#" && (prev === " " || prev === "\t")) break;
      if ((ch === '"' || ch === "'") && /[\s:,[{-]/.test(prev)) {
        // A quoted scalar, possibly over several lines: skip to its end.
        let j = i + 1;
        for (; j < text.length; j++) {
          if (ch === '"' && text[j] === "\\") j++;
          else if (text[j] === ch) {
            if (ch === "'" && text[j + 1] === "'") j++;
            else break;
          }
        }
        if (j >= nl) {
          nl = text.indexOf("\n", j);
          if (nl === -1) nl = text.length;
        }
        i = j;
        prev = ch;
        continue;
      }
      if ((ch === "[" || ch === "{") && (flow > 0 || /[\s:,?-]/.test(prev))) {
        flow++;
        if (block + flow > MAX_DATA_DEPTH) return { kind: "depth", offset: i, depth: block + flow };
      } else if ((ch === "]" || ch === "}") && flow > 0) flow--;
      prev = ch;
    }
    lineStart = nl + 1;
  }
  return undefined;
}
