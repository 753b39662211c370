// `lungang case <case-file> --policy <policy>` (or `<dataset> --teacher ID`):
// one person — must this teacher rotate? Reads the input and the policy
// through the facade, writes the rendered answer, picks the exit code:
// 0 decided, 2 when the input or policy is bad or the decision cannot be made.

import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import { caseOf, decide, readCase, readDataset, type CaseFile, type CompiledPolicy } from "../index.js";
import type { Args } from "./args.js";
import { emit, extraArguments, preparePolicy, report, type IO } from "./common.js";

export async function runCase(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy) {
    await report(io, args, [diag("C002", { what: !file ? "<case-file>" : "--policy <policy>" })]);
    return 2;
  }
  if (await extraArguments(io, args, 1, { en: "one case file", zh: "一个案例文件" })) return 2;
  // The policy first: the case is read against its declared facts (ADR 0003).
  const policy = await preparePolicy(io, args, args.policy);
  if (!policy) return 2;
  const read = await readPerson(file, args, policy);
  if (!read.value || read.diagnostics.some((d) => d.severity === "error")) {
    await report(io, args, read.diagnostics, new Map(), "invalid case file");
    return 2;
  }
  const decided = decide(policy, read.value);
  const answer = decided.value!;
  const notes: Diagnostic[] = [...read.diagnostics, ...decided.diagnostics];
  // Text, JSON, or a printable appeal answer (html): the person with names beside ids, the clauses quoted, the reasons.
  if (!(await emit(io, args, { kind: "case", answer, diagnostics: notes }))) return 2;
  // Any decision, "required" included, is an answer (0); an indeterminate one
  // depends on a missing fact or a conflict, and is not (2).
  return answer.decision.decision === "indeterminate" ? 2 : 0;
}

/**
 * The person to decide. With `--teacher`, the file is a whole dataset (a
 * district's roster) and the case is that person in it. Without it, a file
 * that is not a case but reads as a dataset gets C009: use `--teacher`.
 */
async function readPerson(file: string, args: Args, policy: CompiledPolicy): Promise<Result<CaseFile>> {
  // `--as-of` overrides the file's reference date.
  const options = args.asOf !== undefined ? { asOf: args.asOf } : {};
  if (args.teacher !== undefined) {
    const ds = await readDataset(file, policy, options);
    if (!ds.value) return ds as Result<never>;
    const c = caseOf(ds.value, args.teacher);
    return { ...c, diagnostics: [...ds.diagnostics, ...c.diagnostics] };
  }
  const read = readCase(file, policy, options);
  if (read.value) return read;
  const asDataset = await readDataset(file, policy, options);
  if (asDataset.value && !asDataset.diagnostics.some((d) => d.severity === "error")) {
    const first = asDataset.value.teachers[0]?.id;
    return {
      diagnostics: [
        diag(
          "C009",
          { file, teachers: asDataset.value.teachers.length },
          first ? { help: `e.g. \`--teacher ${first}\`` } : {},
        ),
      ],
    };
  }
  return read;
}
