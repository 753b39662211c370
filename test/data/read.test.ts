// Tests for src/data/read.ts (with schema.ts and codes-data.ts): valid datasets
// and case files in YAML and JSON, every D-code with its exact path, spans that
// point at the offending text, and that reading never throws.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { allCodes, messageIn, type CodedDiagnostic } from "../../src/diagnostics/registry.js";
import { formatPath, parseCaseText, parseDatasetText, readCaseFile, readDataset } from "../../src/data/read.js";
import { KNOWN_FIELDS, dayOf } from "../../src/data/schema.js";
import { ENUM_ZH, LOCATIONS, CONDITIONS, ROLES } from "../../src/data/model.js";
import { MOVE, SCHOOL, TEACHER } from "../../src/data/fields.js";
import { MOVE_FIELDS, PERSON_FIELDS, SCHOOL_FIELDS } from "../../src/semantics/facts.js";
import { parseIsoDate, type Day } from "../../src/time/date.js";
import { closest, editDistance } from "../../src/diagnostics/suggest.js";

const FIX = "test/data/fixtures/";

function D(s: string): Day {
  const d = parseIsoDate(s);
  if (d === undefined) throw new Error(`bad test date ${s}`);
  return d;
}

/** [code, path] of each diagnostic, the form most assertions compare. */
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => [d.code, d.path]);
const args = (d: Diagnostic | undefined) => (d as CodedDiagnostic).args;

/** A minimal valid dataset as YAML, with `extra` lines appended to the first teacher. */
function dataset(extra = "", top = "as_of: 2024-09-01\n"): string {
  return `${top}schools:\n  - id: S01\nteachers:\n  - id: T001\n    sex: male\n    birth_date: 1975-03-15\n    role: teacher\n    school: S01\n${extra}`;
}

describe("a valid dataset", () => {
  it("reads the contract's example from YAML", () => {
    const r = readDataset(FIX + "valid.yaml");
    expect(r.diagnostics).toEqual([]);
    const ds = r.value!;
    expect(ds.asOf).toBe(D("2024-09-01"));
    expect(ds.schools.map((s) => s.id)).toEqual(["S01", "S05", "S07"]);
    expect(ds.schoolById.get("S05")).toMatchObject({ location: "rural", tier: "weak", staffing: "under" });
    expect(ds.schoolById.get("S01")).toMatchObject({
      legal_entity: "E01",
      group: "G01",
      group_role: "main",
      rotation_feasible: true,
    });

    const t1 = ds.teacherById.get("T001")!;
    expect(t1).toMatchObject({
      name: "张伟",
      sex: "male",
      birth_date: D("1975-03-15"),
      role: "teacher",
      post_category: "professional",
      established: true,
      on_post: true,
      full_time: true,
      school: "S01",
      school_since: D("2012-09-01"),
      post_since: D("2015-09-01"),
      title: "first",
      title_since: D("2016-12-01"),
      honors: ["市级骨干教师"],
      conditions: ["nursing"],
      deferred_years: 0,
      volunteer: false,
    });
    expect(t1.history).toEqual([{ school: "S07", from: D("2005-09-01"), to: D("2012-08-31") }]);

    expect(ds.plan).toEqual({
      school_year: "2024-2025",
      start: D("2024-09-01"),
      moves: [{ teacher: "T001", from: "S01", to: "S05", mode: "full_time", years: 3, personnel_transfer: true }],
    });
  });

  it("leaves unrecorded facts unknown and applies only the contract's defaults", () => {
    const t2 = readDataset(FIX + "valid.yaml").value!.teacherById.get("T002")!;
    // school_since is written but empty (null): unknown, like the absent fields.
    expect(t2.school_since).toBeUndefined();
    expect(t2.established).toBeUndefined();
    expect(t2.title).toBeUndefined();
    expect(t2.post_category).toBeUndefined();
    expect(t2.birth_date).toBe(D("1988-02-29"));
    expect(t2.honors).toEqual([]);
    expect(t2.conditions).toEqual([]);
    expect(t2.history).toEqual([]);
    expect(t2.deferred_years).toBe(0);
    expect(t2.volunteer).toBe(false);
  });

  it("reads JSON the same way as YAML", () => {
    const r = readDataset(FIX + "valid.json");
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.plan!.moves[0]).toMatchObject({ mode: "part_time", years: 1 });
    const yaml = parseDatasetText(dataset(), "a.yaml", "yaml").value!;
    const asJson = JSON.stringify({
      as_of: "2024-09-01",
      schools: [{ id: "S01" }],
      teachers: [{ id: "T001", sex: "male", birth_date: "1975-03-15", role: "teacher", school: "S01" }],
    });
    expect(parseDatasetText(asJson, "a.json", "json").value).toEqual(yaml);
  });

  it("takes --as-of over the file's as_of, and needs one of them", () => {
    expect(parseDatasetText(dataset(), "a.yaml", "yaml", { asOf: D("2030-01-01") }).value!.asOf).toBe(D("2030-01-01"));
    const missing = parseDatasetText(dataset("", ""), "a.yaml", "yaml");
    expect(codes(missing.diagnostics)).toEqual([["D003", "as_of"]]);
    expect(missing.value).toBeUndefined();
    expect(parseDatasetText(dataset("", ""), "a.yaml", "yaml", { asOf: D("2024-09-01") }).value).toBeDefined();
  });

  it("gets dates as strings from YAML 1.2, and accepts an explicit !!timestamp", () => {
    const r = parseDatasetText(dataset("    school_since: !!timestamp 2012-09-01\n"), "a.yaml", "yaml");
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.teachers[0]!.school_since).toBe(D("2012-09-01"));
    expect(r.value!.teachers[0]!.birth_date).toBe(D("1975-03-15"));
  });

  it("accepts a Date where a date is expected (a YAML timestamp or a JS caller)", () => {
    expect(dayOf(new Date(Date.UTC(2024, 8, 1)))).toBe(D("2024-09-01"));
    expect(dayOf(new Date(Number.NaN))).toBeUndefined();
    expect(dayOf(20240901)).toBeUndefined();
  });
});

describe("a bad dataset reports every problem in one run", () => {
  const file = FIX + "bad.yaml";
  const text = readFileSync(file, "utf8");
  const r = readDataset(file);

  it("with the right codes and exact paths", () => {
    expect(r.value).toBeUndefined();
    expect(codes(r.diagnostics)).toEqual([
      ["D007", "teachers[1].school_sinse"],
      ["D006", "schools[0].location"],
      ["D006", "schools[1].tier"],
      ["D004", "schools[1].rotation_feasible"],
      ["D006", "teachers[0].sex"],
      ["D005", "teachers[0].birth_date"],
      ["D003", "teachers[1].birth_date"],
      ["D006", "teachers[1].conditions[1]"],
      ["D004", "teachers[2].id"],
      ["D005", "teachers[2].birth_date"],
      ["D004", "teachers[2].deferred_years"],
    ]);
    expect(r.diagnostics.every((d) => d.file === file)).toBe(true);
    expect(r.diagnostics[0]!.severity).toBe("warning");
  });

  it("quotes the value in the message", () => {
    const byPath = (p: string) => r.diagnostics.find((d) => d.path === p)!;
    expect(byPath("teachers[0].birth_date").message).toBe(
      'teachers[0].birth_date: "1985-13-40" is not a date (YYYY-MM-DD)',
    );
    expect(byPath("teachers[1].birth_date").message).toBe(
      'teachers[1].birth_date: required field "birth_date" is missing',
    );
    expect(byPath("teachers[2].deferred_years").message).toBe(
      "teachers[2].deferred_years: -1 is not a whole number ≥ 0",
    );
    expect(messageIn(byPath("teachers[0].birth_date"), "zh")).toBe(
      'teachers[0].birth_date："1985-13-40" 不是有效日期（应为 YYYY-MM-DD）',
    );
  });

  it("suggests what was probably meant", () => {
    const help = (p: string) => r.diagnostics.find((d) => d.path === p)!.help;
    expect(help("schools[0].location")).toBe('did you mean "urban"?');
    expect(help("schools[1].tier")).toBe('did you mean "weak"?'); // 薄弱, the Chinese word
    expect(help("teachers[0].sex")).toBe('did you mean "male"?'); // 男
    expect(help("teachers[1].conditions[1]")).toBe('did you mean "pregnant"?');
    expect(help("teachers[1].school_sinse")).toBe('did you mean "school_since"?');
    expect(help("schools[1].rotation_feasible")).toMatch(/true or false/);
    expect(help("teachers[2].id")).toMatch(/quotes/);
  });

  it("points spans at the offending text", () => {
    const at = (p: string) => {
      const s = r.diagnostics.find((d) => d.path === p)!.span!;
      return text.slice(s.start, s.end);
    };
    expect(at("teachers[0].birth_date")).toBe("1985-13-40");
    expect(at("schools[0].location")).toBe("Urban");
    expect(at("teachers[1].school_sinse")).toBe("2010-09-01");
    // A missing field points at the first line of the record that lacks it.
    expect(at("teachers[1].birth_date")).toBe("id: T002");
  });
});

describe("cross-reference checks", () => {
  const r = readDataset(FIX + "crossref.yaml");

  it("report duplicates, unknown ids, bad periods and bad moves", () => {
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ["D010", "error", "schools[2].id"],
      ["D010", "error", "teachers[2].id"],
      ["D014", "error", "teachers[0].school_since"],
      ["D012", "warning", "teachers[0].history[0].school"],
      ["D013", "error", "teachers[0].history[0]"],
      ["D011", "error", "teachers[1].school"],
      ["D015", "warning", "teachers[3].history[1]"],
      ["D016", "warning", "teachers[3].history[1].to"],
      ["D023", "error", "plan.moves[1].teacher"],
      ["D020", "error", "plan.moves[2].teacher"],
      ["D021", "error", "plan.moves[3].to"],
      ["D022", "error", "plan.moves[3].from"],
      ["D024", "error", "plan.moves[3].years"],
      ["D020", "error", "plan.moves[4].teacher"],
      ["D024", "error", "plan.moves[4].years"],
      ["D025", "error", "plan.moves[4].to"],
    ]);
  });

  it("word them with the ids involved", () => {
    const byPath = (p: string) => r.diagnostics.find((d) => d.path === p)!;
    expect(byPath("teachers[1].school").message).toBe('teachers[1].school: unknown school "S99"');
    expect(byPath("teachers[1].school").help).toBe('did you mean "S09"?');
    expect(byPath("schools[2].id").message).toBe('schools[2].id: duplicate school id "S02" (first at schools[1])');
    expect(byPath("plan.moves[3].from").message).toBe(
      'plan.moves[3].from: teacher "T002" is at school "S99", not "S01"',
    );
    expect(byPath("plan.moves[1].teacher").message).toBe(
      'plan.moves[1].teacher: teacher "T004" is already moved by plan.moves[0]',
    );
    expect(messageIn(byPath("teachers[1].school"), "zh")).toBe("teachers[1].school：未知学校“S99”");
  });

  it("let warnings alone keep the value", () => {
    const r2 = parseDatasetText(
      dataset("    history:\n      - { school: S77, from: 2000-09-01, to: 2005-08-31 }\n"),
      "a.yaml",
      "yaml",
    );
    expect(codes(r2.diagnostics)).toEqual([["D012", "teachers[0].history[0].school"]]);
    expect(r2.value).toBeDefined();
  });

  it("report an unknown field once, with how many records have it", () => {
    const text =
      dataset("    nickname: 小张\n") +
      "  - { id: T002, sex: female, birth_date: 1980-01-01, role: teacher, school: S01, nickname: x }\n";
    const r2 = parseDatasetText(text, "a.yaml", "yaml");
    expect(codes(r2.diagnostics)).toEqual([["D007", "teachers[0].nickname"]]);
    expect(args(r2.diagnostics[0]).count).toBe(2);
    expect(r2.value).toBeDefined();
  });
});

describe("syntax and shape errors", () => {
  it("reports a YAML syntax error with line and column", () => {
    const r = readDataset(FIX + "syntax.yaml");
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["D002"]);
    expect(args(r.diagnostics[0])).toMatchObject({ line: 5, col: 1 });
    expect(r.diagnostics[0]!.message).toMatch(/^test\/data\/fixtures\/syntax\.yaml:5:1: syntax error: /);
  });

  it("reports a duplicate YAML key as a syntax error", () => {
    const r = parseDatasetText("as_of: 2024-09-01\nas_of: 2024-09-02\nschools: []\nteachers: []\n", "a.yaml", "yaml");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["D002"]);
    expect(args(r.diagnostics[0])).toMatchObject({ line: 2 });
  });

  it("reports a JSON syntax error with line and column", () => {
    const r = parseDatasetText('{\n  "as_of": "2024-09-01",\n  "schools": [],\n}', "a.json", "json");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["D002"]);
    expect(args(r.diagnostics[0])).toMatchObject({ line: 4, col: 1 });
  });

  it("locates JSON problems too, and skips a byte-order mark", () => {
    const text =
      '\ufeff{"as_of": "2024-09-01", "schools": [{"id": "S01"}], "teachers": [{"id": "T001", "sex": "male", "birth_date": "1975-02-30", "role": "teacher", "school": "S01"}]}';
    const r = parseDatasetText(text, "a.json", "json");
    expect(codes(r.diagnostics)).toEqual([["D005", "teachers[0].birth_date"]]);
    const s = r.diagnostics[0]!.span!;
    expect(text.slice(s.start, s.end)).toBe('"1975-02-30"');
  });

  it("rejects a top level that is not a mapping", () => {
    for (const text of ["", "- a\n- b\n", "just text\n"]) {
      const r = parseDatasetText(text, "a.yaml", "yaml");
      expect(codes(r.diagnostics)).toEqual([["D004", undefined]]);
    }
  });

  it("rejects wrong types of whole sections", () => {
    const r = parseDatasetText("as_of: 2024-09-01\nschools: S01\nteachers:\n  - T001\n", "a.yaml", "yaml");
    expect(codes(r.diagnostics)).toEqual([
      ["D004", "schools"],
      ["D004", "teachers[0]"],
    ]);
  });

  it("treats an empty required value as missing", () => {
    const r = parseDatasetText(dataset().replace("sex: male", "sex:"), "a.yaml", "yaml");
    expect(codes(r.diagnostics)).toEqual([["D003", "teachers[0].sex"]]);
  });

  it("checks plan fields", () => {
    const plan =
      "plan:\n  school_year: 2024-2026\n  start: 2024-09\n  moves:\n    - { teacher: T001, from: S01, to: S01, mode: rotate, years: two }\n";
    const r = parseDatasetText(dataset() + plan, "a.yaml", "yaml");
    expect(codes(r.diagnostics)).toEqual([
      ["D004", "plan.school_year"],
      ["D005", "plan.start"],
      ["D006", "plan.moves[0].mode"],
      ["D004", "plan.moves[0].years"],
    ]);
  });

  it("reports an unreadable file or unsupported extension as D001", () => {
    expect(codes(readDataset(FIX + "does-not-exist.yaml").diagnostics)).toEqual([["D001", undefined]]);
    expect(codes(readDataset(FIX + "valid.txt").diagnostics)).toEqual([["D001", undefined]]);
    expect(codes(readCaseFile(FIX).diagnostics)).toEqual([["D001", undefined]]);
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseDatasetText(JSON.stringify(v), "a.json", "json");
        expect(Array.isArray(r.diagnostics)).toBe(true);
        parseCaseText(JSON.stringify(v), "a.json", "json");
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseDatasetText(s, "a.yaml", "yaml");
        parseDatasetText(dataset(s), "a.yaml", "yaml");
      }),
    );
  });
});

describe("a case file", () => {
  it("reads a teacher with the schools of the history", () => {
    const r = readCaseFile(FIX + "case.yaml");
    expect(r.diagnostics).toEqual([]);
    const c = r.value!;
    expect(c.asOf).toBe(D("2024-09-01"));
    expect(c.teacher).toMatchObject({
      id: "T001",
      sex: "female",
      birth_date: D("1976-01-10"),
      title: "senior",
      school: "S01",
    });
    expect([...c.schoolById.keys()]).toEqual(["S01", "S07"]);
    expect(c.schoolById.get("S07")!.location).toBe("rural");
  });

  const teacher = "teacher:\n  id: T001\n  sex: female\n  birth_date: 1980-05-01\n  role: teacher\n  school: S01\n";

  it("accepts the teacher's school as `school`", () => {
    const r = parseCaseText(`as_of: 2024-09-01\n${teacher}school: { id: S01, tier: weak }\n`, "c.yaml", "yaml");
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.schoolById.get("S01")!.tier).toBe("weak");
  });

  it("reports the teacher's unknown school and missing parts", () => {
    const r = parseCaseText(`as_of: 2024-09-01\n${teacher}schools: [{ id: S02 }]\n`, "c.yaml", "yaml");
    expect(codes(r.diagnostics)).toEqual([["D011", "teacher.school"]]);
    expect(codes(parseCaseText("as_of: 2024-09-01\nschools: []\n", "c.yaml", "yaml").diagnostics)).toEqual([
      ["D003", "teacher"],
    ]);
    const dup = parseCaseText(
      `as_of: 2024-09-01\n${teacher}school: { id: S01 }\nschools: [{ id: S01 }]\n`,
      "c.yaml",
      "yaml",
    );
    expect(codes(dup.diagnostics)).toEqual([["D010", "schools[0].id"]]);
    expect(dup.diagnostics[0]!.message).toMatch(/first at school\)/);
  });
});

describe("the code table and the model tables", () => {
  it("gives every D-code a severity, both languages with the same placeholders, and a doc", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const d = allCodes().filter(([c]) => c.startsWith("D"));
    expect(d.length).toBeGreaterThanOrEqual(20);
    for (const [code, info] of d) {
      expect(info.doc.length, code).toBeGreaterThan(20);
      // `x_zh` is the Chinese counterpart of argument `x` (D004 expected, D010 kind).
      const zh = placeholders(info.zh).map((p) => p!.replace(/_zh$/, ""));
      expect(zh, code).toEqual(placeholders(info.en));
    }
  });

  it("derives the schemas and the checker's field tables from the one declaration", () => {
    expect([...KNOWN_FIELDS.school]).toEqual(Object.keys(SCHOOL));
    expect([...KNOWN_FIELDS.teacher]).toEqual(Object.keys(TEACHER));
    expect([...KNOWN_FIELDS.move]).toEqual(Object.keys(MOVE));
    // Every declared fact is reachable in the language by both names; data-only fields are not.
    for (const [name, f] of Object.entries(TEACHER)) {
      const fact = !("fact" in f);
      expect(PERSON_FIELDS.has(name), name).toBe(fact);
      if (fact) expect(PERSON_FIELDS.get(f.zh)?.name, f.zh).toBe(name);
    }
    for (const name of Object.keys(SCHOOL)) expect(SCHOOL_FIELDS.has(name), name).toBe(true);
    for (const name of Object.keys(MOVE)) expect(MOVE_FIELDS.has(name), name).toBe(true);
  });

  it("has a Chinese word for every enum value", () => {
    for (const v of [...LOCATIONS, ...CONDITIONS, ...ROLES]) expect(ENUM_ZH[v]).toMatch(/\p{Script=Han}/u);
    expect(ENUM_ZH.severely_over).toBe("严重超编");
  });

  it("formats paths", () => {
    expect(formatPath(["teachers", 3, "birth_date"])).toBe("teachers[3].birth_date");
    expect(formatPath(["plan", "moves", 0, "to"])).toBe("plan.moves[0].to");
    expect(formatPath([])).toBe("");
  });
});

describe("suggestions", () => {
  it("measures edit distance, giving up past the limit", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("S01", "S01")).toBe(0);
    expect(editDistance("kitten", "sitting", 1)).toBe(2);
  });

  it("suggests only near misses, ignoring case", () => {
    expect(closest("S99", ["S01", "S09", "S90"])).toBe("S09");
    expect(closest("Urban", ["urban", "rural"])).toBe("urban");
    expect(closest("T001", ["S77", "X"])).toBeUndefined();
    expect(closest("birthdate", KNOWN_FIELDS.teacher)).toBe("birth_date");
  });
});
