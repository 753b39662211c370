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
import type { PlanAnswer } from "../../src/api/plan.js";
import type { Diagnostic, Result } from "../../src/diagnostics/diagnostic.js";
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

/** One reading of the folder: its diagnostics, intake and rendered answers (JSON, text), to compare. */
interface Reading {
  readonly label: string;
  readonly diagnostics: string[];
  readonly read: boolean;
  readonly intake?: string;
  readonly answers?: readonly string[];
}

async function reading(
  label: string,
  r: Result<{ intake?: unknown }>,
  answer: () => Promise<Result<PlanAnswer>>,
): Promise<Reading> {
  const diagnostics = view(r.diagnostics);
  if (!r.value) return { label, diagnostics, read: false };
  const p = await answer();
  const answers: string[] = [];
  for (const format of ["json", "text"] as const)
    answers.push(
      JSON.stringify(
        (await render({ kind: "plan", answer: p.value!, diagnostics: p.diagnostics }, { format, lang: "zh" })).value,
      ),
    );
  return { label, diagnostics, read: true, intake: JSON.stringify(r.value.intake), answers };
}

/** What two readings disagree on, each as a line. */
function disagreements(x: Reading, y: Reading): string[] {
  const out: string[] = [];
  const d = (what: string, a: unknown, b: unknown) =>
    out.push(`${what}: ${x.label} ${String(a)}, ${y.label} ${String(b)}`);
  if (JSON.stringify(x.diagnostics) !== JSON.stringify(y.diagnostics))
    d("diagnostics", JSON.stringify(x.diagnostics), JSON.stringify(y.diagnostics));
  if (x.read !== y.read) d("dataset", x.read ? "read" : "refused", y.read ? "read" : "refused");
  if (x.read && y.read) {
    if (x.intake !== y.intake) d("intake", x.intake, y.intake);
    ["json", "text"].forEach((format, i) => {
      if (x.answers![i] !== y.answers![i]) out.push(`${format} answer differs (${x.label}, ${y.label})`);
    });
  }
  return out;
}

/** Read `dir` both ways and check it against `policy`; `irregular` when the columns decline the folder. */
export async function bothReaders(dir: string, policy: CompiledPolicy): Promise<BothReaders> {
  const a = await readTabular(dir);
  const b = await readColumnar(dir, { threads: 1 });
  // The same folder cut into parts of 2 KB and read as by several threads (src/columnar/parallel.ts).
  const c = await readColumnar(dir, { threads: 2, partBytes: 2048 });
  if (b.irregular || c.irregular)
    // Read on the object path instead (csv.test.ts) — by both column readings alike.
    return b.irregular && c.irregular
      ? { irregular: true }
      : { objects: undefined, columns: undefined, differences: ["irregular: one thread and in parts differ"] };
  const objects = await reading("objects", a, () => answerObjects(policy, a.value!));
  const columns = await reading("columns", b, () => checkPlanColumnar(policy, b.value!));
  // … and its search for rules no plan could meet made a district at a time, dealt to threads (solve.ts).
  const parts = await withEnv({ LUNGANG_SEARCH_BATCH: "1", LUNGANG_SOLVE_MIN: "0", LUNGANG_THREADS: "2" }, () =>
    reading("in parts", c, () => checkPlanColumnar(policy, c.value!)),
  );
  return {
    objects: a.value,
    columns: b.value,
    differences: [...disagreements(objects, columns), ...disagreements(columns, parts)],
  };
}

/** Run `fn` with these environment variables set, then put them back. */
export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
