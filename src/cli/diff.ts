// `lungang diff <dataset> --policy <old> --against <new | YYYY-MM-DD>`: whose
// decision an amendment changes, and why; the numbers due and the quotas per
// school and district, as text, JSON, HTML or XLSX (`--output FILE`).
// `--against` a date compares the versions of one folder in force on the
// reference date and on that date. Exit 0 answered, 2 could not answer.

import { diag } from "../diagnostics/registry.js";
import { diff } from "../index.js";
import { parseIsoDate } from "../time/date.js";
import type { Args } from "./args.js";
import { emit, report, type IO } from "./common.js";
import { readInForce, type InForce } from "./in-force.js";

export async function runDiff(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy || !args.against) {
    await report(io, args, [
      diag("C002", { what: !file ? "<dataset>" : !args.policy ? "--policy <policy>" : "--against <policy|date>" }),
    ]);
    return 2;
  }
  if (args.format === "xlsx" && !args.output) {
    await report(io, args, [diag("C002", { what: "--output FILE.xlsx" })]);
    return 2;
  }
  const againstDate = /^\d{4}-\d{2}-\d{2}$/.test(args.against) ? parseIsoDate(args.against) : undefined;
  const ready = await readInForce(io, args, file, [
    args.policy,
    againstDate !== undefined ? { path: args.policy, on: againstDate } : args.against,
  ]);
  if (!ready) return 2;
  const [a, b] = ready.policies as [InForce, InForce];
  // Each side's policy with the data as read against its own facts.
  const answer = diff(
    a.policy,
    b.policy,
    { before: a.data, after: b.data },
    {
      before: a.label ?? a.policy.checked.name,
      after: b.label ?? b.policy.checked.name,
    },
  );
  const doc = { kind: "diff" as const, answer: answer.value!, diagnostics: [...ready.notes, ...answer.diagnostics] };
  return (await emit(io, args, doc)) ? 0 : 2;
}
