// A policy test file says only what it means: an unknown key in the file, a
// case, a plan or an `expect` (`expect.clause` for `clauses`), or an unknown
// field in a case's person or a plan's dataset, makes the file invalid (X002)
// instead of quietly leaving the test checking less than it says; `x-…` keys
// (YAML anchors) are free. The other warnings reading the data gives are kept
// and reported beside the results (they were dropped).

import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy, runTests } from "../../src/index.js";
import { main } from "../../src/cli/main.js";
import { ROOT } from "../support/policy.js";

const DALIAN = join(ROOT, "policies/dalian");
const SCHOOL = "{ id: S01, district: 示例区, location: urban, tier: quality, rotation_feasible: true }";
const PERSON =
  "id: A01, sex: male, birth_date: 1980-03-15, role: teacher, post_category: professional, established: true, on_post: true, full_time: true, school: S01, school_since: 2017-09-01";

function testsDir(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), "lungang-test-files-"));
  writeFileSync(join(dir, "t.yaml"), `as_of: 2025-09-01\nschools: [${SCHOOL}]\n${body}`);
  return dir;
}

const policy = compilePolicy(DALIAN).value!;

function codesAt(dir: string): string[] {
  const r = runTests(policy, dir);
  expect(r.value).toBeUndefined();
  return r.diagnostics.map((d) => `${d.code} ${d.path}`);
}

describe("test files: unknown keys and fields are errors, warnings are kept", () => {
  it("a misspelt expect key makes the file invalid (it used to pass, checking the decision only)", () => {
    const dir = testsDir(`cases:
  - name: wrong clause list key
    teacher: { ${PERSON} }
    expect: { decision: required, clause: [DL-NOPE] }
`);
    expect(codesAt(dir)).toEqual(["X002 cases[0].expect.clause"]);
  });

  it("a misspelt fact of the person is X002 at the case's own path, not the D007 warning", () => {
    const dir = testsDir(`cases:
  - name: misspelt deferral
    teacher: { ${PERSON}, defered_years: 3 }
    expect: { decision: required }
`);
    expect(codesAt(dir)).toEqual(["X002 cases[0].teacher.defered_years"]);
  });

  it("unknown keys of the file, a case and a plan are X002; x- keys are free", () => {
    const body = `cases:
  - { name: a, teacher: *p, expect: { decision: required }, note: "?" }
plans:
  - name: b
    dataset: { as_of: 2025-09-01, schools: [${SCHOOL}], teachers: [*p], moves: [] }
    expect: { compliant: true, violations: [], undetermind: [] }
`;
    // An unknown key of the file stops it before its cases are looked at.
    expect(codesAt(testsDir(`x-person: &p { ${PERSON} }\ncaes: []\n${body}`)).sort()).toEqual(["X002 caes"]);
    expect(codesAt(testsDir(`x-person: &p { ${PERSON} }\n${body}`)).sort()).toEqual([
      "X002 cases[0].note",
      "X002 plans[0].expect.undetermind",
    ]);
    const dir3 = testsDir(`plans:
  - name: moves where plan.moves belongs
    dataset: { as_of: 2025-09-01, schools: [${SCHOOL}], teachers: [{ ${PERSON} }], moves: [] }
    expect: { compliant: true, violations: [] }
`);
    expect(codesAt(dir3)).toEqual(["X002 plans[0].dataset.moves"]);
  });

  it("a warning of the data is reported beside the results, at the case's path, in text and JSON", async () => {
    const dir = testsDir(`cases:
  - name: came from outside the district
    teacher: { ${PERSON}, history: [ { school: OUT1, from: 2010-09-01, to: 2017-08-31 } ] }
    expect: { decision: required }
`);
    const r = runTests(policy, dir);
    expect(r.value?.outcomes).toHaveLength(1);
    expect(r.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(["D012 cases[0].teacher.history[0].school"]);
    let out = "";
    let err = "";
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
    const policyDir = join(dir, "p");
    mkdirSync(policyDir);
    cpSync(join(DALIAN, "dalian.policy"), join(policyDir, "dalian.policy"));
    mkdirSync(join(policyDir, "tests"));
    cpSync(join(dir, "t.yaml"), join(policyDir, "tests", "t.yaml"));
    await main(["test", policyDir, "--json"], io);
    const j = JSON.parse(out) as { warnings?: { code: string; path: string; span?: { line: number } }[] };
    expect(j.warnings?.map((w) => `${w.code} ${w.path}`)).toEqual(["D012 cases[0].teacher.history[0].school"]);
    out = "";
    await main(["test", policyDir], io);
    // Located in the test file itself, on the line of the person's history.
    expect(err).toMatch(/D012[\s\S]*t\.yaml:5:/);
  });
});

describe("D016: a rotation that kept the relation at home lies inside the current service", () => {
  const run = async (history: string) => {
    const dir = mkdtempSync(join(tmpdir(), "lungang-d016-"));
    const file = join(dir, "d.yaml");
    writeFileSync(
      file,
      `as_of: 2025-09-01\nschools: [${SCHOOL}, { id: S02, district: 示例区, location: rural, tier: weak }]\nteachers:\n  - { ${PERSON}, history: [${history}] }\n`,
    );
    let out = "";
    await main(["check", file, "--policy", DALIAN, "--json"], { out: (s) => void (out += s), err: () => {} });
    return ((JSON.parse(out) as { warnings?: { code: string }[] }).warnings ?? []).map((w) => w.code);
  };
  it("not reported for rotation: true without a transfer; reported for an ordinary period or a transferred rotation", async () => {
    expect(await run("{ school: S02, from: 2019-09-01, to: 2022-08-31, rotation: true }")).not.toContain("D016");
    expect(await run("{ school: S02, from: 2019-09-01, to: 2022-08-31 }")).toContain("D016");
    expect(
      await run("{ school: S02, from: 2019-09-01, to: 2022-08-31, rotation: true, personnel_transfer: true }"),
    ).toContain("D016");
  });
});
