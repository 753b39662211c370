// Packaging: `npm pack` gives a tarball that `npm install -g` installs (here
// into a temporary prefix, with this machine's Node), after which, from a
// folder that has nothing of lungang in it, `lungang check` answers with a
// bundled policy named by its folder, `lungang test` runs a bundled policy's
// tests and `lungang serve` starts and answers on 127.0.0.1. One test, slow by
// nature (it builds the package as `npm pack` does, then installs it).

import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/policy.js";

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "lungang-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What `npm pack` reads, copied: the worktree's own dist/ is left alone (other tests serve from it). */
const SOURCES = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "README.md",
  "bin",
  "src",
  "grammar",
  "bench",
  "scripts",
  "web",
  "policies",
  "editors",
];

/** `lungang serve` on a free port: resolves with its address once it prints it; the child is stopped by the caller. */
function serve(bin: string, cwd: string) {
  const child = spawn(bin, ["serve", "--port", "0", "--lang", "en"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.on("exit", (code) => reject(new Error(`lungang serve exited (${code}): ${out}`)));
  });
  return { child, url };
}

describe("the npm package", () => {
  it("installs with npm install -g and works from any folder: check, test, serve", async () => {
    const stage = join(work, "stage");
    mkdirSync(stage);
    for (const f of SOURCES) cpSync(join(ROOT, f), join(stage, f), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(stage, "node_modules"));
    // `npm pack` runs `prepare` (the build), then packs the `files` of package.json.
    await run("npm", ["pack", "--pack-destination", work, "--silent"], { cwd: stage, maxBuffer: 1 << 26 });
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"))!;
    expect(tarball).toMatch(/^lungang-\d+\.\d+\.\d+\.tgz$/);
    const prefix = join(work, "prefix");
    await run(
      "npm",
      ["install", "-g", "--prefix", prefix, join(work, tarball), "--prefer-offline", "--no-audit", "--no-fund"],
      { cwd: work, maxBuffer: 1 << 26 },
    );
    const installed = join(prefix, "lib", "node_modules", "lungang");
    // No sources ship: the bin runs the bundle.
    expect(existsSync(join(installed, "src"))).toBe(false);
    expect(existsSync(join(installed, "dist", "bundle", "lungang.mjs"))).toBe(true);
    const bin = join(prefix, "bin", "lungang");

    // A folder with only a dataset in it.
    const elsewhere = join(work, "elsewhere");
    mkdirSync(elsewhere);
    cpSync(join(ROOT, "examples/dalian/district.xlsx"), join(elsewhere, "花名册.xlsx"));
    const check = await run(bin, ["check", "花名册.xlsx", "--policy", "dalian", "--format", "json"], {
      cwd: elsewhere,
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    // Exit 1: the example plan has violations.
    expect((check as { code?: number }).code).toBe(1);
    const answer = JSON.parse(check.stdout) as { compliant: boolean; violations: unknown[] };
    expect(answer.compliant).toBe(false);
    expect(answer.violations.length).toBeGreaterThan(0);
    const tests = await run(bin, ["test", "beijing/haidian", "--lang", "en"], { cwd: elsewhere });
    expect(tests.stdout).toMatch(/\d+ passed, 0 failed/);

    const server = serve(bin, elsewhere);
    try {
      const base = await server.url;
      const page = await fetch(base);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("app.js");
      expect((await fetch(base + "app.js")).status).toBe(200);
      const policies = (await (await fetch(base + "api/policies")).json()) as { name: string }[];
      expect(policies.map((p) => p.name)).toContain("dalian");
    } finally {
      server.child.kill("SIGTERM");
    }
  }, 900_000);
});
