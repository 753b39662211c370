// Property: no stage throws on bad input. Mutated real policies and random
// text go through parse → check → compile → decide, and mutated datasets
// through the reader; each returns diagnostics (or a decision), never an
// exception — an exception would mean a bug in lungang.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasErrors } from "../../src/diagnostics/diagnostic.js";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame } from "../../src/interpreter/frame.js";
import { parseCaseText, parseDatasetText } from "../../src/data/read.js";
import { ROOT, checkText } from "../support/policy.js";

const dalian = readFileSync(join(ROOT, "policies/dalian/dalian.policy"), "utf8");
const plan = readFileSync(join(ROOT, "policies/dalian/plan.policy"), "utf8");
const caseText = readFileSync(join(ROOT, "examples/cases/dalian-teacher.yaml"), "utf8");

/** Text with a few random edits: deletions, insertions of policy-ish fragments, swaps. */
function mutated(base: string): fc.Arbitrary<string> {
  const fragment = fc.constantFrom(
    "{",
    "}",
    "(",
    ")",
    ":",
    "，",
    "当",
    "且",
    "满",
    "以下",
    '"',
    "9年",
    "15%",
    "优先于",
    "应交流",
    "x",
    "\n",
    "检查",
    "计数(",
    "1965-13",
    "2024-02-30",
  );
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.option(fragment, { nil: "" }));
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let s = base;
    for (const [at, del, ins] of edits) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });
}

describe("no stage throws on bad input", () => {
  it("mutated and random policies: diagnostics, never an exception; those that check also evaluate", () => {
    fc.assert(
      fc.property(fc.oneof(mutated(dalian), mutated(plan), fc.string({ unit: "binary", maxLength: 200 })), (text) => {
        const c = checkText(text, { withNational: true });
        expect(Array.isArray(c.all)).toBe(true);
        if (c.policy && !hasErrors(c.all)) {
          const cf = parseCaseText(caseText, "case.yaml", "yaml").value!;
          const d = compile(c.policy).decide(cf.teacher, newFrame({ asOf: cf.asOf, schools: cf.schoolById }), true);
          expect(["required", "deferred", "not_required", "indeterminate"]).toContain(d.decision);
        }
      }),
      { numRuns: 300 },
    );
  });
  it("mutated case files: diagnostics with a path or a position, never an exception", () => {
    fc.assert(
      fc.property(mutated(caseText), (text) => {
        const r = parseCaseText(text, "case.yaml", "yaml");
        for (const d of r.diagnostics)
          expect(d.path !== undefined || d.span !== undefined || d.file !== undefined).toBe(true);
        if (!r.value) expect(hasErrors(r.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it("random JSON values as datasets: diagnostics, never an exception", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseDatasetText(JSON.stringify(v), "data.json", "json");
        expect(r.value !== undefined || hasErrors(r.diagnostics)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
