// Finding 1 of issue 9: a policy reads only inside its policy roots. `引用`
// and `细化` may not reach an absolute path, a `../` outside, or a symbolic
// link out of the roots; the refusal (P090) shows nothing of the target.
// `引用 "national"` keeps working from a folder outside the bundled tree.

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/policy/load.js";
import { ROOT, runCli } from "../support/policy.js";

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lungang-roots-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const header = (ref: string, kw = "引用") => `政策 "t" {\n  施行日期 2021-09-01\n  ${kw} "${ref}"\n}\n`;

/** An outside policy whose clause would decide every teacher "required". */
const OUTSIDE_POLICY = `政策 "外部" {
  施行日期 2021-09-01
}
条款 EV-1 应 {
  原文 "外部条款"
  应交流 外部规则: 当 真
}
`;

const SECRET = "SECRET-LINE-do-not-show";

describe("policy roots (issue 9 finding 1)", () => {
  it('`引用 "/etc/passwd"` is refused with P090 and shows nothing of the file', async () => {
    const dir = tree({ "p/t.policy": header("/etc/passwd") });
    const r = await runCli(["lint", join(dir, "p")]);
    expect(r.code).not.toBe(3);
    expect(r.err).toContain("P090");
    expect(r.err + r.out).not.toMatch(/root:/);
    const j = JSON.parse((await runCli(["lint", join(dir, "p"), "--json"])).out);
    expect(j.diagnostics.map((d: { code: string }) => d.code)).toEqual(["P090"]);
  });

  it("an absolute path, `../` out of the root and a symlink out of it are all P090; the target is never read", () => {
    const outside = tree({ "secret/s.policy": `# ${SECRET}\n` + OUTSIDE_POLICY });
    const dir = tree({
      "abs/t.policy": header(join(outside, "secret")),
      "dotdot/t.policy": header("../../" + outside.split("/").pop() + "/secret"),
      "link/t.policy": header("evil"),
    });
    symlinkSync(join(outside, "secret"), join(dir, "link", "evil"));
    for (const sub of ["abs", "dotdot", "link"]) {
      const l = loadPolicy(join(dir, sub));
      expect(
        l.diagnostics.map((d) => d.code),
        sub,
      ).toEqual(["P090"]);
      expect([...l.sources.values()].join("\n")).not.toContain(SECRET);
      expect(l.unit?.uses).toEqual([]);
    }
  });

  it("a `.policy` file in the folder that links out of the roots is refused", () => {
    const outside = tree({ "x.policy": `# ${SECRET}\n` + OUTSIDE_POLICY });
    const dir = tree({ "p/t.policy": '政策 "t" {\n  施行日期 2021-09-01\n}\n' });
    symlinkSync(join(outside, "x.policy"), join(dir, "p", "y.policy"));
    const l = loadPolicy(join(dir, "p"));
    expect(l.diagnostics.map((d) => d.code)).toEqual(["P090"]);
    expect([...l.sources.values()].join("\n")).not.toContain(SECRET);
  });

  it("`细化` of a folder outside does not decide a case (P090, exit 2)", async () => {
    const outside = tree({ "o/o.policy": OUTSIDE_POLICY });
    const dir = tree({ "p/t.policy": header(join(outside, "o"), "细化") });
    const r = await runCli([
      "case",
      join(ROOT, "examples/cases/dalian-teacher.yaml"),
      "--policy",
      join(dir, "p"),
      "--json",
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("P090");
    expect(r.out).not.toContain("外部规则");
  });

  it('`引用 "national"` works from a user folder outside the bundled tree', () => {
    const dir = tree({ "mine/t.policy": header("national") });
    const l = loadPolicy(join(dir, "mine"));
    expect(l.diagnostics).toEqual([]);
    expect(l.unit?.uses.map((u) => u.name)).toEqual(["national"]);
  });

  it("a folder named by --policies (or LUNGANG_POLICIES) is a root too", async () => {
    const lib = tree({ "shared/s.policy": '政策 "共享" {\n  施行日期 2021-09-01\n}\n' });
    const dir = tree({ "p/t.policy": header(join(lib, "shared")) });
    expect((await runCli(["lint", join(dir, "p")])).err).toContain("P090");
    const ok = await runCli(["lint", join(dir, "p"), "--policies", lib, "--json"]);
    expect(JSON.parse(ok.out).errors).toBe(0);
    expect(loadPolicy(join(dir, "p"), { roots: [lib] }).diagnostics).toEqual([]);
  });

  it("the bundled policies still load (Haidian refines Beijing with `..`)", () => {
    for (const p of ["dalian", "beijing/haidian", "changzhou", "national"])
      expect(loadPolicy(join(ROOT, "policies", p)).diagnostics, p).toEqual([]);
  });
});
