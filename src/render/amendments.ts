// Rendering, the one place amendments are worded: a district's `覆盖` (a
// parameter or definition overridden) and `取代` (a rule replaced), beside the
// clause it amends (`DL-T1（经 GJZ-1 修改：任教年限门槛 9年 → 8年）`), beside a
// rule or condition line that rests on it, and as the citation with the
// amending clause's 原文. Every format (text, JSON, HTML, XLSX, CSV; case,
// check, decide) takes its words from here.

import type { Amendment, CheckedPolicy, ClauseInfo } from "../checker/checked.js";
import { exprAmendments } from "../checker/amendments.js";
import type { Decision } from "../interpreter/decide.js";
import type { Lang } from "../diagnostics/registry.js";
import type * as A from "../syntax/ast.js";
import { sourceOf } from "./source.js";

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
 * Which side an amendment is read from. Beside the clause it amends ("of"):
 * `经 GJZ-1 修改：…`, `经 GJZ-2 取代：规则「…」`. Beside the amending clause
 * or its rule ("by"): `修改 DL-T1：…`, `取代 DL-T3 的规则「…」`.
 */
export type Side = "of" | "by";

/** One amendment in words. Values are the policy's own text. */
export function amendmentText(p: CheckedPolicy, a: Amendment, lang: Lang, side: Side = "of"): string {
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

export function amendmentJson(p: CheckedPolicy, a: Amendment, lang: Lang, side: Side = "of"): AmendmentJson {
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

/** The amendments as JSON, or nothing: the `amended_by` field of a clause, rule, condition or row. */
export function amendedBy(
  p: CheckedPolicy,
  as: readonly Amendment[] | undefined,
  lang: Lang,
  side: (a: Amendment) => Side = () => "of",
): { amended_by?: AmendmentJson[] } {
  return as?.length ? { amended_by: as.map((a) => amendmentJson(p, a, lang, side(a))) } : {};
}

/** The words in brackets after an id or a line: `（经 GJZ-1 修改：…；…）`, or nothing. */
export function amendedMark(as: readonly { readonly text: string }[] | undefined, lang: Lang): string {
  if (!as?.length) return "";
  return lang === "zh" ? `（${as.map((a) => a.text).join("；")}）` : ` (${as.map((a) => a.text).join("; ")})`;
}

/** The full citation: the words and the amending clause's 原文, `经 GJZ-1 修改：…「…」`. */
export function amendmentCitation(a: AmendmentJson): string {
  return `${a.text}「${a.source}」`;
}

/** Every citation of a list, joined: for one cell of a table. */
export function amendmentCitations(as: readonly AmendmentJson[] | undefined, lang: Lang): string {
  return (as ?? []).map(amendmentCitation).join(lang === "zh" ? "；" : "; ");
}

/**
 * The amendments to show beside a cited clause of a decision: those that amend
 * it, and — for an amending clause whose parent is not itself cited (a
 * replaced rule's clause) — those it makes.
 */
export function clauseAmendments(d: Decision, c: ClauseInfo): Amendment[] {
  return (d.amendments ?? []).filter((a) => a.of === c || (a.by === c && !d.clauses.includes(a.of)));
}

/** A cited clause of a decision with its amendments (`DL-T1（经 GJZ-1 修改：…）`) as JSON. */
export function citedClauseAmendments(p: CheckedPolicy, d: Decision, c: ClauseInfo, lang: Lang) {
  return amendedBy(p, clauseAmendments(d, c), lang, (a) => (a.of === c ? "of" : "by"));
}

/** The amendments behind a whole decision (a table row): every amending clause it rests on. */
export function decisionAmendments(p: CheckedPolicy, d: Decision, lang: Lang): AmendmentJson[] {
  return amendedBy(p, d.amendments, lang).amended_by ?? [];
}

/** The amendments one condition reads (an overridden parameter or definition), as JSON. */
export function conditionAmendments(p: CheckedPolicy, node: A.Expr, lang: Lang): AmendmentJson[] {
  return amendedBy(p, exprAmendments(p, node), lang).amended_by ?? [];
}
