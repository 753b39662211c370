// XLSX rendering of a plan-check report (ReportModel + every person's row →
// a workbook): sheets 违规清单 (violations), 各校概况 (per school) and 人员判定
// (every person: decision, clause ids, 原文, reason). Headers frozen, filters
// on, widths set. Streamed (exceljs WorkbookWriter with shared strings), so a
// million people do not build a million-row workbook in memory.

// Types only: exceljs itself (about half a second to load) is imported when a
// workbook is written, so every other command starts without it.
import type ExcelJS from "exceljs";
import type { Writable } from "node:stream";
import type { Lang } from "../diagnostics/registry.js";
import { SCHOOL_COLUMNS, type ReportModel } from "./report-model.js";
import type { PersonRow } from "./people.js";
import { pct } from "./values.js";
import { amendmentCitations } from "./amendments.js";

const SHEETS = {
  zh: { violations: "违规清单", schools: "各校概况", people: "人员判定" },
  // The contract names the sheets in Chinese; the English report keeps those
  // names so a script can find them, and translates the headers only.
  en: { violations: "违规清单", schools: "各校概况", people: "人员判定" },
} as const;

const HEAD = {
  zh: {
    violations: [
      "严重程度",
      "对象类别",
      "对象编号",
      "对象名称",
      "条款",
      "违规说明",
      "要求",
      "实际",
      "原文",
      "修改条款（原文）",
    ],
    schools: SCHOOL_COLUMNS.zh,
    people: ["工号", "姓名", "学校代码", "学校名称", "判定", "判定代码", "已安排交流", "条款", "理由", "原文"],
    error: "违规",
    warning: "警告",
    yes: "是",
    no: "否",
    kind: { school: "学校", district: "区", group: "教育集团", teacher: "教师", move: "交流", plan: "方案" } as Record<
      string,
      string
    >,
  },
  en: {
    violations: [
      "severity",
      "subject kind",
      "subject id",
      "subject name",
      "clause",
      "message",
      "expected",
      "actual",
      "original text",
      "amended by (original text)",
    ],
    schools: SCHOOL_COLUMNS.en,
    people: [
      "id",
      "name",
      "school id",
      "school name",
      "decision",
      "decision code",
      "moved",
      "clauses",
      "reason",
      "original text",
    ],
    error: "error",
    warning: "warning",
    yes: "yes",
    no: "no",
    kind: {} as Record<string, string>,
  },
} as const;

type Sheet = ExcelJS.Worksheet;

/**
 * A sheet with its header row bold and frozen, an auto-filter over the
 * columns and widths as given. (The streaming writer takes views and the
 * filter as options: they are written before the rows.)
 */
function sheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  headers: readonly string[],
  widths: readonly number[],
): Sheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 12 }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.commit();
  return ws;
}

/**
 * Write the workbook to `out` (a file stream or any writable). Resolves when
 * the last byte is written. `people` is consumed once.
 */
export async function writeReportXlsx(
  m: ReportModel,
  people: Iterable<PersonRow>,
  out: Writable,
  lang: Lang = m.lang,
): Promise<void> {
  const h = HEAD[lang];
  const names = SHEETS[lang];
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  wb.creator = "lungang";

  const v = sheet(wb, names.violations, h.violations, [8, 9, 22, 22, 12, 48, 16, 22, 80, 60]);
  for (const g of m.groups)
    for (const x of g.violations)
      v.addRow([
        x.severity === "error" ? h.error : h.warning,
        h.kind[x.subject.kind] ?? x.subject.kind,
        x.subject.id,
        x.subject.name ?? "",
        x.clause.id,
        x.message,
        x.expected,
        x.actual,
        x.clause.source,
        amendmentCitations(x.clause.amended_by, lang),
      ]).commit();
  v.commit();

  const s = sheet(wb, names.schools, h.schools, [12, 26, 12, 8, 8, 8, 8, 9, 8, 8, 10, 8]);
  for (const r of m.schools)
    s.addRow([
      r.id,
      r.name,
      r.district ?? "",
      r.teachers,
      r.due,
      r.deferred,
      r.dueMoved,
      r.due ? pct(r.dueMoved / r.due) : "—",
      r.movedOut,
      r.movedIn,
      r.backboneOut ?? "",
      r.violations,
    ]).commit();
  s.commit();

  const p = sheet(wb, names.people, h.people, [12, 10, 12, 26, 14, 14, 10, 22, 40, 80]);
  for (const r of people)
    p.addRow([
      r.id,
      r.name,
      r.school,
      r.schoolName,
      r.decisionText,
      r.decision,
      r.moved ? h.yes : h.no,
      r.clauses,
      r.reason,
      r.source,
    ]).commit();
  p.commit();
  await wb.commit();
}
