// Checker, policy lints (W…): what type-correct policies still get wrong —
// unused definitions and parameters, exceptions that can never change a
// decision, exceptions that may conflict, and a modality that the clause's
// own text does not support. Runs only on a policy free of errors.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-check.js";
import type { PolicyUnit } from "../policy/load.js";
import type { CheckedPolicy, RuleInfo } from "./checked.js";
import { conjunctsOf, type Expr } from "../syntax/ast.js";
import { RULE_KINDS, outcomeOf } from "../semantics/rule-kinds.js";

/** `fact op constant`, from a conjunct of a condition; durations in (months, days) order. */
interface Constraint {
  readonly fact: string;
  readonly op: ">=" | ">" | "<=" | "<";
  readonly value: number;
}

const FLIP = { ">=": "<=", ">": "<", "<=": ">=", "<": ">" } as const;

/** A constant number or duration (a literal, or a parameter whose value is one), as a comparable number. */
function constantOf(p: CheckedPolicy, e: Expr): number | undefined {
  if (e.kind === "Number") return e.value;
  if (e.kind === "Duration") return e.months * 1000 + e.days;
  if (e.kind === "Name") {
    const r = p.resolutions.get(e.id);
    if (r?.k === "param" && r.p.value) return constantOf(p, r.p.value);
  }
  return undefined;
}

/**
 * The comparisons of a fact with a constant that a condition requires (its
 * top-level conjuncts, looking into boolean definitions). Anything else is
 * ignored: the set is implied by the condition, so a contradiction in it is one
 * in the condition.
 */
function constraintsOf(p: CheckedPolicy, e: Expr, depth = 0): Constraint[] {
  if (depth > 8) return [];
  const parts = conjunctsOf(e);
  if (parts.length > 1) return parts.flatMap((x) => constraintsOf(p, x, depth));
  if (e.kind === "Name") {
    const r = p.resolutions.get(e.id);
    return r?.k === "define" ? constraintsOf(p, r.d.decl.value, depth + 1) : [];
  }
  if (e.kind !== "Compare" || !(e.op in FLIP)) return [];
  const op = e.op as Constraint["op"];
  const factKey = (x: Expr): string | undefined => {
    if (x.kind !== "Name") return undefined;
    const r = p.resolutions.get(x.id);
    return r?.k === "derived"
      ? `derived:${r.info.name}`
      : r?.k === "field"
        ? `field:${r.rec}.${r.info.name}`
        : undefined;
  };
  const lf = factKey(e.left);
  const rc = constantOf(p, e.right);
  if (lf && rc !== undefined) return [{ fact: lf, op, value: rc }];
  const rf = factKey(e.right);
  const lc = constantOf(p, e.left);
  if (rf && lc !== undefined) return [{ fact: rf, op: FLIP[op], value: lc }];
  return [];
}

/** Whether some fact is required to lie in an empty interval. */
function contradictory(cs: readonly Constraint[]): boolean {
  const byFact = new Map<string, Constraint[]>();
  for (const c of cs) byFact.set(c.fact, [...(byFact.get(c.fact) ?? []), c]);
  for (const list of byFact.values()) {
    let lo = -Infinity;
    let loOpen = false;
    let hi = Infinity;
    let hiOpen = false;
    for (const c of list) {
      if ((c.op === ">=" || c.op === ">") && (c.value > lo || (c.value === lo && c.op === ">"))) {
        lo = c.value;
        loOpen = c.op === ">";
      }
      if ((c.op === "<=" || c.op === "<") && (c.value < hi || (c.value === hi && c.op === "<"))) {
        hi = c.value;
        hiOpen = c.op === "<";
      }
    }
    if (lo > hi || (lo === hi && (loOpen || hiOpen))) return true;
  }
  return false;
}

const MODALITY_ZH: Record<string, string> = { must: "必须/应", should: "原则上", may: "可" };

const MODALITY_WORDS: Record<string, string[]> = {
  // A quota stated without a modal verb (“比例不低于15%”) is binding as written.
  must: ["必须", "应", "须", "需", "要", "不得", "必备", "不低于", "不少于", "不超过", "多于"],
  // 优先 (“同等条件下优先评聘”) is a preference, not an obligation.
  should: ["原则上", "一般", "优先"],
  may: ["可"],
};

export function lintPolicy(p: CheckedPolicy, top: PolicyUnit, used: Set<string>, out: Diagnostic[]): void {
  const own = (policy: string) => policy === top.name;
  const hasRules = p.rules.some((r) => own(r.clause.policy)) || p.checks.some((c) => own(c.clause.policy));

  // Unused declarations: only for a policy that applies rules (a library such as the national file is used by others).
  if (hasRules) {
    for (const d of p.defs.values()) {
      if (own(d.clause.policy) && !used.has("def:" + d.name))
        out.push(diag("W003", { name: d.name }, { span: d.decl.name.span }));
    }
    for (const prm of p.params.values()) {
      if (own(prm.clause.policy) && !used.has("param:" + prm.name))
        out.push(diag("W004", { name: prm.name }, { span: prm.decl.name.span }));
    }
  }

  for (const r of p.rules) {
    if (!own(r.clause.policy)) continue;
    const mine = outcomeOf(r.rule.ruleKind);
    if (RULE_KINDS[r.rule.ruleKind].exception) {
      const constFalse = r.rule.when.kind === "Bool" && !r.rule.when.value;
      const sameOutcome = r.overrides.length > 0 && r.overrides.every((o) => outcomeOf(o.rule.ruleKind) === mine);
      // It takes effect only together with a rule it overrides: if its condition contradicts each of them, never.
      const mine_ = constraintsOf(p, r.rule.when);
      const contradicts =
        r.overrides.length > 0 && r.overrides.every((o) => contradictory([...mine_, ...constraintsOf(p, o.rule.when)]));
      if (constFalse || sameOutcome || contradicts)
        out.push(diag("W005", { name: r.label }, { span: r.rule.label.span }));
    }
  }

  // Two exceptions to a common rule, with different outcomes and no priority path between them.
  const above = (a: RuleInfo, b: RuleInfo): boolean => {
    const seen = new Set<RuleInfo>();
    const stack = [...a.overrides];
    while (stack.length) {
      const x = stack.pop()!;
      if (x === b) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      stack.push(...x.overrides);
    }
    return false;
  };
  const reported = new Set<string>();
  // Each rule's exceptions, gathered in one pass (a filter per rule was
  // quadratic in the number of rules).
  const exceptionsOf = new Map<RuleInfo, RuleInfo[]>();
  for (const r of p.rules)
    for (const o of new Set(r.overrides)) {
      const list = exceptionsOf.get(o);
      if (list) list.push(r);
      else exceptionsOf.set(o, [r]);
    }
  for (const base of p.rules) {
    const exceptions = exceptionsOf.get(base) ?? [];
    // Only pairs with different outcomes can conflict: visit just those, by
    // outcome, so a thousand same-outcome exceptions cost nothing (pairs in
    // the same order as the plain double loop).
    const byOutcome = new Map<string | undefined, number[]>();
    exceptions.forEach((r, k) => {
      const o = outcomeOf(r.rule.ruleKind);
      const list = byOutcome.get(o);
      if (list) list.push(k);
      else byOutcome.set(o, [k]);
    });
    if (byOutcome.size < 2) continue;
    for (let i = 0; i < exceptions.length; i++) {
      const mine = outcomeOf(exceptions[i]!.rule.ruleKind);
      const later: number[] = [];
      for (const [o, ks] of byOutcome) if (o !== mine) for (const k of ks) if (k > i) later.push(k);
      later.sort((x, y) => x - y);
      for (const j of later) {
        const a = exceptions[i]!;
        const b = exceptions[j]!;
        if (above(a, b) || above(b, a)) continue;
        if (!own(a.clause.policy) && !own(b.clause.policy)) continue;
        const key = [a.label, b.label].sort().join("|");
        if (reported.has(key)) continue;
        reported.add(key);
        out.push(
          diag(
            "W006",
            { a: a.label, b: b.label },
            { span: b.rule.label.span, related: [{ message: `\`${a.label}\` is here`, span: a.rule.label.span }] },
          ),
        );
      }
    }
  }

  // Modality is about obligations: checked for clauses that decide (not for scope, tracks or definitions).
  for (const c of p.clauses) {
    if (!own(c.policy) || !c.source) continue;
    const decides = c.clause.items.some(
      (i) => (i.kind === "Rule" && i.ruleKind !== "scope") || (i.kind === "Check" && i.mode !== "report"),
    );
    if (!decides) continue;
    const m = c.clause.modality.value;
    const basis = c.clause.basis;
    if (basis) {
      // The stated basis must be the source's own words (…… separates the parts quoted).
      const parts = basis.value
        .split(/……|…|\.\.\./)
        .map((x) => x.trim())
        .filter(Boolean);
      let at = 0;
      const found = parts.every((part) => {
        const i = c.source.indexOf(part, at);
        if (i < 0) return false;
        at = i + part.length;
        return true;
      });
      if (!found) out.push(diag("W010", { id: c.id, basis: basis.value }, { span: basis.span }));
      continue;
    }
    const words = MODALITY_WORDS[m]!;
    // 原则上 softens whatever follows (原则上应 is a “should”); 一般 alone is ambiguous (一般学校).
    const softened = m === "must" && c.source.includes("原则上");
    if (softened || !words.some((w) => c.source.includes(w))) {
      out.push(
        diag(
          "W007",
          { id: c.id, modality: m, modality_zh: MODALITY_ZH[m]!, words: words.join("/") },
          { span: c.clause.modality.span },
        ),
      );
    }
  }
}
