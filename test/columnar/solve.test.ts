// The search for rules no plan could meet, dealt to threads by district
// (src/columnar/solve.ts): the same rules as on one thread, matched to the
// same violations; and where it must not split — another policy text read
// on the other side, a policy without a recipe — it says so and the caller
// solves on one thread. Without a worker script (these sources under the test
// runner) the shares are solved here, through the same task code.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.js";
import { compile, compilePolicy, withParams } from "../../src/api/compile.js";
import { Rows, checkColumnar } from "../../src/columnar/check.js";
import { columnarSource } from "../../src/columnar/plan.js";
import { readColumnar } from "../../src/columnar/read.js";
import {
  SearchAhead,
  batchesOf,
  datasetSource,
  infeasibleOnThreads,
  infeasibleRules,
  peopleOf,
} from "../../src/columnar/solve.js";
import { writeDatasetCsv } from "../../src/data/tabular/write.js";
import { parseDatasetText } from "../../src/data/read.js";
import type { Dataset } from "../../src/data/model.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { componentOf, districtsOf, infeasibleOn, matchInfeasible } from "../../src/propose/propose.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { ROOT } from "../support/policy.js";

const policy = compilePolicy(join(ROOT, "policies", "dalian")).value!;

/** A generated roster whose plan breaks must-rules in several districts, and those districts. */
function concerned(seed: number): {
  data: Dataset;
  districts: Set<string>;
  violations: ReturnType<typeof checkPlan>["violations"];
} {
  const raw = generate({ seed, teachers: 2400, schools: 60, violations: true });
  const ds = parseDatasetText(JSON.stringify(raw), "generated.json", "json").value!;
  const violations = checkPlan(policy.program, ds, policy.params).violations;
  return { data: { ...ds, plan: { moves: [] } }, districts: districtsOf(ds, violations), violations };
}

const VARS = ["LUNGANG_SOLVE_MIN", "LUNGANG_SEARCH_BATCH"] as const;
let saved: (string | undefined)[] = [];
beforeEach(() => {
  saved = VARS.map((k) => process.env[k]);
  process.env.LUNGANG_SOLVE_MIN = "0";
  // Every district a batch of its own.
  process.env.LUNGANG_SEARCH_BATCH = "1";
});
afterEach(() => {
  VARS.forEach((k, i) => {
    if (saved[i] === undefined) delete process.env[k];
    else process.env[k] = saved[i];
  });
});

describe("the infeasibility search on threads", () => {
  it("finds the rules one thread finds, district by district, matched to the same violations", async () => {
    let compared = 0;
    for (const seed of [2, 3, 5]) {
      const { data, districts, violations } = concerned(seed);
      if (districts.size < 2) continue;
      const one = matchInfeasible(violations, await infeasibleOn(policy.program, data, districts, policy.params));
      const found = await infeasibleOnThreads(policy, datasetSource(data), districts, 2);
      expect(found).toBeDefined();
      expect(matchInfeasible(violations, found!)).toEqual(one);
      // The same batches one after another on this thread, and one batch of everything.
      expect(matchInfeasible(violations, await infeasibleRules(policy, datasetSource(data), districts, 1))).toEqual(
        one,
      );
      process.env.LUNGANG_SEARCH_BATCH = String(data.teachers.length);
      expect(await infeasibleOnThreads(policy, datasetSource(data), districts, 2)).toBeUndefined();
      expect(matchInfeasible(violations, await infeasibleRules(policy, datasetSource(data), districts, 2))).toEqual(
        one,
      );
      process.env.LUNGANG_SEARCH_BATCH = "1";
      compared += one.length;
    }
    expect(compared).toBeGreaterThan(0);
  }, 120_000);

  it("is not split when the other side would read another policy text, or the policy has no recipe", async () => {
    const { data, districts } = concerned(2);
    expect(districts.size).toBeGreaterThan(1);
    const edited = { ...policy, recipe: { ...policy.recipe!, texts: policy.recipe!.texts + " " } };
    expect(await infeasibleOnThreads(edited, datasetSource(data), districts, 2)).toBeUndefined();
    // Compiled from a checked policy, it has no recipe; more parameter values keep the one it has.
    const noRecipe = compile(policy.checked).value!;
    expect(noRecipe.recipe).toBeUndefined();
    expect(await infeasibleOnThreads(noRecipe, datasetSource(data), districts, 2)).toBeUndefined();
    expect(withParams(policy, {}).value!.recipe).toEqual({ ...policy.recipe, params: {} });
    // One thread, one district, or fewer people than the minimum: solved here by the caller.
    expect(await infeasibleOnThreads(policy, datasetSource(data), districts, 1)).toBeUndefined();
    expect(
      await infeasibleOnThreads(policy, datasetSource(data), new Set([...districts].slice(0, 1)), 2),
    ).toBeUndefined();
    process.env.LUNGANG_SOLVE_MIN = String(data.teachers.length + 1);
    expect(await infeasibleOnThreads(policy, datasetSource(data), districts, 2)).toBeUndefined();
  }, 120_000);

  it("a text edited on the other side: the search is made here, with the same answer", async () => {
    const { data, districts, violations } = concerned(2);
    const one = matchInfeasible(violations, await infeasibleOn(policy.program, data, districts, policy.params));
    const edited = { ...policy, recipe: { ...policy.recipe!, texts: policy.recipe!.texts + " " } };
    expect(matchInfeasible(violations, await infeasibleRules(edited, datasetSource(data), districts, 2))).toEqual(one);
  }, 120_000);

  it("cuts the districts, in the search's order, into batches of about the size asked (a district never split)", () => {
    const people = new Map([
      ["b", 5],
      ["a", 3],
      ["c", 1],
      ["\u0000", 2],
    ]);
    const of = (d: string) => people.get(d)!;
    expect(batchesOf(new Set(people.keys()), of, 4)).toEqual([["\u0000", "a"], ["b"], ["c"]]);
    expect(batchesOf(new Set(people.keys()), of, 100)).toEqual([["\u0000", "a", "b", "c"]]);
    expect(batchesOf(new Set(), of, 4)).toEqual([]);
  });

  it("takes the decisions it is given (check's), and does not make them again", async () => {
    const { data, districts } = concerned(2);
    const own = await infeasibleOn(policy.program, data, districts, policy.params);
    const f = newFrame(
      worldOf(
        policy.program.policy,
        { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById },
        policy.params,
      ),
    );
    const decided = new Map(data.teachers.map((t) => [t.id, policy.program.decideValue(t, f)]));
    expect(await infeasibleOn(policy.program, data, districts, policy.params, decided)).toEqual(own);
    // Everyone due: another roster as far as the rules on the people due can tell.
    const everyoneDue = new Map(data.teachers.map((t) => [t.id, "required"]));
    const given = await infeasibleOn(policy.program, data, districts, policy.params, everyoneDue);
    expect(given).not.toEqual(own);
  }, 120_000);

  it("a batch sent as columns is made into the people sent as objects, with the same decisions and schools", async () => {
    const { dir } = concernedFolder(3);
    const data = (await readColumnar(dir, { schema: policy.checked.input })).value!;
    const rows = new Rows(data, policy.program, true);
    const source = columnarSource(data, rows, checkColumnar(policy.program, data, policy.params).decisions);
    const districts = [...new Set(data.schools.map((s) => componentOf(s)))].sort();
    expect(districts.length).toBeGreaterThan(1);
    for (const batch of [districts.slice(0, 1), districts.slice(1), districts]) {
      const objects = source.batch(batch);
      const sent = source.columns!(batch);
      // As a thread receives it: a structured copy, its buffers moved.
      const got = structuredClone(sent.columns, { transfer: sent.transfer });
      const made = peopleOf(got);
      expect(made.teachers).toEqual(objects.data.teachers.map((t) => ({ ...t })));
      expect(made.decisions).toEqual(objects.decisions);
      expect(sent.schools).toEqual(objects.data.schools);
      expect(made.teachers.some((t) => t.history.length > 0)).toBe(true);
    }
  }, 120_000);

  it("started during the checks (told each violation), it finds what the search after them finds", async () => {
    let found = 0;
    for (const seed of [2, 3, 5]) {
      const { dir, violations: objectViolations } = concernedFolder(seed);
      const data = (await readColumnar(dir, { schema: policy.checked.input })).value!;
      const rows = new Rows(data, policy.program, true);
      const checked = checkColumnar(policy.program, data, policy.params);
      expect(checked.violations.length).toBe(objectViolations.length);
      const source = columnarSource(data, rows, checked.decisions);
      const districts = districtsOf(data, checked.violations);
      const after = matchInfeasible(checked.violations, await infeasibleRules(policy, source, districts, 1));
      const ahead = SearchAhead.of(policy, rows.count, (id) => componentOf(data.schoolById.get(id)), 2)!;
      expect(ahead).toBeDefined();
      try {
        ahead.decided(source);
        for (const v of checked.violations) {
          ahead.violated(v);
          ahead.visited();
        }
        expect(ahead.early).toBeGreaterThan(0);
        expect(matchInfeasible(checked.violations, await ahead.rules(source, districts))).toEqual(after);
      } finally {
        await ahead.close();
      }
      found += after.length;
    }
    expect(found).toBeGreaterThan(0);
    // Where the search would not go to threads, none is started early.
    expect(SearchAhead.of(policy, 1000, () => "", 1)).toBeUndefined();
    process.env.LUNGANG_SOLVE_MIN = "1001";
    expect(SearchAhead.of(policy, 1000, () => "", 2)).toBeUndefined();
  }, 120_000);
});

/** concerned(seed) written as a CSV folder. */
function concernedFolder(seed: number): { dir: string; violations: ReturnType<typeof checkPlan>["violations"] } {
  const raw = generate({ seed, teachers: 2400, schools: 60, violations: true });
  const ds = parseDatasetText(JSON.stringify(raw), "generated.json", "json").value!;
  const dir = mkdtempSync(join(tmpdir(), "lungang-solve-"));
  writeDatasetCsv(ds, dir, "utf-8");
  return { dir, violations: checkPlan(policy.program, ds, policy.params).violations };
}
