// `check --format html|xlsx` and `case --format html`: builds the report
// model from a plan check (or a case answer), renders it and writes it to
// `--output FILE` (or stdout for HTML). Shared by the CLI and the web server,
// which call the same functions and send the bytes instead of writing them.

import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PassThrough, type Writable } from "node:stream";
import type { Dataset } from "../data/model.js";
import type { Lang } from "../diagnostics/registry.js";
import type { PlanResult } from "../plan/check-plan.js";
import { schoolFigures } from "../plan/figures.js";
import { buildReport, type Counts, type ReportModel } from "../render/report-model.js";
import { renderReportHtml } from "../render/html-report.js";
import { personRows } from "../render/people.js";
import { formatDate } from "../time/date.js";
import { violationView } from "../render/violation.js";
import type { CheckedPolicy } from "../checker/checked.js";
import type { Program } from "../interpreter/compile.js";
import type { Value } from "../interpreter/values.js";
import type { CompiledPolicy } from "../api/compile.js";

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

export function planReport(
  prepared: Pick<Prepared, "policy" | "program" | "params">,
  data: Dataset,
  result: PlanResult,
  lang: Lang,
  counts?: Counts,
): ReportModel {
  return buildReport({
    policy: prepared.policy,
    data,
    result,
    views: result.violations.map((v) => violationView(prepared.policy, v, lang)),
    figures: schoolFigures(prepared.program, data, result, prepared.params),
    asOf: formatDate(data.asOf),
    lang,
    ...(counts ? { counts } : {}),
  });
}

export function planReportHtml(model: ReportModel): string {
  return renderReportHtml(model, echartsMin());
}

/** The XLSX workbook into `out`; every person of the dataset gets a row in 人员判定. */
export function planReportXlsx(
  prepared: Pick<Prepared, "program" | "params">,
  data: Dataset,
  model: ReportModel,
  out: Writable,
  onRow?: (done: number) => void,
): Promise<void> {
  const rows = personRows(prepared.program, data, prepared.params, model.lang);
  let n = 0;
  const counted = onRow
    ? (function* () {
        for (const r of rows) {
          if ((++n & 4095) === 0) onRow(n);
          yield r;
        }
      })()
    : rows;
  // exceljs is loaded only when a workbook is written (the CLI's start stays light).
  return import("../render/xlsx-report.js").then((x) => x.writeReportXlsx(model, counted, out));
}

/** The workbook as bytes (the web app's download). */
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

/** Write text to `--output` or stdout. */
export function writeText(output: string | undefined, text: string, out: (s: string) => void): void {
  if (output) writeFileSync(output, text);
  else out(text);
}

/** A file stream that resolves once the data is on disk. */
export function fileSink(path: string): { stream: Writable; closed: Promise<void> } {
  const stream = createWriteStream(path);
  const closed = new Promise<void>((res, rej) => {
    stream.on("close", () => res());
    stream.on("error", rej);
  });
  return { stream, closed };
}
