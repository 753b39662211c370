// `lungang check <dataset> --policy <policy> [--format text|json|html|xlsx]
// [--output FILE]`: is a draft rotation plan compliant? Reads the dataset and
// the policy through the facade, writes the answer the facade renders in the
// format, picks the exit code: 0 compliant,
// 1 not compliant, 2 bad input or policy, or compliance not established.

import { checkPlan, checkPlanColumnar, isCsvFolder, readColumnar } from "../index.js";
import type { CompiledPolicy, PlanAnswer } from "../index.js";
import type { Args } from "./args.js";
import { datasetAndPolicy, emit, preparePolicy, report, type IO } from "./common.js";
import { progressFor } from "./progress.js";

export async function runCheck(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  // A CSV folder is read into columns (any size); the report files still take the object path.
  const columnar =
    file !== undefined &&
    args.policy &&
    args.positional.length === 1 &&
    args.format !== "html" &&
    args.format !== "xlsx";
  let prepared: CompiledPolicy | undefined;
  if (columnar && isCsvFolder(file)) {
    // The policy first: the data is read against its declared facts (ADR 0003).
    prepared = await preparePolicy(io, args, args.policy!);
    if (!prepared) return 2;
    const code = await runCheckColumnar(io, args, file, prepared);
    if (code !== undefined) return code;
  }
  // A bar on stderr while a large roster is read, decided and checked (a terminal only, never with JSON).
  // A folder the columns declined is read by the object path against the policy already prepared.
  const bar = progressFor(io, args);
  const input = await datasetAndPolicy(io, args, bar.report, prepared);
  bar.done();
  if (!input) return 2;
  const checked = await checkPlan(input.policy, input.dataset, { onProgress: bar.report });
  bar.done();
  const answer = checked.value!;
  // Notes (data warnings, a reference date outside the policy's dates, a school
  // without a district) do not stop the answer, but the reader is told what it rests on.
  const notes = [...input.notes, ...checked.diagnostics];
  // Any registered format: text, JSON, or the report files (html, xlsx) for filing and for Excel.
  if (!(await emit(io, args, { kind: "plan", answer, diagnostics: notes }))) return 2;
  return exitOf(answer);
}

function exitOf(answer: PlanAnswer): number {
  // Rows rejected: every count they could change is undetermined, so the answer is incomplete (2).
  if (answer.counts.rejected + answer.counts.moves_rejected > 0) return 2;
  // Not compliant: 1. Compliant as far as the data goes, but a must-check could not be decided: 2.
  return !answer.result.compliant ? 1 : answer.complete ? 0 : 2;
}

/** The same check over columns; undefined when the folder needs the object path's CSV reader. */
async function runCheckColumnar(io: IO, args: Args, file: string, policy: CompiledPolicy): Promise<number | undefined> {
  // The same bar as the object path: reading, deciding, checking.
  const bar = progressFor(io, args);
  const read = await readColumnar(file, policy, {
    ...(args.asOf !== undefined ? { asOf: args.asOf } : {}),
    onProgress: bar.report,
  });
  bar.done();
  if (read.irregular) return undefined;
  if (!read.value) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return 2;
  }
  const checked = await checkPlanColumnar(policy, read.value, bar.report);
  bar.done();
  const answer = checked.value!;
  if (!(await emit(io, args, { kind: "plan", answer, diagnostics: [...read.diagnostics, ...checked.diagnostics] })))
    return 2;
  return exitOf(answer);
}
