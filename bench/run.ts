// `npm run bench` — performance of the engine on synthetic Dalian data (not a test).
//
// (a) Individual decisions: 1M generated teachers, in memory, decided by the
//     compiled Dalian program, by the hand-written baseline (bench/hand-written.ts)
//     and, on a 50k subsample, by the reference evaluator. Reports ns/person,
//     the ratios, and asserts that all three agree on every person.
// (b) Plan scale: the same 1M teachers with a ~120k-move plan written to
//     bench/out/big.json; `readDataset` alone vs the whole `lungang check`
//     pipeline (read + load/check/compile the policy + checkPlan), each in a
//     fresh child process so its peak memory (VmHWM) is its own.
// (c) Propose: a plan drafted for the same roster (its own plan ignored),
//     against the check of (b).
// (d) Rosters: a 100k-teacher workbook read by the streaming roster reader
//     against exceljs merely iterating its rows (bench/roster.ts).
//
// Environment: BENCH_TEACHERS (default 1000000), BENCH_MOVES (120000),
// BENCH_REF_SAMPLE (50000), BENCH_ROUNDS (3).

import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CheckedPolicy } from "../src/checker/checked.js";
import { check } from "../src/checker/check.js";
import type { School, Teacher } from "../src/data/model.js";
import { readDataset } from "../src/data/read.js";
import { toSchool, toTeacher, type RawSchool, type RawTeacher } from "../src/data/schema.js";
import { compile, type Program } from "../src/interpreter/compile.js";
import { worldOf, type World, newFrame } from "../src/interpreter/frame.js";
import { checkPlan } from "../src/plan/check-plan.js";
import { propose } from "../src/propose/propose.js";
import { loadPolicy } from "../src/policy/load.js";
import { formatDate, parseIsoDate } from "../src/time/date.js";
import { generateDetailed, writeJson } from "./generate.js";
import { handDecide } from "./hand-written.js";
import { benchRoster } from "./roster.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root: dist/bench/run.js → ../.. */
const ROOT = resolve(HERE, "..", "..");
const POLICY = join(ROOT, "policies", "dalian");
const BIG = join(ROOT, "bench", "out", "big.json");

const N = envInt("BENCH_TEACHERS", 1_000_000);
const MOVES = envInt("BENCH_MOVES", 120_000);
const REF_SAMPLE = envInt("BENCH_REF_SAMPLE", 50_000);
const ROUNDS = envInt("BENCH_ROUNDS", 3);
const SEED = 20240901;

function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  const n = v === undefined ? NaN : Number(v.replace(/_/g, ""));
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : dflt;
}

const DECISIONS = ["required", "deferred", "not_required", "indeterminate"] as const;
const CODE: Record<string, number> = { required: 0, deferred: 1, not_required: 2, indeterminate: 3 };

function loadProgram(): { policy: CheckedPolicy; program: Program } {
  const loaded = loadPolicy(POLICY);
  if (!loaded.unit) throw new Error(`cannot load ${POLICY}`);
  const checked = check(loaded.unit);
  const errors = [...loaded.diagnostics, ...checked.diagnostics].filter((d) => d.severity === "error");
  if (!checked.policy || errors.length)
    throw new Error(`policy does not check: ${errors.map((d) => d.code).join(", ")}`);
  return { policy: checked.policy, program: compile(checked.policy) };
}

/** /proc/self/status VmHWM (peak resident set) in MB; falls back to the current rss. */
function peakRssMB(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 1048576;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// ---------------------------------------------------------------------------
// Reference-evaluator hook. src/interpreter/reference.ts exports
// `referenceDecide(policy, teacher, world)`; it is imported dynamically so the
// bench still builds and runs (without that column) if the module is absent
// or renamed.

type ReferenceDecide = (p: CheckedPolicy, t: Teacher, w: World) => { decision: string } | string;

async function loadReference(): Promise<ReferenceDecide | undefined> {
  const path = join(HERE, "..", "src", "interpreter", "reference.js");
  try {
    statSync(path);
  } catch {
    return undefined;
  }
  const mod = (await import(pathToFileURL(path).href)) as { referenceDecide?: ReferenceDecide };
  return typeof mod.referenceDecide === "function" ? mod.referenceDecide : undefined;
}

// ---------------------------------------------------------------------------
// (b) children: one phase each, result as one JSON line on stdout.

async function child(phase: string, file: string): Promise<void> {
  const t0 = performance.now();
  const read = readDataset(file);
  const t1 = performance.now();
  const errors = read.diagnostics.filter((d) => d.severity === "error");
  if (!read.value || errors.length) {
    process.stdout.write(
      JSON.stringify({
        error: `invalid dataset: ${errors
          .slice(0, 3)
          .map((d) => d.message)
          .join("; ")}`,
      }) + "\n",
    );
    process.exitCode = 2;
    return;
  }
  const out: Record<string, unknown> = {
    readMs: t1 - t0,
    teachers: read.value.teachers.length,
    moves: read.value.plan?.moves.length ?? 0,
  };
  if (phase === "check") {
    const { program } = loadProgram();
    const t2 = performance.now();
    const result = checkPlan(program, read.value);
    const t3 = performance.now();
    Object.assign(out, {
      policyMs: t2 - t1,
      checkPlanMs: t3 - t2,
      totalMs: t3 - t0,
      compliant: result.compliant,
      violations: result.violations.length,
      errors: result.violations.filter((v) => v.severity === "error").length,
      undetermined: result.undetermined.length,
    });
  }
  if (phase === "propose") {
    // The roster's own plan is ignored: propose drafts one from the policy alone.
    const { program } = loadProgram();
    const t2 = performance.now();
    const p = await propose(program, read.value);
    const t3 = performance.now();
    Object.assign(out, {
      policyMs: t2 - t1,
      proposeMs: t3 - t2,
      totalMs: t3 - t0,
      status: p.status,
      proposed: p.plan.moves.length,
      components: p.components,
      infeasible: p.infeasible.length,
      residual: p.residual.length,
    });
  }
  out.peakMB = peakRssMB();
  process.stdout.write(JSON.stringify(out) + "\n");
}

function runChild(phase: string, file: string): Record<string, number | boolean | string> {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", phase, file], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as Record<string, number | boolean | string>;
  } catch {
    // A bench whose part failed must not exit 0 as if it had measured something.
    process.exitCode = 1;
    const tail = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-3).join(" | ");
    return { error: `child ${phase} failed (exit ${r.status}): ${tail}` };
  }
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model ?? "?";
  console.log(
    `lungang bench — Node ${process.version}, ${cpus().length} × ${cpu}, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  console.log(`synthetic Dalian data, seed ${SEED}: ${fmt(N)} teachers, plan target ${fmt(MOVES)} moves\n`);

  // ---- generate (once; reused by (b))
  let t = performance.now();
  const gen = generateDetailed({ seed: SEED, teachers: N, moves: MOVES });
  const genMs = performance.now() - t;
  const ds = gen.dataset;
  console.log(
    `generated in ${(genMs / 1000).toFixed(1)} s: ${fmt(ds.schools.length)} schools, ${fmt(gen.info.due)} due teachers + ${fmt(gen.info.dueLeaders)} due leaders, ` +
      `${fmt(gen.info.deferred)} deferred, ${fmt(gen.info.moves)} moves (${gen.info.shortfalls.length} plan shortfalls)`,
  );

  // ---- (a) individual decisions
  const asOf = parseIsoDate(ds.as_of)!;
  const schools: School[] = ds.schools.map((s) => toSchool(s as RawSchool));
  const schoolById = new Map(schools.map((s) => [s.id, s] as const));
  const teachers: Teacher[] = ds.teachers.map((x) => toTeacher(x as RawTeacher));
  const teacherById = new Map(teachers.map((x) => [x.id, x] as const));
  const { policy, program } = loadProgram();
  const world: World = worldOf(policy, { asOf, schools: schoolById, teachers: teacherById });
  const frame = newFrame(world);

  const compiled = new Uint8Array(N);
  const fast = new Uint8Array(N);
  const hand = new Uint8Array(N);
  const runCompiled = (from: number, to: number) => {
    for (let i = from; i < to; i++) compiled[i] = CODE[program.decide(teachers[i]!, frame).decision]!;
  };
  // decideValue: the allocation-free path checkPlan uses (absent in older builds).
  const decideValue = typeof program.decideValue === "function" ? program.decideValue.bind(program) : undefined;
  const runFast = (from: number, to: number) => {
    for (let i = from; i < to; i++) fast[i] = CODE[decideValue!(teachers[i]!, frame)]!;
  };
  const runHand = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const x = teachers[i]!;
      hand[i] = CODE[handDecide(x, schoolById.get(x.school), asOf)]!;
    }
  };
  const warm = Math.min(N, 50_000);
  runCompiled(0, warm);
  if (decideValue) runFast(0, warm);
  runHand(0, warm);
  const compiledNs: number[] = [];
  const fastNs: number[] = [];
  const handNs: number[] = [];
  const timed = (run: (from: number, to: number) => void, into: number[]) => {
    const t0 = performance.now();
    run(0, N);
    into.push(((performance.now() - t0) * 1e6) / N);
  };
  // Interleaved rounds, so a noisy neighbour hits every evaluator alike.
  for (let r = 0; r < ROUNDS; r++) {
    timed(runCompiled, compiledNs);
    if (decideValue) timed(runFast, fastNs);
    timed(runHand, handNs);
  }

  let disagreeHand = 0;
  let disagreeFast = 0;
  const examples: string[] = [];
  const dist = [0, 0, 0, 0];
  for (let i = 0; i < N; i++) {
    dist[compiled[i]!]!++;
    if (compiled[i] !== hand[i]) {
      disagreeHand++;
      if (examples.length < 5)
        examples.push(`${teachers[i]!.id}: compiled ${DECISIONS[compiled[i]!]}, hand-written ${DECISIONS[hand[i]!]}`);
    }
    if (decideValue && compiled[i] !== fast[i]) {
      disagreeFast++;
      if (examples.length < 8)
        examples.push(`${teachers[i]!.id}: decide ${DECISIONS[compiled[i]!]}, decideValue ${DECISIONS[fast[i]!]}`);
    }
  }

  const referenceDecide = await loadReference();
  let refNs: number | undefined;
  let disagreeRef = 0;
  let refN = 0;
  if (referenceDecide) {
    const step = Math.max(1, Math.floor(N / REF_SAMPLE));
    const sample: number[] = [];
    for (let i = 0; i < N && sample.length < REF_SAMPLE; i += step) sample.push(i);
    refN = sample.length;
    const ref = new Uint8Array(refN);
    const one = (k: number) => {
      const r = referenceDecide(policy, teachers[sample[k]!]!, world);
      ref[k] = CODE[typeof r === "string" ? r : r.decision]!;
    };
    for (let k = 0; k < Math.min(2000, refN); k++) one(k);
    t = performance.now();
    for (let k = 0; k < refN; k++) one(k);
    refNs = ((performance.now() - t) * 1e6) / refN;
    for (let k = 0; k < refN; k++) {
      if (ref[k] !== compiled[sample[k]!]) {
        disagreeRef++;
        if (examples.length < 10)
          examples.push(
            `${teachers[sample[k]!]!.id}: compiled ${DECISIONS[compiled[sample[k]!]!]}, reference ${DECISIONS[ref[k]!]}`,
          );
      }
    }
  }

  const cNs = median(compiledNs);
  const fNs = decideValue ? median(fastNs) : undefined;
  const hNs = median(handNs);
  console.log(
    `\n(a) individual decisions, ${fmt(N)} people (median of ${ROUNDS} rounds; reference on ${fmt(refN)} of them)`,
  );
  console.log(`    decisions: ${DECISIONS.map((d, k) => `${d} ${fmt(dist[k]!)}`).join(", ")}`);
  console.log(`    ${"evaluator".padEnd(22)} ${"ns/person".padStart(10)} ${"total".padStart(10)}  rounds (ns/person)`);
  console.log(
    `    ${"compiled decide()".padEnd(22)} ${fmt(cNs).padStart(10)} ${`${fmt((cNs * N) / 1e6)} ms`.padStart(10)}  ${compiledNs.map((x) => fmt(x)).join(" / ")}`,
  );
  if (fNs !== undefined)
    console.log(
      `    ${"compiled decideValue()".padEnd(22)} ${fmt(fNs).padStart(10)} ${`${fmt((fNs * N) / 1e6)} ms`.padStart(10)}  ${fastNs.map((x) => fmt(x)).join(" / ")}`,
    );
  console.log(
    `    ${"hand-written TS".padEnd(22)} ${fmt(hNs).padStart(10)} ${`${fmt((hNs * N) / 1e6)} ms`.padStart(10)}  ${handNs.map((x) => fmt(x)).join(" / ")}`,
  );
  if (refNs !== undefined)
    console.log(
      `    ${"reference evaluator".padEnd(22)} ${fmt(refNs).padStart(10)} ${`${fmt((refNs * refN) / 1e6)} ms`.padStart(10)}  (×${fmt(N)} ≈ ${fmt((refNs * N) / 1e9, 1)} s)`,
    );
  else console.log(`    reference evaluator    — src/interpreter/reference.ts (referenceDecide) not found; skipped`);
  console.log(
    `    decide / hand-written = ${(cNs / hNs).toFixed(1)}×` +
      (fNs !== undefined ? `   decideValue / hand-written = ${(fNs / hNs).toFixed(1)}×` : "") +
      (refNs !== undefined ? `   reference / decide = ${(refNs / cNs).toFixed(1)}×` : ""),
  );
  console.log(
    `    disagreements: decide vs hand-written ${fmt(disagreeHand)} / ${fmt(N)}` +
      (fNs !== undefined ? `, decide vs decideValue ${fmt(disagreeFast)} / ${fmt(N)}` : "") +
      (refNs !== undefined ? `, decide vs reference ${fmt(disagreeRef)} / ${fmt(refN)}` : ""),
  );
  if (disagreeHand || disagreeFast || disagreeRef) process.exitCode = 1;
  for (const e of examples) console.log(`      ${e}`);

  // ---- (b) plan scale
  t = performance.now();
  const bytes = writeJson(ds, BIG);
  const writeMs = performance.now() - t;
  console.log(
    `\n(b) plan check at scale: ${BIG.slice(ROOT.length + 1)} — ${fmt(bytes / 1e6, 1)} MB, ${fmt(ds.teachers.length)} teachers, ${fmt(ds.plan.moves.length)} moves (written in ${(writeMs / 1000).toFixed(1)} s)`,
  );
  const parse = runChild("parse", BIG);
  const full = runChild("check", BIG);
  if (parse.error || full.error) {
    console.log(`    ${parse.error ?? ""} ${full.error ?? ""}`);
    process.exitCode = 1;
    return;
  }
  const n = (v: unknown) => v as number;
  console.log(`    ${"phase".padEnd(44)} ${"time".padStart(9)} ${"peak RSS".padStart(10)}`);
  console.log(
    `    ${"readDataset (JSON read + validation)".padEnd(44)} ${`${(n(parse.readMs) / 1000).toFixed(2)} s`.padStart(9)} ${`${fmt(n(parse.peakMB))} MB`.padStart(10)}`,
  );
  console.log(
    `    ${"lungang check pipeline".padEnd(44)} ${`${(n(full.totalMs) / 1000).toFixed(2)} s`.padStart(9)} ${`${fmt(n(full.peakMB))} MB`.padStart(10)}`,
  );
  console.log(`      ${"readDataset".padEnd(42)} ${`${(n(full.readMs) / 1000).toFixed(2)} s`.padStart(9)}`);
  console.log(
    `      ${"load + check + compile policy".padEnd(42)} ${`${(n(full.policyMs) / 1000).toFixed(2)} s`.padStart(9)}`,
  );
  console.log(
    `      ${`checkPlan (${fmt(n(full.teachers) / 1e6, 1)}M decisions + all checks)`.padEnd(42)} ${`${(n(full.checkPlanMs) / 1000).toFixed(2)} s`.padStart(9)}`,
  );
  console.log(
    `    check / parse = ${(n(full.totalMs) / n(parse.readMs)).toFixed(2)}×   (same process: ${(n(full.totalMs) / n(full.readMs)).toFixed(2)}×)`,
  );
  console.log(
    `    load average at the end: ${loadavg()[0]!.toFixed(2)} (on a loaded 2-core machine the timings are noisy)`,
  );
  console.log(
    `    result: ${full.compliant ? "compliant" : "not compliant"}, ${full.errors} error(s), ${n(full.violations) - n(full.errors)} warning(s), ${full.undetermined} undetermined (as of ${formatDate(asOf)})`,
  );

  // ---- (c) propose on the same roster
  const prop = runChild("propose", BIG);
  if (prop.error) {
    console.log(`\n(c) propose: ${prop.error}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `\n(c) propose on the same roster (one MIP per district, HiGHS): ${fmt(n(prop.components))} district(s), ${fmt(n(prop.proposed))} moves proposed, status ${prop.status}, ${prop.infeasible} rule(s) infeasible, ${prop.residual} residual`,
  );
  console.log(`    ${"phase".padEnd(44)} ${"time".padStart(9)} ${"peak RSS".padStart(10)}`);
  console.log(
    `    ${"lungang propose pipeline".padEnd(44)} ${`${(n(prop.totalMs) / 1000).toFixed(2)} s`.padStart(9)} ${`${fmt(n(prop.peakMB))} MB`.padStart(10)}`,
  );
  console.log(
    `      ${"propose (decide, model, solve, pick, checkPlan)".padEnd(42)} ${`${(n(prop.proposeMs) / 1000).toFixed(2)} s`.padStart(9)}`,
  );
  console.log(
    `    propose / check = ${(n(prop.totalMs) / n(full.totalMs)).toFixed(2)}×   (propose alone / checkPlan alone: ${(n(prop.proposeMs) / n(full.checkPlanMs)).toFixed(2)}×)`,
  );
}

// A child measures one phase and prints one JSON line, nothing else.
const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1]!, args[2]!);
else {
  await main();
  await benchRoster();
}
