// `npm run bench` part (d), also `npm run bench:roster` alone: a 100k-teacher
// roster workbook (bench/out/roster-100k.xlsx, written once by the streaming
// writer) read by lungang's streaming reader (readTabular: headers, every
// cell parsed and validated, references resolved, the Dataset built) against
// exceljs's streaming WorkbookReader merely iterating the same rows. Each in a
// fresh child process so its peak memory (VmHWM) is its own. Target: ≤ 2×.
//
// Environment: BENCH_ROSTER_TEACHERS (default 100000).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Dataset, School, Teacher } from "../src/data/model.js";
import { toMove, toSchool, toTeacher, type RawMove, type RawSchool, type RawTeacher } from "../src/data/schema.js";
import { readTabular } from "../src/data/tabular/read.js";
import { workbookReader } from "../src/data/tabular/sources.js";
import { writeDatasetWorkbook } from "../src/data/tabular/write.js";
import { parseIsoDate } from "../src/time/date.js";
import { generate } from "./generate.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const N = Number(process.env.BENCH_ROSTER_TEACHERS ?? 100_000);
const FILE = join(ROOT, "bench", "out", `roster-${N / 1000}k.xlsx`);

function peakMB(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

async function writeRoster(): Promise<void> {
  const raw = generate({ seed: 20240901, teachers: N, moves: Math.round(N / 10), schools: Math.max(40, N / 80) });
  const schools: School[] = raw.schools.map((s) => toSchool(s as RawSchool));
  const teachers: Teacher[] = raw.teachers.map((t) => toTeacher(t as RawTeacher));
  const ds: Dataset = {
    asOf: parseIsoDate(raw.as_of)!,
    schools,
    teachers,
    plan: { moves: raw.plan.moves.map((m) => toMove(m as RawMove)) },
    schoolById: new Map(schools.map((s) => [s.id, s])),
    teacherById: new Map(teachers.map((t) => [t.id, t])),
  };
  mkdirSync(dirname(FILE), { recursive: true });
  await writeDatasetWorkbook(ds, FILE);
}

/** The baseline: exceljs's streaming reader, every row of every sheet visited, its values touched. */
async function iterate(file: string): Promise<number> {
  // Opened exactly as lungang's reader opens it; only what is done with the rows differs.
  const reader = await workbookReader(file);
  let cells = 0;
  for await (const ws of reader)
    for await (const row of ws as unknown as AsyncIterable<{ values: unknown[] }>) cells += row.values.length;
  return cells;
}

async function child(mode: string): Promise<void> {
  const t = performance.now();
  if (mode === "iterate") {
    const cells = await iterate(FILE);
    console.log(JSON.stringify({ ms: performance.now() - t, peakMB: peakMB(), cells }));
  } else {
    const r = await readTabular(FILE);
    const errors = r.diagnostics.filter((d) => d.severity === "error").length;
    console.log(
      JSON.stringify({ ms: performance.now() - t, peakMB: peakMB(), teachers: r.value?.teachers.length ?? 0, errors }),
    );
  }
}

function run(mode: string): Record<string, number> {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", mode], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, number>;
}

export async function benchRoster(): Promise<void> {
  if (!existsSync(FILE)) {
    const t = performance.now();
    await writeRoster();
    console.log(`    (wrote ${FILE.slice(ROOT.length + 1)} in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  const mb = statSync(FILE).size / 1e6;
  console.log(`\n(d) roster workbook: ${FILE.slice(ROOT.length + 1)} — ${mb.toFixed(1)} MB, ${N} teachers`);
  const base = run("iterate");
  const ours = run("read");
  console.log(`    ${"phase".padEnd(48)} ${"time".padStart(9)} ${"peak RSS".padStart(10)}`);
  console.log(
    `    ${"exceljs streaming reader, rows iterated".padEnd(48)} ${`${(base.ms! / 1000).toFixed(2)} s`.padStart(9)} ${`${Math.round(base.peakMB!)} MB`.padStart(10)}`,
  );
  console.log(
    `    ${"readTabular (parse, validate, resolve, build)".padEnd(48)} ${`${(ours.ms! / 1000).toFixed(2)} s`.padStart(9)} ${`${Math.round(ours.peakMB!)} MB`.padStart(10)}`,
  );
  console.log(
    `    read / iterate = ${(ours.ms! / base.ms!).toFixed(2)}× (target ≤ 2×); ${ours.teachers} teachers read, ${ours.errors} error(s)`,
  );
}

// Only as the entry script: bench/run.ts imports this file, and its own
// children (`run.js --child parse …`) must not run this file's child instead.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") await child(argv[1]!);
  else await benchRoster();
}
