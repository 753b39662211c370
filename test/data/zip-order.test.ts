// A workbook whose zip stores its worksheets before xl/workbook.xml (exceljs
// itself writes entries in either order, by timing) is read like any other:
// exceljs's streaming reader fails on it ("reading 'sheets'"), which made
// roster tests fail now and then under load; the reader then reads it whole.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";
import { tmpDir } from "../support/roster.js";

/** The same workbook with every worksheet moved before xl/workbook.xml (and the shared strings and relations first). */
async function worksheetsFirst(src: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(src));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const rank = (n: string) =>
    n === "[Content_Types].xml" ||
    n.startsWith("_rels/") ||
    n === "xl/_rels/workbook.xml.rels" ||
    n === "xl/sharedStrings.xml"
      ? 0
      : /^xl\/worksheets\/sheet\d+\.xml$/.test(n)
        ? 1
        : 2;
  const out = new JSZip();
  for (const n of [...names].sort((a, b) => rank(a) - rank(b))) out.file(n, await zip.files[n]!.async("uint8array"));
  const file = join(tmpDir(), "花名册.xlsx");
  writeFileSync(file, await out.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  const order = Object.keys((await JSZip.loadAsync(readFileSync(file))).files);
  expect(order.findIndex((n) => n.startsWith("xl/worksheets/sheet"))).toBeLessThan(order.indexOf("xl/workbook.xml"));
  return file;
}

describe("zip entry order", () => {
  it("worksheets before xl/workbook.xml: the same check answer as the workbook as written", async () => {
    const original = join(ROOT, "examples/dalian/district.xlsx");
    const reordered = await worksheetsFirst(original);
    const policy = join(ROOT, "policies/dalian");
    const a = await runCli(["check", original, "--policy", policy, "--format", "json"]);
    const b = await runCli(["check", reordered, "--policy", policy, "--format", "json"]);
    expect(b.code).toBe(a.code);
    const strip = (s: string) => s.replaceAll(original, "F").replaceAll(reordered, "F");
    expect(strip(b.out)).toBe(strip(a.out));
    expect(JSON.parse(b.out).counts.teachers_in).toBeGreaterThan(0);
  });
});
