// The YAML nesting estimate of the data reader (src/data/prescan.ts) against
// the parser's own nesting: `- key:` block sequences used to count one level
// per step where the parser nests two (a sequence and the entry's mapping),
// so a file 42 levels deep passed the limit of 32 (issue 9, finding 2).

import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { MAX_DATA_DEPTH } from "../../src/data/limits.js";
import { scanYamlDepth } from "../../src/data/prescan.js";
import { parseDatasetText } from "../../src/data/read.js";

/** Nesting as the parser builds it: containers on the deepest path (the root mapping is 1). */
function depth(v: unknown): number {
  if (v && typeof v === "object") return 1 + Math.max(0, ...Object.values(v).map(depth));
  return 0;
}

/** `teachers:` then n steps of `- aK:` each further indented, ending in a scalar entry. */
function dashKeys(n: number, step = 4): string {
  let t = "teachers:\n";
  for (let i = 0; i < n; i++) t += " ".repeat(2 + step * i) + `- a${i}:\n`;
  return t + " ".repeat(2 + step * n) + "- x\n";
}

/** n steps of `- - key:` (two sequences and a mapping per line). */
function dashDashKeys(n: number): string {
  let t = "teachers:\n";
  for (let i = 0; i < n; i++) t += " ".repeat(2 + 6 * i) + `- - a${i}:\n`;
  return t + " ".repeat(2 + 6 * n) + "- x\n";
}

describe("YAML nesting estimate (prescan) never undercounts", () => {
  it("`- key:` block sequences: refused exactly when the parsed nesting passes the limit", () => {
    for (const make of [dashKeys, (n: number) => dashKeys(n, 2), dashDashKeys]) {
      for (let n = 1; n <= 30; n++) {
        const text = make(n);
        const real = depth(YAML.parse(text));
        const found = scanYamlDepth(text);
        expect(found !== undefined, `${n} steps, parsed depth ${real}`).toBe(real > MAX_DATA_DEPTH);
      }
    }
  });

  it("a 42-level `- key:` file is D082 from the reader (it passed before)", () => {
    const text = dashKeys(20);
    expect(depth(YAML.parse(text))).toBe(42);
    const r = parseDatasetText(text, "d.yaml", "yaml");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["D082"]);
  });

  it("anchors, tags, quoted keys and `? key` after a dash count as the entry's mapping", () => {
    for (const key of ["&x a:", "!!map a:", '"a b":', "'a''b':", "? a"]) {
      let t = "teachers:\n";
      for (let i = 0; i < 20; i++) t += " ".repeat(2 + 4 * i) + `- ${key.replace("a", `a${i}`)}\n`;
      expect(scanYamlDepth(t), key).toBeDefined();
    }
  });

  it("a scalar entry, a flow entry and the bundled dataset are not over-counted", () => {
    expect(scanYamlDepth("a:\n  - x\n  - 'q: r'\n  - [1, 2]\n")).toBeUndefined();
    const ok =
      "as_of: 2024-09-01\nschools:\n  - id: S1\nteachers:\n  - id: T1\n    history:\n      - school: S1\n        from: 2010-09-01\n";
    expect(depth(YAML.parse(ok))).toBe(5);
    expect(scanYamlDepth(ok)).toBeUndefined();
  });
});
