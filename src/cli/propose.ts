// `lungang propose <dataset> --policy <p> [--constraints FILE] [--output FILE]`:
// a draft plan that meets every must-rule of the policy on this roster, or
// the rules no plan can meet. `--output` writes the dataset with the plan in
// its own format (YAML/JSON, the workbook's 交流方案 sheet, a CSV folder).
// Exit 0 compliant plan found, 1 some rule cannot be met on this roster,
// 2 could not answer (bad input, or no plan derived).

import { diag } from "../diagnostics/registry.js";
import { propose, readConstraints, writeProposal } from "../index.js";
import type { Args } from "./args.js";
import { emit, report, type IO } from "./common.js";
import { readInForce } from "./in-force.js";

export async function runPropose(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy) {
    await report(io, args, [diag("C002", { what: !file ? "<dataset>" : "--policy <policy>" })]);
    return 2;
  }
  if (!["text", "json"].includes(args.format)) {
    await report(io, args, [
      diag("C003", { option: "--format", why: `propose writes text or json (not ${args.format})` }),
    ]);
    return 2;
  }
  const ready = await readInForce(io, args, file, [args.policy]);
  if (!ready) return 2;
  const { policies, notes: readNotes } = ready;
  const [{ policy, label, data }] = policies as [(typeof policies)[number]];
  const constraints = args.constraints ? readConstraints(args.constraints, data) : undefined;
  if (constraints && !constraints.value) {
    await report(io, args, constraints.diagnostics);
    return 2;
  }
  const proposed = await propose(policy, data, {
    ...(constraints?.value ? { constraints: constraints.value } : {}),
    ...(label ? { version: label } : {}),
  });
  let answer = proposed.value!;
  if (args.output) {
    const written = await writeProposal(answer, file, args.output);
    if (!written.value) {
      await report(io, args, written.diagnostics);
      return 2;
    }
    answer = written.value;
  }
  // `--output` is the plan's file here, not the answer's: the answer goes to stdout.
  const doc = { kind: "proposal" as const, answer, diagnostics: [...readNotes, ...proposed.diagnostics] };
  if (!(await emit(io, { ...args, output: undefined }, doc))) return 2;
  const status = answer.proposal.status;
  return status === "compliant" ? 0 : status === "infeasible" ? 1 : 2;
}
