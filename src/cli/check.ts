// `lungang check <dataset> --policy <policy>`: is a draft rotation plan
// compliant? Prints every violation grouped by subject (clause, quote,
// numbers), what could not be determined, and a per-school summary.
// Exit 0 compliant, 1 not compliant, 2 bad input or policy.

import { readAnyDataset } from "../data/tabular/index.js";
import { diag } from "../diagnostics/registry.js";
import { checkPlan, type PlanResult, type Violation } from "../plan/check-plan.js";
import {
  OP_SYMBOL,
  amendmentJson,
  atomView,
  pct,
  reasonText,
  showValue,
  sourceOf,
  type AmendmentJson,
} from "../render/explain.js";
import { infeasibleAmong, type InfeasibleRule } from "../propose/propose.js";
import { infeasibleReason } from "../render/propose.js";
import { isUnknown } from "../interpreter/values.js";
import type { CheckedPolicy } from "../checker/checked.js";
import type { Dataset } from "../data/model.js";
import type { Lang } from "../diagnostics/registry.js";
import type { Args } from "./args.js";
import { dateNotes, preparePolicy, report, warnings, type IO } from "./common.js";

// Set relations (属于, 包含 …) have no entry: `expected` then shows the word.

/**
 * One violation as shown and as written to JSON (docs/contract.md). The
 * severity was fixed by check-plan.ts from the clause's modality — must
 * (必须/应/须/要, or a bare quota) → error, should/may (原则上/一般/可) →
 * warning — because the text's own force decides whether a miss makes the
 * plan non-compliant, not the engine.
 */
export interface ViolationView {
  /** `amended_by`: the district clauses (覆盖/取代) the check rests on, each with its 原文. */
  readonly clause: { id: string; source: string; amended_by?: AmendmentJson[] };
  readonly severity: "error" | "warning";
  readonly subject: { kind: string; id: string };
  readonly message: string;
  readonly expected: string;
  readonly actual: string;
}

/**
 * Expected / actual come from the condition that failed. A check is written
 * as "measured quantity, relation, threshold" (`计数(调出)/计数(教师) 不低于
 * 下限`), so the right side is what was expected and the left what the plan
 * gives; any other failing condition (a boolean fact, `人事关系调转`) is shown
 * as "… holds" / "does not hold".
 */
export function violationView(p: CheckedPolicy, v: Violation, lang: Lang): ViolationView {
  let expected = "";
  let actual = "";
  let detail = "";
  if (v.atom) {
    const view = atomView(p, v.atom, lang);
    detail = view.text;
    if (v.atom.node.kind === "Compare") {
      const c = v.atom.node;
      expected = `${OP_SYMBOL[c.op] ?? c.word} ${showValue(v.atom.right, p.types.get(c.right.id), lang)}`;
      actual = showValue(v.atom.left, p.types.get(c.left.id), lang);
    } else {
      expected = lang === "zh" ? `${sourceOf(p, v.atom.node)} 成立` : `${sourceOf(p, v.atom.node)} holds`;
      actual = lang === "zh" ? "不成立" : "does not hold";
    }
  }
  return {
    clause: {
      id: v.clause.id,
      source: v.clause.source,
      ...(v.check.amendments?.length ? { amended_by: v.check.amendments.map((a) => amendmentJson(p, a, lang)) } : {}),
    },
    severity: v.severity,
    subject: { kind: v.subject.kind, id: v.subject.id },
    message: `${v.check.label}${lang === "zh" ? "：" : ": "}${detail}`,
    expected,
    actual,
  };
}

export async function runCheck(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy) {
    report(io, args, [diag("C002", { what: !file ? "<dataset>" : "--policy <policy>" })]);
    return 2;
  }
  // `--as-of` overrides the dataset's own reference date.
  const read = await readAnyDataset(file, args.asOf !== undefined ? { asOf: args.asOf } : {});
  // A roster with rejected rows still has a dataset: the other rows are decided
  // and the answer is marked incomplete. A YAML/JSON dataset is all or nothing.
  if (!read.value || (!read.value.intake && read.diagnostics.some((d) => d.severity === "error"))) {
    report(io, args, read.diagnostics, new Map(), { error: "invalid dataset" });
    return 2;
  }
  const prepared = preparePolicy(io, args, args.policy);
  if (!prepared) return 2;
  const checked = checkPlan(prepared.program, read.value, prepared.params);
  // A violated rule that no plan of the people due could meet on this roster is
  // not the plan's fault: it is reported as such (`infeasible`), not as a violation.
  const infeasible = checked.compliant
    ? []
    : await infeasibleAmong(prepared.program, read.value, checked.violations, prepared.params);
  const impossible = new Set(infeasible.map((r) => r.violation));
  const remaining = checked.violations.filter((v) => !impossible.has(v));
  const result: PlanResult = {
    ...checked,
    violations: remaining,
    // The plan cannot comply when a rule cannot be met; it is just not the plan's violation.
    compliant: checked.compliant && infeasible.length === 0,
  };
  const notes = [
    ...read.diagnostics,
    ...dateNotes(prepared.policy, read.value.asOf),
    // A school without a district escapes every per-district quota silently;
    // warn (E009), but only when the policy has district checks at all.
    ...(prepared.policy.checks.some((c) => c.check.subject.kind === "district")
      ? read.value.schools.filter((s) => s.district === undefined).map((s) => diag("E009", { school: s.id }))
      : []),
  ];
  // Notes (data warnings, E007/E008 when the reference date is outside the
  // policy's dates of effect) do not stop the answer, but the reader is told
  // what it rests on: on stderr first, or under `warnings` in the JSON.
  const warned = warnings(io, args, notes);
  const views = result.violations.map((v) => violationView(prepared.policy, v, args.lang));
  const counts = countsOf(read.value);
  const rejected = counts.rejected + counts.moves_rejected > 0;
  if (args.json) {
    io.out(
      JSON.stringify(
        {
          policy: prepared.policy.name,
          // `compliant`: no error-severity violation. `complete`: no must-check was
          // undetermined — without it a "compliant" plan is only compliant as far as
          // the recorded facts go (a missing fact is never counted as a pass).
          compliant: result.compliant,
          complete: result.complete && !rejected,
          counts,
          ...(warned ? { warnings: warned } : {}),
          violations: views,
          infeasible: infeasible.map((r) => ({
            clause: { id: r.clause.id, source: r.clause.source },
            subject: { ...r.subject, ...subjectName(read.value!, r.subject) },
            reason: infeasibleReason(r, prepared.policy, args.lang),
          })),
          // Always listed, never folded into passes: each names what is missing.
          undetermined: result.undetermined.map((u) => ({
            clause: { id: u.clause.id, source: u.clause.source },
            subject: u.subject,
            reasons: u.reasons.map((r) => reasonText(r, args.lang)),
          })),
          entitlements: result.entitlements.map((e) => ({
            clause: { id: e.clause.id, source: e.clause.source },
            entitlement: e.check.label,
            subject: e.subject,
            ...(e.teacher ? { teacher: e.teacher } : {}),
            granted: e.granted,
          })),
          statistics: result.statistics.map((s) => ({
            clause: { id: s.clause.id, source: s.clause.source },
            statistic: s.check.label,
            subject: s.subject,
            value: showValue(s.value, prepared.policy.types.get(s.check.check.body.id), args.lang),
          })),
          summary: result.schools.map((s) => ({
            school: s.school.id,
            teachers: s.teachers,
            due: s.due,
            deferred: s.deferred,
            due_moved: s.dueMoved,
            moved_out: s.movedOut,
            moved_in: s.movedIn,
            ...(s.backboneOut !== undefined ? { backbone_out: s.backboneOut } : {}),
          })),
        },
        null,
        2,
      ),
    );
  } else
    io.out(
      renderHuman(prepared.policy, result, views, args.lang) +
        infeasibleText(prepared.policy, infeasible, args.lang) +
        "\n" +
        countsLine(counts, args.lang),
    );
  // Rows rejected: every count they could change is undetermined, so the answer is incomplete (2).
  if (rejected) return 2;
  // Not compliant: 1. Compliant as far as the data goes, but a must-check could not be decided: 2.
  return !result.compliant ? 1 : result.complete ? 0 : 2;
}

function subjectName(data: Dataset, s: { kind: string; id: string }): { name?: string } {
  const n = s.kind === "school" ? data.schoolById.get(s.id)?.name : undefined;
  return n ? { name: n } : {};
}

/** Rules that cannot be met on this roster, after the report (empty when none). */
function infeasibleText(p: CheckedPolicy, rules: readonly InfeasibleRule[], lang: Lang): string {
  if (!rules.length) return "";
  const zh = lang === "zh";
  const out = [
    "",
    zh
      ? "本名册上无法满足的规定（不是方案的违规）："
      : "Rules that cannot be met on this roster (not the plan's violations):",
  ];
  for (const r of rules) {
    out.push(`  ${r.clause.id} ${r.label} [${r.subject.kind} ${r.subject.id}]: ${infeasibleReason(r, p, lang)}`);
    out.push(`      「${r.clause.source}」`);
  }
  return "\n" + out.join("\n");
}

/** Rows in = rows decided + rows rejected (CONTRACT.md "Extensions": check JSON `counts`). */
export function countsOf(ds: Dataset): {
  teachers_in: number;
  decided: number;
  rejected: number;
  moves_in: number;
  moves_rejected: number;
} {
  const i = ds.intake;
  const moves = ds.plan?.moves.length ?? 0;
  return {
    teachers_in: i ? i.teachersIn : ds.teachers.length,
    decided: ds.teachers.length,
    rejected: i ? i.rejectedTeachers.length : 0,
    moves_in: i ? i.movesIn : moves,
    moves_rejected: i ? i.movesRejected : 0,
  };
}

export function countsLine(c: ReturnType<typeof countsOf>, lang: Lang): string {
  const incomplete = c.rejected + c.moves_rejected > 0;
  return lang === "zh"
    ? `读入教师 ${c.teachers_in} 行：判定 ${c.decided}，未采用 ${c.rejected}；交流 ${c.moves_in} 条，未采用 ${c.moves_rejected}${incomplete ? "。有未采用的行，结论不完整（受其影响的比例与人数无法确定）" : ""}`
    : `teachers read ${c.teachers_in}: decided ${c.decided}, rejected ${c.rejected}; moves ${c.moves_in}, rejected ${c.moves_rejected}${incomplete ? ". Rows were rejected: the answer is incomplete (counts they could change are undetermined)" : ""}`;
}

/**
 * The report for people: a one-line verdict with counts, then violations
 * grouped by subject (so a school's problems read together), each with the
 * clause's verbatim wording; then what could not be decided, entitlements,
 * per-check counts and the per-school summary.
 */
function renderHuman(p: CheckedPolicy, r: PlanResult, views: ViolationView[], lang: Lang): string {
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
  for (const v of views) {
    const k = `${v.subject.kind} ${v.subject.id}`;
    let list = bySubject.get(k);
    if (!list) bySubject.set(k, (list = []));
    list.push(v);
  }
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
      for (const a of v.clause.amended_by ?? []) out.push(`      ${a.text}「${a.source}」`);
    }
  }
  if (r.undetermined.length) {
    out.push("");
    out.push(zh ? "无法判定：" : "Undetermined:");
    for (const u of r.undetermined)
      out.push(
        `  ${u.clause.id} [${u.subject.kind} ${u.subject.id}]: ${u.reasons.map((x) => reasonText(x, lang)).join("；")}`,
      );
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
      out.push(`  ${s.clause.id} ${s.check.label} [${s.subject.kind} ${s.subject.id}]: ${v}`);
    }
  }
  if (r.entitlements.length) {
    out.push("");
    out.push(zh ? "待遇与补贴（享受）：" : "Entitlements:");
    for (const e of r.entitlements) {
      // Entitlements are never violations: granted, not granted, or cannot tell.
      const mark = e.granted === true ? "✓" : e.granted === false ? "✗" : "？";
      out.push(
        `  ${mark} ${e.clause.id} ${e.check.label} [${e.subject.kind} ${e.subject.id}]${e.teacher && e.subject.kind !== "teacher" ? ` ${e.teacher}` : ""}`,
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
      (withBackbone ? (zh ? "  调出骨干" : "  backbone out") : ""),
  );
  for (const s of r.schools) {
    // No one due: the ratio is not applicable (—), not 0%.
    const ratio = s.due ? pct(s.dueMoved / s.due) : "—";
    out.push(
      `  ${s.school.id.padEnd(8)} ${String(s.teachers).padStart(5)} ${String(s.due).padStart(6)} ${String(s.deferred).padStart(5)} ${String(s.dueMoved).padStart(7)} ${ratio.padStart(8)} ${String(s.movedOut).padStart(5)} ${String(s.movedIn).padStart(5)}` +
        (s.backboneOut !== undefined ? `${String(s.backboneOut).padStart(8)}` : ""),
    );
  }
  return out.join("\n");
}
