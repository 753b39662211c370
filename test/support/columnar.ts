// A CSV folder read by both of lungang's CSV readers — the object path
// (readTabular, then checkPlan) and the columnar path (readColumnar, then
// checkPlanColumnar) — and what they disagree on: the diagnostics, whether a
// dataset came out, the intake counts, and the rendered answer (JSON and
// text) — and the columnar path once more with the files cut into parts
// (src/columnar/parallel.ts), which must give the one-thread reading's answer.
// Used by the columnar property test and the roster fuzz stream.

import type { CompiledPolicy } from "../../src/api/compile.js";
import { checkPlan as answerObjects } from "../../src/api/plan.js";
import { checkPlanColumnar } from "../../src/columnar/plan.js";
import { readColumnar, type ColumnarData } from "../../src/columnar/read.js";
import type { Dataset } from "../../src/data/model.js";
import { readTabular } from "../../src/data/tabular/read.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { render } from "../../src/render/render.js";

const view = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code} ${d.path ?? ""} ${d.message}`);

export type BothReaders =
  | { readonly irregular: true }
  | {
      readonly irregular?: undefined;
      readonly objects: Dataset | undefined;
      readonly columns: ColumnarData | undefined;
      /** What the two paths disagree on, each as a line; empty when they agree. */
      readonly differences: string[];
    };

/** Read `dir` both ways and check it against `policy`; `irregular` when the columns decline the folder. */
export async function bothReaders(dir: string, policy: CompiledPolicy): Promise<BothReaders> {
  const a = await readTabular(dir);
  const b = await readColumnar(dir, { threads: 1 });
  // The same folder cut into parts of 2 KB and read as by several threads (src/columnar/parallel.ts).
  const c = await readColumnar(dir, { threads: 2, partBytes: 2048 });
  const differences: string[] = [];
  if (b.irregular !== c.irregular)
    differences.push(`irregular: one thread ${String(b.irregular)}, in parts ${String(c.irregular)}`);
  if (b.irregular)
    return differences.length ? { objects: undefined, columns: undefined, differences } : { irregular: true }; // read on the object path instead (csv.test.ts)
  const da = view(a.diagnostics);
  const db = view(b.diagnostics);
  if (JSON.stringify(da) !== JSON.stringify(db))
    differences.push(`diagnostics: objects ${JSON.stringify(da)}, columns ${JSON.stringify(db)}`);
  if ((a.value === undefined) !== (b.value === undefined))
    differences.push(`dataset: objects ${a.value ? "read" : "refused"}, columns ${b.value ? "read" : "refused"}`);
  if (a.value && b.value) {
    if (JSON.stringify(a.value.intake) !== JSON.stringify(b.value.intake))
      differences.push(`intake: objects ${JSON.stringify(a.value.intake)}, columns ${JSON.stringify(b.value.intake)}`);
    const pa = await answerObjects(policy, a.value);
    const pb = await checkPlanColumnar(policy, b.value);
    for (const format of ["json", "text"] as const) {
      const ra = await render({ kind: "plan", answer: pa.value!, diagnostics: pa.diagnostics }, { format, lang: "zh" });
      const rb = await render({ kind: "plan", answer: pb.value!, diagnostics: pb.diagnostics }, { format, lang: "zh" });
      if (JSON.stringify(ra.value) !== JSON.stringify(rb.value)) differences.push(`${format} answer differs`);
    }
  }
  const dc = view(c.diagnostics ?? []);
  if (JSON.stringify(db) !== JSON.stringify(dc))
    differences.push(`diagnostics: one thread ${JSON.stringify(db)}, in parts ${JSON.stringify(dc)}`);
  if ((b.value === undefined) !== (c.value === undefined)) differences.push("dataset: one thread and in parts differ");
  if (b.value && c.value) {
    if (JSON.stringify(b.value.intake) !== JSON.stringify(c.value.intake))
      differences.push(
        `intake: one thread ${JSON.stringify(b.value.intake)}, in parts ${JSON.stringify(c.value.intake)}`,
      );
    const pb = await checkPlanColumnar(policy, b.value);
    const pc = await checkPlanColumnar(policy, c.value);
    const rb = await render(
      { kind: "plan", answer: pb.value!, diagnostics: pb.diagnostics },
      { format: "json", lang: "zh" },
    );
    const rc = await render(
      { kind: "plan", answer: pc.value!, diagnostics: pc.diagnostics },
      { format: "json", lang: "zh" },
    );
    if (JSON.stringify(rb.value) !== JSON.stringify(rc.value)) differences.push("json answer differs in parts");
  }
  return { objects: a.value, columns: b.value, differences };
}
