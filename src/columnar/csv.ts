// Columnar reading — a CSV file's bytes → rows of cells, handed to a callback
// one at a time (no promise per row, one cells array reused). Decoding is the
// shared ChunkDecoder (UTF-8 or GB18030, line-aligned segments). Fields are
// split with indexOf; quoted fields follow RFC 4180 ("" inside quotes). What
// csv-parse would read differently or refuse — a quote inside an unquoted
// field, text after a closing quote, a bare CR, a quote left open — is not
// guessed: the reader throws `Irregular` and the caller reads the folder on
// the csv-parse path instead (src/data/tabular/sources.ts), so every file is
// read with the same result as before. test/columnar/csv.test.ts holds the two
// readers to the same rows.

import { createReadStream } from "node:fs";
import { ChunkDecoder, type Encoding } from "../data/decode.js";
import { UndecodableError } from "../data/tabular/sources.js";
import { own } from "./columns.js";

const MAX_CARRY = 1 << 22;

/** A construct only the csv-parse path reads (see the header). */
export class Irregular extends Error {}

/** A file's line break: 1 LF, 2 CRLF. */
export type LineBreak = 1 | 2;

/**
 * A part of a file (src/columnar/parallel.ts): bytes [start, end), both at
 * line starts, of a file whose encoding and line break are known, its first
 * line being line `line` of the file. A part cut inside a quoted field ends
 * with the quote open: Irregular, as at a file's end.
 */
export interface FilePart {
  readonly start: number;
  readonly end: number;
  readonly from?: { readonly encoding: Encoding; readonly line: number; readonly mode: LineBreak };
}

/** One row: its cells (undefined when empty; the array is reused, copy to keep) and its line (where it ends). */
export type OnRow = (cells: (string | undefined)[], line: number) => void;

/**
 * A line without quotes, as the text s[from, to) (no line break): the caller
 * may read its fields in place; `split` gives the cells when it needs them.
 */
export type OnLine = (s: string, from: number, to: number, line: number) => void;

/**
 * A line without quotes, as the UTF-8 bytes buf[from, to) (no line break),
 * valid UTF-8: the caller reads its fields in place, or decodes the line.
 */
export type OnBytes = (buf: Buffer, from: number, to: number, line: number) => void;

/** A segment read as text after all (it has a quote, or a line carried over): decoded as the decoder would. */
const utf8Text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The tokenizer's state across chunks: text of an unfinished line is carried
 * over; a quoted field may span lines (and chunks).
 */
export class CsvTokenizer {
  private carry = "";
  private line: number;
  private readonly cells: (string | undefined)[] = [];
  private first: boolean;
  /** The file's line break, from its first line (csv-parse decides it so): 0 not yet seen, 1 LF, 2 CRLF. */
  private mode: number;

  /** A line ends (with CRLF when `cr`); a file mixing both is csv-parse's to read. */
  private ending(cr: boolean): void {
    const m = cr ? 2 : 1;
    if (this.mode === 0) this.mode = m;
    else if (this.mode !== m) throw new Irregular("mixed line breaks");
  }

  /** `from`: tokenize from a line start inside a file — its line number and the file's line break. */
  constructor(
    private readonly onRow: OnRow,
    private readonly onLine?: OnLine,
    from?: { readonly line: number; readonly mode: LineBreak },
  ) {
    this.line = from ? from.line - 1 : 0;
    this.mode = from?.mode ?? 0;
    this.first = !from;
  }

  /** The file's line break as seen so far (0 before the first line ended). */
  get lineBreak(): LineBreak | 0 {
    return this.mode as LineBreak | 0;
  }

  /** Text of whole lines (the decoder cuts at LF); `last` flushes a final line without LF. */
  push(text: string, last = false): void {
    let s = this.carry === "" ? text : this.carry + text;
    this.carry = "";
    if (this.first && s.length > 0) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      this.first = false;
    }
    const n = s.length;
    let pos = 0;
    let nextQuote = s.indexOf('"');
    if (nextQuote < 0) nextQuote = n;
    let nextCr = s.indexOf("\r");
    if (nextCr < 0) nextCr = n;
    while (pos < n) {
      let eol = s.indexOf("\n", pos);
      if (eol < 0) {
        if (!last) {
          this.carry = s.slice(pos);
          return;
        }
        eol = n;
      }
      if (nextQuote < eol) {
        const end = this.quotedRow(s, pos, last);
        if (end < 0) {
          this.carry = s.slice(pos);
          // A quoted field megabytes long is no roster's: let csv-parse word the error.
          if (this.carry.length > MAX_CARRY) throw new Irregular("quoted field too long");
          return;
        }
        pos = end;
        nextQuote = s.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = n;
        continue;
      }
      let end = eol;
      if (eol < n) {
        const cr = end > pos && s.charCodeAt(end - 1) === 13;
        this.ending(cr);
        if (cr) end--;
      }
      if (nextCr < pos) {
        nextCr = s.indexOf("\r", pos);
        if (nextCr < 0) nextCr = n;
      }
      if (nextCr < end) throw new Irregular("bare CR");
      if (this.onLine) this.onLine(s, pos, end, this.line + 1);
      else this.onRow(splitLine(s, pos, end, this.cells), this.line + 1);
      this.line++;
      pos = eol + 1;
    }
  }

  /**
   * Whole lines of valid UTF-8 (a segment the decoder did not decode: after
   * the file's first, ending at a line break unless `last`). Lines without
   * quotes go to `onBytes` as bytes; a segment with a quote, or after a line
   * carried over (a quoted field open), is decoded and read as text by `push`
   * — the same rows either way.
   */
  pushBytes(bytes: Uint8Array, onBytes: OnBytes, last = false): void {
    if (this.carry !== "" || this.first || bytes.indexOf(34) >= 0) {
      this.push(utf8Text.decode(bytes), last);
      return;
    }
    // A Buffer over the same bytes: the callee slices text out of it (a plain Uint8Array's toString would not).
    const seg = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = seg.length;
    let pos = 0;
    let nextCr = seg.indexOf(13);
    if (nextCr < 0) nextCr = n;
    while (pos < n) {
      let eol = seg.indexOf(10, pos);
      if (eol < 0) {
        // Not at a segment's end but for the last: the decoder cuts after a line break.
        if (!last) throw new Error("a segment not ending at a line break");
        eol = n;
      }
      let end = eol;
      if (eol < n) {
        const cr = end > pos && seg[end - 1] === 13;
        this.ending(cr);
        if (cr) end--;
      }
      if (nextCr < pos) {
        nextCr = seg.indexOf(13, pos);
        if (nextCr < 0) nextCr = n;
      }
      if (nextCr < end) throw new Irregular("bare CR");
      onBytes(seg, pos, end, this.line + 1);
      this.line++;
      pos = eol + 1;
    }
  }

  /** The end of input: a quoted field still open is csv-parse's error, not ours to word. */
  end(): void {
    if (this.carry !== "") {
      const rest = this.carry;
      this.carry = "";
      this.push(rest, true);
    }
    if (this.carry !== "") throw new Irregular("quote not closed");
  }

  /**
   * A row with a quote somewhere: field by field. Returns the index after the
   * row's LF, or -1 when the row is not complete in `s` (a quoted line break).
   */
  private quotedRow(s: string, from: number, last: boolean): number {
    const cells = this.cells;
    cells.length = 0;
    const n = s.length;
    let p = from;
    let lines = 0;
    for (;;) {
      if (p < n && s.charCodeAt(p) === 34) {
        // Quoted: up to the quote not doubled.
        let out = "";
        let q = p + 1;
        for (;;) {
          const close = s.indexOf('"', q);
          if (close < 0) {
            if (last) throw new Irregular("quote not closed");
            return -1;
          }
          out += s.slice(q, close);
          if (close + 1 < n && s.charCodeAt(close + 1) === 34) {
            out += '"';
            q = close + 2;
            continue;
          }
          if (close + 1 >= n && !last) return -1;
          p = close + 1;
          break;
        }
        for (let i = out.indexOf("\n"); i >= 0; i = out.indexOf("\n", i + 1)) lines++;
        if (out.indexOf("\r") >= 0) throw new Irregular("CR inside quotes");
        if (lines > 0 && this.mode === 0) throw new Irregular("a line break inside quotes on the first line");
        cells.push(out === "" ? undefined : own(out));
        const ch = p < n ? s.charCodeAt(p) : -1;
        if (ch === 44) {
          p++;
          continue;
        }
        if (ch === 13 && p + 1 < n && s.charCodeAt(p + 1) === 10) {
          p++;
          this.ending(true);
        } else if (ch === 13) throw new Irregular("bare CR");
        else if (ch === 10) this.ending(false);
        if (ch === -1 || s.charCodeAt(p) === 10) {
          this.line += lines + 1;
          this.onRow(cells, this.line);
          return p + 1;
        }
        throw new Irregular("text after a closing quote");
      }
      // Unquoted field: up to the next comma or the line's end; no quote may occur in it.
      let eol = s.indexOf("\n", p);
      if (eol < 0) {
        if (!last) return -1;
        eol = n;
      }
      let c = s.indexOf(",", p);
      if (c < 0 || c > eol) c = eol;
      let end = c;
      if (c === eol && eol < n) {
        const cr = end > p && s.charCodeAt(end - 1) === 13;
        this.ending(cr);
        if (cr) end--;
      }
      const field = s.slice(p, end);
      if (field.indexOf('"') >= 0) throw new Irregular("quote inside a field");
      if (field.indexOf("\r") >= 0) throw new Irregular("bare CR");
      cells.push(field === "" ? undefined : own(field));
      if (c < eol) {
        p = c + 1;
        continue;
      }
      this.line += lines + 1;
      this.onRow(cells, this.line);
      return eol + 1;
    }
  }
}

/** The cells of a line without quotes, into `cells` (reused). */
export function splitLine(s: string, from: number, to: number, cells: (string | undefined)[]): (string | undefined)[] {
  cells.length = 0;
  let p = from;
  for (;;) {
    let c = s.indexOf(",", p);
    if (c < 0 || c > to) c = to;
    cells.push(c === p ? undefined : own(s.slice(p, c)));
    if (c === to) break;
    p = c + 1;
  }
  return cells;
}

/**
 * Read a CSV file (or the byte range [start, end) of one) row by row. A file
 * that does not decode is a SourceError worded as the csv-parse path words it.
 */
export async function readCsv(
  path: string,
  onRow: OnRow,
  onLine?: OnLine,
  range?: FilePart,
  meter?: { bytes: number },
  onBytes?: OnBytes,
): Promise<{ encoding: Encoding | undefined; lineBreak: LineBreak | 0 }> {
  const from = range?.from;
  const decoder = new ChunkDecoder(
    from ? { encoding: from.encoding, offset: range.start, line: from.line } : undefined,
  );
  const tok = new CsvTokenizer(onRow, onLine, from);
  const stream = createReadStream(path, {
    highWaterMark: 1 << 20,
    ...(range ? { start: range.start, end: range.end - 1 } : {}),
  });
  for await (const chunk of stream) {
    // Bytes read so far, for a progress estimate (rows × size / bytes).
    if (meter) meter.bytes += (chunk as Buffer).length;
    // With `onBytes`, a UTF-8 segment comes back as bytes, read in place (no string for the whole chunk).
    const got = onBytes ? decoder.pushBytes(chunk as Buffer) : decoder.push(chunk as Buffer);
    if (got === undefined) break;
    if (typeof got !== "string") tok.pushBytes(got, onBytes!);
    else if (got !== "") tok.push(got);
  }
  if (!decoder.failure) {
    const rest = decoder.push(new Uint8Array(0), true);
    if (rest) tok.push(rest, true);
    tok.end();
  }
  if (decoder.failure) throw new UndecodableError(path, decoder.failure);
  return { encoding: decoder.decided, lineBreak: tok.lineBreak };
}
