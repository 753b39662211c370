// Facade, stage 4 — decide: a compiled policy and one person (a case file,
// or a teacher of a dataset) → the decision, the clauses that determined it,
// each rule's conditions with the values seen, and what would change it; or
// every person of a dataset. Never throws on user input.

import type { Result } from "../diagnostics/diagnostic.js";
import type { CaseFile, Dataset } from "../data/model.js";
import { newFrame, worldOf, type Frame } from "../interpreter/frame.js";
import { exceptionFlips, nextChange } from "../interpreter/counterfactual.js";
import type { Decision } from "../interpreter/decide.js";
import { formatDate } from "../time/date.js";
import type { CaseAnswer, Change, DateDoubt, DecisionsAnswer, PersonDecision, TableRow } from "./answers.js";
import type { CompiledPolicy } from "./compile.js";
import type { OnProgress } from "../plan/check-plan.js";
import { dateNotes } from "./notes.js";

export type { CaseAnswer, Change, DateDoubt, Decision, DecisionsAnswer, PersonDecision, TableRow };

/**
 * Decide one person. The answer is traced (each rule's result carries the
 * conditions it checked with the values it saw) and lists what would change
 * it. `diagnostics` holds warnings only (a reference date outside the
 * policy's period of effect): a decision is always made, possibly
 * `indeterminate` when it depends on a missing fact.
 */
export function decide(policy: CompiledPolicy, person: CaseFile): Result<CaseAnswer> {
  // The policy's month-end rounding and the supplied parameter values come along.
  const frame = newFrame(worldOf(policy.checked, { asOf: person.asOf, schools: person.schoolById }, policy.params));
  const decision = policy.program.decide(person.teacher, frame, true);
  const school = person.teacher.school !== undefined ? person.schoolById.get(person.teacher.school) : undefined;
  return {
    value: {
      policy: policy.checked,
      teacher: person.teacher,
      ...(school ? { school } : {}),
      asOf: formatDate(person.asOf),
      decision,
      changes: changesOf(policy, person, frame, decision),
    },
    diagnostics: dateNotes(policy.checked, person.asOf),
  };
}

/**
 * Every person of a dataset, decided individually (the plan plays no part):
 * the list a bureau compiles before a plan exists. One frame for the run.
 */
export function decideAll(
  policy: CompiledPolicy,
  dataset: Dataset,
  options: { readonly onProgress?: OnProgress } = {},
): Result<PersonDecision[]> {
  const frame = newFrame(
    worldOf(
      policy.checked,
      { asOf: dataset.asOf, schools: dataset.schoolById, teachers: dataset.teacherById },
      policy.params,
    ),
  );
  const tell = options.onProgress;
  const total = dataset.teachers.length;
  return {
    value: dataset.teachers.map((teacher, i) => {
      if (tell && (i & 4095) === 0) tell("decide", i, total);
      return { teacher, decision: policy.program.decide(teacher, frame) };
    }),
    diagnostics: dateNotes(policy.checked, dataset.asOf),
  };
}

/**
 * Every person of a dataset as a table row (`lungang decide`), with the
 * roster's counts. A month-only date (出生年月 1980.03) decides only what every
 * day of the month agrees on (indeterminate otherwise, E010) — never a guessed
 * day. `diagnostics` holds warnings only.
 */
export function decideEach(
  policy: CompiledPolicy,
  dataset: Dataset,
  options: { readonly onProgress?: OnProgress } = {},
): Result<DecisionsAnswer> {
  const frame = newFrame(
    worldOf(
      policy.checked,
      { asOf: dataset.asOf, schools: dataset.schoolById, teachers: dataset.teacherById },
      policy.params,
    ),
  );
  const tell = options.onProgress;
  const total = dataset.teachers.length;
  const rows: TableRow[] = dataset.teachers.map((teacher, n) => {
    if (tell && (n & 4095) === 0) tell("decide", n, total);
    const school = dataset.schoolById.get(teacher.school);
    const at = { teacher, ...(school ? { school } : {}) };
    // A month-only date is the month's DayRange in the model: the evaluator decides
    // only what every day of it agrees on, and is indeterminate otherwise (E010).
    return { ...at, decision: policy.program.decide(teacher, frame) };
  });
  tell?.("decide", total, total);
  const i = dataset.intake;
  const rejected = i
    ? i.rejectedTeachers.map((r) => ({ row: r.row, ...(r.id !== undefined ? { id: r.id } : {}) }))
    : [];
  return {
    value: {
      policy: policy.checked,
      asOf: formatDate(dataset.asOf),
      rows,
      counts: {
        teachers_in: i ? i.teachersIn : dataset.teachers.length,
        decided: dataset.teachers.length,
        rejected: rejected.length,
      },
      rejected,
      complete: rejected.length === 0 && rows.every((r) => !r.doubt && r.decision?.decision !== "indeterminate"),
    },
    diagnostics: dateNotes(policy.checked, dataset.asOf),
  };
}

/**
 * "What would change the answer", for an appeal: the first date within ten
 * years on which the same facts give another decision, and each exception
 * whose condition, if it held or stopped holding, would change it. None for
 * an indeterminate decision: what would change it is the missing fact.
 */
function changesOf(policy: CompiledPolicy, person: CaseFile, f: Frame, d: Decision): Change[] {
  if (d.decision === "indeterminate") return [];
  const changes: Change[] = [];
  const next = nextChange(policy.program, person.teacher, f, d);
  changes.push(next ? { kind: "date", date: formatDate(next.date), decision: next.decision } : { kind: "no_change" });
  for (const flip of exceptionFlips(d))
    changes.push({ kind: "exception", rule: flip.rule, held: flip.held, decision: flip.decision });
  return changes;
}
