// Columnar plan check, the facade's side: ColumnarData → the same PlanAnswer
// as api/plan.ts's checkPlan, so the answer is rendered by the same code.
// The answer's dataset is a view over the columns (schools as records, people
// and moves loaded when a renderer asks for them); the rules a plan could not
// meet are looked for on the districts concerned only, materialised as a
// small object Dataset, the districts split across threads (solve.ts).

import type { Result } from "../diagnostics/diagnostic.js";
import type { Dataset, Move, School, Teacher } from "../data/model.js";
import type { CompiledPolicy } from "../api/compile.js";
import { answerPlan, type PlanAnswer } from "../api/plan.js";
import { componentOf, districtsOf, matchInfeasible } from "../propose/propose.js";
import type { OnProgress } from "../plan/check-plan.js";
import { Rows, TeacherIndex, checkColumnar } from "./check.js";
import type { ColumnarData } from "./read.js";
import { infeasibleRules, withoutPlan } from "./solve.js";

/** Every item of 0..n−1 as a fresh record: a list a renderer may keep items of. */
class Listed<T> implements Iterable<T> {
  constructor(
    readonly length: number,
    private readonly at: (i: number) => T,
  ) {}
  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
  map<U>(fn: (t: T, i: number) => U): U[] {
    const out: U[] = [];
    for (let i = 0; i < this.length; i++) out.push(fn(this.at(i), i));
    return out;
  }
  filter(fn: (t: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) {
      const t = this.at(i);
      if (fn(t)) out.push(t);
    }
    return out;
  }
  forEach(fn: (t: T, i: number) => void): void {
    for (let i = 0; i < this.length; i++) fn(this.at(i), i);
  }
}

/** The columns as a Dataset for rendering: people and moves loaded on demand. */
export function datasetView(data: ColumnarData, rows: Rows): Dataset {
  const moves = data.moves
    ? (new Listed<Move>(data.moveTeacher.length, (i) => rows.move(i)) as unknown as readonly Move[])
    : undefined;
  return {
    asOf: data.asOf,
    schools: data.schools,
    teachers: new Listed<Teacher>(rows.count, (r) => rows.teacher(r)) as unknown as readonly Teacher[],
    ...(moves
      ? {
          plan: {
            ...(data.schoolYear !== undefined ? { school_year: data.schoolYear } : {}),
            ...(data.start !== undefined ? { start: data.start } : {}),
            moves,
          },
        }
      : {}),
    schoolById: data.schoolById,
    teacherById: new TeacherIndex(rows),
    intake: data.intake,
  };
}

/** The schools of some districts and their people, as an object Dataset without a plan. */
function districtDataset(data: ColumnarData, rows: Rows, districts: ReadonlySet<string>): Dataset {
  const inside = data.schools.map((s) => districts.has(componentOf(s)));
  const schools: School[] = data.schools.filter((_, i) => inside[i]);
  const teachers: Teacher[] = [];
  for (let r = 0; r < rows.count; r++) if (inside[data.teacherSchool[r]!]) teachers.push(rows.teacher(r));
  return withoutPlan(data.asOf, schools, teachers);
}

/** checkPlan (api/plan.ts) over columns: the same answer, the same notes. */
export async function checkPlanColumnar(
  policy: CompiledPolicy,
  data: ColumnarData,
  onProgress?: OnProgress,
  codes?: Uint8Array,
): Promise<Result<PlanAnswer>> {
  const rows = new Rows(data, policy.program, true);
  const checked = checkColumnar(policy.program, data, policy.params, onProgress, codes);
  const view = datasetView(data, rows);
  return answerPlan(policy, view, checked, async (violations) => {
    const districts = districtsOf(view, violations);
    if (districts.size === 0) return [];
    return matchInfeasible(
      violations,
      await infeasibleRules(policy, districtDataset(data, rows, districts), districts),
    );
  });
}
