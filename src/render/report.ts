// Rendering the report files of a plan check (`check --format html|xlsx`, the
// web app's downloads): the report model built once from the answer
// (report-model.ts), its HTML page with ECharts inlined, and its workbook
// with every person's row. The `html` and `xlsx` renderers (html.ts,
// xlsx.ts) call these; the web server calls them for its session's model.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PassThrough, type Writable } from "node:stream";
import type { CheckedPolicy } from "../checker/checked.js";
import type { Dataset } from "../data/model.js";
import type { Lang } from "../diagnostics/registry.js";
import type { Program } from "../interpreter/compile.js";
import type { Value } from "../interpreter/values.js";
import type { PlanResult } from "../plan/check-plan.js";
import { schoolFigures } from "../plan/figures.js";
import { formatDate } from "../time/date.js";
import type { CompiledPolicy } from "../api/compile.js";
import type { Counts, PlanAnswer } from "../api/answers.js";
import { buildReport, type ReportModel } from "./report-model.js";
import { renderReportHtml } from "./html-report.js";
import { personRows } from "./people.js";
import { namerOf, violationView } from "./violation.js";

/** A compiled policy as the report writers use it. */
export interface Prepared {
  readonly policy: CheckedPolicy;
  readonly program: Program;
  readonly params: ReadonlyMap<string, Value>;
  readonly compiled: CompiledPolicy;
}

/** The minified ECharts build shipped in the `echarts` package, inlined into every HTML report. */
let echartsSource: string | undefined;
export function echartsMin(): string {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"), "utf8");
  return echartsSource;
}

/** The report model of a plan check: the same content as `check`'s text, with each school's chart figures. */
export function planReport(
  prepared: Pick<Prepared, "policy" | "program" | "params">,
  data: Dataset,
  result: PlanResult,
  lang: Lang,
  counts?: Counts,
): ReportModel {
  const names = namerOf(data);
  return buildReport({
    policy: prepared.policy,
    data,
    result,
    views: result.violations.map((v) => violationView(prepared.policy, v, lang, names)),
    names,
    figures: schoolFigures(prepared.program, data, result, prepared.params),
    asOf: formatDate(data.asOf),
    lang,
    ...(counts ? { counts } : {}),
  });
}

/** The report model of an answer of `checkPlan`. */
export function answerReport(a: PlanAnswer, lang: Lang): ReportModel {
  const c = a.compiled;
  return planReport({ policy: c.checked, program: c.program, params: c.params }, a.dataset, a.result, lang, a.counts);
}

/** The self-contained HTML file of a report. */
export function planReportHtml(model: ReportModel): string {
  return renderReportHtml(model, echartsMin());
}

/** The XLSX workbook into `out`; every person of the dataset gets a row in 人员判定. */
export function planReportXlsx(
  prepared: Pick<Prepared, "program" | "params">,
  data: Dataset,
  model: ReportModel,
  out: Writable,
): Promise<void> {
  const rows = personRows(prepared.program, data, prepared.params, model.lang);
  // exceljs is loaded only when a workbook is written (the CLI's start stays light).
  return import("./xlsx-report.js").then((x) => x.writeReportXlsx(model, rows, out));
}

/** The workbook as bytes (`--output`, the web app's download). */
export async function planReportXlsxBuffer(
  prepared: Pick<Prepared, "program" | "params">,
  data: Dataset,
  model: ReportModel,
): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  await planReportXlsx(prepared, data, model, sink);
  return Buffer.concat(chunks);
}
