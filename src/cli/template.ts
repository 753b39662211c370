// `lungang template --policy <p> [--output FILE.xlsx]`: the empty roster
// workbook for a policy — its sheets, the header of every fact it reads,
// drop-down lists, date formats, one example row and a 说明 sheet — written
// through the facade. Exit 0 written, 2 when the policy does not check or the
// file cannot be written.

import { diag } from "../diagnostics/registry.js";
import { templateName, writeRosterTemplate } from "../index.js";
import type { Args } from "./args.js";
import { preparePolicy, report, type IO } from "./common.js";

export async function runTemplate(io: IO, args: Args): Promise<number> {
  const policyPath = args.policy ?? args.positional[0];
  if (!policyPath) {
    await report(io, args, [diag("C002", { what: "--policy <policy>" })]);
    return 2;
  }
  const policy = await preparePolicy(io, args, policyPath);
  if (!policy) return 2;
  const written = await writeRosterTemplate(policy, args.output ?? templateName(policy));
  if (!written.value) {
    await report(io, args, written.diagnostics);
    return 2;
  }
  if (args.format === "json") io.out(JSON.stringify({ policy: policy.checked.name, output: written.value }));
  else io.err(args.lang === "zh" ? `已写出模板：${written.value}` : `template written: ${written.value}`);
  return 0;
}
