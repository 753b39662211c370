// The column pieces the national reading leans on, each against the plain
// structure it replaces: IdIndex against a Map, RunColumn against one string a row.
import { describe, expect, it } from "vitest";
import { IdIndex, RunColumn } from "../../src/columnar/columns.js";

describe("IdIndex", () => {
  it("answers as a Map of each id's first row, also after its rows are renumbered", () => {
    // Ids colliding in the table (5,000 of them in 1,024 slots' worth of hashes) and repeated ones.
    const ids = Array.from({ length: 5000 }, (_, i) => `T${i % 4000}`);
    // The column the index reads, compacted in place below as `ColumnTable.compact` does.
    const live = [...ids];
    const index = new IdIndex(ids.length, (r) => live[r]);
    const map = new Map<string, number>();
    ids.forEach((id, r) => {
      const before = index.add(id, r);
      expect(before).toBe(map.get(id) ?? -1);
      if (!map.has(id)) map.set(id, r);
    });
    for (const id of ["T0", "T3999", "T4000", "", "T12"]) expect(index.get(id)).toBe(map.get(id) ?? -1);
    // Rows dropped and the rest moved up: the index reads the ids from their new places.
    const kept = ids.filter((_, r) => r % 3 !== 0);
    live.splice(0, live.length, ...kept);
    const newRow = (r: number) => (r % 3 === 0 ? -1 : r - Math.floor(r / 3) - 1);
    index.rekey((r) => (newRow(r) >= 0 ? live[newRow(r)] : ids[r]));
    for (const [id, r] of map) expect(index.get(id)).toBe(r);
  });
});

describe("RunColumn", () => {
  it("reads back every row's id, one string per run, and appends another table's runs after its own", () => {
    const a = new RunColumn("teacher");
    a.grow(8);
    const line = Buffer.from("x,T1,T1,T2,T1");
    a.setAtBytes(0, line, 2, 4);
    a.setAtBytes(1, line, 5, 7);
    a.set(2, "T2");
    a.setAtBytes(3, line, 11, 13);
    expect([0, 1, 2, 3, 4].map((r) => a.get(r))).toEqual(["T1", "T1", "T2", "T1", undefined]);
    expect(a.values).toEqual([undefined, "T1", "T2", "T1"]);
    const b = new RunColumn("teacher");
    b.grow(8);
    b.set(0, "T3");
    b.set(2, "T3");
    a.grow(16);
    a.absorb(b.parts(), 3, 5);
    expect([4, 5, 6, 7].map((r) => a.get(r))).toEqual([undefined, "T3", undefined, "T3"]);
    expect(a.get(0)).toBe("T1");
  });
});
