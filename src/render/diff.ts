// Rendering an amendment's effect (`lungang diff`): who changes and why, the
// changed clauses and parameters, the numbers due and the quotas per school
// and district, and a summary line. Input: a DiffResult; output: JSON-ready
// object or text (zh/en).

import type { Lang } from "../diagnostics/registry.js";
import type { DiffResult } from "../diff/diff.js";
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
