// Columnar reading — teachers as NDJSON (`teachers.ndjson` in a CSV folder):
// one JSON object a line, the contract's teacher record (history rows stay in
// history.csv). Each line is parsed alone and turned into the cells of a row
// whose header is the field names, so it is validated by the same TableReader
// as a CSV row: one set of value parsers and diagnostics. A line that is not a
// JSON object is a rejected row (D106), counted, never dropped.

import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { ChunkDecoder } from "../data/decode.js";
import type { InputSchema, Sink } from "../data/tabular/read.js";
import { UndecodableError } from "../data/tabular/sources.js";
import { showCell, type Cell } from "../data/tabular/values.js";

const NAME = "teachers.ndjson";
const LIST_SEPARATORS = /[、，,；;/]/;

/** A row for the reader: its cells and line, or `bad` with why (the row is then rejected). */
export type OnNdjsonRow = (cells: Cell[], line: number) => void;

/** The columns an NDJSON teacher row has: every declared field but the history list, by its English name. */
export function ndjsonFields(schema: InputSchema): string[] {
  return Object.entries(schema.teacher)
    .filter(([, f]) => f.type.t !== "history")
    .map(([name]) => name);
}

/** A JSON value → a cell, or undefined when it is no cell value (an object, a list with an odd item). */
function cellOfJson(v: unknown): { cell: Cell } | undefined {
  if (v === null || v === undefined) return { cell: undefined };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { cell: v };
  if (Array.isArray(v)) {
    if (!v.every((x) => typeof x === "string" && !LIST_SEPARATORS.test(x))) return undefined;
    return { cell: v.length === 0 ? "无" : v.join("、") };
  }
  return undefined;
}

export const readNdjson = Object.assign(
  /**
   * Stream the file line by line. The first row handed over is the header (the
   * field names); a bad line is reported here and handed over as `onBad`.
   */
  async function readNdjson(
    path: string,
    name: string,
    schema: InputSchema,
    sink: Sink,
    onRow: OnNdjsonRow,
    onBad: (line: number) => void,
  ): Promise<void> {
    const fields = ndjsonFields(schema);
    const index = new Map(fields.map((f, i) => [f, i]));
    onRow(fields.slice(), 0);
    const cells: Cell[] = new Array<Cell>(fields.length);
    const unknown = new Set<string>();
    const decoder = new ChunkDecoder();
    let line = 0;
    let carry = "";
    const lineOf = (text: string) => {
      line++;
      const s = text.endsWith("\r") ? text.slice(0, -1) : text;
      if (s.trim() === "") return;
      let obj: unknown;
      try {
        obj = JSON.parse(s);
      } catch {
        obj = undefined;
      }
      const where = `${name}!${line}`;
      if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
        sink.add("D106", {
          where,
          header: "JSON",
          value: showCell(s),
          expected: "a JSON object on one line",
          expected_zh: "一行一个 JSON 对象",
        });
        onBad(line);
        return;
      }
      cells.fill(undefined);
      let bad = false;
      const refuse = (k: string, v: unknown, expected: string, expected_zh: string) => {
        sink.add("D106", {
          where: `${where} ${k}`,
          header: k,
          value: showCell(JSON.stringify(v)),
          expected,
          expected_zh,
        });
        bad = true;
      };
      for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
        const i = index.get(k);
        // Never ignored: a person's earlier service changes their tenure.
        if (k === "history") {
          if (v !== null && !(Array.isArray(v) && v.length === 0))
            refuse(k, v, "absent (history rows go in history.csv)", "空（任职经历写在 history.csv 中）");
        } else if (i === undefined) {
          if (!unknown.has(k)) {
            unknown.add(k);
            sink.add("D103", { where, header: k });
          }
        } else {
          const c = cellOfJson(v);
          if (c) cells[i] = c.cell;
          else refuse(k, v, "a text, a number, yes/no or a list of texts", "文本、数字、是否或文本列表");
        }
      }
      if (bad) onBad(line);
      else onRow(cells, line);
    };
    const push = (text: string) => {
      let s = carry + text;
      carry = "";
      if (line === 0 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      let p = 0;
      for (let e = s.indexOf("\n"); e >= 0; e = s.indexOf("\n", p)) {
        lineOf(s.slice(p, e));
        p = e + 1;
      }
      carry = s.slice(p);
    };
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const text = decoder.push(chunk as Buffer);
      if (text === undefined) break;
      push(text);
    }
    if (!decoder.failure) {
      const rest = decoder.push(new Uint8Array(0), true);
      if (rest) push(rest);
      if (carry !== "") lineOf(carry);
    }
    if (decoder.failure) throw new UndecodableError(path, decoder.failure);
  },
  {
    /** The folder's NDJSON teachers, if it has them. */
    find(dir: string): { path: string; name: string } | undefined {
      const p = join(dir, NAME);
      return existsSync(p) ? { path: p, name: NAME } : undefined;
    },
  },
);
