// `check` on a dataset that holds no plan — no `plan`, `plan:` left empty
// (YAML null) — checks the plan rules against no moves, and says so (E011,
// a warning): before, `plan: null` silently dropped a plan's moves (found by
// the fuzz suite, seed 9101 case 3484). A dataset with a plan gets no E011.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { ROOT, runCli } from "../support/policy.js";

const dir = mkdtempSync(join(tmpdir(), "lungang-noplan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = YAML.parse(readFileSync(join(ROOT, "test/data/fixtures/valid.yaml"), "utf8")) as Record<string, unknown>;

async function codesOf(dataset: Record<string, unknown>, name: string) {
  const file = join(dir, name);
  writeFileSync(file, YAML.stringify(dataset));
  const r = await runCli(["check", file, "--policy", join(ROOT, "policies/dalian"), "--format", "json"]);
  type D = { code: string; severity: string };
  const j = JSON.parse(r.out) as { diagnostics?: D[]; warnings?: D[] };
  return { code: r.code, diagnostics: [...(j.diagnostics ?? []), ...(j.warnings ?? [])] };
}

describe("check without a plan", () => {
  it("a dataset with a plan: no E011", async () => {
    expect(base.plan).toBeDefined();
    const r = await codesOf(base, "with.yaml");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("E011");
  });

  it("no plan, or `plan:` left empty: the E011 warning, the same answer either way", async () => {
    const { plan: _plan, ...without } = base;
    const absent = await codesOf(without, "absent.yaml");
    const empty = await codesOf({ ...without, plan: null }, "null.yaml");
    for (const r of [absent, empty]) {
      const e = r.diagnostics.filter((d) => d.code === "E011");
      expect(e).toHaveLength(1);
      expect(e[0]!.severity).toBe("warning");
    }
    expect(empty.code).toBe(absent.code);
  });
});
