// Finding 8 of issue 9: lint and case were super-linear in the number of
// clauses (Dalian + 3,000 copies: 18 s). The quadratic steps were the winners
// and overridden sets of a decision, the exception flips of `case` (a full
// re-decision per exception), W006's exception lists and line/column lookup
// in rendering. Timing lives in `npm run bench`; here: the fast flip path
// gives exactly what re-deciding gives, and the big policy still answers.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extraClauses } from "../../bench/many-clauses.js";
import { generate } from "../../bench/generate.js";
import { check } from "../../src/checker/check.js";
import { parseDatasetText } from "../../src/data/read.js";
import { compile } from "../../src/interpreter/compile.js";
import { exceptionFlips } from "../../src/interpreter/counterfactual.js";
import { decideFromResults, type Decision } from "../../src/interpreter/decide.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { RULE_KINDS } from "../../src/semantics/rule-kinds.js";
import { lineCol } from "../../src/render/diagnostics.js";
import { loadPolicy } from "../../src/policy/load.js";
import { ROOT, unitFromText, nationalUnit } from "../support/policy.js";

/** The definition: flip each boolean exception and re-decide in full. */
function flipsByRedeciding(base: Decision) {
  return base.results.flatMap((r, i) => {
    if (!RULE_KINDS[r.rule.rule.ruleKind].exception || typeof r.value !== "boolean") return [];
    if (r.limit && r.value === false) return [];
    const d = decideFromResults(base.results.map((x, j) => (j === i ? { ...x, value: !r.value } : x)));
    return d.decision !== base.decision ? [{ label: r.rule.label, held: !r.value, decision: d.decision }] : [];
  });
}

const flipsFast = (d: Decision) =>
  exceptionFlips(d).map((f) => ({ label: f.rule.label, held: f.held, decision: f.decision }));

describe("many clauses (finding 8)", () => {
  it("exception flips equal full re-decisions, for every jurisdiction and 400 generated teachers each", () => {
    const ds = generate({
      seed: 7,
      teachers: 400,
      schools: 10,
      asOf: "2025-09-01",
      movesPerDue: 0.2,
      violations: true,
    });
    const data = parseDatasetText(JSON.stringify(ds), "g.json", "json").value!;
    for (const name of ["dalian", "beijing", "beijing/haidian", "changzhou"]) {
      const program = compile(check(loadPolicy(join(ROOT, "policies", name)).unit!).policy!);
      const f = newFrame(
        worldOf(program.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }),
      );
      for (const t of data.teachers) {
        const d = program.decide(t, f);
        if (d.decision === "indeterminate") continue;
        expect(flipsFast(d), `${name} ${t.id}`).toEqual(flipsByRedeciding(d));
      }
    }
  });

  it("Dalian with 300 copied clauses: flips still equal re-decisions, lint gives the expected W006 only", () => {
    const text = readFileSync(join(ROOT, "policies/dalian/dalian.policy"), "utf8") + "\n" + extraClauses(300);
    const { unit } = unitFromText(text, { name: "dalian", file: "dalian.policy" });
    const c = check({ ...unit, uses: [nationalUnit()] });
    expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(new Set(c.diagnostics.map((d) => d.code))).toEqual(new Set(["W006"]));
    const program = compile(c.policy!);
    const ds = generate({ seed: 3, teachers: 60, schools: 3, asOf: "2025-09-01", movesPerDue: 0, violations: false });
    const data = parseDatasetText(JSON.stringify(ds), "g.json", "json").value!;
    const f = newFrame(
      worldOf(program.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }),
    );
    let flipped = 0;
    for (const t of data.teachers) {
      const d = program.decide(t, f);
      if (d.decision === "indeterminate") continue;
      const fast = flipsFast(d);
      flipped += fast.length;
      expect(fast).toEqual(flipsByRedeciding(d));
    }
    expect(flipped).toBeGreaterThan(0);
  });

  it("line and column from the cached line index agree with counting", () => {
    const text = "a\nbc\n\n大连\r\nx";
    for (let o = 0; o <= text.length; o++) {
      const before = text.slice(0, o);
      const line = before.split("\n").length;
      const col = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
      expect(lineCol(text, o)).toEqual({ line, col });
    }
  });
});
