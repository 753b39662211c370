// Tabular data — the two roster containers as streams of rows: an .xlsx
// workbook (exceljs's streaming WorkbookReader: sheets and rows as they are
// unzipped, never the whole workbook in memory) and a CSV file (csv-parse,
// fed line-aligned text by decode.ts's ChunkDecoder). Rows carry their number
// as the user sees it (Excel's row, the CSV's line) and 0-based cells.

import { createReadStream } from "node:fs";
// exceljs and csv-parse are loaded when a workbook or CSV file is read, not by
// every command (test/architecture/startup.test.ts).
import { ChunkDecoder, describeFailure } from "../decode.js";
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
 * The sheets of a workbook, in file order. Each sheet's rows must be consumed
 * before the next sheet is asked for (the reader streams through the zip).
 */
export async function* workbookTables(file: string, meter?: Meter): AsyncGenerator<Table> {
  const reader = await workbookReader(file, meter);
  let yielded = 0;
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<{ number: number; values: unknown }> & { name: string };
      yielded++;
      yield {
        name: sheet.name,
        rows: (async function* () {
          for await (const row of sheet) yield { number: row.number, cells: cellsOf(row.values) };
        })(),
      };
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    // exceljs's streaming reader fails on a valid workbook whose zip stores a
    // worksheet before xl/workbook.xml once the shared strings and relations are
    // read ("reading 'sheets'"): the sheet's name is not known yet. exceljs itself
    // writes entries in either order, by timing. Nothing has been handed on then,
    // so the workbook is read whole instead (in memory; such files are rare).
    if (yielded === 0 && e instanceof TypeError && /\bsheets\b/.test(e.message)) {
      yield* wholeWorkbookTables(file);
      return;
    }
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
        throw new SourceError(`not a readable CSV file (${msg})`, `不是可读取的 CSV 文件（${msg}）`);
      }
      await feed;
      if (decoder.failure) {
        const d = describeFailure(decoder.failure);
        throw new SourceError(
          `line ${decoder.failure.line}: ${d.reason}; save the file as UTF-8 or GB18030`,
          `第 ${decoder.failure.line} 行：${d.reason_zh}；请另存为 UTF-8 或 GB18030`,
        );
      }
    })(),
  };
}
