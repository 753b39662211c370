// Rendering — the decisions table as text for people: a count per decision,
// then one line per person with name and school beside the ids.

import type { Lang } from "../diagnostics/registry.js";
import { decisionWord } from "./case.js";
import { clauseCell, type DecisionTable } from "./decisions.js";
import { amendmentCitation, type AmendmentJson } from "./amendments.js";

export function renderDecisionsText(t: DecisionTable, lang: Lang): string {
  const zh = lang === "zh";
  const out: string[] = [];
  const by = new Map<string, number>();
  for (const r of t.rows) by.set(r.decision, (by.get(r.decision) ?? 0) + 1);
  const tally = [...by].map(([d, n]) => `${decisionWord(d, lang)} ${n}`).join(zh ? "，" : ", ");
  out.push(zh ? `${t.policy} @ ${t.asOf}：${tally}` : `${t.policy} @ ${t.asOf}: ${tally}`);
  out.push("");
  for (const r of t.rows) {
    const who = r.name ? `${r.id} ${r.name}` : r.id;
    const school = r.schoolName ? `${r.school} ${r.schoolName}` : r.school;
    out.push(
      `${who}  [${school}]  ${decisionWord(r.decision, lang)}  ${clauseCell(r, lang)}${r.reason ? `  — ${r.reason}` : ""}`,
    );
  }
  // The amending clauses the rows cite, each once with its 原文.
  const amending = new Map<string, AmendmentJson>();
  for (const r of t.rows) for (const a of r.amended_by) amending.set(`${a.clause} ${a.text}`, a);
  if (amending.size) {
    out.push("");
    out.push(zh ? "修改条款：" : "Amending clauses:");
    for (const a of amending.values()) out.push(`  ${amendmentCitation(a)}`);
  }
  out.push("");
  const c = t.counts;
  out.push(
    zh
      ? `读入教师 ${c.teachers_in} 行：判定 ${c.decided}，未采用 ${c.rejected}${c.rejected ? "（见上方错误；这些人员未作判定）" : ""}`
      : `teachers read ${c.teachers_in}: decided ${c.decided}, rejected ${c.rejected}${c.rejected ? " (see the errors above; these people are not decided)" : ""}`,
  );
  return out.join("\n");
}
