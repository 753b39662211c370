// Tabular data — the two roster containers as streams of rows: an .xlsx
// workbook (exceljs's streaming WorkbookReader: sheets and rows as they are
// unzipped, never the whole workbook in memory) and a CSV file (csv-parse,
// fed line-aligned text by decode.ts's ChunkDecoder). Rows carry their number
// as the user sees it (Excel's row, the CSV's line) and 0-based cells.

import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
// exceljs and csv-parse are loaded when a workbook or CSV file is read, not by
// every command (test/architecture/startup.test.ts).
import { ChunkDecoder, describeFailure, type DecodeFailure } from "../decode.js";
import type { Cell } from "./values.js";

export interface RawRow {
  readonly number: number;
  readonly cells: readonly Cell[];
}

/** One sheet of a workbook, or one CSV file. `rows` may be iterated once. */
export interface Table {
  /** The sheet's name (教师) or the CSV file's name (teachers.csv). */
  readonly name: string;
  readonly rows: AsyncIterable<RawRow>;
}

/** Bytes read so far from the files of a roster (for a progress estimate); counted only when one is passed. */
export interface Meter {
  bytes: number;
}

/** A failure of the container itself (not a zip, not decodable), in both languages. */
export class SourceError extends Error {
  constructor(
    readonly reason: string,
    readonly reason_zh: string,
  ) {
    super(reason);
  }
}

/**
 * A table file whose bytes are neither UTF-8 nor GB18030 (or are no text):
 * reported as D080, naming the file, the line and the byte, as for any other
 * file lungang reads — not as the roster folder being unreadable.
 */
export class UndecodableError extends SourceError {
  constructor(
    readonly file: string,
    readonly failure: DecodeFailure,
  ) {
    const d = describeFailure(failure);
    super(`${file}: line ${failure.line}: ${d.reason}`, `${file}：第 ${failure.line} 行：${d.reason_zh}`);
  }
}

/** An exceljs cell value → a plain cell: rich text joined, a formula's cached result, a hyperlink's text. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
    if ("result" in o) return plainCell(o.result);
    if (typeof o.text === "string") return o.text;
    if (o.error !== undefined) return String(o.error);
  }
  return String(v);
}

function cellsOf(values: unknown): Cell[] {
  // exceljs row.values is 1-based and sparse.
  const vs = values as unknown[];
  const out: Cell[] = [];
  for (let i = 1; i < vs.length; i++) out.push(plainCell(vs[i]));
  return out;
}

/** exceljs's streaming reader as lungang opens a workbook (also the roster benchmark's baseline); `meter` counts bytes read. */
export async function workbookReader(file: string, meter?: Meter) {
  const ExcelJS = (await import("exceljs")).default;
  // exceljs opens a path with createReadStream too; ours counts the bytes as they pass.
  const input = meter ? createReadStream(file).on("data", (c) => (meter.bytes += c.length)) : file;
  return new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    // Styles tell a date cell from a number: needed for Excel date cells.
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
}

/**
 * Whether the zip stores a worksheet before `xl/workbook.xml`, from its
 * central directory (the entries' local-header offsets are their order in the
 * stream). exceljs's streaming reader cannot read such a workbook — a sheet's
 * name is not known when its rows arrive — and exceljs itself writes either
 * order, by timing. False when the directory cannot be found (not a zip, or a
 * zip64 one): the streaming reader then says what is wrong.
 */
export function worksheetsBeforeWorkbook(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const size = fstatSync(fd).size;
    // The end-of-central-directory record: 22 bytes and a comment of at most 65,535.
    const tail = Buffer.alloc(Math.min(size, 22 + 65_535));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) return false;
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdSize === 0xffffffff || cdOffset + cdSize > size) return false;
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    let workbook = -1;
    let firstSheet = Infinity;
    for (let at = 0; at + 46 <= cd.length && cd.readUInt32LE(at) === 0x02014b50;) {
      const nameLength = cd.readUInt16LE(at + 28);
      const next = at + 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
      const name = cd.toString("utf8", at + 46, at + 46 + nameLength);
      const offset = cd.readUInt32LE(at + 42);
      if (name === "xl/workbook.xml") workbook = offset;
      else if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) firstSheet = Math.min(firstSheet, offset);
      at = next;
    }
    return workbook >= 0 && firstSheet < workbook;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The sheets of a workbook, in file order. Each sheet's rows must be consumed
 * before the next sheet is asked for (the reader streams through the zip). A
 * workbook whose zip stores a worksheet before xl/workbook.xml is read whole
 * instead (in memory), since the streaming reader cannot read it.
 */
export async function* workbookTables(file: string, meter?: Meter): AsyncGenerator<Table> {
  if (worksheetsBeforeWorkbook(file)) {
    yield* wholeWorkbookTables(file);
    return;
  }
  const reader = await workbookReader(file, meter);
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<{ number: number; values: unknown }> & { name: string };
      yield {
        name: sheet.name,
        rows: (async function* () {
          for await (const row of sheet) yield { number: row.number, cells: cellsOf(row.values) };
        })(),
      };
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new SourceError(`not a readable .xlsx workbook (${msg})`, `不是可读取的 .xlsx 工作簿（${msg}）`);
  }
}

/** The sheets of a workbook read whole by exceljs's ordinary reader, in the streaming tables' shape. */
async function* wholeWorkbookTables(file: string): AsyncGenerator<Table> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new SourceError(`not a readable .xlsx workbook (${msg})`, `不是可读取的 .xlsx 工作簿（${msg}）`);
  }
  for (const ws of wb.worksheets) {
    const rows: { number: number; cells: Cell[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => rows.push({ number, cells: cellsOf(row.values) }));
    yield {
      name: ws.name,
      rows: (async function* () {
        yield* rows;
      })(),
    };
  }
}

/**
 * One CSV file as a table: bytes streamed, decoded line by line (UTF-8 with or
 * without BOM, or GB18030), parsed by csv-parse. `name` labels diagnostics.
 */
export function csvTable(path: string, name: string, meter?: Meter): Table {
  return {
    name,
    rows: (async function* () {
      const { parse } = await import("csv-parse");
      const decoder = new ChunkDecoder();
      const parser = parse({ relax_column_count: true, info: true, skip_empty_lines: false, bom: true });
      const feed = (async () => {
        try {
          for await (const chunk of createReadStream(path)) {
            if (meter) meter.bytes += (chunk as Buffer).length;
            const text = decoder.push(chunk as Buffer);
            if (text === undefined) break;
            if (text !== "" && !parser.write(text)) await new Promise((r) => parser.once("drain", r));
          }
          if (!decoder.failure) {
            const rest = decoder.push(new Uint8Array(0), true);
            if (rest) parser.write(rest);
          }
        } catch (e) {
          parser.destroy(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        parser.end();
      })();
      try {
        for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          yield { number: rec.info.lines, cells: rec.record.map((c) => (c === "" ? undefined : c)) };
        }
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new SourceError(`${name}: not a readable CSV file (${msg})`, `${name}：不是可读取的 CSV 文件（${msg}）`);
      }
      await feed;
      if (decoder.failure) throw new UndecodableError(path, decoder.failure);
    })(),
  };
}
