// Columnar plan check, the facade's side: ColumnarData → the same PlanAnswer
// as api/plan.ts's checkPlan, so the answer is rendered by the same code.
// The answer's dataset is a view over the columns (schools as records, people
// and moves loaded when a renderer asks for them); the rules a plan could not
// meet are looked for on the districts concerned only, a batch of them at a
// time materialised as objects, the batches dealt to threads (solve.ts).

import type { Result } from "../diagnostics/diagnostic.js";
import type { Dataset, Move, Teacher } from "../data/model.js";
import type { CompiledPolicy } from "../api/compile.js";
import { answerPlan, type PlanAnswer } from "../api/plan.js";
import { componentOf } from "../propose/propose.js";
import type { OnProgress } from "../plan/check-plan.js";
import { Rows, TeacherIndex, checkColumnar, groupIndex, type DecisionIndex } from "./check.js";
import type { ColumnarData } from "./read.js";
import { batchSchools, withoutPlan, type DistrictSource } from "./solve.js";

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

/**
 * The columns as the search's source: a batch of districts materialised as
 * objects (people in file order), with each person's decision as `check` made it.
 */
function columnarSource(data: ColumnarData, rows: Rows, decisions: DecisionIndex): DistrictSource {
  const index = new Map<string, number>();
  const schoolDistrict = Int32Array.from(data.schools, (s) => {
    const d = componentOf(s);
    let i = index.get(d);
    if (i === undefined) index.set(d, (i = index.size));
    return i;
  });
  const byDistrict = groupIndex(rows.count, index.size, (r) => schoolDistrict[data.teacherSchool[r]!]!);
  const range = (d: string): readonly [number, number] => {
    const i = index.get(d);
    return i === undefined ? [0, 0] : [byDistrict.start[i]!, byDistrict.start[i + 1]!];
  };
  return {
    people(d) {
      const [from, to] = range(d);
      return to - from;
    },
    batch(districts) {
      const at: number[] = [];
      for (const d of districts) {
        const [from, to] = range(d);
        for (let i = from; i < to; i++) at.push(byDistrict.order[i]!);
      }
      const order = Int32Array.from(at).sort();
      const teachers: Teacher[] = [];
      const decided: string[] = [];
      for (const r of order) {
        teachers.push(rows.teacher(r));
        decided.push(decisions.at(r));
      }
      const schools = batchSchools(data, new Set(districts), teachers);
      return { data: withoutPlan(data.asOf, schools, teachers), decisions: decided };
    },
  };
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
  return answerPlan(policy, view, checked, columnarSource(data, rows, checked.decisions));
}
