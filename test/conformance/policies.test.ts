// Conformance: every jurisdiction folder under policies/ that keeps test
// cases (`tests/`) passes them through the same `lungang test` users run, and
// every policy folder lints without errors.

import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, policyFolders, runCli } from "../support/policy.js";

const folders = policyFolders(join(ROOT, "policies"));

describe("policies", () => {
  it("there are policies to test", () => expect(folders.length).toBeGreaterThanOrEqual(2));
  for (const dir of folders) {
    const name = relative(ROOT, dir);
    it(`${name}: lints without errors`, async () => {
      const r = await runCli(["lint", dir, "--json"]);
      const errors = JSON.parse(r.out).diagnostics.filter((d: { severity: string }) => d.severity === "error");
      expect(errors).toEqual([]);
      expect(r.code).toBe(0);
    });
    if (existsSync(join(dir, "tests"))) {
      it(`${name}: its own test cases pass (lungang test)`, async () => {
        const r = await runCli(["test", dir]);
        const last = r.out.trim().split("\n").at(-1) ?? "";
        expect(last, r.out + r.err).toMatch(/^[1-9]\d* passed, 0 failed$/);
        expect(r.code).toBe(0);
      });
    }
  }
});
