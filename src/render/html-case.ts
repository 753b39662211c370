// HTML rendering of one appeal answer (the JSON of `lungang case --json` plus
// who the person is): the decision, each clause quoted, every rule with the
// conditions and values it saw, and what would change the answer. Printable;
// the web app shows the same body.

import type { Lang } from "../diagnostics/registry.js";
import { decisionWord } from "./case.js";
import { esc, REPORT_CSS } from "./html-report.js";
import { amendedMark, type AmendmentJson } from "./amendments.js";
import { KIND_WORD } from "./words.js";
import type { RuleKind } from "../syntax/ast.js";

/** Who the answer is about, with names beside ids. */
export interface CasePerson {
  readonly id: string;
  readonly name?: string;
  readonly school?: { readonly id: string; readonly name?: string };
}

interface CaseJson {
  policy: string;
  as_of: string;
  decision: string;
  clauses: { id: string; source: string; policy: string; amended_by?: AmendmentJson[] }[];
  explanation: {
    clause: string;
    rule: string;
    kind: RuleKind;
    result: string;
    role?: string;
    policy: string;
    conditions: { text: string; depth: number }[];
    note?: string;
    amended_by?: AmendmentJson[];
  }[];
  prerequisites: {
    clause: string;
    rule: string;
    applicable: boolean;
    met: boolean | null;
    conditions: { text: string; depth: number }[];
  }[];
  unknown?: { message: string }[];
  conflict?: { clause: string; rule: string }[];
  what_would_change: { text: string }[];
}

const T = {
  zh: {
    title: "交流轮岗个人情况答复",
    person: "人员",
    school: "所在学校",
    asOf: "基准日",
    policy: "政策",
    decision: "结论",
    clauses: "依据条款（原文）",
    reasons: "理由（逐条规则，所见事实）",
    change: "什么会改变结论",
    prereq: "晋升条件",
    applies: "适用",
    notApplies: "不适用",
    unknown: "无法判断",
    winner: "决定性",
    overridden: "被例外覆盖",
    missing: "无法判定的原因",
    conflict: "规则冲突",
    met: "已满足",
    notMet: "未满足",
    na: "不涉及此人",
  },
  en: {
    title: "Rotation: answer for one person",
    person: "Person",
    school: "School",
    asOf: "Reference date",
    policy: "Policy",
    decision: "Decision",
    clauses: "Clauses (original text)",
    reasons: "Reasons (each rule, the facts seen)",
    change: "What would change the answer",
    prereq: "Promotion prerequisites",
    applies: "applies",
    notApplies: "does not apply",
    unknown: "cannot tell",
    winner: "decisive",
    overridden: "overridden by an exception",
    missing: "Why it cannot be decided",
    conflict: "Rules in conflict",
    met: "met",
    notMet: "not met",
    na: "does not concern this person",
  },
} as const;

export const CASE_CSS = `
.case .decision{font-size:22px;font-weight:bold;padding:8px 14px;border-radius:6px;display:inline-block}
.case .decision.required{background:#fde5e3;color:#9c1c12}.case .decision.deferred,.case .decision.eligible{background:#fff3d6;color:#7a5200}
.case .decision.not_required{background:#e3f4e6;color:#17602a}.case .decision.indeterminate{background:#eee;color:#333}
.case ul.rules{list-style:none;padding:0}.case li.rule{margin:6px 0;padding:6px 10px;border-left:4px solid #aab;background:#f7f8fa}
.case li.rule.applies{border-left-color:#1f4e8c}.case li.rule.winner{background:#eef4ff;border-left-color:#c0392b}
.case .cond{font-family:ui-monospace,"Noto Sans Mono CJK SC",monospace;font-size:13px;white-space:pre-wrap}
.case .role{font-size:12px;background:#c0392b;color:#fff;padding:0 5px;border-radius:3px}
`;

/** The answer's body, for the file and for the web app. `answer` is `decisionJson`'s output. */
export function renderCaseBody(answer: Record<string, unknown>, person: CasePerson, lang: Lang): string {
  const a = answer as unknown as CaseJson;
  const w = T[lang];
  const who = `${esc(person.id)}${person.name ? " " + esc(person.name) : ""}`;
  const school = person.school
    ? `${esc(person.school.id)}${person.school.name ? " " + esc(person.school.name) : ""}`
    : "";
  const mark = (r: string) => (r === "applies" ? "✓" : r === "unknown" ? "？" : "✗");
  const rules = a.explanation
    .map((r) => {
      const res = r.result === "applies" ? w.applies : r.result === "unknown" ? w.unknown : w.notApplies;
      const role =
        r.role === "winner"
          ? ` <span class="role">${w.winner}</span>`
          : r.role === "overridden"
            ? ` <span class="role">${w.overridden}</span>`
            : "";
      const conds = r.conditions.map((c) => `<div class="cond">${"　".repeat(c.depth)}${esc(c.text)}</div>`).join("");
      return `<li class="rule ${esc(r.result)}${r.role === "winner" ? " winner" : ""}">${mark(r.result)} <b>${esc(r.clause)}</b>${esc(amendedMark(r.amended_by, lang))} ${esc(KIND_WORD[r.kind][lang])}「${esc(r.rule)}」${res}${role}${r.policy !== a.policy ? ` <span class="note">[${esc(r.policy)}]</span>` : ""}${conds}${r.note ? `<div class="note">${esc(r.note)}</div>` : ""}</li>`;
    })
    .join("\n");
  const prereqs = a.prerequisites.length
    ? `<h2>${w.prereq}</h2><ul class="rules">${a.prerequisites
        .map(
          (p) =>
            `<li class="rule">${!p.applicable ? "·" : p.met === null ? "？" : p.met ? "✓" : "✗"} <b>${esc(p.clause)}</b>「${esc(p.rule)}」${!p.applicable ? w.na : p.met === null ? w.unknown : p.met ? w.met : w.notMet}${p.conditions.map((c) => `<div class="cond">${"　".repeat(c.depth)}${esc(c.text)}</div>`).join("")}</li>`,
        )
        .join("")}</ul>`
    : "";
  return `<main class="report case" lang="${lang === "zh" ? "zh-CN" : "en"}">
<h1>${w.title}</h1>
<table class="counts"><tbody>
<tr><th>${w.person}</th><td class="person">${who}</td><th>${w.school}</th><td>${school}</td></tr>
<tr><th>${w.policy}</th><td>${esc(a.policy)}</td><th>${w.asOf}</th><td>${esc(a.as_of)}</td></tr>
</tbody></table>
<p><span class="decision ${esc(a.decision)}">${w.decision}${lang === "zh" ? "：" : ": "}${esc(decisionWord(a.decision, lang))}</span></p>
${a.unknown?.length ? `<p><b>${w.missing}</b>${lang === "zh" ? "：" : ": "}${a.unknown.map((u) => esc(u.message)).join("；")}</p>` : ""}
${a.conflict?.length ? `<p><b>${w.conflict}</b>${lang === "zh" ? "：" : ": "}${a.conflict.map((c) => `${esc(c.clause)}「${esc(c.rule)}」`).join("、")}</p>` : ""}
<h2>${w.clauses}</h2>
${a.clauses.map((c) => `<blockquote class="source"><b class="clause">${esc(c.id)}</b>${esc(amendedMark(c.amended_by, lang))}「${esc(c.source)}」</blockquote>`).join("\n")}
<h2>${w.reasons}</h2>
<ul class="rules">${rules}</ul>
${prereqs}
<h2>${w.change}</h2>
<ul>${a.what_would_change.map((h) => `<li>${esc(h.text)}</li>`).join("")}</ul>
</main>`;
}

export function renderCaseHtml(answer: Record<string, unknown>, person: CasePerson, lang: Lang): string {
  return `<!DOCTYPE html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(T[lang].title)} — ${esc(person.id)}</title>
<style>${REPORT_CSS}${CASE_CSS}</style></head><body>
${renderCaseBody(answer, person, lang)}
</body></html>
`;
}
