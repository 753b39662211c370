// Every policy file under policies/ is in canonical form, as `lungang fmt
// --check policies` requires (CI runs this in npm test). After editing a
// bundled policy, run `npm run --silent lungang -- fmt policies --write`:
// only whitespace changes, every word and comment is kept.

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatPolicies } from "../../src/index.js";
import { ROOT } from "../support/policy.js";

function policyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? policyFiles(p) : e.endsWith(".policy") ? [p] : [];
  });
}

describe("the bundled policies are in canonical form", () => {
  const files = policyFiles(join(ROOT, "policies"));
  it("finds them, and lungang fmt reads every one", () => {
    expect(files.length).toBeGreaterThan(20);
    const r = formatPolicies([join(ROOT, "policies")]);
    expect(r.value!.map((f) => f.path).sort()).toEqual([...files].sort());
  });
  for (const f of files) {
    it(`${f.slice(ROOT.length + 1)} (else: lungang fmt policies --write)`, () => {
      const r = formatPolicies([f]);
      expect(r.diagnostics.map((d) => d.message)).toEqual([]);
      expect(r.value![0]!.changed).toBe(false);
    });
  }
});
