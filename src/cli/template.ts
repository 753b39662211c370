// `lungang template --policy <p> [--output FILE.xlsx]`: the empty roster
// workbook for a policy — its sheets, the header of every fact it reads,
// drop-down lists, date formats, one example row and a 说明 sheet.
// Exit 0 written, 2 when the policy does not check or the file cannot be written.

import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-tabular.js";
import { writeTemplate } from "../data/tabular/write.js";
import { schemaOf } from "../data/tabular/policy-schema.js";
import type { Args } from "./args.js";
import { preparePolicy, report, type IO } from "./common.js";

export async function runTemplate(io: IO, args: Args): Promise<number> {
  const policyPath = args.policy ?? args.positional[0];
  if (!policyPath) {
    await report(io, args, [diag("C002", { what: "--policy <policy>" })]);
    return 2;
  }
  const prepared = await preparePolicy(io, args, policyPath);
  if (!prepared) return 2;
  const out = args.output ?? `花名册模板-${prepared.checked.name}.xlsx`;
  try {
    await writeTemplate(out, schemaOf(prepared.checked), prepared.checked.name);
  } catch (e) {
    await report(io, args, [diag("D121", { file: out, reason: e instanceof Error ? e.message : String(e) })]);
    return 2;
  }
  if (args.format === "json") io.out(JSON.stringify({ policy: prepared.checked.name, output: out }));
  else io.err(args.lang === "zh" ? `已写出模板：${out}` : `template written: ${out}`);
  return 0;
}
