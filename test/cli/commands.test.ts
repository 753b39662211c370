// The command line as outside scripts use it (CONTRACT.md): exit codes, JSON
// shapes, field-level data errors, all policy errors in one run, no stack
// traces; and golden files for the human renderings.

import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";

const CASE = join(ROOT, "examples/cases/dalian-teacher.yaml");
const DALIAN = join(ROOT, "policies/dalian");

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lungang-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("lungang case", () => {
  it("answers a Dalian case with decision, clause ids, verbatim source and explanation (--json)", async () => {
    const r = await runCli(["case", CASE, "--policy", DALIAN, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.policy).toBe("dalian");
    expect(j.teacher).toBe("T001");
    expect(j.as_of).toBe("2024-09-01");
    expect(j.decision).toBe("required");
    expect(j.clauses.map((c: { id: string }) => c.id)).toEqual(["DL-T1"]);
    expect(j.clauses[0].source).toContain("在同一所学校任教满9年及以上的教师");
    const t1 = j.explanation.find((e: { rule: string }) => e.rule === "教师任教满九年");
    expect(t1.result).toBe("applies");
    expect(t1.conditions.some((c: { text: string }) => c.text.includes("9年0个月"))).toBe(true);
  });

  it("renders the explanation in Chinese by default and English on request (golden)", async () => {
    const zh = await runCli(["case", CASE, "--policy", DALIAN]);
    const en = await runCli(["case", CASE, "--policy", DALIAN, "--lang", "en"]);
    await expect(zh.out).toMatchFileSnapshot("../golden/case-dalian-teacher.zh.txt");
    await expect(en.out).toMatchFileSnapshot("../golden/case-dalian-teacher.en.txt");
  });

  it("--as-of overrides the file's reference date", async () => {
    const r = await runCli(["case", CASE, "--policy", DALIAN, "--json", "--as-of", "2024-08-31"]);
    expect(JSON.parse(r.out).decision).toBe("not_required");
  });

  it("reports every invalid field of a case file with its path and value, exit 2, no stack trace", async () => {
    const dir = tmp({
      "bad.yaml": `as_of: 2024-09-01
teacher:
  id: T9
  sex: mal
  birth_date: 1985-13-40
  role: teacher
  school: S01
  school_since: 2015-02-30
schools:
  - { id: S01, location: urban, tier: quality }
`,
    });
    const r = await runCli(["case", join(dir, "bad.yaml"), "--policy", DALIAN, "--json"]);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.out);
    const paths = j.diagnostics.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["teacher.birth_date", "teacher.school_since", "teacher.sex"]);
    expect(j.diagnostics.find((d: { path: string }) => d.path === "teacher.birth_date").message).toContain(
      '"1985-13-40"',
    );
    const human = await runCli(["case", join(dir, "bad.yaml"), "--policy", DALIAN]);
    expect(human.err).not.toMatch(/\n\s+at /);
    expect(human.err).toContain("teacher.birth_date");
  });

  it("decides one person of a whole dataset with --teacher, and names an unknown id", async () => {
    const data = join(ROOT, "examples/dalian/district.yaml");
    const r = await runCli(["case", data, "--teacher", "T0003", "--policy", DALIAN, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).teacher).toBe("T0003");
    const bad = await runCli(["case", data, "--teacher", "T00003", "--policy", DALIAN, "--json"]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).diagnostics.map((d: { code: string }) => d.code)).toEqual(["C005"]);
  });

  it("an unreadable case file is exit 2 with D001", async () => {
    const r = await runCli(["case", "/nonexistent.yaml", "--policy", DALIAN, "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).diagnostics[0].code).toBe("D001");
  });
});

describe("lungang lint", () => {
  it("a clean policy: exit 0", async () => {
    const r = await runCli(["lint", DALIAN]);
    expect(r.code).toBe(0);
  });

  it("a broken policy gets all its errors, each with code and position, in one run (golden)", async () => {
    const dir = tmp({
      "broken/broken.policy": `政策 "坏政策" { 发文机关 "测试" 施行日期 2024-01-01 }
条款 BAD-1 必须 原文 "必须" {
  参数 门槛: 期限 = 9
  应交流 甲: 当 本校任教年限 满 门槛 且 周岁 以下
}
条款 BAD-2 必须 原文 "必须" {
  应交流 乙: 当 任教年线 满 9年
  暂缓 丙 优先于 丁: 当 情形 包含 "怀孕"
}
条款 BAD-1 必须 原文 "" {
  应交流 戊: 当 性别 是 "男"
}
`,
    });
    const r = await runCli(["lint", join(dir, "broken"), "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    const codes = j.diagnostics.map((d: { code: string }) => d.code).sort();
    // T002 follows from the recovery after the misplaced 以下 (the condition ends at `周岁`).
    expect(codes).toEqual(["N001", "N001", "N005", "P001", "T002", "T004", "T005", "W001"].sort());
    for (const d of j.diagnostics) {
      expect(d.span.line).toBeGreaterThan(0);
      expect(d.span.column).toBeGreaterThan(0);
    }
    const human = await runCli(["lint", join(dir, "broken")]);
    const shown = relative(process.cwd(), dir); // paths are shown relative to the working directory
    await expect(human.err.replaceAll(shown, "<tmp>")).toMatchFileSnapshot("../golden/lint-broken.zh.txt");
  });
});

describe("lungang test", () => {
  it("runs a policy's own test cases and ends with `N passed, M failed`", async () => {
    const r = await runCli(["test", DALIAN]);
    expect(r.out.trim().split("\n").at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(r.code).toBe(0);
  });
});

describe("arguments", () => {
  it("bad options are exit 2 with C codes", async () => {
    expect((await runCli(["case", CASE, "--policy", DALIAN, "--lang", "fr"])).code).toBe(2);
    expect((await runCli(["case", CASE, "--policy", DALIAN, "--as-of", "2024-02-30"])).code).toBe(2);
    expect((await runCli(["frobnicate"])).code).toBe(2);
    expect((await runCli(["case", CASE])).code).toBe(2);
  });
});
