// `lungang test` in the reader's language (issue 8 item 7): a failing case or
// plan says what was expected and what came in Chinese by default and in
// English with --lang en; the last line is the contract's `N passed, M failed`.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy, render, runTests } from "../../src/index.js";
import { ROOT } from "../support/policy.js";

const FIXTURE = join(ROOT, "policies/dalian/tests/amendment-example");
const TEACHER =
  "{ id: A01, sex: male, birth_date: 1980-03-15, role: teacher, post_category: professional, established: true, on_post: true, full_time: true, school: S01, school_since: 2017-09-01 }";

function failingTests(): string {
  const dir = mkdtempSync(join(tmpdir(), "lungang-tests-out-"));
  writeFileSync(
    join(dir, "wrong.yaml"),
    `as_of: 2025-09-01
schools:
  - { id: S01, district: 示例区, location: urban, tier: quality, rotation_feasible: true }
cases:
  - name: wrong on purpose
    teacher: ${TEACHER}
    expect: { decision: not_required, clauses: [DL-T1] }
plans:
  - name: wrong plan on purpose
    dataset:
      as_of: 2025-09-01
      schools: [{ id: S01, district: 示例区, location: urban, tier: quality, rotation_feasible: true }]
      teachers: [${TEACHER}]
    expect: { compliant: false, violations: [] }
`,
  );
  return dir;
}

describe("lungang test speaks the reader's language", () => {
  const policy = compilePolicy(FIXTURE).value!;
  const report = runTests(policy, failingTests()).value!;

  it("Chinese: 应为 … 实为 …, with decisions in words; no English besides the contract's last line", async () => {
    const text = String((await render({ kind: "tests", report }, { format: "text", lang: "zh" })).value);
    expect(text).toContain("应为 无需交流轮岗 [DL-T1]，实为 应交流轮岗 [DL-T1, GJZ-1]");
    expect(text).toMatch(/应为 不合规 \[\]，实为 (不合规|合规)/);
    const lines = text.split("\n");
    expect(lines.at(-1)).toBe(`${report.passed} passed, ${report.failed} failed`);
    expect(lines.slice(0, -1).join("\n")).not.toMatch(/expected|got|compliant=/);
  });

  it("English: expected … got …, with the stable codes", async () => {
    const text = String((await render({ kind: "tests", report }, { format: "text", lang: "en" })).value);
    expect(text).toContain("expected not_required [DL-T1], got required [DL-T1, GJZ-1]");
    expect(text).toContain("expected compliant=false []");
    expect(text).not.toMatch(/应为|实为/);
  });

  it("JSON: each failure's detail in the chosen language, with the expected and actual values as data", async () => {
    const j = JSON.parse(String((await render({ kind: "tests", report }, { format: "json", lang: "zh" })).value)) as {
      failures: { detail: string; mismatch: { kind: string; expected: { decision?: string } } }[];
    };
    expect(j.failures[0]!.detail).toContain("应为 无需交流轮岗");
    expect(j.failures[0]!.mismatch).toMatchObject({ kind: "case", expected: { decision: "not_required" } });
  });
});
