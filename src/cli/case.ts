// `lungang case <case-file> --policy <policy>`: one person — must this
// teacher rotate? Prints the decision, the clauses with their wording, every
// rule's conditions with the values seen, and what would change the answer.
// Exit 0 decided, 2 when the input or policy is bad or the decision cannot be made.

import { readCaseFile } from "../data/read.js";
import { readAnyDataset } from "../data/tabular/index.js";
import type { CaseFile, Dataset } from "../data/model.js";
import type { Result } from "../diagnostics/diagnostic.js";
import { closest } from "../diagnostics/suggest.js";
import { formatDate } from "../time/date.js";
import type { Program } from "../interpreter/compile.js";
import { worldOf, newFrame, type Frame } from "../interpreter/frame.js";
import { exceptionFlips, nextChange } from "../interpreter/counterfactual.js";
import type { Decision } from "../interpreter/decide.js";
import { decisionJson, decisionWord, renderDecisionText, words, type ChangeHint } from "../render/explain.js";
import type { Lang } from "../diagnostics/registry.js";
import { diag } from "../diagnostics/registry.js";
import type { Args } from "./args.js";
import { dateNotes, preparePolicy, report, warnings, type IO } from "./common.js";
import type { Teacher } from "../data/model.js";

export async function runCase(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy) {
    report(io, args, [diag("C002", { what: !file ? "<case-file>" : "--policy <policy>" })]);
    return 2;
  }
  // `--as-of` overrides the file's reference date. With `--teacher`, the file is a
  // whole dataset (a district's roster) and the case is that person in it.
  const options = args.asOf !== undefined ? { asOf: args.asOf } : {};
  const read =
    args.teacher !== undefined
      ? caseFromDataset(await readAnyDataset(file, options), args.teacher)
      : readCaseFile(file, options);
  if (!read.value || read.diagnostics.some((d) => d.severity === "error")) {
    report(io, args, read.diagnostics, new Map(), { error: "invalid case file" });
    return 2;
  }
  const prepared = preparePolicy(io, args, args.policy);
  if (!prepared) return 2;
  const cf = read.value;
  // The policy's month-end rounding (inherited from the layers below) and the
  // command line's parameter values, e.g. a redacted “20xx” threshold.
  const frame = newFrame(worldOf(prepared.policy, { asOf: cf.asOf, schools: cf.schoolById }, prepared.params));
  // Traced: each rule's result carries the conditions it checked and the
  // values it saw, which the explanation prints.
  const traced = prepared.program.decide(cf.teacher, frame, true);
  const hints = changeHints(prepared.program, cf.teacher, frame, traced, args.lang);
  const asOf = formatDate(cf.asOf);
  const notes = [...read.diagnostics, ...dateNotes(prepared.policy, cf.asOf)];
  const answer = { policy: prepared.policy, teacherId: cf.teacher.id, asOf, decision: traced, hints };
  const warned = warnings(io, args, notes);
  if (args.json) {
    const j = decisionJson(answer, args.lang);
    io.out(JSON.stringify(warned ? { ...j, warnings: warned } : j, null, 2));
  } else io.out(renderDecisionText(answer, args.lang));
  // Any decision, "required" included, is an answer (0); an indeterminate one
  // depends on a missing fact or a conflict, and is not (2).
  return traced.decision === "indeterminate" ? 2 : 0;
}

/**
 * "What would change the answer", for an appeal: the first date within ten
 * years on which the same facts give another decision (a tenure reached, an
 * age passed), and each exception whose condition, if it held or stopped
 * holding, would change it. None for an indeterminate decision: what would
 * change it is the missing fact, and that is already listed.
 */
/** One person of a dataset as a case: the dataset's schools come along (for the history too). */
function caseFromDataset(r: Result<Dataset>, id: string): Result<CaseFile> {
  if (!r.value) return { diagnostics: r.diagnostics };
  const teacher = r.value.teacherById.get(id);
  if (!teacher) {
    const best = closest(id, r.value.teacherById.keys());
    return { diagnostics: [...r.diagnostics, diag("C005", { id }, best ? { help: `did you mean \`${best}\`?` } : {})] };
  }
  return {
    value: { asOf: r.value.asOf, teacher, schools: r.value.schools, schoolById: r.value.schoolById },
    diagnostics: r.diagnostics,
  };
}

export function changeHints(program: Program, t: Teacher, f: Frame, d: Decision, lang: Lang): ChangeHint[] {
  if (d.decision === "indeterminate") return [];
  const w = words(lang);
  // The same `{slot}` filling as render/explain.ts (private there).
  const fill = (s: string, a: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => a[k] ?? m);
  const hints: ChangeHint[] = [];
  const next = nextChange(program, t, f, d);
  if (next) {
    const decision = decisionWord(next.decision.decision, lang);
    hints.push({
      kind: "date",
      date: formatDate(next.date),
      decision: next.decision.decision,
      text:
        fill(w.onDate, { date: formatDate(next.date), decision }) +
        ` (${next.decision.clauses.map((c) => c.id).join(", ")})`,
    });
  } else hints.push({ kind: "no_change", text: w.noChange });
  for (const flip of exceptionFlips(d)) {
    hints.push({
      kind: "exception",
      clause: flip.rule.clause.id,
      decision: flip.decision,
      text: fill(flip.held ? w.ifException : w.ifNot, {
        clause: flip.rule.clause.id,
        label: flip.rule.label,
        decision: decisionWord(flip.decision, lang),
      }),
    });
  }
  return hints;
}
