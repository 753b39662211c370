// Rendering a case: the decision, the clauses that determined it with their
// original wording, and for every rule the conditions it checked with the
// values it saw (本校任教年限 9年0个月 ≥ 9年（满）✓), and what would change it.
// Human text in Chinese or English, and the JSON of `lungang case --json`.

import type { CheckedPolicy, ClauseInfo, RuleInfo } from "../checker/checked.js";
import type { Decision, RuleResult } from "../interpreter/decide.js";
import { isUnknown } from "../interpreter/values.js";
import type { Lang } from "../diagnostics/registry.js";
import type * as A from "../syntax/ast.js";
import type { CaseAnswer, Change } from "../api/answers.js";
import { KIND_WORD, fill, words } from "./words.js";
import { atomView, reasonJson, reasonText, showValue, type AtomView } from "./values.js";
import { amendedBy, amendedMark, citedClauseAmendments, type AmendmentJson } from "./amendments.js";

// Winners decided the outcome; overridden rules applied but an exception
// beat them (what the reader needs to see to follow the priorities).
function ruleRole(d: Decision, r: RuleInfo): "winner" | "overridden" | "other" {
  if (d.winners.includes(r)) return "winner";
  if (d.overridden.includes(r)) return "overridden";
  return "other";
}

export interface RuleView {
  readonly clause: string;
  readonly rule: string;
  readonly kind: A.RuleKind;
  readonly policy: string;
  readonly result: RuleOutcome;
  readonly role: "winner" | "overridden" | "other";
  readonly conditions: AtomView[];
  readonly note?: string;
  /** The amendments the rule rests on (a district's 覆盖/取代), each with its clause and 原文. */
  readonly amended_by?: AmendmentJson[];
}

/** How one rule came out for the person. */
export type RuleOutcome = "applies" | "does_not_apply" | "unknown" | "not_applicable";

/**
 * A rule's outcome: a prerequisite that does not concern the person (`仅当`
 * false) is not applicable; unknown whom it concerns, or whether it holds, is
 * unknown (never folded into a pass or a fail).
 */
export function ruleOutcome(res: RuleResult): RuleOutcome {
  if (res.applicable === false) return "not_applicable";
  if (isUnknown(res.value) || isUnknown(res.applicable)) return "unknown";
  return res.value === true ? "applies" : "does_not_apply";
}

/**
 * Every rule that was evaluated, also those that did not apply: a "not
 * required" answer is explained by the requirements that were not met.
 */
export function ruleViews(p: CheckedPolicy, d: Decision, lang: Lang): RuleView[] {
  const w = words(lang);
  return d.results.map((res: RuleResult) => {
    const result = ruleOutcome(res);
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
      ...amendedBy(p, res.rule.amendments, lang, (a) => (a.kind === "rule" && a.by === res.rule.clause ? "by" : "of")),
    };
  });
}

/** One "what would change the answer" line, as shown and as written to JSON. */
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

/** A change in the reader's language, with its stable fields for JSON. */
export function changeHint(c: Change, lang: Lang): ChangeHint {
  const w = words(lang);
  switch (c.kind) {
    case "date": {
      const decision = decisionWord(c.decision.decision, lang);
      return {
        kind: "date",
        date: c.date,
        decision: c.decision.decision,
        text: fill(w.onDate, { date: c.date, decision }) + ` (${c.decision.clauses.map((x) => x.id).join(", ")})`,
      };
    }
    case "exception":
      return {
        kind: "exception",
        clause: c.rule.clause.id,
        decision: c.decision,
        text: fill(c.held ? w.ifException : w.ifNot, {
          clause: c.rule.clause.id,
          label: c.rule.label,
          decision: decisionWord(c.decision, lang),
        }),
      };
    case "no_change":
      return { kind: "no_change", text: w.noChange };
  }
}

/** Who a case is about: the id, with the teacher's name and school beside it when the data has them. */
function whoOf(a: CaseAnswer): string {
  const school = a.school ? ` · ${a.school.id}${a.school.name ? " " + a.school.name : ""}` : "";
  return `${a.teacher.id}${a.teacher.name ? " " + a.teacher.name : ""}${school}`;
}

export function renderDecisionText(a: CaseAnswer, lang: Lang): string {
  const { policy: p, asOf, decision: d } = a;
  const hints = a.changes.map((c) => changeHint(c, lang));
  const w = words(lang);
  const out: string[] = [];
  // ● must rotate, ◐ may be rotated (the school decides), ○ need not (deferred or not required), ？ cannot be decided.
  const tag =
    d.decision === "indeterminate" ? "？" : d.decision === "required" ? "●" : d.decision === "eligible" ? "◐" : "○";
  out.push(
    `${tag} ${whoOf(a)} @ ${asOf} — ${w.decision}: ${decisionWord(d.decision, lang)} (${d.decision})   [${p.name}]`,
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
  for (const c of d.clauses) out.push(`  ${c.id}${clauseNote(p, d, c, lang)}  「${c.source}」`);
  out.push("");
  out.push(`${w.reasons}:`);
  const views = ruleViews(p, d, lang);
  // Promotion prerequisites do not affect the rotation decision: listed apart.
  const prereqs = views.filter((v) => v.kind === "prerequisite");
  for (const v of views.filter((x) => x.kind !== "prerequisite")) {
    const mark = v.result === "applies" ? "✓" : v.result === "unknown" ? "？" : "✗";
    const role = v.role === "winner" ? ` ← ${w.winner}` : v.role === "overridden" ? ` ← ${w.overridden}` : "";
    const kind = KIND_WORD[v.kind][lang];
    const res = v.result === "applies" ? w.applies : v.result === "unknown" ? w.unknown : w.notApplies;
    // A rule from a lower layer is tagged with its policy (a district's reader
    // sees which rules are the city's).
    const amended = amendedMark(v.amended_by, lang);
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

/** `（经 GJZ-1 修改：…）` after a cited clause's id, or nothing. */
function clauseNote(p: CheckedPolicy, d: Decision, c: ClauseInfo, lang: Lang): string {
  return amendedMark(citedClauseAmendments(p, d, c, lang).amended_by, lang);
}

/** A cited clause as JSON, with `amended_by`: the amendments that changed it, each with its clause's 原文. */
function citedClauseJson(p: CheckedPolicy, d: Decision, c: ClauseInfo, lang: Lang): Record<string, unknown> {
  return { ...clauseJson(c), ...citedClauseAmendments(p, d, c, lang) };
}

/**
 * The JSON of `lungang case --json` (docs/contract.md). Codes and values are
 * stable English identifiers; the `text` fields are in the chosen language.
 */
export function decisionJson(a: CaseAnswer, lang: Lang): Record<string, unknown> {
  const { policy: p, asOf, decision: d } = a;
  return {
    policy: p.name,
    teacher: a.teacher.id,
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
    what_would_change: a.changes.map((c) => changeHint(c, lang)),
  };
}
