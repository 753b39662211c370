// Words that are Object.prototype's own names — `constructor`, `toString`,
// `__proto__`, `hasOwnProperty`, `valueOf` — written where a policy or a
// roster takes a word from a fixed table (a record, a type, a flag, a
// rounding, a collection, a yes/no cell). Read as properties of a plain
// object they found the prototype's functions: `fact constructor x` crashed
// the checker (exit 3), `x: constructor` declared a fact of no type without a
// word, and a roster cell “constructor” in 是否在编 read as a function. Found by
// the roster fuzz stream. Now each is an unknown word with its diagnostic, and
// as a name of the policy's own (a definition, a parameter) it is just a name.

import { describe, expect, it } from "vitest";
import { parseBool } from "../../src/data/tabular/values.js";
import { parseCell } from "../../src/data/tabular/values.js";
import { BUILTIN_SCHEMA } from "../../src/data/declared.js";
import { HEADER, checkText } from "../support/policy.js";

const WORDS = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"] as const;
const CLAUSE = `clause A-1 must source "必须" {\n  require r: when 周岁 >= 30\n}\n`;
const codes = (text: string) => checkText(text).all.map((d) => d.code);

describe("Object.prototype's names where a word of a fixed table is expected", () => {
  it.each(WORDS)("%s as a record, a type or a flag of a fact: S003, S002, S010", (w) => {
    expect(codes(`${HEADER}fact ${w} x: bool\n${CLAUSE}`)).toContain("S003");
    expect(codes(`${HEADER}fact person x: ${w}\n${CLAUSE}`)).toContain("S002");
    expect(codes(`${HEADER}fact person x: bool ${w}\n${CLAUSE}`)).toContain("S010");
  });

  it.each(WORDS)("%s as a parameter's type, a check's subject or a clause's modality: P012, P013, P011", (w) => {
    expect(
      codes(`${HEADER}clause A-1 must source "必须" {\n  param n: ${w} = 3\n  require r: when n + 1 > 2\n}\n`),
    ).toContain("P012");
    expect(
      codes(`${HEADER}clause P-1 must source "必须" {\n  check c for each ${w}: count(moves) >= 1\n}\n`),
    ).toContain("P013");
    expect(codes(`${HEADER}clause A-1 ${w} source "必须" {\n  require r: when 周岁 >= 30\n}\n`).length).toBeGreaterThan(
      0,
    );
  });

  it.each(WORDS)("%s as a check's collection or a rounding is no collection and no rounding", (w) => {
    const check = `clause P-1 must source "必须" {\n  check c for each school: count(${w}) >= 1\n}\n`;
    expect(codes(HEADER + check).some((c) => c.startsWith("N") || c.startsWith("T"))).toBe(true);
    const rounded = HEADER.replace("effective 2024-01-01", `effective 2024-01-01 rounding ${w}`);
    const c = checkText(rounded + CLAUSE);
    expect(c.policy?.rounding).toBeUndefined();
  });

  it.each(WORDS)("%s as a name of the policy's own is a name like any other", (w) => {
    const c = checkText(
      `${HEADER}clause A-1 must source "必须" {\n  define ${w} = 周岁 >= 30\n  require r: when ${w}\n}\n`,
    );
    expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  });

  it.each(WORDS)("a roster cell “%s” is no yes/no and no enumerated value", (w) => {
    expect("bad" in parseBool(w)).toBe(true);
    for (const kind of ["teacher", "school", "move", "history"] as const)
      for (const [name, f] of Object.entries(BUILTIN_SCHEMA[kind])) {
        // Free texts (names, honours, codes) may be any word.
        if (["text", "texts", "id", "ref", "secret", "history"].includes(f.type.t)) continue;
        const p = parseCell(w, f.type, (e) => BUILTIN_SCHEMA.enumTable(e));
        expect("bad" in p, `${kind}.${name}`).toBe(true);
      }
  });
});
