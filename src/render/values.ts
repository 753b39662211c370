// Rendering, shared value formatting: a runtime value shown to a person by
// its static type (dates, durations, shares with their counts, enum values in
// the reader's language), why a value is unknown, and one checked condition
// with the values it saw (and the amendments it reads). Used by the case,
// plan and every other renderer.

import type { CheckedPolicy } from "../checker/checked.js";
import type { Atom } from "../interpreter/frame.js";
import { Ratio, isUnknown, type Reason, type Value } from "../interpreter/values.js";
import { isDuration } from "../interpreter/values.js";
import { MOVE_FIELDS, PERSON_FIELDS, SCHOOL_FIELDS, enumWord } from "../semantics/facts.js";
import type { Ty } from "../semantics/types.js";
import { compareDuration, formatDate, formatDuration } from "../time/date.js";
import { isAmbiguous } from "../interpreter/ops.js";
import type { Lang } from "../diagnostics/registry.js";
import type * as A from "../syntax/ast.js";
import { words } from "./words.js";
import { amendedMark, conditionAmendments, type AmendmentJson } from "./amendments.js";
import { sourceOf } from "./source.js";

export { sourceOf };

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
  if (typeof v === "string") return ty?.k === "text" && ty.enum ? enumWord(ty, v, lang) : v;
  if (Array.isArray(v) || v instanceof Set) {
    const elem = ty?.k === "set" ? ty.elem : undefined;
    const items = [...(v as Iterable<string>)].map((x) =>
      elem?.k === "text" && elem.enum ? enumWord(elem, x, lang) : x,
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
  /** The district clauses that amended what the condition reads (`任教年限门槛` overridden by GJZ-1). */
  readonly amended_by?: AmendmentJson[];
}

/**
 * One condition a rule checked, with what it saw. A comparison shows each
 * side's source text and value, the relation's symbol and the word as
 * written: `本校任教年限 9年0个月 ≥ 任教年限门槛 9年0个月（满） ✓`. Any other
 * atom (a boolean fact or definition) shows its source text and the mark.
 * A condition reading an overridden parameter or definition ends with the
 * amending clause: `…（满） ✓（经 GJZ-1 修改：任教年限门槛 9年 → 8年）`.
 */
export function atomView(p: CheckedPolicy, a: Atom, lang: Lang): AtomView {
  const holds = isUnknown(a.result) ? null : a.result === true;
  const mark = holds === null ? "？" : holds ? "✓" : "✗";
  const unknown = isUnknown(a.result) ? a.result.reasons.map((r) => reasonText(r, lang)) : undefined;
  // Brackets and separators of the reader's language: full-width in Chinese only.
  const amended = conditionAmendments(p, a.node, lang);
  const extra = amended.length ? { amended_by: amended } : {};
  const tail =
    (unknown ? (lang === "zh" ? `${mark}（${unknown.join("；")}）` : `${mark} (${unknown.join("; ")})`) : mark) +
    amendedMark(amended, lang);
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
    const wordShown = /^[<>=!≥≤≠]+$/.test(c.word) ? "" : lang === "zh" ? `（${c.word}）` : ` (${c.word})`;
    return {
      text: `${left} ${op} ${right}${wordShown} ${tail}`,
      holds,
      left: lv,
      op: c.op,
      word: c.word,
      right: rv,
      ...(unknown ? { unknown } : {}),
      depth: a.depth ?? 0,
      ...extra,
    };
  }
  const label = sourceOf(p, a.node);
  return { text: `${label} ${tail}`, holds, ...(unknown ? { unknown } : {}), depth: a.depth ?? 0, ...extra };
}
