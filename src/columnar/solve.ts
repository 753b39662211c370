// Columnar plan check — the search for rules no plan could meet
// (propose.ts's infeasibleOn) over the districts concerned, split across
// worker threads (issue 14, item 3). Each district is its own problem (one
// MIP), so the districts are dealt to the threads, balanced by people; each
// thread gets the people of its districts and every concerned school (a
// history entry may name a school of another district; no record names
// another person — only a move names its teacher, and the search's moves are
// of the district's own people), compiles the policy again from its recipe
// (the texts it reads must be the ones the main thread read, else the search
// runs here) and solves only its districts. The rules found are matched to
// the violations in their order, as on one thread.
//
// Not split: a policy whose checks count across districts (one problem), a
// policy compiled without a recipe (by `compile`), fewer than two districts,
// or fewer people than LUNGANG_SOLVE_MIN (default 200,000): there a thread
// costs more than it saves (starting, compiling the policy again, copying).

import { compilePolicy, textsOf, type CompiledPolicy, type PolicyRecipe } from "../api/compile.js";
import type { Dataset, School, Teacher } from "../data/model.js";
import type { Day } from "../time/date.js";
import { componentOf, infeasibleOn, solvesAcrossDistricts, type InfeasibleRule } from "../propose/propose.js";
import { envCount, Pool, threadsToUse, workerScript } from "./pool.js";

/** Measured on 2 cores: the 11 districts (90,000 people) of the 1M-teacher bench took longer on 2 threads than on 1. */
const SOLVE_MIN_TEACHERS = 200_000;

/** One thread's share: every concerned school, the people of its districts, and those districts. */
export interface SolveTask {
  readonly recipe: PolicyRecipe;
  readonly asOf: Day;
  readonly schools: readonly School[];
  readonly teachers: readonly Teacher[];
  readonly only: readonly string[];
}

/** The rules found infeasible in the task's districts, or `other` when the policy compiled there is not the same. */
export type SolveOutcome = { readonly found: InfeasibleRule[] } | { readonly other: true };

/** Solve one share on this thread (what a solving thread does with each task). */
export async function solveTask(task: SolveTask): Promise<SolveOutcome> {
  const r = task.recipe;
  const compiled = compilePolicy(r.source, {
    ...(r.roots ? { roots: r.roots } : {}),
    ...(r.unsaved ? { unsaved: r.unsaved } : {}),
    ...(r.params ? { params: r.params } : {}),
  });
  if (!compiled.value || textsOf(compiled.sources) !== r.texts) return { other: true };
  const p = compiled.value;
  const data = withoutPlan(task.asOf, task.schools, task.teachers);
  return { found: await infeasibleOn(p.program, data, new Set(task.only), p.params) };
}

/** Schools and people as a Dataset without a plan (what the search solves on). */
export function withoutPlan(asOf: Day, schools: readonly School[], teachers: readonly Teacher[]): Dataset {
  return {
    asOf,
    schools,
    teachers,
    plan: { moves: [] },
    schoolById: new Map(schools.map((s) => [s.id, s])),
    teacherById: new Map(teachers.map((t) => [t.id, t])),
  };
}

/**
 * The rules found infeasible in `districts` of `data` (the concerned
 * districts as objects): on several threads where that is worth it (see the
 * header), else here.
 */
export async function infeasibleRules(
  policy: CompiledPolicy,
  data: Dataset,
  districts: ReadonlySet<string>,
): Promise<InfeasibleRule[]> {
  return (
    (await infeasibleOnThreads(policy, data, districts)) ??
    (await infeasibleOn(policy.program, data, districts, policy.params))
  );
}

/**
 * The rules found infeasible in `districts` of `data` (the concerned
 * districts as objects), solved on several threads; undefined when the search
 * is not split (see the header) — the caller then solves on this thread.
 */
export async function infeasibleOnThreads(
  policy: CompiledPolicy,
  data: Dataset,
  districts: ReadonlySet<string>,
  threads = threadsToUse(),
): Promise<InfeasibleRule[] | undefined> {
  const recipe = policy.recipe;
  const least = envCount("LUNGANG_SOLVE_MIN") ?? SOLVE_MIN_TEACHERS;
  if (!recipe || threads < 2 || districts.size < 2 || data.teachers.length < least) return undefined;
  if (solvesAcrossDistricts(policy.program)) return undefined;
  // Districts dealt to the threads, the largest first, each to the least loaded.
  const people = new Map<string, number>();
  const schoolOf = new Map(data.schools.map((s) => [s.id, componentOf(s)]));
  const districtOf = (t: Teacher) => schoolOf.get(t.school) ?? componentOf(undefined);
  for (const t of data.teachers) people.set(districtOf(t), (people.get(districtOf(t)) ?? 0) + 1);
  const n = Math.min(threads, districts.size);
  const shares = Array.from({ length: n }, () => ({ load: 0, only: [] as string[] }));
  for (const d of [...districts].sort((a, b) => (people.get(b) ?? 0) - (people.get(a) ?? 0) || (a < b ? -1 : 1))) {
    const s = shares.reduce((x, y) => (y.load < x.load ? y : x));
    s.only.push(d);
    s.load += people.get(d) ?? 0;
  }
  const pool = new Pool<SolveTask, SolveOutcome>(workerScript("solve-worker"), n, undefined, solveTask);
  try {
    const outcomes = await Promise.all(
      shares.map((s) => {
        const mine = new Set(s.only);
        const teachers = data.teachers.filter((t) => mine.has(districtOf(t)));
        return pool.run({ recipe, asOf: data.asOf, schools: data.schools, teachers, only: s.only });
      }),
    );
    // Each rule found names its clause as compiled there: this policy's clause of that id stands in.
    const clauses = new Map(policy.program.checks.map((c) => [c.info.clause.id, c.info.clause]));
    const found: InfeasibleRule[] = [];
    for (const o of outcomes) {
      if ("other" in o) return undefined;
      for (const r of o.found) {
        const clause = clauses.get(r.clause.id);
        if (!clause) return undefined;
        found.push({ ...r, clause });
      }
    }
    return found;
  } finally {
    await pool.close();
  }
}
