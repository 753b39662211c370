// One plan-check violation as people and scripts see it: the clause and its
// 原文 (with the district clauses amending it), severity, subject, a message,
// and expected / actual worked out from the comparison that failed. Used by
// every check output (text, JSON, HTML, XLSX).

import type { CheckedPolicy } from "../checker/checked.js";
import type { Lang } from "../diagnostics/registry.js";
import type { Violation } from "../plan/check-plan.js";
import { OP_SYMBOL, amendmentJson, atomView, showValue, sourceOf, type AmendmentJson } from "./values.js";

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
