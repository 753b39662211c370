// Findings 2, 3, 5, 6 and 7 of issue 9 on the data side and in the parser:
// nesting and size limits where input enters (D081, D082, P091, L001), JSON
// duplicate keys (D083), every error of an input in one run, and numbers and
// dates reported as written (D084) or as implausible with their bounds (D085).

import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { CodedDiagnostic } from "../../src/diagnostics/registry.js";
import { parseDatasetText, readDataset, show } from "../../src/data/read.js";
import { parse } from "../../src/syntax/parse.js";
import { runCli } from "../support/policy.js";

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);
const args = (d: Diagnostic | undefined) => (d as CodedDiagnostic).args;

function tmp(name: string, text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), "lungang-lim-")), name);
  writeFileSync(f, text);
  return f;
}

/** A sparse file of `size` bytes: stat reports the size, no disk is used. */
function sparse(name: string, size: number): string {
  const f = join(mkdtempSync(join(tmpdir(), "lungang-big-")), name);
  const fd = openSync(f, "w");
  ftruncateSync(fd, size);
  closeSync(fd);
  return f;
}

const ds = (teacher: string, plan = "") =>
  `as_of: 2024-09-01\nschools:\n  - id: S1\nteachers:\n  - id: T1\n    sex: male\n    birth_date: 1975-03-15\n    role: teacher\n    school: S1\n${teacher}${plan}`;

const policyWith = (cond: string) =>
  `政策 "t" {\n  施行日期 2021-09-01\n}\n条款 X-1 应 {\n  原文 "应当交流"\n  应交流 r: 当 ${cond}\n}\n`;

describe("parser limits (finding 2)", () => {
  it("200 nested parentheses: P091 at the bracket that crosses the limit, exit 2 (was exit 3)", async () => {
    const text = policyWith("(".repeat(200) + "真" + ")".repeat(200));
    const out = parse(text, "t.policy");
    expect(codes(out.diagnostics)).toEqual(["P091"]);
    // The clause's brace is the first level, so the 64th parenthesis is the 65th.
    expect(out.diagnostics[0]!.span!.start).toBe(text.indexOf("(") + 63);
    const r = await runCli(["lint", tmp("t.policy", text)]);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/internal error|内部错误|Maximum call stack/);
  });

  it("10,000 nested 非 is refused the same way (the parser recurses per prefix operator)", () => {
    expect(codes(parse(policyWith("非 ".repeat(10_000) + "真"), "t.policy").diagnostics)).toEqual(["P091"]);
  });

  it("a 20M-character 原文 is refused before parsing (L001 in memory, D081 from a file)", async () => {
    const huge = policyWith("真").replace("应当交流", "应".repeat(20_000_000));
    expect(codes(parse(huge, "t.policy").diagnostics)).toEqual(["L001"]);
    const r = await runCli(["lint", tmp("t.policy", huge), "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).diagnostics.map((d: { code: string }) => d.code)).toContain("D081");
  });

  it("a 300,000-character quoted text is L001 at its opening quote", () => {
    const text = policyWith("真").replace("应当交流", "应".repeat(300_000));
    const out = parse(text, "t.policy");
    expect(codes(out.diagnostics)).toEqual(["L001"]);
    expect(out.diagnostics[0]!.span!.start).toBe(text.indexOf('"应'));
  });

  it("a chain of 2,000 且 gives an answer, never an internal error", async () => {
    const text = policyWith(Array.from({ length: 2000 }, () => "真").join(" 且 "));
    const r = await runCli(["lint", tmp("t.policy", text)]);
    expect(r.code).not.toBe(3);
    expect(r.err).not.toMatch(/internal error|内部错误|Maximum call stack/);
  });
});

describe("data nesting and size (findings 2 and 5)", () => {
  it("5,000 nested [ inside a JSON value: D082 with line and column (was exit 3 from the quoting fallback)", () => {
    const text = `{"as_of": "2024-09-01", "schools": [], "teachers": [{"id": ${"[".repeat(5000)}${"]".repeat(5000)}}]}`;
    const r = parseDatasetText(text, "d.json", "json");
    expect(codes(r.diagnostics)).toEqual(["D082"]);
    expect(args(r.diagnostics[0])).toMatchObject({ line: 1, limit: 32 });
  });

  it("10⁵ levels as teachers (JSON) and deep YAML (flow and block) are D082, never the parser's internal message", () => {
    const json = `{"as_of": "2024-09-01", "schools": [], "teachers": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(codes(parseDatasetText(json, "d.json", "json").diagnostics)).toEqual(["D082"]);
    const flow = `as_of: 2024-09-01\nschools: []\nteachers: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    expect(codes(parseDatasetText(flow, "d.yaml", "yaml").diagnostics)).toEqual(["D082"]);
    let block = "as_of: 2024-09-01\nschools: []\nteachers:\n";
    for (let i = 1; i < 3000; i++) block += " ".repeat(i) + "-\n";
    const r = parseDatasetText(block, "d.yaml", "yaml");
    expect(codes(r.diagnostics)).toEqual(["D082"]);
    expect(r.diagnostics[0]!.message).not.toMatch(/call stack/);
  });

  it("quoting a deep value in a message never overflows (show is bounded)", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(show(deep).length).toBeLessThanOrEqual(60);
    expect(show({ a: "x".repeat(1000) })).toMatch(/…$/);
  });

  it("a 1.1 GB JSON and a 300 MB YAML file are refused at once from their size (D081), naming the CSV/NDJSON form", async () => {
    for (const [name, size] of [
      ["big.json", 1_100_000_000],
      ["big.yaml", 300_000_000],
    ] as const) {
      const t0 = Date.now();
      const r = readDataset(sparse(name, size));
      expect(codes(r.diagnostics)).toEqual(["D081"]);
      expect(r.diagnostics[0]!.message).toMatch(/CSV or NDJSON/);
      expect(Date.now() - t0).toBeLessThan(5000); // refused from stat, not after reading
    }
  });
});

describe("JSON duplicate keys (finding 3)", () => {
  it('{"sex": "male", "sex": "female"} is D083 naming the key and both positions', () => {
    const text = `{"as_of": "2024-09-01", "schools": [{"id": "S1"}],\n "teachers": [{"id": "T1", "sex": "male", "sex": "female", "birth_date": "1975-03-15", "role": "teacher", "school": "S1"}]}`;
    const r = parseDatasetText(text, "d.json", "json");
    expect(r.value).toBeUndefined();
    expect(codes(r.diagnostics)).toEqual(["D083"]);
    const a = args(r.diagnostics[0]);
    expect(a).toMatchObject({ key: "sex", line: 2, first_line: 2 });
    expect(a.col).toBe(text.split("\n")[1]!.lastIndexOf('"sex"') + 1);
    expect(a.first_col).toBe(text.split("\n")[1]!.indexOf('"sex"') + 1);
  });

  it("the same key in different objects, and escaped spellings of one key, are judged as decoded", () => {
    const ok = `{"as_of": "2024-09-01", "schools": [{"id": "S1"}, {"id": "S2"}], "teachers": []}`;
    expect(parseDatasetText(ok, "d.json", "json").diagnostics).toEqual([]);
    const esc = `{"as_of": "2024-09-01", "schools": [{"id": "S1", "\\u0069d": "S2"}], "teachers": []}`;
    expect(codes(parseDatasetText(esc, "d.json", "json").diagnostics)).toEqual(["D083"]);
  });
});

describe("every error in one run (finding 6)", () => {
  it("deferred_years: -1 and a move from S1 to S1 are reported together (D004 and D025)", () => {
    const r = parseDatasetText(
      ds("    deferred_years: -1\n", "plan:\n  moves:\n    - teacher: T2\n      from: S1\n      to: S1\n"),
      "d.yaml",
      "yaml",
    );
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["D004", "teachers[0].deferred_years"],
      ["D020", "plan.moves[0].teacher"],
      ["D025", "plan.moves[0].to"],
    ]);
  });

  it("a rejected row's id is not reported as unknown, and later rows keep their own paths", () => {
    const text = `as_of: 2024-09-01\nschools:\n  - id: S1\n    tier: best\n  - id: S2\nteachers:\n  - id: T1\n    sex: male\n    birth_date: 1975-03-15\n    role: teacher\n    school: S1\n  - id: T2\n    sex: x\n    birth_date: 1975-03-15\n    role: teacher\n    school: S2\n  - id: T3\n    sex: male\n    birth_date: 1975-03-15\n    role: teacher\n    school: S9\nplan:\n  moves:\n    - teacher: T2\n      from: S2\n      to: S1\n`;
    const r = parseDatasetText(text, "d.yaml", "yaml");
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["D006", "schools[0].tier"],
      ["D006", "teachers[1].sex"],
      ["D011", "teachers[2].school"],
    ]);
  });
});

describe("numbers and dates as written, with bounds (finding 7, data)", () => {
  it("years: 1e309 (JSON) and .inf / .nan (YAML) are D084 quoting the text, not “null 不是数字”", () => {
    const json = `{"as_of": "2024-09-01", "schools": [{"id": "S1"}, {"id": "S2"}], "teachers": [{"id": "T1", "sex": "male", "birth_date": "1975-03-15", "role": "teacher", "school": "S1"}], "plan": {"moves": [{"teacher": "T1", "from": "S1", "to": "S2", "years": 1e309}]}}`;
    const j = parseDatasetText(json, "d.json", "json");
    expect(codes(j.diagnostics)).toEqual(["D084"]);
    expect(args(j.diagnostics[0]).written).toBe("1e309");
    for (const w of [".inf", "-.inf", ".nan"]) {
      const y = parseDatasetText(ds(`    deferred_years: ${w}\n`), "d.yaml", "yaml");
      expect(codes(y.diagnostics), w).toEqual(["D084"]);
      expect(args(y.diagnostics[0]).written).toBe(w);
    }
  });

  it("a reference date (as_of) of 9999-12-31 or 1899-12-31 is D085 with the bounds, and no answer (found by the fuzz suite)", () => {
    for (const d of ["9999-12-31", "1899-12-31"]) {
      const r = parseDatasetText(ds("").replace("as_of: 2024-09-01", `as_of: ${d}`), "d.yaml", "yaml");
      expect(r.value, d).toBeUndefined();
      expect(codes(r.diagnostics)).toEqual(["D085"]);
      expect(args(r.diagnostics[0])).toMatchObject({ value: d, min: "1900-01-01", max: "2100-12-31" });
      expect(r.diagnostics[0]!.path).toBe("as_of");
    }
    expect(
      parseDatasetText(ds("").replace("as_of: 2024-09-01", "as_of: 2100-12-31"), "d.yaml", "yaml").value,
    ).toBeDefined();
  });

  it("birth date 0001-01-01 and years: 1e20 are D085 with the bounds", () => {
    const b = parseDatasetText(ds("").replace("1975-03-15", "0001-01-01"), "d.yaml", "yaml");
    expect(codes(b.diagnostics)).toEqual(["D085"]);
    expect(args(b.diagnostics[0])).toMatchObject({ value: "0001-01-01", min: "1900-01-01", max: "2100-12-31" });
    const y = parseDatasetText(
      ds(
        "",
        "  - id: S2\nplan:\n  moves:\n    - teacher: T1\n      from: S1\n      to: S2\n      years: 1e20\n",
      ).replace("teachers:", "teachers:"),
      "d.yaml",
      "yaml",
    );
    expect(codes(y.diagnostics)).toContain("D085");
    expect(args(y.diagnostics.find((d) => d.code === "D085"))).toMatchObject({ min: "1/12", max: "50" });
  });
});
