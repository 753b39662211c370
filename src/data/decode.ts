// Input decoding — the bytes of any input file (dataset, case file, CSV, policy)
// → text. Accepts UTF-8 (with or without BOM) and GB18030/GBK (what Chinese
// Windows and Excel write); anything else is refused with where it went wrong.
// Pure: no file system, never throws. One function, shared by every reader.

import { isUtf8 } from "node:buffer";
import type { Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-limits.js";

/** The encodings a file may be in; `utf-8` includes a file with a BOM. */
export type Encoding = "utf-8" | "gb18030";

export interface Decoded {
  /** The text, without a byte-order mark. */
  readonly text: string;
  readonly encoding: Encoding;
}

/** Why the bytes are not text lungang reads, and the first byte that shows it. */
export interface DecodeFailure {
  /** `binary`: a NUL byte (a spreadsheet or archive saved under a text name); `utf16`: a UTF-16 byte-order mark; `invalid`: neither UTF-8 nor GB18030. */
  readonly reason: "binary" | "utf16" | "invalid";
  /** 0-based byte offset of the first offending byte. */
  readonly offset: number;
  /** 1-based line of that byte (counting LF bytes before it). */
  readonly line: number;
}

export type DecodeResult =
  { readonly ok: true; readonly value: Decoded } | { readonly ok: false; readonly failure: DecodeFailure };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const gb18030 = new TextDecoder("gb18030", { fatal: true });

function decodes(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first offset at which `decoder` fails. A prefix decoded in streaming
 * mode fails exactly when it contains an invalid sequence (an incomplete one at
 * its end is held back), so failure is monotonic in the prefix length and a
 * binary search finds the offset. Only run on the error path.
 */
function firstInvalid(decoder: TextDecoder, bytes: Uint8Array): number {
  let lo = 0; // a prefix of this length decodes
  let hi = bytes.length; // a prefix of this length fails
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    let ok = true;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
    } catch {
      ok = false;
    }
    // Reset the decoder's streaming state before the next probe.
    try {
      decoder.decode();
    } catch {
      // the held-back tail was incomplete: irrelevant here
    }
    if (ok) lo = mid;
    else hi = mid;
  }
  return lo;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function fail(reason: DecodeFailure["reason"], bytes: Uint8Array, offset: number): DecodeResult {
  return { ok: false, failure: { reason, offset, line: lineAt(bytes, offset) } };
}

/**
 * How many well-formed multi-byte UTF-8 sequences the bytes hold. A file that
 * fails strict UTF-8 but is mostly well-formed UTF-8 is a damaged UTF-8 file,
 * not GB18030 text: decoding it as GB18030 would turn every Chinese character
 * into another one without a word.
 */
function utf8Sequences(bytes: Uint8Array): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      good++;
      i += n;
    } else {
      bad++;
      i++;
    }
  }
  return { good, bad };
}

/**
 * The first byte that breaks GB18030's structure, or -1. WHATWG's decoder
 * reads a lone 0x80 as € (a Windows code-page habit); GB18030 itself has no
 * such byte, and a stray 0x80 in a text file is damage, so it is refused.
 */
function gbStructureError(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) return i;
    const b2 = bytes[i + 1];
    if (b2 === undefined) return i;
    if (b2 >= 0x30 && b2 <= 0x39) {
      const b3 = bytes[i + 2];
      const b4 = bytes[i + 3];
      if (b3 === undefined || b4 === undefined || b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) return i;
      i += 4;
    } else if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) i += 2;
    else return i;
  }
  return -1;
}

/** Bytes → text: strict UTF-8 first, then GB18030; never a replacement character. */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const nul = bytes.indexOf(0);
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return fail("utf16", bytes, 0);
  if (nul !== -1) return fail("binary", bytes, nul);
  try {
    // The decoder drops a leading BOM (ignoreBOM: false).
    return { ok: true, value: { text: utf8.decode(bytes), encoding: "utf-8" } };
  } catch {
    // not UTF-8: see below
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const { good, bad } = utf8Sequences(bytes);
  // GB18030 text yields some accidental UTF-8 pairs, but about as many bad bytes as good ones.
  if (hasBom || good >= 4 * bad) return fail("invalid", bytes, firstInvalid(utf8, bytes));
  const broken = gbStructureError(bytes);
  if (broken !== -1) return fail("invalid", bytes, broken);
  if (decodes(gb18030, bytes)) return { ok: true, value: { text: gb18030.decode(bytes), encoding: "gb18030" } };
  return fail("invalid", bytes, firstInvalid(gb18030, bytes));
}

/** How a failure is described in D080 (English, Chinese) and what to do about it. */
export function describeFailure(f: DecodeFailure): { reason: string; reason_zh: string } {
  switch (f.reason) {
    case "binary":
      return { reason: "a NUL byte: this is not a text file", reason_zh: "含有 NUL 字节：不是文本文件" };
    case "utf16":
      return { reason: "UTF-16 byte-order mark", reason_zh: "UTF-16 字节序标记" };
    case "invalid":
      return { reason: "neither UTF-8 nor GB18030", reason_zh: "既不是 UTF-8 也不是 GB18030" };
  }
}

/** Bytes → text for a named file, with D080 when they are neither encoding. */
export function decodeFile(bytes: Uint8Array, file: string): Result<Decoded> {
  const r = decodeBytes(bytes);
  if (r.ok) return { value: r.value, diagnostics: [] };
  const { offset, line } = r.failure;
  return { diagnostics: [diag("D080", { file, offset, line, ...describeFailure(r.failure) }, { file })] };
}

/**
 * A decoder for a file read in chunks (the CSV reader streams; it never holds
 * the file as one string). Bytes are decoded a line-aligned segment at a time
 * — a newline byte is never inside a UTF-8 or GB18030 sequence — and the
 * encoding is decided by `decodeBytes` on the first segment with a non-ASCII
 * byte; every later segment must decode strictly in that encoding.
 */
export class ChunkDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private encoding: Encoding | undefined;
  /** Bytes handed out as text so far, for the offsets of a failure. */
  private offset: number;
  private line: number;
  failure: DecodeFailure | undefined;

  /**
   * From the start of a file, or (`from`) from a line start inside one whose
   * encoding is known: offsets and lines of a failure are then the file's.
   */
  constructor(from?: { readonly encoding: Encoding; readonly offset: number; readonly line: number }) {
    this.encoding = from?.encoding;
    this.offset = from?.offset ?? 0;
    this.line = from?.line ?? 1;
  }

  /** The encoding decided so far (by the first segment with a non-ASCII byte). */
  get decided(): Encoding | undefined {
    return this.encoding;
  }

  /** Text for the complete lines so far (plus everything when `last`); undefined once decoding failed. */
  push(chunk: Uint8Array, last = false): string | undefined {
    if (this.failure) return undefined;
    const seg = this.take(chunk, last);
    return seg.length === 0 ? "" : this.decoded(seg);
  }

  /**
   * As `push`, but a segment of a UTF-8 file after its first (whose
   * byte-order mark is already dealt with) that is valid UTF-8 is handed
   * back as its bytes, not decoded: the columnar reader reads those in place
   * (src/columnar/csv.ts). Valid by `isUtf8` exactly when the fatal decoder
   * would decode it, so every failure is still found and worded by `push`'s path.
   */
  pushBytes(chunk: Uint8Array, last = false): string | Uint8Array | undefined {
    if (this.failure) return undefined;
    if (this.encoding !== "utf-8" || this.offset === 0) return this.push(chunk, last);
    const seg = this.take(chunk, last);
    if (seg.length === 0) return "";
    if (!isUtf8(seg)) return this.decoded(seg);
    this.passed(seg);
    return seg;
  }

  /** The complete lines so far (everything when `last`), the rest kept for the next chunk. */
  private take(chunk: Uint8Array, last: boolean): Uint8Array {
    const all = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const cut = last ? all.length : all.lastIndexOf(0x0a) + 1;
    this.pending = all.subarray(cut);
    return all.subarray(0, cut);
  }

  /** A segment decoded as text; undefined (and `failure` set, at the file's offset and line) when it does not decode. */
  private decoded(seg: Uint8Array): string | undefined {
    const r = this.decodeSegment(seg);
    if (!r.ok) {
      this.failure = { ...r.failure, offset: this.offset + r.failure.offset, line: this.line + r.failure.line - 1 };
      return undefined;
    }
    this.passed(seg);
    return r.value.text;
  }

  /** A segment handed out: the offset and line of the next one. */
  private passed(seg: Uint8Array): void {
    this.offset += seg.length;
    for (let i = seg.indexOf(0x0a); i >= 0; i = seg.indexOf(0x0a, i + 1)) this.line++;
  }

  private decodeSegment(seg: Uint8Array): DecodeResult {
    if (this.encoding === undefined) {
      const r = decodeBytes(seg);
      if (r.ok && seg.some((b) => b >= 0x80)) this.encoding = r.value.encoding;
      return r;
    }
    const first = this.offset === 0;
    if (this.encoding === "utf-8") {
      try {
        return { ok: true, value: { text: (first ? utf8 : utf8Tail).decode(seg), encoding: "utf-8" } };
      } catch {
        return fail("invalid", seg, firstInvalid(utf8, seg));
      }
    }
    const broken = gbStructureError(seg);
    if (broken !== -1) return fail("invalid", seg, broken);
    if (decodes(gb18030, seg)) return { ok: true, value: { text: gb18030.decode(seg), encoding: "gb18030" } };
    return fail("invalid", seg, firstInvalid(gb18030, seg));
  }
}

/** After the first segment a leading U+FEFF is text, not a byte-order mark. */
const utf8Tail = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
