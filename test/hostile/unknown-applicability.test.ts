// The mutant issue 9 names: in evaluateCheck, an applicability that is
// unknown (a school whose tier is missing, under DL-R3's 城镇学校或优质学校)
// turned into "not applicable" survived the whole suite. The school must stay
// undetermined: the plan is incomplete, never compliant-and-complete, exit 2.

import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";

const DATA = `as_of: 2024-09-01
schools:
  - id: S1
    location: rural
  - id: S2
    location: rural
    tier: weak
teachers:
  - { id: T1, sex: male, birth_date: 1980-01-01, role: teacher, school: S1, school_since: 2010-09-01 }
  - { id: T2, sex: male, birth_date: 1981-01-01, role: teacher, school: S1, school_since: 2010-09-01 }
  - { id: T3, sex: male, birth_date: 1982-01-01, role: teacher, school: S2, school_since: 2020-09-01 }
plan:
  moves: []
`;

describe("unknown applicability stays undetermined (issue 9, mutation testing)", () => {
  it("DL-R3 on a rural school with no tier: undetermined for S1, incomplete, never a silent pass", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "lungang-r3-")), "d.yaml");
    writeFileSync(file, DATA);
    const r = await runCli(["check", file, "--policy", join(ROOT, "policies/dalian"), "--json"]);
    const j = JSON.parse(r.out);
    expect(j.complete).toBe(false);
    const s1 = (j.undetermined as { clause: { id: string }; subject: { id: string }; reasons: string[] }[]).filter(
      (u) => u.clause.id === "DL-R3" && u.subject.id === "S1",
    );
    expect(s1.length).toBeGreaterThan(0);
    expect(s1[0]!.reasons.join(" ")).toMatch(/层次|tier/);
    // Exit 2 unless a violation elsewhere makes it 1; never 0.
    expect(r.code).toBe(j.compliant ? 2 : 1);
    expect(r.code).not.toBe(0);
  });
});
