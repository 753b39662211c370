// A workbook whose zip stores its worksheets before xl/workbook.xml (exceljs
// itself writes entries in either order, by timing) is read like any other:
// exceljs's streaming reader fails on it ("reading 'sheets'"), which made
// roster tests fail now and then under load. The reader tells the order from
// the zip's central directory and reads such a workbook whole; the other order
// streams. Both give the same answer.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";
import { tmpDir } from "../support/roster.js";
import { worksheetsBeforeWorkbook } from "../../src/data/tabular/sources.js";

/**
 * The same workbook with every worksheet moved before xl/workbook.xml (and the shared strings and relations
 * first), or with xl/workbook.xml first.
 */
async function reordered(src: string, sheetsFirst: boolean): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(src));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const rank = (n: string) =>
    n === "[Content_Types].xml" ||
    n.startsWith("_rels/") ||
    n === "xl/_rels/workbook.xml.rels" ||
    n === "xl/sharedStrings.xml"
      ? 0
      : /^xl\/worksheets\/sheet\d+\.xml$/.test(n)
        ? sheetsFirst
          ? 1
          : 3
        : 2;
  const out = new JSZip();
  for (const n of [...names].sort((a, b) => rank(a) - rank(b))) out.file(n, await zip.files[n]!.async("uint8array"));
  const file = join(tmpDir(), "花名册.xlsx");
  writeFileSync(file, await out.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  const order = Object.keys((await JSZip.loadAsync(readFileSync(file))).files);
  expect(order.findIndex((n) => n.startsWith("xl/worksheets/sheet")) < order.indexOf("xl/workbook.xml")).toBe(
    sheetsFirst,
  );
  expect(worksheetsBeforeWorkbook(file)).toBe(sheetsFirst);
  return file;
}

describe("zip entry order", () => {
  it("worksheets before or after xl/workbook.xml: the same check answer", async () => {
    const original = join(ROOT, "examples/dalian/district.xlsx");
    const streamed = await reordered(original, false);
    const whole = await reordered(original, true);
    const policy = join(ROOT, "policies/dalian");
    const a = await runCli(["check", streamed, "--policy", policy, "--format", "json"]);
    const b = await runCli(["check", whole, "--policy", policy, "--format", "json"]);
    expect(b.code).toBe(a.code);
    const strip = (s: string) => s.replaceAll(streamed, "F").replaceAll(whole, "F");
    expect(strip(b.out)).toBe(strip(a.out));
    expect(JSON.parse(b.out).counts.teachers_in).toBeGreaterThan(0);
  });

  it("not a zip, or no central directory: not judged (the streaming reader says what is wrong)", () => {
    expect(worksheetsBeforeWorkbook(join(ROOT, "package.json"))).toBe(false);
    expect(worksheetsBeforeWorkbook(join(ROOT, "no-such.xlsx"))).toBe(false);
  });
});
