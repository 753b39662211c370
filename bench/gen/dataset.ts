// Synthetic data generator — one dataset from the options: schools, then
// teachers (who is due decided by bench/hand-written.ts), then a plan that
// complies with policies/dalian/plan.policy, with breaches planted on request;
// then, given a policy's input schema, the facts that policy declares.

import type { Teacher } from "../../src/data/model.js";
import { completedYears, formatDate, parseIsoDate, type Day } from "../../src/time/date.js";
import { retirementDate } from "../../src/time/retirement.js";
import { handDecide, trackOf } from "../hand-written.js";
import { BACKBONE_SET, DISTRICTS, makeSchools, makeTeacher, rolesFor, schoolSizes, toModelSchool } from "./people.js";
import { fillDeclared } from "./declared.js";
import { Planner } from "./planner.js";
import { Rng } from "./random.js";
import { ALL_PLANTS, type GenDataset, type GenerateInfo, type GenerateOptions, type GenTeacher } from "./types.js";
import { CODE, D_DEF, D_REQ, type World } from "./world.js";

export function generate(opts: GenerateOptions): GenDataset {
  return generateDetailed(opts).dataset;
}

export function generateDetailed(opts: GenerateOptions): { dataset: GenDataset; info: GenerateInfo } {
  const seed = opts.seed ?? 1;
  const asOfText = opts.asOf ?? "2025-09-01";
  const asOf = parseIsoDate(asOfText);
  if (asOf === undefined) throw new Error(`bad asOf ${asOfText}`);
  const nTeachers = opts.teachers;
  const nSchools = Math.max(1, opts.schools ?? Math.round(nTeachers / 75));
  // Without a choice of districts, a small data set uses the largest ones only, at least 4 schools each
  // (a district needs schools to rotate between, and one quality school among them).
  const specs = opts.districts
    ? DISTRICTS.filter((d) => opts.districts!.includes(d.name))
    : [...DISTRICTS]
        .sort((a, b) => b.weight - a.weight)
        .slice(0, Math.max(1, Math.min(DISTRICTS.length, Math.floor(nSchools / 4))));
  if (specs.length === 0) throw new Error("no known district selected");

  const rng = new Rng(seed);
  const { schools, district, districtSchools } = makeSchools(rng, specs, nSchools);
  const model = schools.map(toModelSchool);
  const sizes = schoolSizes(rng, schools, nTeachers);
  const start = new Int32Array(nSchools + 1);
  for (let s = 0; s < nSchools; s++) start[s + 1] = start[s]! + sizes[s]!;

  const teachers: GenTeacher[] = new Array(nTeachers);
  const schoolOf = new Int32Array(nTeachers);
  const decision = new Uint8Array(nTeachers);
  const backbone = new Uint8Array(nTeachers);
  const kind = new Uint8Array(nTeachers);
  const movable = new Uint8Array(nTeachers);
  const idWidth = Math.max(4, String(nTeachers).length);
  let tenured9 = 0;
  for (let s = 0; s < nSchools; s++) {
    const roles = rolesFor(rng, sizes[s]!);
    for (let k = 0; k < roles.length; k++) {
      const i = start[s]! + k;
      const g = makeTeacher(rng, asOf, i, idWidth, roles[k]!, s, schools, districtSchools[district[s]!]!);
      teachers[i] = g.raw;
      schoolOf[i] = s;
      const d = handDecide(g.model, model[s], asOf);
      decision[i] = CODE[d];
      backbone[i] = g.raw.honors?.some((h) => BACKBONE_SET.has(h)) ? 1 : 0;
      const r = g.raw.role;
      kind[i] =
        r === "teacher" || r === "middle_manager"
          ? 1
          : r === "principal" || r === "vice_principal" || r === "school_leader"
            ? 2
            : 0;
      if (g.tenureMonths >= 108) tenured9++;
      const inScope = g.raw.established && g.raw.on_post && kind[i] !== 0;
      const blocked = g.raw.conditions?.some(
        (c) =>
          c === "pregnant" ||
          c === "maternity_leave" ||
          c === "nursing" ||
          c === "serious_illness" ||
          c === "long_sick_leave" ||
          c === "project_lead",
      );
      const feasible = schools[s]!.rotation_feasible;
      const age = ageOf(g.model.birth_date, asOf);
      // Teachers beyond DL-T1's age limits move only as volunteers (DL-V); leaders have no age limit.
      const ageOk = kind[i] === 2 || g.raw.volunteer === true || age <= (g.raw.sex === "male" ? 55 : 50);
      const retiringSoon = yearsToRetirement(g.model, asOf) < 3;
      // A school without conditions for rotation exempts its teachers (DL-T1), not its leaders (DL-P1).
      movable[i] =
        inScope && !blocked && (feasible || kind[i] === 2) && ageOk && !retiringSoon && d !== "deferred" ? 1 : 0;
    }
  }

  const planRng = new Rng((seed ^ 0x9e3779b9) >>> 0);
  const w: World = {
    rng: planRng,
    asOf,
    schools,
    model,
    district,
    districtSchools,
    teachers,
    start,
    schoolOf,
    decision,
    backbone,
    kind,
    movable,
  };
  const planner = new Planner(w);
  planner.build(opts);
  const planted = opts.violations ? planner.plant(opts.violations === true ? ALL_PLANTS : opts.violations) : [];
  const moves = planner.moves();

  let due = 0;
  let dueLeaders = 0;
  let deferred = 0;
  let bb = 0;
  for (let i = 0; i < nTeachers; i++) {
    if (decision[i] === D_REQ) {
      if (kind[i] === 2) dueLeaders++;
      else due++;
    } else if (decision[i] === D_DEF) deferred++;
    bb += backbone[i]!;
  }
  const dataset: GenDataset = {
    as_of: asOfText,
    schools,
    teachers,
    plan: { school_year: `${toYear(asOf)}-${toYear(asOf) + 1}`, start: asOfText, moves },
  };
  // The policy's own facts, from streams of their own: the built-in fields above are not affected.
  if (opts.facts) fillDeclared(dataset, opts.facts, seed, asOf);
  return {
    dataset,
    info: {
      due,
      dueLeaders,
      deferred,
      tenured9,
      backbone: bb,
      moves: moves.length,
      planted,
      shortfalls: planner.shortfalls,
    },
  };
}

function toYear(d: Day): number {
  return Number(formatDate(d).slice(0, 4));
}

function ageOf(birth: Day, asOf: Day): number {
  return completedYears(birth, asOf, "end_of_month");
}

function yearsToRetirement(t: Teacher, asOf: Day): number {
  const tr = trackOf(t, asOf);
  if (!tr) return 99;
  return (retirementDate(tr, t.birth_date) - asOf) / 365.25;
}
