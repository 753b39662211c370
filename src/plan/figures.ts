// Plan figures for charts: for every school and every per-school check, the
// share the plan gives (a Ratio) against the threshold the check compares it
// with — also for schools that pass, so a report can chart each school's
// margin. Consumes a compiled program, a dataset and its PlanResult; pure.

import type { Dataset, Move } from "../data/model.js";
import type { Program } from "../interpreter/compile.js";
import { newFrame, worldOf } from "../interpreter/frame.js";
import { Ratio, isUnknown, type Value } from "../interpreter/values.js";
import { subjectsOf, type PlanResult } from "./check-plan.js";

/** One share of one school against one check's threshold. */
export interface Figure {
  readonly clause: string;
  readonly label: string;
  /** The share as a fraction (0.1 = 10%), with the counts behind it. */
  readonly value: number;
  readonly num: number;
  readonly den: number;
  /** The threshold as a fraction. */
  readonly threshold: number;
  /** The relation as the policy wrote it (≥, ≤, >, <). */
  readonly op: string;
  readonly ok: boolean;
}

const OPS: Record<string, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<" };

/**
 * Figures per school id. Only top-level comparisons of a share with a number
 * are charted: those are the "ratio against its threshold" a reader can see in
 * a bar; other conditions (a fact holds, a count) stay in the tables.
 */
export function schoolFigures(
  program: Program,
  data: Dataset,
  result: PlanResult,
  params: ReadonlyMap<string, Value> = new Map(),
): Map<string, Figure[]> {
  const out = new Map<string, Figure[]>();
  const checks = program.checks.filter((c) => c.info.check.subject.kind === "school" && c.info.check.mode === "check");
  if (!checks.length) return out;
  const moves: readonly Move[] = data.plan?.moves ?? [];
  const moveOf = new Map<string, Move>();
  for (const m of moves) moveOf.set(m.teacher, m);
  // The same world as checkPlan's: individual decisions are the ones it computed.
  const world = {
    ...worldOf(program.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }, params),
    plan: {
      decisionOf: (t: { id: string }) => result.decisions.get(t.id) ?? "indeterminate",
      moveOf: (t: { id: string }) => moveOf.get(t.id),
    },
  };
  const f = newFrame(world);
  for (const s of subjectsOf("school", data, moves)) {
    const list: Figure[] = [];
    for (const c of checks) {
      f.subject = s;
      f.person = undefined;
      f.move = undefined;
      f.school = s.school;
      f.gen++;
      if (c.where && c.where(f) !== true) continue;
      if (c.applicable && c.applicable(f) !== true) continue;
      for (const { node, fn } of c.conjuncts) {
        if (node.kind !== "Compare" || !(node.op in OPS)) continue;
        f.trace = [];
        const v = fn(f);
        const atom = f.trace.find((a) => a.node === node);
        f.trace = null;
        if (!atom || isUnknown(v)) continue;
        const left = atom.left;
        const right = atom.right;
        // A share over nobody (n/0) is "not applicable", not a bar at 0.
        if (!(left instanceof Ratio) || left.den === 0 || typeof right !== "number") continue;
        list.push({
          clause: c.info.clause.id,
          label: c.info.label,
          value: left.value,
          num: left.num,
          den: left.den,
          threshold: right,
          op: OPS[node.op]!,
          ok: v === true,
        });
      }
    }
    if (list.length) out.set(s.id, list);
  }
  return out;
}
