// `lungang decide <dataset> --policy <p> [--format text|json|csv|xlsx] [--output FILE]`:
// every person's decision as a table (the 应交流名单 a bureau compiles before
// any plan exists). Reads any dataset form and decides through the facade,
// which renders the table in the format.
// Exit 0 all decided, 2 when a row was rejected or a decision is indeterminate.

import { decideEach } from "../index.js";
import type { Args } from "./args.js";
import { datasetAndPolicy, emit, type IO } from "./common.js";
import { progressFor } from "./progress.js";

export async function runDecide(io: IO, args: Args): Promise<number> {
  // A bar on stderr while a large roster is read and decided (a terminal only, never with JSON).
  const bar = progressFor(io, args);
  const input = await datasetAndPolicy(io, args, bar.report);
  bar.done();
  if (!input) return 2;
  const decided = decideEach(input.policy, input.dataset, { onProgress: bar.report });
  bar.done();
  const answer = decided.value!;
  const notes = [...input.notes, ...decided.diagnostics];
  if (!(await emit(io, args, { kind: "decisions", answer, diagnostics: notes }))) return 2;
  return answer.complete ? 0 : 2;
}
