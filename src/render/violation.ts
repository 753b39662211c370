// One plan-check violation as people and scripts see it: the clause and its
// 原文 (with the district clauses amending it), severity, subject with its
// name, a message, and expected / actual worked out from the comparison that
// failed. Used by every check output (text, JSON, HTML, XLSX); also the names
// of a dataset's subjects.

import type { CheckedPolicy } from "../checker/checked.js";
import type { Dataset, Move } from "../data/model.js";
import type { Lang } from "../diagnostics/registry.js";
import type { OrderBreach, SubjectRef, Undetermined, Violation } from "../plan/check-plan.js";
import { SUBJECT_WORD } from "./words.js";
import { OP_SYMBOL, atomView, reasonText, showValue, sourceOf } from "./values.js";
import { amendedBy, type AmendmentJson } from "./amendments.js";

/** A subject as shown and as written to JSON: its kind, id and, for a school, teacher or move, a name. */
export interface SubjectView {
  readonly kind: string;
  readonly id: string;
  readonly name?: string;
}

/** Names of a dataset's subjects (schools and teachers by id; a move by its teacher and schools), and their labels. */
export interface Namer {
  name(ref: SubjectRef): string | undefined;
  /** `学校 S001 大连市第一中学`, `调动 T0226 张伟：S003 一中 → S005 五中`, `区县 中山区`, `方案`. */
  label(ref: SubjectRef, lang: Lang): string;
}

export const NO_NAMES: Namer = {
  name: () => undefined,
  label: (ref, lang) => `${SUBJECT_WORD[ref.kind][lang]} ${ref.id}`,
};

/** Names of a dataset's subjects, indexed once. */
export function namerOf(data: Dataset): Namer {
  const moves = new Map<string, Move>();
  for (const m of data.plan?.moves ?? []) moves.set(`${m.teacher}:${m.from}→${m.to}`, m);
  const school = (id: string) => data.schoolById.get(id)?.name;
  const teacher = (id: string) => data.teacherById.get(id)?.name;
  const withName = (id: string, name: string | undefined) => (name ? `${id} ${name}` : id);
  return {
    name(ref) {
      switch (ref.kind) {
        case "school":
          return school(ref.id);
        case "teacher":
          return teacher(ref.id);
        case "move": {
          const m = moves.get(ref.id);
          if (!m) return undefined;
          return `${teacher(m.teacher) ?? m.teacher} ${school(m.from) ?? m.from}→${school(m.to) ?? m.to}`;
        }
        // Districts, groups, locations and tiers are named by their id; the plan is one.
        default:
          return undefined;
      }
    },
    label(ref, lang) {
      const kind = SUBJECT_WORD[ref.kind][lang];
      if (ref.kind === "plan") return kind;
      const m = ref.kind === "move" ? moves.get(ref.id) : undefined;
      if (m)
        return `${kind} ${withName(m.teacher, teacher(m.teacher))}${lang === "zh" ? "：" : ": "}${withName(m.from, school(m.from))} → ${withName(m.to, school(m.to))}`;
      return `${kind} ${withName(ref.id, this.name(ref))}`;
    },
  };
}

export function subjectView(ref: SubjectRef, names: Namer): SubjectView {
  const name = names.name(ref);
  return { kind: ref.kind, id: ref.id, ...(name ? { name } : {}) };
}

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
  readonly subject: SubjectView;
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
export function violationView(p: CheckedPolicy, v: Violation, lang: Lang, names: Namer = NO_NAMES): ViolationView {
  if (v.order) return orderView(p, v, v.order, lang, names);
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
      ...amendedBy(p, "amendments" in v.check ? v.check.amendments : undefined, lang),
    },
    severity: v.severity,
    subject: subjectView(v.subject, names),
    message: `${v.check.label}${lang === "zh" ? "：" : ": "}${detail}`,
    expected,
    actual,
  };
}

/**
 * A selection order breached (选择顺序, 章贡 ZG-5): the person moved, the
 * candidate passed over who comes first, and the key that decides with both
 * values — `本校任教年限 8年 > 6年（降序）`; the application (本人申请) when an
 * applicant was left while a non-applicant moved.
 */
function orderView(p: CheckedPolicy, v: Violation, b: OrderBreach, lang: Lang, names: Namer): ViolationView {
  const zh = lang === "zh";
  const decl = b.key >= 0 ? b.order.order.keys[b.key]! : undefined;
  const ty = decl ? p.types.get(decl.key.id) : undefined;
  const key = decl ? sourceOf(p, decl.key) : zh ? "本人申请" : "volunteer";
  const dir = !decl || decl.direction === "descending" ? "descending" : "ascending";
  const dirWord = !decl
    ? zh
      ? "个人申报者在先"
      : "applicants first"
    : zh
      ? dir === "descending"
        ? "降序"
        : "升序"
      : dir;
  const yv = showValue(b.passedOverValue, ty, lang);
  const xv = showValue(b.selectedValue, ty, lang);
  const x = names.label({ kind: "teacher", id: b.selected }, lang);
  const y = names.label({ kind: "teacher", id: b.passedOver }, lang);
  // A truth value (the application, `职称 不低于 "一级"`) is shown per person; a number, date or duration as a relation.
  const values =
    typeof b.passedOverValue === "boolean"
      ? `${key}${zh ? "：" : ": "}${b.passedOver} ${yv}${zh ? "，" : ", "}${b.selected} ${xv}`
      : `${key} ${yv} ${dir === "descending" ? ">" : "<"} ${xv}`;
  const detail = zh
    ? `选了 ${x}，未选 ${y}，而 ${b.passedOver} 依序在先：${values}（${dirWord}）`
    : `${x} selected and ${y} passed over, who comes first: ${values} (${dirWord})`;
  return {
    clause: { id: v.clause.id, source: v.clause.source },
    severity: v.severity,
    subject: subjectView(v.subject, names),
    message: `${b.order.label}${zh ? "：" : ": "}${detail}`,
    expected: zh ? `先选 ${b.passedOver}（${key} ${yv}）` : `${b.passedOver} first (${key} ${yv})`,
    actual: zh
      ? `选了 ${b.selected}（${key} ${xv}），未选 ${b.passedOver}`
      : `${b.selected} selected (${key} ${xv}), ${b.passedOver} not`,
  };
}

/**
 * Why a check is undetermined, as shown: each reason (a missing fact, a
 * redacted parameter …), after — for a selection order — the two people whose
 * order could not be told (`教师 T02 与 教师 T01 的先后无法判定`).
 */
export function undeterminedReasons(u: Undetermined, lang: Lang, names: Namer = NO_NAMES): string[] {
  const reasons = u.reasons.map((r) => reasonText(r, lang));
  if (!u.between) return reasons;
  const x = names.label({ kind: "teacher", id: u.between.selected }, lang);
  const y = names.label({ kind: "teacher", id: u.between.passedOver }, lang);
  return [
    lang === "zh"
      ? `选了 ${x}、未选 ${y}：二者先后无法判定`
      : `${x} selected, ${y} passed over: which comes first cannot be told`,
    ...reasons,
  ];
}
