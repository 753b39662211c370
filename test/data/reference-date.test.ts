// The reference date of a roster alone (what `propose` and `diff` read first,
// to choose the policy version in force before reading the roster against
// it): a CSV folder's dataset.yaml without opening its tables, a workbook's
// 基本信息 without reading the rows; D111 when the roster states none.

import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDate } from "../../src/index.js";
import { parseIsoDate } from "../../src/time/date.js";
import { ROOT } from "../support/policy.js";

const CSV = join(ROOT, "examples/dalian/district-csv");
const XLSX = join(ROOT, "examples/dalian/district.xlsx");
const DAY = parseIsoDate("2025-09-01");

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), "lungang-date-"));
  cpSync(CSV, dir, { recursive: true });
  return dir;
}

describe("referenceDate of a roster", () => {
  it("is the workbook's 基准日 and the CSV folder's as_of", async () => {
    expect((await referenceDate(XLSX)).value).toBe(DAY);
    expect((await referenceDate(CSV)).value).toBe(DAY);
  });

  it("does not read a CSV folder's tables: a teachers.csv that cannot be decoded does not stop it", async () => {
    const dir = copy();
    // A byte no UTF-8 or GB18030 text has: reading the rows would be D101.
    writeFileSync(join(dir, "teachers.csv"), Buffer.from([0x22, 0xff, 0xff, 0x0a]));
    expect(await referenceDate(dir)).toEqual({ value: DAY, diagnostics: [] });
  });

  it("is D111 when the roster states no date, and D106 with it when the date is not one", async () => {
    const dir = copy();
    rmSync(join(dir, "dataset.yaml"));
    expect((await referenceDate(dir)).diagnostics.map((d) => d.code)).toEqual(["D111"]);
    writeFileSync(join(dir, "dataset.yaml"), "as_of: 2025-13-01\n");
    expect((await referenceDate(dir)).diagnostics.map((d) => d.code)).toEqual(["D106", "D111"]);
  });
});
