// Rendering a decision: the decision, the clauses that determined it with
// their original wording, and for every rule the conditions it checked with
// the values it saw (本校任教年限 9年0个月 ≥ 9年（满）✓). Human text in
// Chinese or English, and the JSON of docs/contract.md (`lungang case --json`).

import type { Amendment, CheckedPolicy, ClauseInfo, RuleInfo } from "../checker/checked.js";
import type { Atom } from "../interpreter/frame.js";
import type { Decision, RuleResult } from "../interpreter/decide.js";
import { Ratio, isUnknown, type Reason, type Value } from "../interpreter/values.js";
import { isDuration } from "../interpreter/values.js";
import { MOVE_FIELDS, PERSON_FIELDS, SCHOOL_FIELDS, enumWord } from "../semantics/facts.js";
import type { Ty } from "../semantics/types.js";
import { compareDuration, formatDate, formatDuration } from "../time/date.js";
import { isAmbiguous } from "../interpreter/ops.js";
import type { Lang } from "../diagnostics/registry.js";
import type * as A from "../syntax/ast.js";

// The wording of decisions and explanations. The Chinese words are the
// documents' own (应交流轮岗, 暂缓交流轮岗): a teacher or a bureau reads the
// answer in the vocabulary of the policy. Diagnostics have their own registry;
// these are outcomes, not errors. `{name}` slots are filled by `fill`.
const WORDS = {
  zh: {
    required: "应交流轮岗",
    eligible: "可交流轮岗（由学校或教育局决定）",
    deferred: "暂缓交流轮岗",
    not_required: "无需交流轮岗",
    indeterminate: "无法判定",
    applies: "适用",
    notApplies: "不适用",
    unknown: "无法判断",
    winner: "决定性",
    overridden: "被例外覆盖",
    notEngaged: "未触发（其所例外的规则不适用）",
    decision: "决定",
    clauses: "依据条款",
    reasons: "理由",
    missing: "缺少数据",
    redacted: "参数未赋值（原文隐去）",
    ambiguous: "日期计算取决于月末进位方式，政策未声明",
    noTrack: "无法确定退休轨道",
    empty: "分母为空，不适用",
    conflict: "规则冲突，且无优先关系",
    volunteer: "可自愿申请交流",
    noVolunteer: "不在自愿申请范围",
    change: "什么会改变结论",
    onDate: "按现有事实，自 {date} 起结论将变为：{decision}",
    noChange: "按现有事实，十年内结论不会因时间推移而改变",
    ifException: "若 {clause}「{label}」的条件成立，结论将变为：{decision}",
    ifNot: "若 {clause}「{label}」的条件不再成立，结论将变为：{decision}",
    scope: "范围",
    prerequisites: "晋升条件（职称评聘、评优、任职的前置条件）",
    met: "已满足",
    prereqNotApplicable: "不适用于此人",
    notMet: "未满足",
    limit: "已暂缓 {already}，加本次1年，最长 {limit}",
  },
  en: {
    required: "required to rotate",
    eligible: "eligible to rotate (the school or bureau decides)",
    deferred: "rotation deferred",
    not_required: "not required to rotate",
    indeterminate: "cannot be decided",
    applies: "applies",
    notApplies: "does not apply",
    unknown: "cannot tell",
    winner: "decisive",
    overridden: "overridden by an exception",
    notEngaged: "not engaged (the rule it is an exception to does not apply)",
    decision: "Decision",
    clauses: "Clauses",
    reasons: "Reasons",
    missing: "missing fact",
    redacted: "parameter has no value (redacted in the source)",
    ambiguous: "date arithmetic depends on month-end rounding, which the policy does not declare",
    noTrack: "no retirement track",
    empty: "empty denominator, not applicable",
    conflict: "rules conflict with no priority between them",
    volunteer: "may apply to rotate voluntarily",
    noVolunteer: "not eligible to volunteer",
    change: "What would change the answer",
    onDate: "On the same facts, from {date} the decision becomes: {decision}",
    noChange: "On the same facts, the passage of time does not change the decision within ten years",
    ifException: "If the condition of {clause} “{label}” held, the decision would be: {decision}",
    ifNot: "If the condition of {clause} “{label}” no longer held, the decision would be: {decision}",
    scope: "scope",
    prerequisites: "Promotion prerequisites",
    met: "met",
    prereqNotApplicable: "does not concern this person",
    notMet: "not met",
    limit: "already deferred {already}, plus this year, limit {limit}",
  },
} as const;

// Both languages have the same keys; the zh table is the reference shape.
export type Words = (typeof WORDS)["zh"];
export function words(lang: Lang): Words {
  return WORDS[lang] as Words;
}

// An unfilled slot stays visible as `{name}` rather than vanishing.
function fill(t: string, args: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (m, k: string) => args[k] ?? m);
}

// The rule kinds as the policy's keywords spell them, so a line of the
// explanation reads like the rule it reports.
const KIND_WORD: Record<A.RuleKind, { zh: string; en: string }> = {
  scope: { zh: "范围", en: "scope" },
  require: { zh: "应交流", en: "require" },
  eligible: { zh: "可交流", en: "eligible" },
  exempt: { zh: "免交流", en: "exempt" },
  defer: { zh: "暂缓", en: "defer" },
  volunteer: { zh: "可自愿", en: "volunteer" },
  prerequisite: { zh: "晋升条件", en: "prerequisite" },
};

// One symbol per relation whatever word was written; the word itself follows
// in （…）, so `≤（及以下）` shows both the meaning and the text's term.
/** How a comparison is shown: the mathematical sign, next to the statutory word as written. */
export const OP_SYMBOL: Record<string, string> = {
  ">=": "≥",
  ">": ">",
  "<=": "≤",
  "<": "<",
  "==": "=",
  "!=": "≠",
  in: "∈",
  contains: "∋",
  intersects: "∩",
};

/** A value shown to a person, using its static type to tell dates from numbers. */
export function showValue(v: Value, ty: Ty | undefined, lang: Lang): string {
  if (isUnknown(v)) return "？";
  // No value was recorded at all — which is not the same as unknown (？).
  if (v === undefined) return "—";
  if (typeof v === "boolean") return v ? "✓" : "✗";
  // A share is an exact fraction: show the percentage and the counts behind it
  // (`10% (2/20)`), so the reader can check it. n/0 is a share over nobody (E005).
  if (v instanceof Ratio) return v.den === 0 ? `${v.num}/0` : `${pct(v.value)} (${v.num}/${v.den})`;
  if (isDuration(v)) {
    if (!isAmbiguous(v)) return formatDuration(v, lang);
    // Several readings (month-end rounding, or a retirement track that depends on a missing fact): show the range.
    const all = [v, ...v.alts].sort((a, b) => compareDuration(a, b));
    return `${formatDuration(all[0]!, lang)}～${formatDuration(all[all.length - 1]!, lang)}`;
  }
  if (typeof v === "number") {
    // Dates are day numbers at run time; only the static type tells them apart.
    if (ty?.k === "date") return formatDate(v);
    if (ty?.k === "percent") return pct(v);
    return String(v);
  }
  // Enumerated values are stored in their English form (as in the data) and
  // shown in the reader's language.
  if (typeof v === "string") return ty?.k === "text" && ty.enum ? enumWord(ty.enum, v, lang) : v;
  if (Array.isArray(v) || v instanceof Set) {
    const elem = ty?.k === "set" ? ty.elem : undefined;
    const items = [...(v as Iterable<string>)].map((x) =>
      elem?.k === "text" && elem.enum ? enumWord(elem.enum, x, lang) : x,
    );
    return `{${items.join(lang === "zh" ? "、" : ", ")}}`;
  }
  if (typeof v === "object" && v !== null && "track" in v) return (v as { track: string }).track;
  if (typeof v === "object" && v !== null && "id" in v) return String((v as { id: string }).id);
  return String(v);
}

/** A percentage for display, to two decimals; comparisons use the exact Ratio, never this. */
export function pct(x: number): string {
  const p = Math.round(x * 10000) / 100;
  return `${p}%`;
}

/**
 * One line per reason why a value is unknown. The switch is exhaustive over
 * the Reason codes: a new reason without wording does not compile.
 */
export function reasonText(r: Reason, lang: Lang): string {
  const w = words(lang);
  switch (r.code) {
    case "E001": {
      // Facts are recorded under either name; show the reader's (school_since ↔ 本校起始日期).
      const f = PERSON_FIELDS.get(r.fact) ?? SCHOOL_FIELDS.get(r.fact) ?? MOVE_FIELDS.get(r.fact);
      return `${w.missing}: ${f ? (lang === "zh" ? f.zh : f.name) : r.fact}`;
    }
    case "E002":
      return `${w.redacted}: ${r.param}`;
    case "E003":
      return `${w.ambiguous}: ${r.what}`;
    case "E004":
      return `${w.noTrack}: ${r.detail}`;
    case "E005":
      return `${w.empty}`;
    case "E010":
      return lang === "zh"
        ? `${r.fact}只知到月，结果取决于具体日期`
        : `${r.fact} is known only to the month, and the answer depends on the day`;
  }
}

/** The reason as data (its code and the fact or parameter it names), for JSON. */
export function reasonJson(r: Reason): Record<string, string> {
  return { ...r };
}

/** The policy text of a node, on one line. */
// Explanations quote the policy's own text for a condition rather than
// re-printing the AST: the reader sees exactly what the policy writer wrote
// (their names, their language, `及以下` rather than `<=`), which is what
// they can find in the file and hold against the 原文. Whitespace is
// collapsed because a condition may span lines. Spans may point into any
// layer (city, national), hence the policy's map of every layer's sources.
export function sourceOf(p: CheckedPolicy, node: A.NodeBase): string {
  const text = p.sources.get(node.span.file);
  if (!text) return "";
  return text.slice(node.span.start, node.span.end).replace(/\s+/g, " ").trim();
}

// For a literal the value is the text: `9年0个月`, not `9年 9年0个月`.
function isLiteral(e: A.Expr): boolean {
  return ["Number", "Percent", "Duration", "Date", "String", "Bool", "Set"].includes(e.kind);
}

export interface AtomView {
  readonly text: string;
  /** `null`: cannot tell (an unknown value, with its reasons in `unknown`). */
  readonly holds: boolean | null;
  readonly left?: string;
  readonly op?: string;
  readonly word?: string;
  readonly right?: string;
  readonly unknown?: string[];
  /** Nesting under the definition that looked at it (0: the rule's own condition). */
  readonly depth: number;
}

/**
 * One condition a rule checked, with what it saw. A comparison shows each
 * side's source text and value, the relation's symbol and the word as
 * written: `本校任教年限 9年0个月 ≥ 任教年限门槛 9年0个月（满） ✓`. Any other
 * atom (a boolean fact or definition) shows its source text and the mark.
 */
export function atomView(p: CheckedPolicy, a: Atom, lang: Lang): AtomView {
  const holds = isUnknown(a.result) ? null : a.result === true;
  const mark = holds === null ? "？" : holds ? "✓" : "✗";
  const unknown = isUnknown(a.result) ? a.result.reasons.map((r) => reasonText(r, lang)) : undefined;
  const tail = unknown ? `${mark}（${unknown.join("；")}）` : mark;
  if (a.node.kind === "Compare") {
    const c = a.node;
    const lt = p.types.get(c.left.id);
    const rt = p.types.get(c.right.id);
    const leftSrc = sourceOf(p, c.left);
    const rightSrc = sourceOf(p, c.right);
    const lv = showValue(a.left, lt, lang);
    const rv = showValue(a.right, rt, lang);
    const left = isLiteral(c.left) ? lv : `${leftSrc} ${lv}`;
    const right = isLiteral(c.right) ? rv : `${rightSrc} ${rv}`;
    const op = OP_SYMBOL[c.op] ?? c.op;
    // A symbol written as the operator needs no gloss; a word does.
    const wordShown = /^[<>=!≥≤≠]+$/.test(c.word) ? "" : `（${c.word}）`;
    return {
      text: `${left} ${op} ${right}${wordShown} ${tail}`,
      holds,
      left: lv,
      op: c.op,
      word: c.word,
      right: rv,
      ...(unknown ? { unknown } : {}),
      depth: a.depth ?? 0,
    };
  }
  const label = sourceOf(p, a.node);
  return { text: `${label} ${tail}`, holds, ...(unknown ? { unknown } : {}), depth: a.depth ?? 0 };
}

// Winners decided the outcome; overridden rules applied but an exception
// beat them (what the reader needs to see to follow the priorities).
function ruleRole(d: Decision, r: RuleInfo): "winner" | "overridden" | "other" {
  if (d.winners.includes(r)) return "winner";
  if (d.overridden.includes(r)) return "overridden";
  return "other";
}

/** An amendment as JSON: the amending clause with its 原文, and what it changed in which clause. */
export interface AmendmentJson {
  readonly clause: string;
  readonly source: string;
  readonly amends: string;
  readonly kind: "param" | "define" | "rule";
  readonly name: string;
  readonly before?: string;
  readonly after?: string;
  /** The same in words: `经 GJZ-1 修改：任教年限门槛 9年 → 8年`. */
  readonly text: string;
}

/**
 * One amendment in words. Beside the clause it amends (`side` "of"): `经 GJZ-1
 * 修改：任教年限门槛 9年 → 8年` (a parameter or definition overridden with 覆盖),
 * `经 HD-1 取代：规则「…」`. Beside the amending clause or its rule (`side` "by"):
 * `修改 DL-T1：…`, `取代 DL-T3 的规则「…」`. Values are the policy's own text.
 */
export function amendmentText(p: CheckedPolicy, a: Amendment, lang: Lang, side: "of" | "by" = "of"): string {
  const zh = lang === "zh";
  if (a.kind === "rule") {
    if (side === "by") return zh ? `取代 ${a.of.id} 的规则「${a.name}」` : `replaces rule “${a.name}” of ${a.of.id}`;
    return zh ? `经 ${a.by.id} 取代：规则「${a.name}」` : `rule “${a.name}” replaced by ${a.by.id}`;
  }
  const before = a.before ? sourceOf(p, a.before) : "—";
  const after = a.after ? sourceOf(p, a.after) : "—";
  const change = `${a.name} ${before} → ${after}`;
  if (side === "by") return zh ? `修改 ${a.of.id}：${change}` : `amends ${a.of.id}: ${change}`;
  return zh ? `经 ${a.by.id} 修改：${change}` : `as amended by ${a.by.id}: ${change}`;
}

export function amendmentJson(p: CheckedPolicy, a: Amendment, lang: Lang, side: "of" | "by" = "of"): AmendmentJson {
  return {
    clause: a.by.id,
    source: a.by.source,
    amends: a.of.id,
    kind: a.kind,
    name: a.name,
    ...(a.before ? { before: sourceOf(p, a.before) } : {}),
    ...(a.after ? { after: sourceOf(p, a.after) } : {}),
    text: amendmentText(p, a, lang, side),
  };
}

/** `（经 GJZ-1 修改：…；…）` after clause `c`'s id, or nothing when no amendment concerns it. */
export function amendedNote(p: CheckedPolicy, as: readonly Amendment[], c: ClauseInfo, lang: Lang): string {
  if (as.length === 0) return "";
  const parts = as.map((a) => amendmentText(p, a, lang, a.of === c ? "of" : "by"));
  return lang === "zh" ? `（${parts.join("；")}）` : ` (${parts.join("; ")})`;
}

export interface RuleView {
  readonly clause: string;
  readonly rule: string;
  readonly kind: A.RuleKind;
  readonly policy: string;
  readonly result: "applies" | "does_not_apply" | "unknown" | "not_applicable";
  readonly role: "winner" | "overridden" | "other";
  readonly conditions: AtomView[];
  readonly note?: string;
  /** The amendments the rule rests on (a district's 覆盖/取代), each with its clause and 原文. */
  readonly amended_by?: AmendmentJson[];
}

/**
 * Every rule that was evaluated, also those that did not apply: a "not
 * required" answer is explained by the requirements that were not met.
 */
export function ruleViews(p: CheckedPolicy, d: Decision, lang: Lang): RuleView[] {
  const w = words(lang);
  return d.results.map((res: RuleResult) => {
    // A prerequisite that does not concern the person (`仅当` false) is not applicable; unknown whom it concerns is unknown.
    const result: RuleView["result"] =
      res.applicable === false
        ? "not_applicable"
        : isUnknown(res.value) || isUnknown(res.applicable)
          ? "unknown"
          : res.value === true
            ? "applies"
            : "does_not_apply";
    const note = res.limit
      ? fill(w.limit, {
          already: showValue(res.limit.deferred, { k: "duration" }, lang),
          limit: showValue(res.limit.limit, { k: "duration" }, lang),
        })
      : undefined;
    return {
      clause: res.rule.clause.id,
      rule: res.rule.label,
      kind: res.rule.rule.ruleKind,
      policy: res.rule.clause.policy,
      result,
      role: ruleRole(d, res.rule),
      conditions: (res.atoms ?? []).map((a) => atomView(p, a, lang)),
      ...(note ? { note } : {}),
      // The rule's own replacement reads from its side (取代 DL-T3 的规则…); what it reads, as amended.
      ...(res.rule.amendments?.length
        ? {
            amended_by: res.rule.amendments.map((a) =>
              amendmentJson(p, a, lang, a.kind === "rule" && a.by === res.rule.clause ? "by" : "of"),
            ),
          }
        : {}),
    };
  });
}

export interface ChangeHint {
  readonly kind: "date" | "exception" | "no_change";
  readonly text: string;
  readonly date?: string;
  readonly decision?: string;
  readonly clause?: string;
}

/** A decision value in words (`required` → 应交流轮岗); an unknown value is shown as is. */
export function decisionWord(d: string, lang: Lang): string {
  return (words(lang) as unknown as Record<string, string>)[d] ?? d;
}

/** One answered case: the policy, who, on which date, the decision and what would change it. */
export interface CaseAnswer {
  readonly policy: CheckedPolicy;
  readonly teacherId: string;
  readonly asOf: string;
  readonly decision: Decision;
  readonly hints: readonly ChangeHint[];
}

export function renderDecisionText(a: CaseAnswer, lang: Lang): string {
  const { policy: p, teacherId, asOf, decision: d, hints } = a;
  const w = words(lang);
  const out: string[] = [];
  // ● must rotate, ◐ may be rotated (the school decides), ○ need not (deferred or not required), ？ cannot be decided.
  const tag =
    d.decision === "indeterminate" ? "？" : d.decision === "required" ? "●" : d.decision === "eligible" ? "◐" : "○";
  out.push(
    `${tag} ${teacherId} @ ${asOf} — ${w.decision}: ${decisionWord(d.decision, lang)} (${d.decision})   [${p.name}]`,
  );
  if (d.conflict) out.push(`  ${w.conflict}: ${d.conflict.map((r) => `${r.clause.id}「${r.label}」`).join(", ")}`);
  if (d.unknown?.length) for (const r of d.unknown) out.push(`  ？ ${reasonText(r, lang)}`);
  // Volunteering is a question only for someone not required (decide.ts).
  if (d.volunteer !== undefined && d.decision === "not_required") {
    out.push(
      `  ${d.volunteer === true ? "↗ " + w.volunteer : d.volunteer === false ? "· " + w.noVolunteer : "？ " + w.volunteer}${d.volunteerRules?.length ? ` (${d.volunteerRules.map((r) => r.clause.id).join(", ")})` : ""}`,
    );
  }
  out.push("");
  out.push(`${w.clauses}:`);
  // Every cited clause with its official wording, verbatim: the answer must
  // be traceable to the text it rests on.
  // A parent clause a district amended is shown only as amended, and the
  // amending clause beside it with its own wording.
  for (const c of d.clauses) out.push(`  ${c.id}${amendedNote(p, clauseAmendments(d, c), c, lang)}  「${c.source}」`);
  out.push("");
  out.push(`${w.reasons}:`);
  const views = ruleViews(p, d, lang);
  // Promotion prerequisites do not affect the rotation decision: listed apart.
  const prereqs = views.filter((v) => v.kind === "prerequisite");
  for (const v of views.filter((x) => x.kind !== "prerequisite")) {
    const mark = v.result === "applies" ? "✓" : v.result === "unknown" ? "？" : "✗";
    const role = v.role === "winner" ? ` ← ${w.winner}` : v.role === "overridden" ? ` ← ${w.overridden}` : "";
    const kind = lang === "zh" ? KIND_WORD[v.kind].zh : KIND_WORD[v.kind].en;
    const res = v.result === "applies" ? w.applies : v.result === "unknown" ? w.unknown : w.notApplies;
    // A rule from a lower layer is tagged with its policy (a district's reader
    // sees which rules are the city's).
    const amended = v.amended_by?.length
      ? lang === "zh"
        ? `（${v.amended_by.map((a) => a.text).join("；")}）`
        : ` (${v.amended_by.map((a) => a.text).join("; ")})`
      : "";
    out.push(
      `  ${mark} ${v.clause}${amended} ${kind}「${v.rule}」${res}${role}${v.policy !== p.name ? `  [${v.policy}]` : ""}`,
    );
    for (const c of v.conditions) out.push(`      ${"  ".repeat(c.depth)}${c.text}`);
    if (v.note) out.push(`      ${v.note}`);
  }
  if (prereqs.length) {
    out.push("");
    out.push(`${w.prerequisites}:`);
    for (const v of prereqs) {
      const mark =
        v.result === "applies" ? "✓" : v.result === "unknown" ? "？" : v.result === "not_applicable" ? "·" : "✗";
      const res =
        v.result === "applies"
          ? w.met
          : v.result === "unknown"
            ? w.unknown
            : v.result === "not_applicable"
              ? w.prereqNotApplicable
              : w.notMet;
      out.push(`  ${mark} ${v.clause}「${v.rule}」${res}${v.policy !== p.name ? `  [${v.policy}]` : ""}`);
      for (const c of v.conditions) out.push(`      ${"  ".repeat(c.depth)}${c.text}`);
    }
  }
  if (hints.length) {
    out.push("");
    out.push(`${w.change}:`);
    for (const h of hints) out.push(`  → ${h.text}`);
  }
  return out.join("\n");
}

export function clauseJson(c: ClauseInfo): { id: string; source: string; policy: string } {
  return { id: c.id, source: c.source, policy: c.policy };
}

/**
 * The amendments to show beside a cited clause: those that amend it, and —
 * for an amending clause whose parent is not itself cited (a replaced rule's
 * clause) — those it makes.
 */
function clauseAmendments(d: Decision, c: ClauseInfo): Amendment[] {
  const amendments = d.amendments ?? [];
  return amendments.filter((a) => a.of === c || (a.by === c && !d.clauses.includes(a.of)));
}

/** A cited clause as JSON, with `amended_by`: the amendments that changed it, each with its clause's 原文. */
function citedClauseJson(p: CheckedPolicy, d: Decision, c: ClauseInfo, lang: Lang): Record<string, unknown> {
  const as = clauseAmendments(d, c);
  return {
    ...clauseJson(c),
    ...(as.length ? { amended_by: as.map((a) => amendmentJson(p, a, lang, a.of === c ? "of" : "by")) } : {}),
  };
}

/**
 * The JSON of `lungang case --json` (docs/contract.md). Codes and values are
 * stable English identifiers; the `text` fields are in the chosen language.
 */
export function decisionJson(a: CaseAnswer, lang: Lang): Record<string, unknown> {
  const { policy: p, teacherId, asOf, decision: d, hints } = a;
  return {
    policy: p.name,
    teacher: teacherId,
    as_of: asOf,
    decision: d.decision,
    clauses: d.clauses.map((c) => citedClauseJson(p, d, c, lang)),
    explanation: ruleViews(p, d, lang).filter((v) => v.kind !== "prerequisite"),
    prerequisites: ruleViews(p, d, lang)
      .filter((v) => v.kind === "prerequisite")
      // `met: null` is "cannot tell", never folded into false.
      .map((v) => ({
        clause: v.clause,
        rule: v.rule,
        applicable: v.result !== "not_applicable",
        met: v.result === "applies" ? true : v.result === "does_not_apply" ? false : null,
        conditions: v.conditions,
      })),
    ...(d.conflict ? { conflict: d.conflict.map((r) => ({ clause: r.clause.id, rule: r.label })) } : {}),
    ...(d.unknown?.length
      ? { unknown: d.unknown.map((r) => ({ ...reasonJson(r), message: reasonText(r, lang) })) }
      : {}),
    ...(d.volunteer !== undefined && d.decision === "not_required"
      ? { volunteer: { eligible: d.volunteer, clauses: (d.volunteerRules ?? []).map((r) => r.clause.id) } }
      : {}),
    what_would_change: hints,
  };
}
