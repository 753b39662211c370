// "What would change the answer": for an appeal, the date from which the same
// facts give a different decision (tenure reached, age passed), and the
// exceptions whose condition, if it held or stopped holding, would change it.
// Works by re-deciding: no rule-specific knowledge.

import type { Teacher } from "../data/model.js";
import { RULE_KINDS } from "../semantics/rule-kinds.js";
import { addMonths, type Day } from "../time/date.js";
import type { Program } from "./compile.js";
import { newFrame, type Frame } from "./frame.js";
import { decideFromResults, type Decision } from "./decide.js";

export interface DateChange {
  readonly date: Day;
  readonly decision: Decision;
}

const HORIZON_MONTHS = 120;

/** The first day within ten years on which the decision (on unchanged facts) differs. */
export function nextChange(program: Program, t: Teacher, f: Frame, base: Decision): DateChange | undefined {
  const at = (day: Day): Decision => {
    const g = newFrame({ ...f.w, asOf: day });
    return program.decide(t, g);
  };
  const differs = (d: Decision) => d.decision !== base.decision;
  let prev = f.w.asOf;
  for (let k = 1; k <= HORIZON_MONTHS; k++) {
    const day = addMonths(f.w.asOf, k, "end_of_month");
    const d = at(day);
    if (differs(d)) {
      // The change happened within (prev, day]: find the first such day.
      for (let x = prev + 1; x <= day; x++) {
        const dx = at(x);
        if (differs(dx)) return { date: x, decision: dx };
      }
      return { date: day, decision: d };
    }
    prev = day;
  }
  return undefined;
}

export interface ExceptionFlip {
  readonly rule: Decision["results"][number]["rule"];
  /** The flipped value: true = "if it held", false = "if it no longer held". */
  readonly held: boolean;
  readonly decision: Decision;
}

/** Exceptions (exempt/defer) whose condition, flipped, would change the decision. */
export function exceptionFlips(base: Decision): ExceptionFlip[] {
  const out: ExceptionFlip[] = [];
  base.results.forEach((r, i) => {
    const k = r.rule.rule.ruleKind;
    if (!RULE_KINDS[k].exception || typeof r.value !== "boolean") return;
    // A deferral whose condition holds but whose limit is used up: flipping it would misstate why.
    if (r.limit && r.value === false) return;
    const flipped = base.results.map((x, j) => (j === i ? { ...x, value: !r.value } : x));
    const d = decideFromResults(flipped);
    if (d.decision !== base.decision) out.push({ rule: r.rule, held: !r.value, decision: d });
  });
  return out;
}
