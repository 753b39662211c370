// Checker stage, after typing: which amendments each rule and check depends
// on. Input: the merged tables (parameters and definitions that a refining
// policy overrode with `覆盖` keep the declaration below in `amends`; a rule
// that `取代` another keeps it in `replaced`) and the name resolutions.
// Output: `amendments` on every RuleInfo and CheckInfo, so that a decision or
// a violation resting on an amended parameter, definition or rule cites the
// amending clause and shows the parent clause only as amended (language.md §8);
// `exprAmendments` answers the same for one condition, so an explanation line
// reading an overridden parameter carries the amending clause too.

import type * as A from "../syntax/ast.js";
import { forEachExpr } from "../syntax/ast.js";
import type { Amendment, CheckedPolicy, CheckInfo, DefInfo, ParamInfo, Resolution, RuleInfo } from "./checked.js";

/** The derived facts computed through the retirement track selector (适用退休轨道). */
const RETIREMENT_FACTS: ReadonlySet<string> = new Set(["retirement_date", "statutory_age", "to_retirement"]);

/** Every link of an override chain (district over city over national), nearest first. */
function overrideLinks(info: ParamInfo | DefInfo, kind: "param" | "define"): Amendment[] {
  const out: Amendment[] = [];
  for (let cur: ParamInfo | DefInfo | undefined = info; cur?.amends; cur = cur.amends) {
    const below = cur.amends;
    // A parameter's value in force (absent when redacted); a definition's is its declaration's.
    const valueOf = (x: ParamInfo | DefInfo) =>
      kind === "define" ? (x as DefInfo).decl.value : (x as ParamInfo).value;
    const before = valueOf(below);
    const after = valueOf(cur);
    // `覆盖 参数 x: 整数` without a value keeps the value below: the decision does not rest on it.
    if (before !== undefined && before === after) continue;
    out.push({
      by: cur.clause,
      of: below.clause,
      kind,
      name: cur.name,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
    });
  }
  return out;
}

/** A reader of the amendments an expression depends on, over one policy's resolutions. */
type AmendmentReader = (e: A.Expr | undefined, acc: Amendment[], seen: Set<DefInfo | ParamInfo>) => void;

function amendmentReader(
  resolutions: ReadonlyMap<number, Resolution>,
  trackSelector: DefInfo | undefined,
): AmendmentReader {
  // Per definition, the amendments its value depends on (memoised; cycles are N009 and cut here).
  const memo = new Map<DefInfo, Amendment[]>();
  const ofExpr: AmendmentReader = (e, acc, seen) => {
    if (!e) return;
    forEachExpr(e, (n) => {
      const r = resolutions.get(n.id);
      if (!r) return;
      if (r.k === "param") {
        acc.push(...overrideLinks(r.p, "param"));
        // A parameter whose value names itself (T014 or a cycle, already reported) is followed once.
        if (r.p.value && !seen.has(r.p)) {
          seen.add(r.p);
          ofExpr(r.p.value, acc, seen);
        }
      } else if (r.k === "define") acc.push(...ofDef(r.d, seen));
      else if (r.k === "derived" && trackSelector && RETIREMENT_FACTS.has(r.info.name))
        acc.push(...ofDef(trackSelector, seen));
    });
  };
  const ofDef = (d: DefInfo, seen: Set<DefInfo | ParamInfo>): Amendment[] => {
    const m = memo.get(d);
    if (m) return m;
    if (seen.has(d)) return [];
    seen.add(d);
    const acc = overrideLinks(d, "define");
    ofExpr(d.decl.value, acc, seen);
    const out = unique(acc);
    memo.set(d, out);
    return out;
  };
  return ofExpr;
}

/**
 * Computes and stores the amendments of every rule and check. Definitions are
 * followed transitively (a rule reading `年龄在限内` depends on the age caps
 * it reads), and a derived retirement fact depends on the track selector.
 */
export function attachAmendments(
  rules: readonly RuleInfo[],
  checks: readonly CheckInfo[],
  resolutions: ReadonlyMap<number, Resolution>,
  trackSelector: DefInfo | undefined,
): void {
  const ofExpr = amendmentReader(resolutions, trackSelector);
  for (const r of rules) {
    const acc: Amendment[] = [];
    if (r.replaced) acc.push({ by: r.clause, of: r.replaced.clause, kind: "rule", name: r.replaced.label });
    for (const e of [r.rule.when, r.rule.applicable, r.rule.limit]) ofExpr(e, acc, new Set());
    r.amendments = unique(acc);
  }
  for (const c of checks) {
    const acc: Amendment[] = [];
    for (const e of [c.check.where, c.check.applicable, c.check.body]) ofExpr(e, acc, new Set());
    c.amendments = unique(acc);
  }
}

const readers = new WeakMap<object, { read: AmendmentReader; byNode: Map<number, readonly Amendment[]> }>();

/**
 * The amendments one expression of a checked policy depends on (a condition
 * line of an explanation: `任教年限门槛` overridden by GJZ-1), memoised per
 * policy and node. The same reading as the rules' and checks' own.
 */
export function exprAmendments(
  policy: Pick<CheckedPolicy, "resolutions" | "trackSelector">,
  e: A.Expr,
): readonly Amendment[] {
  let r = readers.get(policy);
  if (!r)
    readers.set(policy, (r = { read: amendmentReader(policy.resolutions, policy.trackSelector), byNode: new Map() }));
  const known = r.byNode.get(e.id);
  if (known) return known;
  const acc: Amendment[] = [];
  r.read(e, acc, new Set());
  const out = unique(acc);
  r.byNode.set(e.id, out);
  return out;
}

/** One entry per (amending clause, amended clause, name): the same parameter read twice is one amendment. */
function unique(xs: readonly Amendment[]): Amendment[] {
  const out: Amendment[] = [];
  for (const a of xs)
    if (!out.some((b) => b.by === a.by && b.of === a.of && b.kind === a.kind && b.name === a.name)) out.push(a);
  return out;
}
