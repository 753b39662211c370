// Facade — the empty roster workbook of a policy (`lungang template`): its
// sheets, the header of every fact the policy reads, drop-down lists, date
// formats, one example row and a 说明 sheet, written to a file.

import type { Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-tabular.js";
import { writeTemplate } from "../data/tabular/write.js";
import { schemaOf } from "../data/tabular/policy-schema.js";
import type { CompiledPolicy } from "./compile.js";

/** The file name a template is written to by default: `花名册模板-<policy>.xlsx`. */
export function templateName(policy: CompiledPolicy): string {
  return `花名册模板-${policy.checked.name}.xlsx`;
}

/** Write the roster template of a policy to `file`; the path written, or D121 when it cannot be written. */
export async function writeRosterTemplate(policy: CompiledPolicy, file: string): Promise<Result<string>> {
  try {
    await writeTemplate(file, schemaOf(policy.checked), policy.checked.name);
    return { value: file, diagnostics: [] };
  } catch (e) {
    return { diagnostics: [diag("D121", { file, reason: e instanceof Error ? e.message : String(e) })] };
  }
}
