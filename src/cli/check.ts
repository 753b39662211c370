// `lungang check <dataset> --policy <policy>`: is a draft rotation plan
// compliant? Reads the dataset and the policy through the facade, writes the
// rendered answer (src/render/plan.ts), picks the exit code: 0 compliant,
// 1 not compliant, 2 bad input or policy, or compliance not established.

import { diag } from "../diagnostics/registry.js";
import { checkPlan, checkPlanColumnar, isCsvFolder, readColumnar, readDataset, usable } from "../index.js";
import type { PlanAnswer } from "../index.js";
import type { Args } from "./args.js";
import { emit, preparePolicy, report, type IO } from "./common.js";
import { extraArguments } from "./lint.js";
import { fileSink, planReport, planReportHtml, planReportXlsx, writeText } from "./report-output.js";

export async function runCheck(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy) {
    await report(io, args, [diag("C002", { what: !file ? "<dataset>" : "--policy <policy>" })]);
    return 2;
  }
  if (await extraArguments(io, args, 1, { en: "one dataset", zh: "一个数据集" })) return 2;
  // A CSV folder is read into columns (any size); the report files still take the object path.
  if (args.format !== "html" && args.format !== "xlsx" && isCsvFolder(file)) {
    const code = await runCheckColumnar(io, args, file);
    if (code !== undefined) return code;
  }
  // `--as-of` overrides the dataset's own reference date.
  const read = await readDataset(file, args.asOf !== undefined ? { asOf: args.asOf } : {});
  // A roster with rejected rows still has a dataset: the other rows are decided
  // and the answer is marked incomplete. A YAML/JSON dataset is all or nothing.
  if (!usable(read)) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return 2;
  }
  const policy = await preparePolicy(io, args, args.policy);
  if (!policy) return 2;
  const checked = await checkPlan(policy, read.value);
  const answer = checked.value!;
  // Notes (data warnings, a reference date outside the policy's dates, a school
  // without a district) do not stop the answer, but the reader is told what it rests on.
  const notes = [...read.diagnostics, ...checked.diagnostics];
  if (args.format === "html" || args.format === "xlsx") {
    // The report files: the same content as the text, for filing and for Excel.
    const prepared = { policy: policy.checked, program: policy.program, params: policy.params, compiled: policy };
    const model = planReport(prepared, read.value, answer.result, args.lang, answer.counts);
    if (args.format === "html") writeText(args.output, planReportHtml(model), io.out);
    else {
      if (!args.output) {
        await report(io, args, [diag("C002", { what: "--output FILE.xlsx" })]);
        return 2;
      }
      const sink = fileSink(args.output);
      await planReportXlsx(prepared, read.value, model, sink.stream);
      await sink.closed;
    }
  } else if (!(await emit(io, args, { kind: "plan", answer, diagnostics: notes }))) return 2;
  return exitOf(answer);
}

function exitOf(answer: PlanAnswer): number {
  // Rows rejected: every count they could change is undetermined, so the answer is incomplete (2).
  if (answer.counts.rejected + answer.counts.moves_rejected > 0) return 2;
  // Not compliant: 1. Compliant as far as the data goes, but a must-check could not be decided: 2.
  return !answer.result.compliant ? 1 : answer.complete ? 0 : 2;
}

/** The same check over columns; undefined when the folder needs the object path's CSV reader. */
async function runCheckColumnar(io: IO, args: Args, file: string): Promise<number | undefined> {
  const read = await readColumnar(file, args.asOf !== undefined ? { asOf: args.asOf } : {});
  if (read.irregular) return undefined;
  if (!read.value) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return 2;
  }
  const policy = await preparePolicy(io, args, args.policy!);
  if (!policy) return 2;
  const checked = await checkPlanColumnar(policy, read.value);
  const answer = checked.value!;
  if (!(await emit(io, args, { kind: "plan", answer, diagnostics: [...read.diagnostics, ...checked.diagnostics] })))
    return 2;
  return exitOf(answer);
}
