// Rendering an amendment's effect (`lungang diff`): who changes and why, the
// changed clauses and parameters, the numbers due and the quotas per school
// and district, and a summary line. Input: a DiffResult; output: JSON-ready
// object or text (zh/en).

import type { Lang } from "../diagnostics/registry.js";
import type { DiffResult } from "../diff/diff.js";
import type { DiffAnswer } from "../api/propose.js";
import type { Document, Rendered, Renderer } from "./document.js";
import { ENUMS } from "../semantics/facts.js";

function word(d: string, lang: Lang): string {
  return lang === "zh" ? (ENUMS.decision[d] ?? d) : d;
}

export function summaryLine(r: DiffResult, lang: Lang): string {
  const s = r.summary;
  return lang === "zh"
    ? `${s.people} 人判定改变（新增应交流 ${s.becameDue} 人，不再应交流 ${s.noLongerDue} 人）；${r.schools.length} 所学校、${r.districts.length} 个区的应交流人数改变；${r.quotas.length} 项比例要求的人数改变`
    : `${s.people} decision(s) change (${s.becameDue} newly due, ${s.noLongerDue} no longer due); due counts change in ${r.schools.length} school(s) and ${r.districts.length} district(s); ${r.quotas.length} quota(s) change`;
}

export function diffJson(r: DiffResult, lang: Lang, before: string, after: string) {
  return {
    before,
    after,
    summary: { ...r.summary, line: summaryLine(r, lang) },
    clauses: r.clauses,
    params: r.params,
    people: r.people.map((p) => ({
      teacher: p.teacher.id,
      ...(p.teacher.name ? { name: p.teacher.name } : {}),
      school: p.teacher.school,
      before: p.before,
      after: p.after,
      because: p.because.map((c) => ({ id: c.id, source: c.source })),
      clauses_before: p.clausesBefore.map((c) => c.id),
      clauses_after: p.clausesAfter.map((c) => c.id),
    })),
    schools: r.schools.map(countJson),
    districts: r.districts.map(countJson),
    quotas: r.quotas,
  };
}

function countJson(c: DiffResult["schools"][number]) {
  return {
    subject: { ...c.subject, ...(c.name ? { name: c.name } : {}) },
    due: { before: c.dueBefore, after: c.dueAfter },
    deferred: { before: c.deferredBefore, after: c.deferredAfter },
  };
}

export function diffText(r: DiffResult, lang: Lang, before: string, after: string): string {
  const zh = lang === "zh";
  const out: string[] = [`${zh ? "修订对比" : "Amendment"}: ${before} → ${after}`];
  if (r.clauses.length || r.params.length) {
    out.push("");
    out.push(zh ? "改动的条款与参数：" : "Changed clauses and parameters:");
    const what = { added: zh ? "新增" : "added", removed: zh ? "删除" : "removed", changed: zh ? "修改" : "changed" };
    for (const c of r.clauses) out.push(`  ${c.id}: ${what[c.change]}`);
    for (const p of r.params) out.push(`  ${p.clause} ${p.name}: ${p.before ?? "—"} → ${p.after ?? "—"}`);
  }
  if (r.people.length) {
    out.push("");
    out.push(zh ? "判定改变的人员：" : "People whose decision changes:");
    for (const p of r.people)
      out.push(
        `  ${p.teacher.id}${p.teacher.name ? ` ${p.teacher.name}` : ""} (${p.teacher.school}): ${word(p.before, lang)} → ${word(p.after, lang)}  ${zh ? "依据" : "because of"} ${p.because.map((c) => c.id).join("、")}`,
      );
  }
  const counts = (title: string, list: DiffResult["schools"]) => {
    if (!list.length) return;
    out.push("");
    out.push(title);
    for (const c of list)
      out.push(
        `  ${c.subject.id}${c.name ? ` ${c.name}` : ""}: ${zh ? "应交流" : "due"} ${c.dueBefore} → ${c.dueAfter}, ${zh ? "暂缓" : "deferred"} ${c.deferredBefore} → ${c.deferredAfter}`,
      );
  };
  counts(zh ? "各校应交流人数：" : "Due per school:", r.schools);
  counts(zh ? "各区应交流人数：" : "Due per district:", r.districts);
  if (r.quotas.length) {
    out.push("");
    out.push(zh ? "比例要求对应的最少交流人数：" : "People each quota requires:");
    for (const q of r.quotas)
      out.push(`  ${q.clause} ${q.label} [${q.subject.kind} ${q.subject.id}]: ${q.before ?? "—"} → ${q.after ?? "—"}`);
  }
  out.push("");
  out.push(summaryLine(r, lang));
  return out.join("\n");
}

/** A renderer of the `diff` document in one format. */
export function diffRenderer(format: string, f: (a: DiffAnswer, lang: Lang) => Rendered | Promise<Rendered>): Renderer {
  return {
    format,
    kinds: ["diff"],
    render(doc: Document, lang) {
      // The registry routes by kind: only a diff arrives here.
      if (doc.kind !== "diff") throw new Error(`${format} (diff) cannot render ${doc.kind}`);
      return f(doc.answer, lang);
    },
  };
}

/** One table of an amendment's effect: its sheet name (the workbook's), title, headers and rows. */
export interface DiffTable {
  readonly sheet: string;
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/** The tables the HTML page and the workbook show (the same content as the text). */
export function diffTables(
  a: DiffAnswer,
  lang: Lang,
): { title: string; heading: string; summary: string; empty: string; tables: DiffTable[] } {
  const zh = lang === "zh";
  const r = a.result;
  const what = { added: zh ? "新增" : "added", removed: zh ? "删除" : "removed", changed: zh ? "修改" : "changed" };
  const dash = (x: number | string | undefined) => (x === undefined ? "—" : x);
  const schoolName = (id: string) => a.dataset.schoolById.get(id)?.name ?? "";
  const kindWord = (k: string) => (zh ? (SUBJECT_ZH[k] ?? k) : k);
  return {
    title: zh ? "修订影响对比" : "Effect of an amendment",
    heading: `${a.before} → ${a.after}`,
    summary: summaryLine(r, lang),
    empty: zh ? "两个版本在本名册上没有差别。" : "The two versions make no difference on this roster.",
    tables: [
      {
        sheet: "条款参数变化",
        title: zh ? "改动的条款与参数" : "Changed clauses and parameters",
        head: zh ? ["条款", "参数", "改动", "修订前", "修订后"] : ["Clause", "Parameter", "Change", "Before", "After"],
        rows: [
          ...r.clauses.map((c) => [c.id, "", what[c.change], "", ""]),
          ...r.params.map((p) => [p.clause, p.name, what.changed, dash(p.before), dash(p.after)]),
        ],
      },
      {
        sheet: "人员变化",
        title: zh ? "判定改变的人员" : "People whose decision changes",
        head: zh
          ? ["工号", "姓名", "学校代码", "学校名称", "修订前", "修订后", "依据条款", "原文"]
          : ["Teacher", "Name", "School", "School name", "Before", "After", "Because of", "Source text"],
        rows: r.people.map((p) => [
          p.teacher.id,
          p.teacher.name ?? "",
          p.teacher.school,
          schoolName(p.teacher.school),
          word(p.before, lang),
          word(p.after, lang),
          p.because.map((c) => c.id).join("、"),
          p.because.map((c) => c.source).join("\n"),
        ]),
      },
      countTable("各校变化", zh ? "各校应交流人数" : "Due per school", r.schools, zh, [
        zh ? "学校代码" : "School",
        zh ? "学校名称" : "School name",
      ]),
      countTable("各区变化", zh ? "各区应交流人数" : "Due per district", r.districts, zh, [zh ? "区县" : "District"]),
      {
        sheet: "比例变化",
        title: zh ? "比例要求对应的最少交流人数" : "People each quota requires",
        head: zh
          ? ["条款", "规定", "对象类别", "对象", "修订前", "修订后"]
          : ["Clause", "Rule", "Subject kind", "Subject", "Before", "After"],
        rows: r.quotas.map((q) => [
          q.clause,
          q.label,
          kindWord(q.subject.kind),
          q.subject.kind === "school" && schoolName(q.subject.id)
            ? `${q.subject.id} ${schoolName(q.subject.id)}`
            : q.subject.id,
          dash(q.before),
          dash(q.after),
        ]),
      },
    ],
  };
}

/** The numbers due and deferred, before and after, per school (with its name) or per district. */
function countTable(
  sheet: string,
  title: string,
  list: DiffResult["schools"],
  zh: boolean,
  subject: readonly string[],
): DiffTable {
  const named = subject.length > 1;
  return {
    sheet,
    title,
    head: [
      ...subject,
      ...(zh
        ? ["应交流（修订前）", "应交流（修订后）", "暂缓（修订前）", "暂缓（修订后）"]
        : ["Due before", "Due after", "Deferred before", "Deferred after"]),
    ],
    rows: list.map((c) => [
      c.subject.id,
      ...(named ? [c.name ?? ""] : []),
      c.dueBefore,
      c.dueAfter,
      c.deferredBefore,
      c.deferredAfter,
    ]),
  };
}

const SUBJECT_ZH: Record<string, string> = {
  school: "学校",
  district: "区县",
  group: "教育集团",
  plan: "方案",
  location: "地域",
  tier: "层次",
};
