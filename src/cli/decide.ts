// `lungang decide <dataset> --policy <p> [--format text|json|csv|xlsx] [--output FILE]`:
// every person's decision as a table (the 应交流名单 a bureau compiles before
// any plan exists). Reads any dataset form; renders with src/render/decisions-*.
// Exit 0 all decided, 2 when a row was rejected or a decision is indeterminate.

import { writeFileSync } from "node:fs";
import { readAnyDataset } from "../data/tabular/index.js";
import { readingsOf } from "../data/tabular/intervals.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-tabular.js";
import { newFrame, worldOf } from "../interpreter/frame.js";
import type { Decision } from "../interpreter/decide.js";
import { decidingReason, type DecisionRow, type DecisionTable } from "../render/decisions.js";
import { renderDecisionsCsv } from "../render/decisions-csv.js";
import { renderDecisionsJson } from "../render/decisions-json.js";
import { renderDecisionsText } from "../render/decisions-text.js";
import { renderDecisionsXlsx } from "../render/decisions-xlsx.js";
import { formatDate } from "../time/date.js";
import type { Args } from "./args.js";
import { dateNotes } from "../api/notes.js";
import { preparePolicy, report, warnings, type IO } from "./common.js";

const FORMATS = ["text", "json", "csv", "xlsx"] as const;

export async function runDecide(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy) {
    await report(io, args, [diag("C002", { what: !file ? "<dataset>" : "--policy <policy>" })]);
    return 2;
  }
  const format = args.format;
  if (!(FORMATS as readonly string[]).includes(format)) {
    await report(io, args, [
      diag("C003", { option: "--format", why: `expected ${FORMATS.join(", ")}, found "${format}"` }),
    ]);
    return 2;
  }
  if (format === "xlsx" && !args.output) {
    await report(io, args, [diag("C003", { option: "--format xlsx", why: "needs --output FILE.xlsx" })]);
    return 2;
  }
  const read = await readAnyDataset(file, args.asOf !== undefined ? { asOf: args.asOf } : {});
  if (!read.value || (!read.value.intake && read.diagnostics.some((d) => d.severity === "error"))) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return 2;
  }
  const prepared = await preparePolicy(io, args, args.policy);
  if (!prepared) return 2;
  const ds = read.value;
  const frame = newFrame(
    worldOf(prepared.checked, { asOf: ds.asOf, schools: ds.schoolById, teachers: ds.teacherById }, prepared.params),
  );
  const zh = args.lang === "zh";
  const rows: DecisionRow[] = ds.teachers.map((t) => {
    const readings = readingsOf(t, ds.intake?.dateIntervals.get(t.id));
    let d: Decision | undefined;
    let extra: string | undefined;
    if (!readings) {
      extra = zh ? "日期只到月，可能的日期组合过多" : "month-only dates: too many possible days";
    } else {
      // Decided only when every day of a month-only date gives the same answer.
      const all = readings.map((x) => prepared.program.decide(x, frame));
      d = all[0]!;
      if (all.some((x) => x.decision !== d!.decision)) {
        extra = zh
          ? "日期只到月，结论取决于具体日期（请补全到日）"
          : "month-only date: the answer depends on the day (add the day)";
      }
    }
    const school = ds.schoolById.get(t.school);
    const decision = extra || !d ? "indeterminate" : d.decision;
    return {
      id: t.id,
      ...(t.name !== undefined ? { name: t.name } : {}),
      school: t.school,
      ...(school?.name !== undefined ? { schoolName: school.name } : {}),
      decision,
      clauses: d ? d.clauses.map((c) => c.id) : [],
      reason: d ? decidingReason(d, args.lang, extra) : extra!,
    };
  });
  const i = ds.intake;
  const table: DecisionTable = {
    policy: prepared.checked.name,
    asOf: formatDate(ds.asOf),
    rows,
    counts: {
      teachers_in: i ? i.teachersIn : ds.teachers.length,
      decided: ds.teachers.length,
      rejected: i ? i.rejectedTeachers.length : 0,
    },
    rejected: i ? i.rejectedTeachers.map((r) => ({ row: r.row, ...(r.id !== undefined ? { id: r.id } : {}) })) : [],
  };
  await warnings(io, { ...args, format }, [...read.diagnostics, ...dateNotes(prepared.checked, ds.asOf)]);
  const body =
    format === "xlsx"
      ? await renderDecisionsXlsx(table, args.lang)
      : format === "json"
        ? renderDecisionsJson(table, args.lang)
        : format === "csv"
          ? renderDecisionsCsv(table, args.lang)
          : renderDecisionsText(table, args.lang);
  if (!args.output) io.out(body as string);
  else {
    try {
      writeFileSync(args.output, body);
    } catch (e) {
      await report(io, args, [diag("D121", { file: args.output, reason: e instanceof Error ? e.message : String(e) })]);
      return 2;
    }
  }
  const incomplete = table.counts.rejected > 0 || rows.some((r) => r.decision === "indeterminate");
  return incomplete ? 2 : 0;
}
