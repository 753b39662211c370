// Synthetic data generator — the command line (`node dist/bench/generate.js
// --teachers N [--seed S] [--schools N] [--moves N | --moves-per-due F]
// [--violations [kinds]] [--districts a,b] [--as-of D] [--policy DIR] --out FILE [--quiet]`).
// --policy fills the facts that policy declares (bench/gen/declared.ts).

import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { check } from "../../src/checker/check.js";
import { loadPolicy } from "../../src/policy/load.js";
import { generateDetailed } from "./dataset.js";
import type { GenerateOptions, PlantKind } from "./types.js";
import { toYaml, writeJson } from "./writers.js";

function parseArgs(argv: readonly string[]): GenerateOptions & { out: string; quiet: boolean } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isFinite(n)) throw new Error(`--${name}: not a number: ${v}`);
    return n;
  };
  const teachers = num("teachers") ?? 3000;
  const v = get("violations");
  const violations = argv.includes("--violations")
    ? v && !v.startsWith("--")
      ? (v.split(",") as PlantKind[])
      : true
    : false;
  const districts = get("districts")?.split(",");
  const out = get("out") ?? "bench/out/generated.json";
  const o: GenerateOptions & { out: string; quiet: boolean } = {
    teachers,
    out,
    quiet: argv.includes("--quiet"),
    violations,
    ...(num("seed") !== undefined ? { seed: num("seed")! } : {}),
    ...(num("schools") !== undefined ? { schools: num("schools")! } : {}),
    ...(num("moves") !== undefined ? { moves: num("moves")! } : {}),
    ...(num("moves-per-due") !== undefined ? { movesPerDue: num("moves-per-due")! } : {}),
    ...(districts ? { districts } : {}),
    ...(get("as-of") ? { asOf: get("as-of")! } : {}),
    ...(get("policy") ? { facts: policyInput(get("policy")!) } : {}),
  };
  return o;
}

/** The input schema of the policy in `dir` (its declared facts), or an error naming the policy. */
function policyInput(dir: string) {
  const loaded = loadPolicy(dir);
  const checked = loaded.unit ? check(loaded.unit).policy : undefined;
  if (!checked) throw new Error(`--policy ${dir}: the policy does not load or check (run lungang lint ${dir})`);
  return checked.input;
}

export function main(argv: readonly string[]): void {
  const o = parseArgs(argv);
  const t0 = performance.now();
  const { dataset, info } = generateDetailed(o);
  const t1 = performance.now();
  let bytes: number;
  if (/\.ya?ml$/i.test(o.out)) {
    mkdirSync(dirname(o.out), { recursive: true });
    const header = [
      "合成数据（非真实人员、非真实学校）：大连市交流轮岗方案检查示例。",
      "Synthetic data from bench/generate.ts — the people and schools are invented.",
      `Regenerate (after npm run build): node dist/bench/generate.js ${argv.join(" ")}`,
      `${dataset.schools.length} schools, ${dataset.teachers.length} teachers, ${info.due} due teachers + ${info.dueLeaders} due leaders, ${info.moves} moves.`,
      ...(info.planted.length
        ? [
            "",
            "Planted breaches (lungang check reports each one):",
            ...info.planted.map((p) => `  ${p.clause} [${p.subject}]: ${p.detail}`),
          ]
        : ["", "The plan complies with policies/dalian (no breaches planted)."]),
    ];
    const text = toYaml(dataset, header);
    const fd = openSync(o.out, "w");
    bytes = writeSync(fd, text);
    closeSync(fd);
  } else bytes = writeJson(dataset, o.out);
  const t2 = performance.now();
  if (!o.quiet) {
    process.stderr.write(
      `${o.out}: ${dataset.schools.length} schools, ${dataset.teachers.length} teachers (${info.tenured9} with ≥ 9 years, ${info.backbone} backbone), ` +
        `${info.due} due teachers + ${info.dueLeaders} due leaders, ${info.deferred} deferred, ${info.moves} moves; ` +
        `${(bytes / 1e6).toFixed(1)} MB; generated in ${((t1 - t0) / 1000).toFixed(1)} s, written in ${((t2 - t1) / 1000).toFixed(1)} s\n`,
    );
    for (const p of info.planted) process.stderr.write(`  planted ${p.clause} [${p.subject}]: ${p.detail}\n`);
    for (const s of info.shortfalls) process.stderr.write(`  shortfall: ${s}\n`);
  }
}
