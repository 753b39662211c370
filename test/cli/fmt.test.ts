// `lungang fmt`: prints one file in canonical form, `--check` lists the files
// that are not (F001, exit 1) and `--write` rewrites them — comments and
// spellings kept; a folder or several files need `--check`/`--write` (F003);
// a file with a syntax error is refused (exit 2), never rewritten.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatPolicy } from "../../src/index.js";
import { runCli } from "../support/policy.js";

const dir = mkdtempSync(join(tmpdir(), "lungang-fmt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MESSY = '# 说明\n政策  "示例" {发文机关 "示例局"}\n条款 X-1 必须 原文 "x" {\n参数 a :整数 = 55周岁 # 年龄\n}\n';
const CANONICAL =
  '# 说明\n政策 "示例" {\n  发文机关 "示例局"\n}\n条款 X-1 必须 原文 "x" {\n  参数 a: 整数 = 55周岁 # 年龄\n}\n';

describe("lungang fmt", () => {
  it("prints one file in canonical form, comments kept", async () => {
    const f = join(dir, "one.policy");
    writeFileSync(f, MESSY);
    const r = await runCli(["fmt", f]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(CANONICAL + "\n"); // (the test's stdout adds a line end to every write)
    expect(readFileSync(f, "utf8")).toBe(MESSY); // printing changes nothing
    expect(formatPolicy(MESSY).value).toBe(CANONICAL); // the same through the library
  });

  it("--check lists the files not in canonical form (F001, exit 1), then --write fixes them", async () => {
    const d = join(dir, "folder");
    mkdirSync(join(d, "nested"), { recursive: true });
    writeFileSync(join(d, "canonical.policy"), CANONICAL);
    const messy = join(d, "nested", "messy.policy");
    writeFileSync(messy, MESSY);
    // Indented one blank too many: only whitespace differs.
    writeFileSync(join(d, "indented.policy"), CANONICAL.replace("  参数", "   参数"));
    const check = await runCli(["fmt", d, "--check", "--lang", "en"]);
    expect(check.code).toBe(1);
    expect(check.err.match(/error\[F001\]/g)?.length).toBe(2);
    expect(check.err).toContain(messy);
    expect(check.err).toContain("first difference at line 2");
    const json = await runCli(["fmt", d, "--check", "--json"]);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.out) as { diagnostics: { code: string }[] }).diagnostics.map((x) => x.code)).toEqual([
      "F001",
      "F001",
    ]);
    const write = await runCli(["fmt", d, "--write"]);
    expect(write.code).toBe(0);
    expect(readFileSync(messy, "utf8")).toBe(CANONICAL);
    expect(await runCli(["fmt", d, "--check"])).toMatchObject({ code: 0, err: "" });
  });

  it("refuses a file with a syntax error and leaves it as it is (exit 2)", async () => {
    const f = join(dir, "broken.policy");
    const broken = '条款 X-1 必须 原文 "x" {\n参数 : 整数\n}\n';
    writeFileSync(f, broken);
    for (const mode of [[], ["--check"], ["--write"]]) {
      const r = await runCli(["fmt", f, ...mode]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("P001");
    }
    expect(readFileSync(f, "utf8")).toBe(broken);
  });

  it("needs --check or --write for a folder or several files (F003); a path without policies is F004", async () => {
    const folder = await runCli(["fmt", dir]);
    expect(folder.code).toBe(2);
    expect(folder.err).toContain("F003");
    const two = await runCli(["fmt", join(dir, "one.policy"), join(dir, "one.policy")]);
    expect(two.err).toContain("F003");
    const none = await runCli(["fmt", join(dir, "nothing-here"), "--check"]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("F004");
    expect((await runCli(["fmt"])).err).toContain("C002");
  });

  it("has help in both languages", async () => {
    const zh = await runCli(["help", "fmt"]);
    expect(zh.out).toContain("--check");
    expect(zh.out).toContain("规范排版");
    const en = await runCli(["fmt", "--help", "--lang", "en"]);
    expect(en.out).toContain("canonical layout");
    expect((await runCli(["--help"])).out).toContain("lungang fmt");
  });
});
