// `npm run bench:engines` — one rule, four engines, the same people (not a test).
//
// Dalian's DL-T1 without its exceptions (bench/engines/dl-t1.policy) decided for
// generated raw records (the contract's JSON shape: ISO date strings) by
//   - lungang: record → model (toTeacher) + the compiled program's decideValue;
//   - hand-written TypeScript: the same conversion + straight comparisons;
//   - json-rules-engine: record → facts (age, tenure) + engine.run (its API is async);
//   - Cedar (cedar-wasm): record → entity (age, tenure) + statefulIsAuthorized.
// Every engine converts the record inside its own loop ("like for like"). The
// slow engines run on a subsample. The run asserts that all four agree on every
// person they decided and exits 1 otherwise.
//
// Environment: BENCH_TEACHERS (default 200000), BENCH_SLOW_SAMPLE (20000).
// Node 20 needs `--no-turbo-inlining` for cedar-wasm (see package.json).

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "json-rules-engine";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { check } from "../src/checker/check.js";
import type { Teacher } from "../src/data/model.js";
import { toSchool, toTeacher, type RawSchool, type RawTeacher } from "../src/data/schema.js";
import { compile } from "../src/interpreter/compile.js";
import { newFrame, worldOf } from "../src/interpreter/frame.js";
import { loadPolicy } from "../src/policy/load.js";
import { completedYears, parseIsoDate, period, type Day } from "../src/time/date.js";
import { generateDetailed } from "./generate.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const N = envInt("BENCH_TEACHERS", 200_000);
const SLOW = envInt("BENCH_SLOW_SAMPLE", 20_000);

function envInt(name: string, dflt: number): number {
  const n = Number((process.env[name] ?? "").replace(/_/g, ""));
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : dflt;
}

const TENURE_MONTHS = 9 * 12;
const MALE_MAX = 55;
const FEMALE_MAX = 50;
const TEACHING = new Set(["teacher", "middle_manager"]);

/** The derived facts the two outside engines are given (they have no 周岁 or calendar periods). */
interface Facts {
  role: string;
  sex: string;
  age: number;
  tenure_months: number;
}

function factsOf(t: RawTeacher, asOf: Day): Facts | undefined {
  const birth = parseIsoDate(String(t.birth_date));
  const since = t.school_since ? parseIsoDate(String(t.school_since)) : undefined;
  if (birth === undefined || since === undefined) return undefined;
  const p = period(since, asOf, "end_of_month");
  // A period of m months and d ≥ 0 days reaches m months; the engines compare whole months.
  return {
    role: t.role,
    sex: t.sex,
    age: completedYears(birth, asOf, "end_of_month"),
    tenure_months: p.months,
  };
}

function handOne(t: RawTeacher, asOf: Day): boolean | undefined {
  const f = factsOf(t, asOf);
  if (!f) return undefined;
  if (!TEACHING.has(f.role) || f.tenure_months < TENURE_MONTHS) return false;
  return (f.sex === "male" && f.age <= MALE_MAX) || (f.sex === "female" && f.age <= FEMALE_MAX);
}

function rulesEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addRule({
    name: "DL-T1",
    conditions: {
      all: [
        { fact: "role", operator: "in", value: ["teacher", "middle_manager"] },
        { fact: "tenure_months", operator: "greaterThanInclusive", value: TENURE_MONTHS },
        {
          any: [
            {
              all: [
                { fact: "sex", operator: "equal", value: "male" },
                { fact: "age", operator: "lessThanInclusive", value: MALE_MAX },
              ],
            },
            {
              all: [
                { fact: "sex", operator: "equal", value: "female" },
                { fact: "age", operator: "lessThanInclusive", value: FEMALE_MAX },
              ],
            },
          ],
        },
      ],
    },
    event: { type: "required" },
  });
  return engine;
}

const CEDAR_POLICY = `permit(principal, action == Action::"mustRotate", resource)
when {
  ["teacher", "middle_manager"].contains(principal.role) &&
  principal.tenure_months >= ${TENURE_MONTHS} &&
  ((principal.sex == "male" && principal.age <= ${MALE_MAX}) ||
   (principal.sex == "female" && principal.age <= ${FEMALE_MAX}))
};`;

function cedarOne(t: RawTeacher, asOf: Day): boolean | undefined {
  const f = factsOf(t, asOf);
  if (!f) return undefined;
  const answer = cedar.statefulIsAuthorized({
    principal: { type: "Teacher", id: t.id },
    action: { type: "Action", id: "mustRotate" },
    resource: { type: "Rotation", id: "r" },
    context: {},
    preparsedPolicySetId: "dl-t1",
    entities: [{ uid: { type: "Teacher", id: t.id }, attrs: { ...f }, parents: [] }],
  });
  if (answer.type !== "success") throw new Error(`cedar: ${JSON.stringify(answer.errors)}`);
  return answer.response.decision === "allow";
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const gen = generateDetailed({ seed: 20240901, teachers: N, moves: 0 });
  const ds = gen.dataset;
  const asOf = parseIsoDate(ds.as_of)!;
  const raw = ds.teachers as RawTeacher[];
  const schools = new Map(ds.schools.map((s) => [s.id, toSchool(s as RawSchool)] as const));

  const loaded = loadPolicy(join(ROOT, "bench", "engines"));
  const checked = loaded.unit ? check(loaded.unit) : undefined;
  if (!checked?.policy) throw new Error("bench/engines/dl-t1.policy does not check");
  const program = compile(checked.policy);
  const frame = newFrame(worldOf(checked.policy, { asOf, schools, teachers: new Map<string, Teacher>() }));

  const engine = rulesEngine();
  const pre = cedar.preparsePolicySet("dl-t1", { staticPolicies: CEDAR_POLICY });
  if (pre.type !== "success") throw new Error(`cedar policy: ${JSON.stringify(pre.errors)}`);

  const lungang = new Int8Array(N);
  const hand = new Int8Array(N);
  const code = (b: boolean | undefined) => (b === undefined ? -1 : b ? 1 : 0);
  const runLungang = () => {
    for (let i = 0; i < N; i++) {
      const v = program.decideValue(toTeacher(raw[i]!), frame);
      lungang[i] = v === "required" ? 1 : v === "indeterminate" ? -1 : 0;
    }
  };
  const runHand = () => {
    for (let i = 0; i < N; i++) hand[i] = code(handOne(raw[i]!, asOf));
  };
  const time = (f: () => void) => {
    const t0 = performance.now();
    f();
    return ((performance.now() - t0) * 1e6) / N;
  };
  runLungang();
  runHand(); // warm-up
  const lNs: number[] = [];
  const hNs: number[] = [];
  for (let r = 0; r < 3; r++) {
    lNs.push(time(runLungang));
    hNs.push(time(runHand));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;

  const step = Math.max(1, Math.floor(N / SLOW));
  const sample: number[] = [];
  for (let i = 0; i < N && sample.length < SLOW; i += step) sample.push(i);
  const jre = new Int8Array(sample.length);
  const ced = new Int8Array(sample.length);
  let t0 = performance.now();
  for (let k = 0; k < sample.length; k++) {
    const f = factsOf(raw[sample[k]!]!, asOf);
    if (!f) {
      jre[k] = -1;
      continue;
    }
    const out = await engine.run({ ...f });
    jre[k] = out.events.length > 0 ? 1 : 0;
  }
  const jreNs = ((performance.now() - t0) * 1e6) / sample.length;
  t0 = performance.now();
  for (let k = 0; k < sample.length; k++) ced[k] = code(cedarOne(raw[sample[k]!]!, asOf));
  const cedNs = ((performance.now() - t0) * 1e6) / sample.length;

  let disagree = 0;
  const examples: string[] = [];
  const note = (s: string) => {
    disagree++;
    if (examples.length < 5) examples.push(s);
  };
  for (let i = 0; i < N; i++) if (lungang[i] !== hand[i]) note(`${raw[i]!.id}: lungang ${lungang[i]}, hand ${hand[i]}`);
  sample.forEach((i, k) => {
    if (jre[k] !== lungang[i]) note(`${raw[i]!.id}: lungang ${lungang[i]}, json-rules-engine ${jre[k]}`);
    if (ced[k] !== lungang[i]) note(`${raw[i]!.id}: lungang ${lungang[i]}, cedar ${ced[k]}`);
  });

  const l = med(lNs);
  const h = med(hNs);
  const required = lungang.reduce((a, v) => a + (v === 1 ? 1 : 0), 0);
  console.log(
    `one rule (DL-T1), ${fmt(N)} generated people (${fmt(required)} required); slow engines on ${fmt(sample.length)}`,
  );
  console.log(`  ${"engine".padEnd(36)} ${"ns/person".padStart(10)}  vs lungang`);
  const row = (name: string, ns: number) =>
    console.log(`  ${name.padEnd(36)} ${fmt(ns).padStart(10)}  ${(ns / l).toFixed(2)}×`);
  row("lungang (toTeacher + decideValue)", l);
  row("hand-written TypeScript", h);
  row("json-rules-engine (await run)", jreNs);
  row(`cedar-wasm ${cedar.getCedarVersion()} (statefulIsAuthorized)`, cedNs);
  console.log(
    `  lungang / hand-written = ${(l / h).toFixed(2)}×; json-rules-engine / lungang = ${fmt(jreNs / l)}×; cedar / lungang = ${fmt(cedNs / l)}×`,
  );
  console.log(`  disagreements: ${disagree}${examples.length ? " — " + examples.join("; ") : ""}`);
  if (disagree) process.exitCode = 1;
}

void main();
