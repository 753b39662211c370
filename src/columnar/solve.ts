// Columnar plan check — the search for rules no plan could meet
// (propose.ts's infeasibleOn) over the districts concerned, a batch of
// districts at a time, the batches dealt to worker threads (issue 14).
// Each district is its own problem (one MIP), so the concerned districts,
// in the order one search takes them, are cut into batches of about
// SEARCH_BATCH_PEOPLE people; each batch is materialised as objects only
// while it is solved (its districts' schools and people, the schools their
// histories name, and each person's decision as `check` made it, not made
// again), so memory holds a batch per thread, never the concerned country.
// A thread compiles the policy once from its recipe (the texts it reads must
// be the ones the main thread read, else the search runs here) and solves
// each batch it is sent. The rules found are joined in batch order: the
// order of one search over every district.
//
// No threads: a policy whose checks count across districts (one problem, one
// batch, solved here), a policy compiled without a recipe (by `compile`),
// fewer than two batches, or fewer people than LUNGANG_SOLVE_MIN (default
// 200,000): there a thread costs more than it saves (starting, compiling the
// policy again, copying).

import { compilePolicy, textsOf, type CompiledPolicy, type PolicyRecipe } from "../api/compile.js";
import type { Dataset, School, Teacher } from "../data/model.js";
import type { Violation } from "../plan/check-plan.js";
import type { Day } from "../time/date.js";
import { componentOf, infeasibleOn, solvesAcrossDistricts, type InfeasibleRule } from "../propose/propose.js";
import { ColumnTable, type TableParts } from "./columns.js";
import { schemaFrom, type SchemaData } from "./parallel.js";
import { envCount, Pool, threadsToUse, workerScript } from "./pool.js";

/** Measured on 2 cores: the 11 districts (90,000 people) of the 1M-teacher bench took longer on 2 threads than on 1. */
const SOLVE_MIN_TEACHERS = 200_000;

/**
 * People per batch (LUNGANG_SEARCH_BATCH): large enough that a batch's fixed cost is small, small enough to hold.
 * Measured at national scale (2 threads, one run each): 200,000 → 4.98 GB peak, 100,000 → 4.48 GB,
 * 50,000 → 4.31 GB, the search 33–37 s each time.
 */
const SEARCH_BATCH_PEOPLE = 50_000;

/** Some districts as objects, and each person's decision (in `teachers`' order) where already made. */
export interface DistrictBatch {
  readonly data: Dataset;
  readonly decisions?: readonly (string | undefined)[];
}

/**
 * Some districts' people as columns, for a thread to make into objects
 * there: their rows of the teacher table, their history rows (the rows of
 * person i are start[i] … start[i + 1]), each person's decision as a code
 * into `decisionNames`, and the schema the tables were read with.
 */
export interface BatchColumns {
  readonly schema: SchemaData;
  readonly teachers: TableParts;
  readonly history?: { readonly table: TableParts; readonly start: Int32Array };
  readonly decisions: Uint8Array;
  readonly decisionNames: readonly string[];
}

/** Where the search's districts come from: their sizes, and any few of them as objects (or as columns). */
export interface DistrictSource {
  /** People per district (componentOf of their school). */
  people(district: string): number;
  /** The schools of `districts`, every school their people's histories name, their people, without a plan. */
  batch(districts: readonly string[]): DistrictBatch;
  /**
   * The same batch with its people as columns (the schools as objects), and
   * the buffers to move: a thread makes the people itself, so this thread
   * neither builds nor copies objects that live until the batch is solved.
   */
  columns?(districts: readonly string[]): {
    asOf: Day;
    schools: School[];
    columns: BatchColumns;
    transfer: ArrayBuffer[];
  };
}

/** One batch for a thread: its districts (people as objects or as columns), their decisions, the policy's recipe. */
export interface SolveTask {
  readonly recipe: PolicyRecipe;
  readonly asOf: Day;
  readonly schools: readonly School[];
  readonly teachers?: readonly Teacher[];
  readonly decisions?: readonly (string | undefined)[];
  readonly columns?: BatchColumns;
  readonly only: readonly string[];
}

/** The task for the batch of `districts`, and the buffers it moves. */
function taskOf(
  recipe: PolicyRecipe,
  source: DistrictSource,
  districts: readonly string[],
): { task: SolveTask; transfer: ArrayBuffer[] } {
  if (source.columns) {
    const { asOf, schools, columns, transfer } = source.columns(districts);
    return { task: { recipe, asOf, schools, columns, only: districts }, transfer };
  }
  const { data, decisions } = source.batch(districts);
  return {
    task: {
      recipe,
      asOf: data.asOf,
      schools: data.schools,
      teachers: data.teachers,
      ...(decisions ? { decisions } : {}),
      only: districts,
    },
    transfer: [],
  };
}

/** The people of a batch sent as columns, as objects (ColumnTable.load, as the main thread loads them), and their decisions. */
export function peopleOf(c: BatchColumns): { teachers: Teacher[]; decisions: string[] } {
  const schema = schemaFrom(c.schema);
  const tt = new ColumnTable(schema.teacher, (e) => schema.enumTable(e));
  tt.absorb(c.teachers);
  const h = c.history;
  const ht = h ? new ColumnTable(schema.history, (e) => schema.enumTable(e), ["teacher"]) : undefined;
  if (ht) ht.absorb(h!.table);
  const teachers: Teacher[] = [];
  const decisions: string[] = [];
  for (let i = 0; i < tt.rows; i++) {
    const history: unknown[] = [];
    if (ht) for (let j = h!.start[i]!; j < h!.start[i + 1]!; j++) history.push(ht.load(j, {}));
    teachers.push(tt.load(i, {}, history) as unknown as Teacher);
    decisions.push(c.decisionNames[c.decisions[i]!]!);
  }
  return { teachers, decisions };
}

/** The rules found infeasible in the task's districts, or `other` when the policy compiled there is not the same. */
export type SolveOutcome = { readonly found: InfeasibleRule[] } | { readonly other: true };

/** The policy a thread compiled last (a thread is sent batch after batch of one search). */
let compiledHere: { readonly recipe: PolicyRecipe; readonly policy: CompiledPolicy | undefined } | undefined;

function policyOf(r: PolicyRecipe): CompiledPolicy | undefined {
  if (compiledHere && JSON.stringify(compiledHere.recipe) === JSON.stringify(r)) return compiledHere.policy;
  const compiled = compilePolicy(r.source, {
    ...(r.roots ? { roots: r.roots } : {}),
    ...(r.unsaved ? { unsaved: r.unsaved } : {}),
    ...(r.params ? { params: r.params } : {}),
  });
  const policy = compiled.value && textsOf(compiled.sources) === r.texts ? compiled.value : undefined;
  compiledHere = { recipe: r, policy };
  return policy;
}

/** Solve one batch on this thread (what a solving thread does with each task). */
export async function solveTask(task: SolveTask): Promise<SolveOutcome> {
  const p = policyOf(task.recipe);
  if (!p) return { other: true };
  const people = task.columns ? peopleOf(task.columns) : { teachers: task.teachers!, decisions: task.decisions };
  const data = withoutPlan(task.asOf, task.schools, people.teachers);
  return {
    found: await infeasibleOn(p.program, data, new Set(task.only), p.params, decisionMap(data, people.decisions)),
  };
}

/** The decisions of a batch by id (a person without one is decided by the search). */
function decisionMap(data: Dataset, decisions: DistrictBatch["decisions"]): Map<string, string> | undefined {
  if (!decisions) return undefined;
  const out = new Map<string, string>();
  data.teachers.forEach((t, i) => {
    const d = decisions[i];
    if (d !== undefined) out.set(t.id, d);
  });
  return out;
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

/** An object Dataset as a source (its plan left out), with the decisions `check` made when given. */
export function datasetSource(data: Dataset, decisions?: ReadonlyMap<string, string>): DistrictSource {
  const people = new Map<string, number>();
  const districtOf = (t: Teacher) => componentOf(data.schoolById.get(t.school));
  for (const t of data.teachers) people.set(districtOf(t), (people.get(districtOf(t)) ?? 0) + 1);
  return {
    people: (d) => people.get(d) ?? 0,
    batch(districts) {
      const inside = new Set(districts);
      const teachers = data.teachers.filter((t) => inside.has(districtOf(t)));
      return {
        data: withoutPlan(data.asOf, batchSchools(data, inside, teachers), teachers),
        ...(decisions ? { decisions: teachers.map((t) => decisions.get(t.id)) } : {}),
      };
    },
  };
}

/** The schools of `districts` and the schools `teachers`' histories name (by id, as the roster lists them). */
export function batchSchools(
  data: Pick<Dataset, "schools" | "schoolById">,
  districts: ReadonlySet<string>,
  teachers: readonly Teacher[],
): School[] {
  const named = new Set<string>();
  for (const t of teachers)
    for (const h of t.history) if (!districts.has(componentOf(data.schoolById.get(h.school)))) named.add(h.school);
  return data.schools.filter((s) => districts.has(componentOf(s)) || named.has(s.id));
}

/** The concerned districts in the order one search takes them, cut into batches of about `size` people. */
export function batchesOf(districts: ReadonlySet<string>, people: (d: string) => number, size: number): string[][] {
  const out: string[][] = [];
  let batch: string[] = [];
  let load = 0;
  for (const d of [...districts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    batch.push(d);
    load += people(d);
    if (load >= size) {
      out.push(batch);
      batch = [];
      load = 0;
    }
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** The concerned districts' batches (one for a policy that counts across districts: one problem). */
function searchBatches(policy: CompiledPolicy, source: DistrictSource, districts: ReadonlySet<string>): string[][] {
  if (solvesAcrossDistricts(policy.program)) return [[...districts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))];
  return batchesOf(districts, (d) => source.people(d), envCount("LUNGANG_SEARCH_BATCH") || SEARCH_BATCH_PEOPLE);
}

/**
 * The rules found infeasible in `districts` of `source`: batch by batch, on
 * several threads where that is worth it (see the header), else here.
 */
export async function infeasibleRules(
  policy: CompiledPolicy,
  source: DistrictSource,
  districts: ReadonlySet<string>,
  threads = threadsToUse(),
): Promise<InfeasibleRule[]> {
  const batches = searchBatches(policy, source, districts);
  const found = await onThreads(policy, source, batches, threads);
  if (found) return found;
  const out: InfeasibleRule[] = [];
  for (const b of batches) {
    const { data, decisions } = source.batch(b);
    out.push(...(await infeasibleOn(policy.program, data, new Set(b), policy.params, decisionMap(data, decisions))));
  }
  return out;
}

/**
 * The rules found infeasible in `districts` of `source`, the batches solved
 * on threads and joined in order; undefined when that is not worth it or not
 * possible (see the header) — the caller then solves here.
 */
export async function infeasibleOnThreads(
  policy: CompiledPolicy,
  source: DistrictSource,
  districts: ReadonlySet<string>,
  threads = threadsToUse(),
): Promise<InfeasibleRule[] | undefined> {
  return onThreads(policy, source, searchBatches(policy, source, districts), threads);
}

async function onThreads(
  policy: CompiledPolicy,
  source: DistrictSource,
  batches: readonly (readonly string[])[],
  threads: number,
): Promise<InfeasibleRule[] | undefined> {
  const recipe = policy.recipe;
  const least = envCount("LUNGANG_SOLVE_MIN") ?? SOLVE_MIN_TEACHERS;
  const people = batches.reduce((n, b) => b.reduce((m, d) => m + source.people(d), n), 0);
  if (!recipe || threads < 2 || batches.length < 2 || people < least) return undefined;
  const n = Math.min(threads, batches.length);
  const pool = new Pool<SolveTask, SolveOutcome>(workerScript("solve-worker"), n, undefined, solveTask);
  try {
    // A batch is made when a thread has room for it (the one it solves and the next, waiting there):
    // 2n batches in memory at a time, not all of them.
    const outcomes: SolveOutcome[] = new Array(batches.length);
    let next = 0;
    const lane = async () => {
      while (next < batches.length) {
        const i = next++;
        const { task, transfer } = taskOf(recipe, source, batches[i]!);
        outcomes[i] = await pool.run(task, transfer);
        if ("other" in outcomes[i]!) return;
      }
    };
    await Promise.all(Array.from({ length: Math.min(batches.length, 2 * n) }, lane));
    return joined(policy, outcomes);
  } finally {
    await pool.close();
  }
}

/**
 * The rules the threads found, in batch order; undefined when a thread
 * compiled another policy (or a batch is missing). Each rule names its clause
 * as compiled there: this policy's clause of that id stands in.
 */
function joined(policy: CompiledPolicy, outcomes: readonly (SolveOutcome | undefined)[]): InfeasibleRule[] | undefined {
  const clauses = new Map(policy.program.checks.map((c) => [c.info.clause.id, c.info.clause]));
  const found: InfeasibleRule[] = [];
  for (const o of outcomes) {
    if (!o || "other" in o) return undefined;
    for (const r of o.found) {
      const clause = clauses.get(r.clause.id);
      if (!clause) return undefined;
      found.push({ ...r, clause });
    }
  }
  return found;
}

/**
 * The search started while the plan checks run. A district is concerned as
 * soon as one must-violation of a school or of the district itself is found
 * (districtsOf's rule), so its batch can be solved on a thread while this
 * thread goes on checking, instead of the threads waiting for the checks
 * (measured at national scale: 12 s of checks on this thread, the other core
 * idle). The checks tell it each violation (`violated`) and let it take the
 * threads' answers now and then (`visited`: poll, and give them more);
 * `rules` adds the districts found concerned otherwise (violations of a
 * group, the plan, a location, a tier) and waits for every batch. Which
 * districts share a batch does not change the rules found (each district is
 * its own problem) and matchInfeasible puts them in the violations' order:
 * the answer is the search's after the checks. Started only where the
 * search would go to threads anyway (see the header); else `rules` is
 * infeasibleRules.
 */
export class SearchAhead {
  private pool: Pool<SolveTask, SolveOutcome> | undefined;
  private source: DistrictSource | undefined;
  /** Districts known concerned; of them, those not yet in a batch, and their people. */
  private readonly known = new Set<string>();
  private pending: string[] = [];
  private load = 0;
  private readonly runs: Promise<SolveOutcome>[] = [];
  private visits = 0;
  /** Batches given to the threads before `rules` (during the checks). */
  early = 0;
  private readonly size = envCount("LUNGANG_SEARCH_BATCH") || SEARCH_BATCH_PEOPLE;

  private constructor(
    private readonly policy: CompiledPolicy,
    private readonly recipe: PolicyRecipe,
    private readonly districtOf: (school: string) => string,
    private readonly threads: number,
  ) {}

  /** A search to start during the checks of `people` people, or undefined where it would not go to threads. */
  static of(
    policy: CompiledPolicy,
    people: number,
    districtOf: (school: string) => string,
    threads = threadsToUse(),
  ): SearchAhead | undefined {
    const least = envCount("LUNGANG_SOLVE_MIN") ?? SOLVE_MIN_TEACHERS;
    if (!policy.recipe || threads < 2 || people < least || solvesAcrossDistricts(policy.program)) return undefined;
    return new SearchAhead(policy, policy.recipe, districtOf, threads);
  }

  /** Everyone is decided: the districts can be made into batches from here. */
  decided(source: DistrictSource): void {
    this.source = source;
  }

  violated(v: Violation): void {
    if (v.severity !== "error" || !this.source) return;
    const k = v.subject.kind;
    const d = k === "school" ? this.districtOf(v.subject.id) : k === "district" ? v.subject.id : undefined;
    if (d === undefined || this.known.has(d)) return;
    this.known.add(d);
    this.pending.push(d);
    this.load += this.source.people(d);
    this.give();
  }

  visited(): void {
    if ((++this.visits & 1023) !== 0 || !this.pool) return;
    this.pool.poll();
    this.give();
  }

  /** Whole batches of the districts pending, each as a thread has room for it. */
  private give(): void {
    while (this.pending.length > 0 && this.load >= this.size && (!this.pool || this.pool.room)) {
      void this.dispatch(this.cut());
      this.early++;
    }
  }

  /** The next batch of the districts pending, in their order: about `size` people (a district never split). */
  private cut(): string[] {
    const batch: string[] = [];
    let load = 0;
    while (this.pending.length > 0 && load < this.size) {
      const d = this.pending.shift()!;
      batch.push(d);
      load += this.source!.people(d);
    }
    this.load -= load;
    return batch;
  }

  private dispatch(districts: readonly string[]): Promise<SolveOutcome> {
    // Pollable: the checks take the answers while they run (visited).
    this.pool ??= new Pool<SolveTask, SolveOutcome>(
      workerScript("solve-worker"),
      this.threads,
      undefined,
      solveTask,
      undefined,
      2,
      true,
    );
    const { task, transfer } = taskOf(this.recipe, this.source!, districts);
    const run = this.pool.run(task, transfer);
    // Awaited in `rules`; none is left unhandled meanwhile.
    run.catch(() => undefined);
    this.runs.push(run);
    return run;
  }

  /** The rules found infeasible in `districts` (every district concerned, known after the checks). */
  async rules(source: DistrictSource, districts: ReadonlySet<string>): Promise<InfeasibleRule[]> {
    this.source ??= source;
    if (!this.pool) return infeasibleRules(this.policy, source, districts, this.threads);
    const rest = [...districts].filter((d) => !this.known.has(d)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const d of rest) {
      this.known.add(d);
      this.pending.push(d);
      this.load += source.people(d);
    }
    // The batches left, each made when a thread has room for it (two at a thread, as onThreads does).
    const lanes: Promise<unknown>[] = [];
    const lane = async (): Promise<void> => {
      while (this.pending.length > 0) if ("other" in (await this.dispatch(this.cut()))) return;
    };
    for (let i = 0; i < 2 * this.threads; i++) lanes.push(lane());
    await Promise.all(lanes);
    // Compiled otherwise there: the whole search is made here.
    return joined(this.policy, await Promise.all(this.runs)) ?? infeasibleRules(this.policy, source, districts, 1);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
