// Property: the columnar CSV tokenizer (src/columnar/csv.ts) reads every file
// as the csv-parse path (src/data/tabular/sources.ts) does — the same cells and
// line numbers — or says Irregular (the caller then takes the csv-parse path);
// and it never says Irregular on plain RFC 4180 files. Texts are drawn from
// fields with commas, quotes, line breaks, spaces and Chinese, joined by LF or CRLF.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Irregular, readCsv } from "../../src/columnar/csv.js";
import { csvTable } from "../../src/data/tabular/sources.js";

const dir = mkdtempSync(join(tmpdir(), "lungang-csv-"));
let n = 0;

async function both(text: string): Promise<{ ours: unknown[] | "irregular"; theirs: unknown[] | "error" }> {
  const file = join(dir, `t${n++}.csv`);
  writeFileSync(file, text);
  const ours: unknown[] = [];
  let irregular = false;
  try {
    await readCsv(file, (cells, line) => ours.push([line, [...cells]]), undefined);
  } catch (e) {
    if (!(e instanceof Irregular)) throw e;
    irregular = true;
  }
  const theirs: unknown[] = [];
  let error = false;
  try {
    for await (const r of csvTable(file, "t.csv").rows) theirs.push([r.number, [...r.cells]]);
  } catch {
    error = true;
  }
  return { ours: irregular ? "irregular" : ours, theirs: error ? "error" : theirs };
}

const plain = fc.stringMatching(/^[a-z0-9 张伟男女-]{0,6}$/);
const tricky = fc.oneof(plain, fc.constantFrom('"', '""', ",", "\n", "\r\n", "\r", " ", 'a"b', "\uFEFF"));
/**
 * A field as written in a file: plain, or quoted with its quotes doubled. (A
 * CR inside quotes, or a line break inside quotes on the first line, is left
 * to csv-parse: it counts lines there its own way.)
 */
const inQuotes = fc.oneof(plain, fc.constantFrom('"', ",", "\n", " ", 'a"b'));
const written = fc.oneof(
  plain,
  fc.array(inQuotes, { maxLength: 4 }).map((xs) => `"${xs.join("").replace(/"/g, '""')}"`),
);
const line = fc.array(written, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(","));

describe("columnar CSV tokenizer ≡ csv-parse", () => {
  it("well-formed files: the same rows and line numbers, never Irregular", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        async (lines, eol, trailing) => {
          const { ours, theirs } = await both(["h1,h2", ...lines].join(eol) + (trailing ? eol : ""));
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("any text: the same rows, or Irregular (read by csv-parse instead)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tricky, { maxLength: 30 }), async (parts) => {
        const { ours, theirs } = await both(parts.join(""));
        if (ours !== "irregular") expect(ours).toEqual(theirs);
      }),
      { numRuns: 400 },
    );
  });

  it("an unquoted line spanning chunks and a quoted line break are read whole", async () => {
    const long = "x".repeat(3 << 20);
    const { ours, theirs } = await both(`a,b\n${long},"1\n2"\nc,d\n`);
    expect(ours).toEqual(theirs);
  });
});
