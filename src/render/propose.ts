// Rendering a proposal (`lungang propose`): the draft plan, a reason per
// person, per-school numbers before and after, and the rules no plan can meet
// on this roster. Input: a Proposal; output: a JSON-ready object or text (zh/en).

import type { CheckedPolicy } from "../checker/checked.js";
import type { Dataset, School } from "../data/model.js";
import { planRecord } from "../propose/write.js";
import type { Lang } from "../diagnostics/registry.js";
import type { Violation } from "../plan/check-plan.js";
import type { InfeasibleRule, Proposal, RequestOutcome, Selection, ServedRequest } from "../propose/propose.js";
import { printExpr } from "../syntax/print.js";
import { formatDate } from "../time/date.js";
import { atomView, OP_SYMBOL, showValue } from "./values.js";

export interface NumbersView {
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
}

/** Expected / actual of a violation, as `check` shows them. */
export function numbersOf(p: CheckedPolicy, v: Violation, lang: Lang): NumbersView {
  if (!v.atom) return { expected: "", actual: "", message: v.check.label };
  const view = atomView(p, v.atom, lang);
  if (v.atom.node.kind === "Compare") {
    const c = v.atom.node;
    return {
      expected: `${OP_SYMBOL[c.op] ?? c.word} ${showValue(v.atom.right, p.types.get(c.right.id), lang)}`,
      actual: showValue(v.atom.left, p.types.get(c.left.id), lang),
      message: `${v.check.label}${lang === "zh" ? "：" : ": "}${view.text}`,
    };
  }
  return { expected: "", actual: "", message: `${v.check.label}${lang === "zh" ? "：" : ": "}${view.text}` };
}

function subjectName(data: Dataset, kind: string, id: string): string | undefined {
  if (kind === "school") return data.schoolById.get(id)?.name;
  if (kind === "teacher") return data.teacherById.get(id)?.name;
  return undefined;
}

/** The sentence an infeasible rule is shown with. */
export function infeasibleReason(r: InfeasibleRule, p: CheckedPolicy, lang: Lang): string {
  const zh = lang === "zh";
  const n = r.violation ? numbersOf(p, r.violation, lang) : undefined;
  const short =
    r.shortfall !== undefined
      ? zh
        ? `，最优方案仍差 ${r.shortfall}`
        : `; the best plan still lacks ${r.shortfall}`
      : "";
  const nums =
    n && n.expected
      ? zh
        ? `（要求 ${n.expected}，最多能达到 ${n.actual}）`
        : ` (expected ${n.expected}, at best ${n.actual})`
      : "";
  return zh
    ? `在本名册上无法满足：应交流人员中没有足以满足此条的人选${nums}${short}`
    : `cannot be met on this roster: the people due to rotate cannot satisfy it${nums}${short}`;
}

/** Why a request is short, in a sentence (undefined when it is met). */
export function requestReason(r: RequestOutcome, lang: Lang): string | undefined {
  const zh = lang === "zh";
  const w = r.why;
  if (!w) return undefined;
  const subj = r.subject !== undefined ? (zh ? `${r.subject}学科` : ` (${r.subject})`) : "";
  switch (w.kind) {
    case "capacity":
      return zh
        ? `已达该校最多接收的 ${w.capacity} 人（capacity）`
        : `the school's capacity of ${w.capacity} is reached`;
    case "candidates":
      return w.candidates === 0
        ? zh
          ? `可交流人员中没有能调入该校的${subj}人选`
          : `nobody of the people who may be moved${subj} can be sent there`
        : zh
          ? `可交流人员中能调入该校的${subj}人选只有 ${w.candidates} 人`
          : `only ${w.candidates} of the people who may be moved${subj} can be sent there`;
    case "rules":
      return zh
        ? "再调入就会违反政策的规定（或使另一项需求更加不足）"
        : "sending more would miss a rule of the policy (or leave another request shorter)";
  }
}

/** `S004（数学）` — the request a move counts toward, or a request's subject. */
function requestLabel(q: ServedRequest, lang: Lang): string {
  return q.subject === undefined
    ? q.school
    : lang === "zh"
      ? `${q.school}（${q.subject}）`
      : `${q.school} (${q.subject})`;
}

export function proposalJson(p: CheckedPolicy, data: Dataset, r: Proposal, lang: Lang, version?: string) {
  const name = (s: string) => data.schoolById.get(s)?.name;
  return {
    policy: p.name,
    ...(version ? { version } : {}),
    as_of: formatDate(data.asOf),
    status: r.status,
    compliant: r.status === "compliant",
    infeasible: r.infeasible.map((x) => ({
      clause: { id: x.clause.id, source: x.clause.source },
      rule: x.label,
      subject: { kind: x.subject.kind, id: x.subject.id, ...nameOf(subjectName(data, x.subject.kind, x.subject.id)) },
      reason: infeasibleReason(x, p, lang),
      ...(x.shortfall !== undefined ? { shortfall: x.shortfall } : {}),
      ...(x.violation
        ? { expected: numbersOf(p, x.violation, lang).expected, actual: numbersOf(p, x.violation, lang).actual }
        : {}),
    })),
    requests: r.requests.map((q) => ({
      school: q.school,
      ...nameOf(name(q.school)),
      ...(q.subject !== undefined ? { subject: q.subject } : {}),
      asked: q.asked,
      given: q.given,
      met: q.met,
      short: Math.max(0, q.asked - q.given),
      ...(q.why ? { why: q.why, reason: requestReason(q, lang) } : {}),
    })),
    requests_met: r.requests.every((q) => q.met),
    plan: planJson(r),
    selected: r.selections.map((s) => ({
      teacher: s.teacher.id,
      ...nameOf(s.teacher.name),
      from: s.move.from,
      to: s.move.to,
      ...(name(s.move.to) ? { to_name: name(s.move.to) } : {}),
      reasons: {
        quotas: s.quotas.map((q) => ({ clause: q.clause.id, rule: q.label, subject: q.subject })),
        requests: s.requests.map((q) => ({
          school: q.school,
          ...(q.subject !== undefined ? { subject: q.subject } : {}),
        })),
        volunteer: s.volunteer,
        must_move: s.mustMove,
        order: orderJson(p, s, lang),
      },
    })),
    schools: r.check.schools.map((s) => ({
      school: s.school.id,
      ...nameOf(s.school.name),
      teachers_before: s.teachers,
      teachers_after: s.teachers - s.movedOut + s.movedIn,
      due: s.due,
      deferred: s.deferred,
      moved_out: s.movedOut,
      moved_in: s.movedIn,
      ...(s.backboneOut !== undefined ? { backbone_out: s.backboneOut } : {}),
    })),
    warnings_in_plan: r.check.violations
      .filter((v) => v.severity === "warning")
      .map((v) => ({ clause: v.clause.id, subject: v.subject, ...numbersOf(p, v, lang) })),
    residual: r.residual.map((v) => ({ clause: v.clause.id, subject: v.subject, ...numbersOf(p, v, lang) })),
    unsupported: r.unsupported.map((u) => ({ clause: u.check.clause.id, rule: u.check.label, why: u.why })),
    choices: r.choices,
    components: r.components,
  };
}

/** Where a person stood in the order, and by what: the policy's declared order with each key's value, or lungang's. */
function orderJson(p: CheckedPolicy, s: Selection, lang: Lang) {
  if (!s.order) return { rank: s.rank, of: s.of, by: "lungang", school_since: s.orderKey };
  const o = s.order.info;
  return {
    rank: s.rank,
    of: s.of,
    by: { clause: o.clause.id, order: o.label },
    keys: o.order.keys.map((k, i) => ({
      key: printExpr(k.key, lang === "zh" ? "zh" : "en"),
      direction: k.direction,
      value: showValue(s.order!.values[i], p.types.get(k.key.id), lang),
    })),
  };
}

/** `本校任教年限 12年3个月、…` — a person's values of the declared order's keys. */
function orderKeysText(p: CheckedPolicy, s: Selection, lang: Lang): string {
  if (!s.order) return "";
  return s.order.info.order.keys
    .map((k, i) => `${printExpr(k.key, lang)} ${showValue(s.order!.values[i], p.types.get(k.key.id), lang)}`)
    .join(lang === "zh" ? "、" : ", ");
}

function nameOf(n: string | undefined): { name?: string } {
  return n ? { name: n } : {};
}

/** The plan section of a dataset, as the contract writes it. */
export function planJson(r: Proposal): Record<string, unknown> {
  return planRecord(r.plan);
}

const MODE_ZH: Record<string, string> = { full_time: "全职", part_time: "兼职" };

export function proposalText(p: CheckedPolicy, data: Dataset, r: Proposal, lang: Lang, version?: string): string {
  const zh = lang === "zh";
  const out: string[] = [];
  const school = (id: string) => {
    const s: School | undefined = data.schoolById.get(id);
    return s?.name ? `${id} ${s.name}` : id;
  };
  const verdict =
    r.status === "compliant"
      ? zh
        ? "方案合规（经 check 核查）"
        : "compliant plan (verified by check)"
      : r.status === "infeasible"
        ? zh
          ? "有规定在本名册上无法满足"
          : "some rules cannot be met on this roster"
        : zh
          ? "未能得出合规方案（见下）"
          : "no compliant plan derived (see below)";
  out.push(
    `${zh ? "交流轮岗方案草案" : "Draft rotation plan"} [${p.name}${version ? ` ${version}` : ""}] @ ${formatDate(data.asOf)} — ${verdict}`,
  );
  out.push(zh ? `共 ${r.plan.moves.length} 人交流。` : `${r.plan.moves.length} move(s).`);
  if (r.infeasible.length) {
    out.push("");
    out.push(zh ? "无法满足的规定：" : "Rules that cannot be met:");
    for (const x of r.infeasible) {
      out.push(
        `  ${x.clause.id} ${x.label} [${x.subject.kind} ${x.subject.kind === "school" ? school(x.subject.id) : x.subject.id}]`,
      );
      out.push(`      ${infeasibleReason(x, p, lang)}`);
      out.push(`      「${x.clause.source}」`);
    }
  }
  if (r.requests.length) {
    out.push("");
    out.push(zh ? "教育局的调入需求：" : "The bureau's requests:");
    for (const q of r.requests) {
      const who =
        q.subject === undefined
          ? school(q.school)
          : `${school(q.school)}${zh ? `（${q.subject}）` : ` (${q.subject})`}`;
      const nums = zh ? `要求 ${q.asked} 人，安排 ${q.given} 人` : `asked ${q.asked}, given ${q.given}`;
      const reason = requestReason(q, lang);
      const verdict = q.met
        ? zh
          ? "已满足"
          : "met"
        : zh
          ? `差 ${q.asked - q.given} 人${reason ? `：${reason}` : ""}`
          : `short by ${q.asked - q.given}${reason ? `: ${reason}` : ""}`;
      out.push(`  ${who}: ${nums} — ${verdict}`);
    }
  }
  if (r.residual.length) {
    out.push("");
    out.push(zh ? "草案仍违反（未能从规定推出约束）：" : "The draft still violates (constraints not derived):");
    for (const v of r.residual) {
      const n = numbersOf(p, v, lang);
      out.push(`  ${v.clause.id} [${v.subject.kind} ${v.subject.id}] ${n.message}`);
    }
  }
  if (r.unsupported.length) {
    out.push("");
    out.push(
      zh
        ? "未能转为约束的规定（结果已由 check 核查）："
        : "Rules not turned into constraints (the result was checked):",
    );
    for (const u of r.unsupported) out.push(`  ${u.check.clause.id} ${u.check.label}: ${u.why}`);
  }
  const bySchool = new Map<string, typeof r.selections>();
  for (const s of r.selections) {
    let l = bySchool.get(s.move.from);
    if (!l) bySchool.set(s.move.from, (l = []));
    l.push(s);
  }
  out.push("");
  out.push(zh ? "各校（教师数 交流前→后；应交流；调出；调入）：" : "Schools (teachers before→after; due; out; in):");
  for (const s of r.check.schools) {
    out.push(
      `  ${school(s.school.id)}: ${s.teachers}→${s.teachers - s.movedOut + s.movedIn}  ${zh ? "应交流" : "due"} ${s.due}  ${zh ? "调出" : "out"} ${s.movedOut}  ${zh ? "调入" : "in"} ${s.movedIn}${s.backboneOut !== undefined ? `  ${zh ? "调出骨干" : "backbone out"} ${s.backboneOut}` : ""}`,
    );
    for (const sel of bySchool.get(s.school.id) ?? []) {
      const m = sel.move;
      const attrs = zh
        ? `${MODE_ZH[m.mode ?? ""] ?? ""} ${m.years ?? "?"}年${m.personnel_transfer ? " 人事关系调转" : ""}`
        : `${m.mode ?? ""} ${m.years ?? "?"}y${m.personnel_transfer ? " transfer" : ""}`;
      out.push(`    ${sel.teacher.id}${sel.teacher.name ? ` ${sel.teacher.name}` : ""} → ${school(m.to)}  ${attrs}`);
      const quotas = sel.quotas.map((q) => `${q.clause.id} ${q.label} (${q.subject.id})`).join("；");
      const by = sel.order
        ? `${sel.order.info.clause.id}「${sel.order.info.label}」：${orderKeysText(p, sel, lang)}`
        : zh
          ? `本校任教起始 ${sel.orderKey}`
          : `at the school since ${sel.orderKey}`;
      const place = zh ? `顺序第 ${sel.rank}/${sel.of} 位（${by}）` : `order ${sel.rank}/${sel.of} (${by})`;
      // A volunteer is chosen first; with a declared order, applicants are ranked by it too.
      const order = sel.volunteer
        ? sel.order
          ? `${zh ? "本人申请" : "volunteer"}；${place}`
          : zh
            ? "本人申请"
            : "volunteer"
        : place;
      const requests = sel.requests.map((q) => `${zh ? "调入需求" : "request of"} ${requestLabel(q, lang)}`).join("；");
      const serves = [requests, quotas].filter((x) => x !== "").join("；") || "—";
      out.push(
        `        ${zh ? "理由" : "reason"}: ${sel.mustMove ? (zh ? "教育局指定；" : "named by the bureau; ") : ""}${serves}；${order}`,
      );
    }
  }
  out.push("");
  out.push(zh ? "说明：" : "Notes:");
  for (const c of r.choices) out.push(`  ${c}`);
  return out.join("\n");
}
