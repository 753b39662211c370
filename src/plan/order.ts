// A declared selection order (选择顺序, 章贡 ZG-5 确定原则) in plan checks:
// per school, the candidates (due, or volunteers a 可自愿 rule admits — the
// people `lungang propose` chooses among) are ranked applicants first
// (本人申请: 个人申报 comes first, the order then fills a shortfall from the
// others, or chooses among the applicants when they exceed the quota), then
// by the order's keys in turn. A plan breaches the order when it moves a
// candidate while leaving one who comes strictly first; equal keys are a tie,
// never a breach. A key that is missing where it would decide makes the
// school's answer undetermined (never a pass, never a breach); so does a
// person whose own decision is indeterminate (a candidate or not?).
// Used by runChecks (check-plan.ts) on both the object and the columnar path,
// and by propose for its pool.

import type { Teacher } from "../data/model.js";
import type { CheckedPolicy, SelectionOrderInfo } from "../checker/checked.js";
import type { CompiledOrder, Program } from "../interpreter/compile.js";
import type { Frame, Subject } from "../interpreter/frame.js";
import { compareKey, isAmbiguous } from "../interpreter/ops.js";
import { isUnknown, type Reason, type Value } from "../interpreter/values.js";
import { printExpr } from "../syntax/print.js";

/** Whether a person is among those the order chooses from: yes, no, or cannot tell (decision indeterminate). */
export type Candidacy = "yes" | "no" | "maybe";

/**
 * The people an order chooses among, as propose's pool (without the bureau's
 * lists): due (`required`), or a volunteer whose decision is `not_required`
 * and whom a 可自愿 rule admits. Deferred, exempt and merely eligible people
 * are not candidates; an indeterminate decision (or admission) is `maybe`.
 */
export function candidacy(program: Program, t: Teacher, decision: string, f: Frame): Candidacy {
  if (decision === "required") return "yes";
  if (decision === "indeterminate") return "maybe";
  if (!t.volunteer || decision !== "not_required") return "no";
  const v = program.decide(t, f).volunteer;
  return v === true ? "yes" : v === "unknown" ? "maybe" : "no";
}

export type KeyKind = "int" | "percent" | "duration" | "date" | "bool" | "title";

/** How each key of an order compares (by its checked type; text keys are titles, by rank). */
export function keyKinds(policy: CheckedPolicy, info: SelectionOrderInfo): KeyKind[] {
  return info.order.keys.map((k): KeyKind => {
    const t = policy.types.get(k.key.id)?.k;
    return t === "text" ? "title" : (t as KeyKind);
  });
}

/** A selected person outranked by one passed over, and the key that decides (−1: the application). */
export interface OrderBreach {
  readonly order: SelectionOrderInfo;
  /** Teacher ids: the one moved, and the one left who comes first. */
  readonly selected: string;
  readonly passedOver: string;
  /** The deciding key: its index in the order, or −1 for the application (本人申请, applicants first). */
  readonly key: number;
  readonly selectedValue: Value;
  readonly passedOverValue: Value;
}

/** One candidate of a school as the order sees them. */
interface Entry {
  readonly id: string;
  readonly sure: boolean;
  readonly selected: boolean;
  readonly volunteer: boolean;
  readonly keys: readonly Value[];
}

export type OrderOutcome =
  | { readonly kind: "pass" }
  | { readonly kind: "n/a" }
  | { readonly kind: "fail"; readonly breach: OrderBreach }
  | {
      readonly kind: "unknown";
      readonly reasons: readonly Reason[];
      readonly between?: { readonly selected: string; readonly passedOver: string };
    };

type Cmp =
  { readonly c: -1 | 0 | 1; readonly key: number } | { readonly unknown: readonly Reason[]; readonly key: number };

/**
 * The order's answer for one school subject `s`, the frame's world carrying
 * the plan (who moves, everyone's decision). People are read as `s.teachers`
 * walks them (a columnar walk reuses one record: nothing of it is kept).
 */
export function orderOutcome(program: Program, order: CompiledOrder, f: Frame, s: Subject): OrderOutcome {
  const plan = f.w.plan!;
  const kinds = keyKinds(program.policy, order.info);
  const dirs = order.info.order.keys.map((k) => k.direction);
  const keyNames = order.info.order.keys.map((k) => printExpr(k.key, "zh"));
  const entries: Entry[] = [];
  for (const t of s.teachers) {
    f.school = s.school;
    f.subject = undefined;
    f.move = undefined;
    const c = candidacy(program, t, plan.decisionOf(t), f);
    if (c === "no") continue;
    entries.push({
      id: t.id,
      sure: c === "yes",
      selected: plan.moveOf(t) !== undefined,
      volunteer: t.volunteer === true,
      keys: order.keys(t, f),
    });
  }
  const cmp = (a: Entry, b: Entry): Cmp => {
    if (a.volunteer !== b.volunteer) return { c: a.volunteer ? -1 : 1, key: -1 };
    for (let i = 0; i < kinds.length; i++) {
      // A date known only to the month (or any value that is no point in its kind) is no answer.
      if (kinds[i] === "date" && (!isPoint(a.keys[i]!) || !isPoint(b.keys[i]!)))
        return { unknown: unknownOf(a.keys[i]!, b.keys[i]!, keyNames[i]!), key: i };
      const c = compareKey(kinds[i]!, dirs[i]!, a.keys[i]!, b.keys[i]!);
      if (isUnknown(c)) return { unknown: c.reasons, key: i };
      if (c !== 0) return { c, key: i };
    }
    return { c: 0, key: kinds.length };
  };
  const breach = (x: Entry, y: Entry, key: number): OrderOutcome => ({
    kind: "fail",
    breach: {
      order: order.info,
      selected: x.id,
      passedOver: y.id,
      key,
      selectedValue: key < 0 ? x.volunteer : x.keys[key]!,
      passedOverValue: key < 0 ? y.volunteer : y.keys[key]!,
    },
  });
  const maybe = (x: Entry, y: Entry): Reason[] =>
    [x, y].filter((e) => !e.sure).map((e) => ({ code: "E001", fact: `个人决定(${e.id})` }) as const);

  const selected = entries.filter((e) => e.selected);
  const passed = entries.filter((e) => !e.selected);
  // Nobody chosen among them, or nobody left: the order chose nothing here.
  if (selected.length === 0 || passed.length === 0) return { kind: "n/a" };

  if (entries.every((e) => e.keys.every(plain))) {
    // Every key known and exact: the order is a total preorder, so the last selected and the
    // first passed over (sure candidates, then anyone) decide — n log n, not every pair.
    const rank = (a: Entry, b: Entry) => (cmp(a, b) as { c: number }).c;
    const last = (l: Entry[]) => l.reduce((w, e) => (rank(e, w) >= 0 ? e : w));
    const first = (l: Entry[]) => l.reduce((b, e) => (rank(e, b) < 0 ? e : b));
    const sureSel = selected.filter((e) => e.sure);
    const surePass = passed.filter((e) => e.sure);
    if (sureSel.length && surePass.length) {
      const x = last(sureSel);
      const y = first(surePass);
      const c = cmp(y, x) as { c: number; key: number };
      if (c.c < 0) return breach(x, y, c.key);
    }
    const x = last(selected);
    const y = first(passed);
    if (rank(y, x) < 0) return { kind: "unknown", reasons: maybe(x, y), between: { selected: x.id, passedOver: y.id } };
    return { kind: "pass" };
  }

  // Some key missing or inexact: every pair (a school's candidates, not the district's).
  let undetermined: OrderOutcome | undefined;
  for (const x of selected)
    for (const y of passed) {
      const c = cmp(y, x);
      if ("unknown" in c) {
        undetermined ??= { kind: "unknown", reasons: c.unknown, between: { selected: x.id, passedOver: y.id } };
        continue;
      }
      if (c.c >= 0) continue;
      if (x.sure && y.sure) return breach(x, y, c.key);
      undetermined ??= { kind: "unknown", reasons: maybe(x, y), between: { selected: x.id, passedOver: y.id } };
    }
  return undetermined ?? { kind: "pass" };
}

function isPoint(v: Value): boolean {
  return typeof v === "number";
}

/** Why two date keys do not compare: a missing one's reasons, else the month-only date. */
function unknownOf(a: Value, b: Value, name: string): readonly Reason[] {
  if (isUnknown(a)) return a.reasons;
  if (isUnknown(b)) return b.reasons;
  return [{ code: "E010", fact: name }];
}

/** A value every comparison of its kind decides: known, and not a duration with two readings. */
function plain(v: Value): boolean {
  const t = typeof v;
  if (t === "number" || t === "boolean" || t === "string") return true;
  if (v === null || t !== "object" || isUnknown(v)) return false;
  const d = v as { months?: unknown; days?: unknown };
  return typeof d.months === "number" && typeof d.days === "number" && !isAmbiguous(v as never);
}
