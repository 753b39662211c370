// bin/lungang.js runs the build that matches the sources: an installed
// package (no src/) runs its bundle; a git checkout runs the bundle only when
// it is newer than every source file, else tsc's dist/src when that is, else
// dist/src with a warning naming the newer source — never stale code silently.

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { chooseEntry } from "../../bin/entry.js";

let pkg = "";
afterEach(() => {
  if (pkg) rmSync(pkg, { recursive: true, force: true });
});

/** A package folder with files at the given ages (seconds before a fixed time). */
function tree(files: Record<string, number>): string {
  pkg = mkdtempSync(join(tmpdir(), "lungang-bin-"));
  const t0 = Date.parse("2026-01-01T00:00:00Z") / 1000;
  for (const [f, age] of Object.entries(files)) {
    const p = join(pkg, f);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, "");
    utimesSync(p, t0 - age, t0 - age);
  }
  return pkg;
}

const BUNDLE = "dist/bundle/lungang.mjs";
const TSC = "dist/src/cli/main.js";
const rel = (r: { entry: string }) => r.entry.slice(pkg.length + 1);

describe("the entry bin/lungang.js runs", () => {
  it("is the bundle of an installed package (no sources beside it)", () => {
    const r = chooseEntry(tree({ [BUNDLE]: 500, [TSC]: 500 }));
    expect(rel(r)).toBe(BUNDLE);
    expect(r.warning).toBeUndefined();
  });

  it("is the bundle in a checkout when it is newer than every source file", () => {
    const r = chooseEntry(tree({ [BUNDLE]: 10, [TSC]: 20, "src/a.ts": 100, "grammar/g.ts": 50 }));
    expect(rel(r)).toBe(BUNDLE);
  });

  it("is dist/src when the bundle is older than a source file and tsc's output is not", () => {
    const r = chooseEntry(tree({ [BUNDLE]: 100, [TSC]: 10, "src/cli/x.ts": 50 }));
    expect(rel(r)).toBe(TSC);
    expect(r.warning).toBeUndefined();
  });

  it("is dist/src with a warning naming the newer source when every build is older", () => {
    const r = chooseEntry(tree({ [BUNDLE]: 100, [TSC]: 100, "src/old.ts": 200, "grammar/tokens.ts": 5 }));
    expect(rel(r)).toBe(TSC);
    expect(r.warning).toContain("grammar/tokens.ts");
    expect(r.warning).toContain("npm run build");
  });

  it("is dist/src when there is no bundle", () => {
    expect(rel(chooseEntry(tree({ [TSC]: 10, "src/a.ts": 100 })))).toBe(TSC);
  });
});
