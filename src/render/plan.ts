// Rendering a plan check: every violation grouped by subject (clause, its
// verbatim wording, expected and actual numbers), what could not be
// determined, entitlements, statistics, per-check counts and a per-school
// summary, with schools' and teachers' names beside their ids. Human text in
// Chinese or English, and the JSON of `lungang check --json`.

import type { Dataset } from "../data/model.js";
import type { Lang } from "../diagnostics/registry.js";
import { isUnknown } from "../interpreter/values.js";
import type { Counts, PlanAnswer } from "../api/answers.js";
import { infeasibleReason } from "./propose.js";
import { pct, showValue } from "./values.js";
import { namerOf, subjectView, undeterminedReasons, violationView, type ViolationView } from "./violation.js";
import { amendmentCitation } from "./amendments.js";

function teacherName(data: Dataset, id: string): string {
  const n = data.teacherById.get(id)?.name;
  return n ? " " + n : "";
}

/**
 * The JSON of `lungang check --json` (docs/contract.md); `warnings` are the
 * notes the answer rests on (data warnings, reference date outside the
 * policy's dates), already in JSON form.
 */
export function planJson(
  a: PlanAnswer,
  lang: Lang,
  warnings?: readonly Record<string, unknown>[],
): Record<string, unknown> {
  const r = a.result;
  const names = namerOf(a.dataset);
  return {
    policy: a.policy.name,
    // `compliant`: no error-severity violation. `complete`: no must-check was
    // undetermined — without it a "compliant" plan is only compliant as far as
    // the recorded facts go (a missing fact is never counted as a pass).
    compliant: r.compliant,
    complete: a.complete,
    counts: a.counts,
    ...(warnings ? { warnings } : {}),
    violations: r.violations.map((v) => violationView(a.policy, v, lang, names)),
    infeasible: a.infeasible.map((x) => ({
      clause: { id: x.clause.id, source: x.clause.source },
      subject: subjectView(x.subject, names),
      reason: infeasibleReason(x, a.policy, lang),
    })),
    // Always listed, never folded into passes: each names what is missing.
    undetermined: r.undetermined.map((u) => ({
      clause: { id: u.clause.id, source: u.clause.source },
      subject: subjectView(u.subject, names),
      reasons: undeterminedReasons(u, lang, names),
    })),
    entitlements: r.entitlements.map((e) => ({
      clause: { id: e.clause.id, source: e.clause.source },
      entitlement: e.check.label,
      subject: subjectView(e.subject, names),
      ...(e.teacher ? { teacher: e.teacher } : {}),
      granted: e.granted,
    })),
    statistics: r.statistics.map((s) => ({
      clause: { id: s.clause.id, source: s.clause.source },
      statistic: s.check.label,
      subject: subjectView(s.subject, names),
      value: showValue(s.value, a.policy.types.get(s.check.check.body.id), lang),
    })),
    summary: r.schools.map((s) => ({
      school: s.school.id,
      ...(s.school.name ? { name: s.school.name } : {}),
      teachers: s.teachers,
      due: s.due,
      deferred: s.deferred,
      due_moved: s.dueMoved,
      moved_out: s.movedOut,
      moved_in: s.movedIn,
      ...(s.backboneOut !== undefined ? { backbone_out: s.backboneOut } : {}),
    })),
  };
}

/**
 * The report for people: a one-line verdict with counts, then violations
 * grouped by subject (so a school's problems read together), each with the
 * clause's verbatim wording; then what could not be decided, entitlements,
 * per-check counts and the per-school summary.
 */
export function renderPlanText(a: PlanAnswer, lang: Lang): string {
  const { policy: p, result: r } = a;
  const names = namerOf(a.dataset);
  const views = r.violations.map((v) => violationView(p, v, lang, names));
  const zh = lang === "zh";
  const out: string[] = [];
  const errors = views.filter((v) => v.severity === "error").length;
  const warnings = views.length - errors;
  // Three verdicts, not two: an undetermined must-check keeps "compliant" from
  // being claimed.
  const verdict = !r.compliant
    ? zh
      ? "不合规"
      : "NOT compliant"
    : r.complete
      ? zh
        ? "合规"
        : "compliant"
      : zh
        ? "无法确认合规（有必须项无法判定）"
        : "compliance not established (a must-check is undetermined)";
  out.push(
    zh
      ? `${p.name}：${verdict} —— ${errors} 项违规（必须/应），${warnings} 项警告（原则上/一般），${r.undetermined.length} 项无法判定`
      : `${p.name}: ${verdict} — ${errors} violation(s) (must), ${warnings} warning(s) (should), ${r.undetermined.length} undetermined`,
  );
  const bySubject = new Map<string, ViolationView[]>();
  views.forEach((v, i) => {
    const k = names.label(r.violations[i]!.subject, lang);
    let list = bySubject.get(k);
    if (!list) bySubject.set(k, (list = []));
    list.push(v);
  });
  for (const [k, vs] of bySubject) {
    out.push("");
    out.push(`[${k}]`);
    for (const v of vs) {
      out.push(
        `  ${v.severity === "error" ? (zh ? "违规" : "error") : zh ? "警告" : "warning"} ${v.clause.id}: ${v.message}`,
      );
      out.push(zh ? `      要求 ${v.expected}，实际 ${v.actual}` : `      expected ${v.expected}, actual ${v.actual}`);
      // The official wording, so the reader can judge the finding against the text.
      out.push(`      「${v.clause.source}」`);
      // The check rests on a district's amendment: say so, with the amending clause's own words.
      for (const a of v.clause.amended_by ?? []) out.push(`      ${amendmentCitation(a)}`);
    }
  }
  if (r.undetermined.length) {
    out.push("");
    out.push(zh ? "无法判定：" : "Undetermined:");
    for (const u of r.undetermined)
      out.push(`  ${u.clause.id} [${names.label(u.subject, lang)}]: ${undeterminedReasons(u, lang, names).join("；")}`);
  }
  if (r.statistics.length) {
    out.push("");
    out.push(zh ? "统计：" : "Statistics:");
    for (const s of r.statistics) {
      const v = isUnknown(s.value)
        ? s.value.reasons.every((x) => x.code === "E005")
          ? zh
            ? "不适用（分母为0）"
            : "n/a (empty)"
          : "？"
        : showValue(s.value, p.types.get(s.check.check.body.id), lang);
      out.push(`  ${s.clause.id} ${s.check.label} [${names.label(s.subject, lang)}]: ${v}`);
    }
  }
  if (r.entitlements.length) {
    out.push("");
    out.push(zh ? "待遇与补贴（享受）：" : "Entitlements:");
    for (const e of r.entitlements) {
      // Entitlements are never violations: granted, not granted, or cannot tell.
      const mark = e.granted === true ? "✓" : e.granted === false ? "✗" : "？";
      out.push(
        `  ${mark} ${e.clause.id} ${e.check.label} [${names.label(e.subject, lang)}]${e.teacher && e.subject.kind !== "teacher" ? ` ${e.teacher}${teacherName(a.dataset, e.teacher)}` : ""}`,
      );
    }
  }
  out.push("");
  out.push(zh ? "各项检查：" : "Checks:");
  // Per-check counts make a vacuous check visible: one that applied to no
  // subject (all n/a) would otherwise be indistinguishable from a pass.
  for (const e of r.evaluated) {
    out.push(
      `  ${e.check.clause.id} ${e.check.label}: ${zh ? "通过" : "passed"} ${e.passed}, ${zh ? "违规" : "failed"} ${e.failed}, ${zh ? "不适用" : "n/a"} ${e.notApplicable}${e.undetermined ? `, ${zh ? "无法判定" : "undetermined"} ${e.undetermined}` : ""}`,
    );
  }
  out.push("");
  out.push(
    zh
      ? "各校概况（应交流＝个人判定为应交流；交流率＝应交流者中已安排交流的比例）："
      : "Per school (due = individually required; ratio = share of the due who are moved):",
  );
  const withBackbone = r.schools.some((s) => s.backboneOut !== undefined);
  out.push(
    (zh
      ? "  学校      教师  应交流  暂缓  已安排  交流率   调出  调入"
      : "  school   teachers   due deferred moved  ratio    out   in") +
      (withBackbone ? (zh ? "  调出骨干" : "  backbone out") : "") +
      (zh ? "  学校名称" : "  name"),
  );
  for (const s of r.schools) {
    // No one due: the ratio is not applicable (—), not 0%.
    const ratio = s.due ? pct(s.dueMoved / s.due) : "—";
    out.push(
      `  ${s.school.id.padEnd(8)} ${String(s.teachers).padStart(5)} ${String(s.due).padStart(6)} ${String(s.deferred).padStart(5)} ${String(s.dueMoved).padStart(7)} ${ratio.padStart(8)} ${String(s.movedOut).padStart(5)} ${String(s.movedIn).padStart(5)}` +
        (s.backboneOut !== undefined ? `${String(s.backboneOut).padStart(8)}` : "") +
        (s.school.name ? `  ${s.school.name}` : ""),
    );
  }
  // Rules that cannot be met on this roster, after the report.
  if (a.infeasible.length) {
    out.push("");
    out.push(
      zh
        ? "本名册上无法满足的规定（不是方案的违规）："
        : "Rules that cannot be met on this roster (not the plan's violations):",
    );
    for (const x of a.infeasible) {
      out.push(`  ${x.clause.id} ${x.label} [${names.label(x.subject, lang)}]: ${infeasibleReason(x, p, lang)}`);
      out.push(`      「${x.clause.source}」`);
    }
  }
  out.push(countsLine(a.counts, lang));
  return out.join("\n");
}

/** Rows read, decided and rejected; with rejections, that the answer is incomplete. */
function countsLine(c: Counts, lang: Lang): string {
  const incomplete = c.rejected + c.moves_rejected > 0;
  return lang === "zh"
    ? `读入教师 ${c.teachers_in} 行：判定 ${c.decided}，未采用 ${c.rejected}；交流 ${c.moves_in} 条，未采用 ${c.moves_rejected}${incomplete ? "。有未采用的行，结论不完整（受其影响的比例与人数无法确定）" : ""}`
    : `teachers read ${c.teachers_in}: decided ${c.decided}, rejected ${c.rejected}; moves ${c.moves_in}, rejected ${c.moves_rejected}${incomplete ? ". Rows were rejected: the answer is incomplete (counts they could change are undetermined)" : ""}`;
}
