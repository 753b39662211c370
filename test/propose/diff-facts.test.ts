// `lungang diff` of an amendment that adds facts (examples/local-deferral
// adds the deferral ground 援派支教 and the school fact 山区学校 to Dalian): the
// data the amendment was written for is read once for both sides, and the old
// policy's side sees only its own facts — the ground it does not have is
// dropped from the person's list, the school fact left out — each omission a
// D130 warning with its count. The old side used to refuse that data (exit 2).

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy, readDataset, standardFacts } from "../../src/index.js";
import { projectDataset, unionSchema } from "../../src/data/compare.js";
import { inputSchema } from "../../src/data/declared.js";
import { ROOT, runCli } from "../support/policy.js";

const DALIAN = join(ROOT, "policies/dalian");
const LOCAL = join(ROOT, "examples/local-deferral");
const DATA = join(LOCAL, "district.yaml");

interface DiffJson {
  people: { teacher: string; before: string; after: string; because: { id: string }[] }[];
  warnings?: { code: string; message: string }[];
}

describe("diff between policies whose facts differ", () => {
  it("adding a ground and a school fact: answered, each omission on the old side a D130 warning", async () => {
    const r = await runCli(["diff", DATA, "--policy", DALIAN, "--against", LOCAL, "--json", "--lang", "en"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as DiffJson & Record<string, unknown>;
    expect(j.warnings?.filter((w) => w.code === "D130").map((w) => w.message)).toEqual([
      "school.mountain_school is not a fact of dalian: left out on its side of the comparison (records: 3)",
      "teacher.conditions = aid_assignment is not a fact of dalian: left out on its side of the comparison (records: 1)",
    ]);
    // T2's 援派支教 defers them under the district's XQ-1 only; T3 teaches at a 山区学校 (XQ-2).
    const who = (j as DiffJson).people.map((p) => `${p.teacher} ${p.before}→${p.after} ${p.because.map((c) => c.id)}`);
    expect(who).toEqual(["T2 required→deferred XQ-1", "T3 required→not_required XQ-2", expect.stringMatching(/^T4 /)]);
  });

  it("the other way round, the omission is on the new side's (the district's rules are gone)", async () => {
    const r = await runCli(["diff", DATA, "--policy", LOCAL, "--against", DALIAN, "--json", "--lang", "en"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as DiffJson;
    expect(j.warnings?.filter((w) => w.code === "D130").length).toBe(2);
    expect(j.warnings?.every((w) => w.code !== "D130" || / of dalian: /.test(w.message))).toBe(true);
  });

  it("projection: a value the side does not know leaves a list, a single unknown value leaves the field unknown", async () => {
    const local = compilePolicy(LOCAL).value!.checked.input;
    const union = unionSchema(standardFacts, local).value!;
    const data = (await readDataset(DATA, union)).value!;
    const side = projectDataset(data, standardFacts, union, "dalian");
    const t2 = side.value.teacherById.get("T2")!;
    expect(t2.conditions).toEqual([]);
    expect(data.teacherById.get("T2")!.conditions).toEqual(["aid_assignment"]);
    expect(Object.hasOwn(side.value.schoolById.get("S2")!, "mountain_school")).toBe(false);
    // The district's own side is the data as read: nothing to leave out.
    expect(projectDataset(data, local, union, "local").value).toBe(data);
    // A single enum value unknown to the side: the field is left out (unknown), not kept or guessed.
    const title = { ...data, teachers: data.teachers.map((t) => ({ ...t, title: "senior_plus" as never })) };
    const withTitle = {
      ...union,
      enums: { ...union.enums, title: { labels: { ...union.enumTable("title").labels, senior_plus: "正高级" } } },
    };
    const grade = inputSchema(
      { school: union.school, teacher: union.teacher, move: union.move, history: union.history },
      withTitle.enums,
    );
    const p = projectDataset({ ...title, teacherById: new Map() }, standardFacts, grade, "dalian");
    expect(p.value.teachers.every((t) => t.title === undefined)).toBe(true);
    expect(p.diagnostics.map((d) => d.message)).toContain(
      `teacher.title = senior_plus is not a fact of dalian: left out on its side of the comparison (records: ${data.teachers.length})`,
    );
  });

  it("facts declared differently by the two sides cannot be one read: a conflict, each side read alone", () => {
    const a = standardFacts;
    const field = { zh: "甲", doc: "", headers: ["甲"], type: { t: "bool" } } as const;
    const b = inputSchema(
      { school: a.school, teacher: { ...a.teacher, x: field }, move: a.move, history: a.history },
      a.enums,
    );
    const c = inputSchema(
      {
        school: a.school,
        teacher: { ...a.teacher, x: { ...field, type: { t: "text" } } },
        move: a.move,
        history: a.history,
      },
      a.enums,
    );
    expect(unionSchema(b, c)).toEqual({ conflict: "teacher.x" });
    // Defaulted on one side (absent = none), not on the other (absent = unknown): not one reading either.
    const e = inputSchema(
      {
        school: a.school,
        teacher: { ...a.teacher, x: { ...field, need: "default" } },
        move: a.move,
        history: a.history,
      },
      a.enums,
    );
    expect(unionSchema(b, e)).toEqual({ conflict: "teacher.x" });
    const d = inputSchema(
      { school: a.school, teacher: { ...a.teacher, y: { ...field } }, move: a.move, history: a.history },
      a.enums,
    );
    expect(unionSchema(b, d).conflict).toMatch(/teacher\.y \/ teacher\.x \(甲\)/);
  });
});
