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

/** Does a block sequence entry (`- `, or a lone `-`) start at `i`? */
function isDash(text: string, i: number, nl: number): boolean {
  return text[i] === "-" && (i + 1 >= nl || text[i + 1] === " " || text[i + 1] === "\t" || text[i + 1] === "\r");
}

/** Does a mapping key (`key:`, `"key":`, `? key`) start at `i` on this line? */
function isKey(text: string, i: number, nl: number): boolean {
  // Anchors and tags (`&a`, `!!map`) may stand before the key.
  const line = text.slice(i, nl).replace(/^(?:[&!][^\s]*[ \t]+)+/, "");
  return /^(?:\?(?:[ \t]|$)|"(?:[^"\\]|\\.)*"[ \t]*:(?:[ \t]|\r?$)|'(?:[^']|'')*'[ \t]*:(?:[ \t]|\r?$)|[^\s#'"[\]{},&*!|>%@`][^#]*?:(?:[ \t]|\r?$))/.test(
    line,
  );
}

/**
 * YAML: an estimate of nesting that never undercounts a real structure —
 * block levels (indentation steps, plus the nodes an entry's dash opens on its
 * own line: `- - x`, `- key:`) and flow levels
 * (`[` `{` where a value may start) — skipping quotes and comments. Deep
 * only in a file no dataset resembles; the reader stays the judge below it.
 */
export function scanYamlDepth(text: string): Finding | undefined {
  // The open block nodes by column; `seq` marks a sequence (`key:` may be
  // followed by its sequence at the key's own column, one level deeper).
  const open: { col: number; seq: boolean }[] = [];
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
      const dash = isDash(text, i, nl);
      while (open.length && open[open.length - 1]!.col > indent) open.pop();
      const top = open[open.length - 1];
      if (top?.col === indent && dash && !top.seq) open.push({ col: indent, seq: true });
      else if (!(top?.col === indent && dash && top.seq)) {
        while (open.length && open[open.length - 1]!.col >= indent) open.pop();
        open.push({ col: indent, seq: dash });
      }
      // After a dash, the entry's content starts a node of its own at its
      // column: another sequence (`- - x`) or a mapping (`- key:`, whose later
      // keys are lines at that column), so that `- a:` / `    - b:` counts two
      // levels per step, as the parser nests them (counting the dashes alone
      // undercounted these by half).
      while (isDash(text, i, nl)) {
        i++;
        while (i < nl && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
        if (i >= nl) break;
        if (isDash(text, i, nl)) open.push({ col: i - lineStart, seq: true });
        else if (isKey(text, i, nl)) open.push({ col: i - lineStart, seq: false });
      }
    }
    const block = open.length;
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
