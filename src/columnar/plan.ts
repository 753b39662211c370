// Columnar plan check, the facade's side: ColumnarData → the same PlanAnswer
// as api/plan.ts's checkPlan, so the answer is rendered by the same code.
// The answer's dataset is a view over the columns (schools as records, people
// and moves loaded when a renderer asks for them); the rules a plan could not
// meet are looked for on the districts concerned only, a batch of them at a
// time materialised as objects, the batches dealt to threads (solve.ts) —
// from the first violation that concerns a district on, while the checks go on.

import type { Result } from "../diagnostics/diagnostic.js";
import type { Dataset, Move, Teacher } from "../data/model.js";
import type { CompiledPolicy } from "../api/compile.js";
import { answerPlan, type PlanAnswer } from "../api/plan.js";
import { componentOf } from "../propose/propose.js";
import type { OnProgress } from "../plan/check-plan.js";
import { Rows, TeacherIndex, checkColumnar, groupIndex, type DecisionIndex } from "./check.js";
import type { ColumnarData } from "./read.js";
import { schemaData } from "./parallel.js";
import {
  SearchAhead,
  batchSchools,
  infeasibleRules,
  withoutPlan,
  type BatchColumns,
  type DistrictSource,
} from "./solve.js";

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
export function columnarSource(data: ColumnarData, rows: Rows, decisions: DecisionIndex): DistrictSource {
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
  /** The rows of the districts' people, in file order. */
  const rowsOf = (districts: readonly string[]): Int32Array => {
    const at: number[] = [];
    for (const d of districts) {
      const [from, to] = range(d);
      for (let i = from; i < to; i++) at.push(byDistrict.order[i]!);
    }
    return Int32Array.from(at).sort();
  };
  return {
    people(d) {
      const [from, to] = range(d);
      return to - from;
    },
    batch(districts) {
      const order = rowsOf(districts);
      const teachers: Teacher[] = [];
      const decided: string[] = [];
      for (const r of order) {
        teachers.push(rows.teacher(r));
        decided.push(decisions.at(r));
      }
      const schools = batchSchools(data, new Set(districts), teachers);
      return { data: withoutPlan(data.asOf, schools, teachers), decisions: decided };
    },
    columns(districts) {
      const order = rowsOf(districts);
      const inside = new Set(districts);
      // The schools of the districts, and those the people's histories name elsewhere (batchSchools' rule).
      const named = new Set<string>();
      const h = data.history;
      let history: BatchColumns["history"];
      const transfer: ArrayBuffer[] = [];
      if (h) {
        const start = new Int32Array(order.length + 1);
        order.forEach((r, i) => (start[i + 1] = start[i]! + h.start[r + 1]! - h.start[r]!));
        const at = new Int32Array(start[order.length]!);
        let k = 0;
        for (const r of order)
          for (let i = h.start[r]!; i < h.start[r + 1]!; i++) {
            const row = h.order[i]!;
            at[k++] = row;
            const school = h.cols.get(row, "school") as string | undefined;
            if (school !== undefined && !inside.has(componentOf(data.schoolById.get(school)))) named.add(school);
          }
        const table = h.cols.select(at);
        history = { table: table.parts, start };
        transfer.push(...table.transfer, start.buffer as ArrayBuffer);
      }
      const teachers = data.teachers.select(order);
      const codes = decisions.codesOf(order);
      transfer.push(...teachers.transfer, codes.buffer as ArrayBuffer);
      return {
        asOf: data.asOf,
        schools: data.schools.filter((s) => inside.has(componentOf(s)) || named.has(s.id)),
        columns: {
          schema: schemaData(data.schema),
          teachers: teachers.parts,
          ...(history ? { history } : {}),
          decisions: codes,
          decisionNames: decisions.names,
        },
        transfer,
      };
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
  // The search for rules no plan could meet starts on threads as the checks find the districts concerned.
  const ahead = SearchAhead.of(policy, rows.count, (id) => componentOf(data.schoolById.get(id)));
  try {
    let source: DistrictSource | undefined;
    const checked = checkColumnar(policy.program, data, policy.params, onProgress, codes, {
      decided: (d) => ahead?.decided((source = columnarSource(data, rows, d))),
      ...(ahead ? { violated: (v) => ahead.violated(v), visited: () => ahead.visited() } : {}),
    });
    const view = datasetView(data, rows);
    const from = source ?? columnarSource(data, rows, checked.decisions);
    return await answerPlan(policy, view, checked, (districts) =>
      ahead ? ahead.rules(from, districts) : infeasibleRules(policy, from, districts),
    );
  } finally {
    await ahead?.close();
  }
}
