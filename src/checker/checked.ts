// The checker's output: a policy with its layers merged (national → city →
// district), every name resolved and every expression typed. Types and
// resolutions live in side tables keyed by AST node id; the tree itself is
// never mutated. The compiler and the reference evaluator consume this.

import type { RoundingMode } from "../syntax/ast.js";
import type * as A from "../syntax/ast.js";
import type { InputSchema } from "../data/declared.js";
import type { DerivedInfo, FactTable, FieldInfo } from "../semantics/facts.js";
import type { RecordKind, Ty } from "../semantics/types.js";

/** A clause: its id, its verbatim source text (原文) and the policy it belongs to. */
export interface ClauseInfo {
  readonly clause: A.Clause;
  /** The policy (display name) whose file holds the clause. */
  readonly policy: string;
  readonly id: string;
  readonly source: string;
}

/**
 * A refining policy's change to a lower layer's clause: a parameter or a
 * definition overridden (`覆盖`), or a rule replaced (`取代`). A decision or a
 * violation that rests on it cites `by` (with its 原文) and shows `of` only as
 * amended (`DL-T1（经 GJZ-1 修改：任教年限门槛 9年 → 8年）`).
 */
export interface Amendment {
  /** The amending clause (the refining policy's). */
  readonly by: ClauseInfo;
  /** The clause it amends: where the parameter, definition or rule was declared below. */
  readonly of: ClauseInfo;
  readonly kind: "param" | "define" | "rule";
  /** The parameter's or definition's name, or the replaced rule's label. */
  readonly name: string;
  /** The value below and the value in force (parameters and definitions; absent when redacted). */
  readonly before?: A.Expr;
  readonly after?: A.Expr;
}

/** An individual rule (require, exempt, defer, …) with its clause, label and priorities. */
export interface RuleInfo {
  readonly rule: A.Rule;
  readonly clause: ClauseInfo;
  readonly label: string;
  /** The rules this one takes priority over, resolved. */
  overrides: RuleInfo[];
  /** Replaced parent rule, when a refining policy replaces it. */
  readonly replaced?: RuleInfo;
  /** The amendments this rule rests on (set by the checker, amendments.ts); empty when none. */
  amendments?: readonly Amendment[];
}

/** A plan-level check (`check … for each …`) with its clause and label. */
export interface CheckInfo {
  readonly check: A.CheckRule;
  readonly clause: ClauseInfo;
  readonly label: string;
  /** The amendments this check rests on (set by the checker, amendments.ts). */
  amendments?: readonly Amendment[];
}

/** A declared selection order (选择顺序): keys compared in turn, for plan proposals. */
export interface SelectionOrderInfo {
  readonly order: A.SelectionOrderDecl;
  readonly clause: ClauseInfo;
  readonly label: string;
}

export interface ParamInfo {
  readonly name: string;
  readonly decl: A.ParamDecl;
  readonly clause: ClauseInfo;
  readonly ty: Ty;
  /** The effective value after refinements (a district's `override param`); absent when redacted. */
  readonly value?: A.Expr;
  /** The declaration below that this one overrides (`覆盖`), when it does. */
  readonly amends?: ParamInfo;
}

/** The enumeration a text or set parameter is compared with: its name and values (English → Chinese). */
export interface ParamEnum {
  readonly enum: string;
  readonly table: Readonly<Record<string, string>>;
  /** The Chinese name of the fact it belongs to (性别), for messages. */
  readonly zh?: string;
}

export interface DefInfo {
  readonly name: string;
  readonly decl: A.Definition;
  readonly clause: ClauseInfo;
  ty: Ty;
  /** Whether the value reads facts of a person (so it needs one to be evaluated). */
  needsPerson: boolean;
  /** Whether the value reads plan-only facts (individual decision, moved): usable only in plan checks. */
  needsPlan: boolean;
  /** The declaration below that this one overrides (`覆盖`), when it does. */
  readonly amends?: DefInfo;
}

export interface TrackInfo {
  readonly name: string;
  readonly decl: A.TrackDecl;
  readonly clause: ClauseInfo;
  /**
   * The effective date of the policy that declares the track (施行日期). Before
   * it the schedule is not in force: a reference date earlier than this sees the
   * original statutory ages, without delay.
   */
  readonly inForceFrom?: number;
}

export type Resolution =
  | { readonly k: "field"; readonly rec: RecordKind; readonly info: FieldInfo; readonly viaMoveTeacher: boolean }
  | { readonly k: "derived"; readonly info: DerivedInfo; readonly viaMoveTeacher: boolean }
  | { readonly k: "param"; readonly p: ParamInfo }
  | { readonly k: "define"; readonly d: DefInfo; readonly viaMoveTeacher: boolean }
  | { readonly k: "track"; readonly t: TrackInfo }
  | {
      readonly k: "collection";
      readonly name: "teachers" | "moves" | "moves_in" | "schools" | "service";
      readonly of: RecordKind;
    }
  /** `school` (学校) inside `check … for each school`: the subject itself; `district`/`group`: its id. */
  | { readonly k: "subject"; readonly kind: A.SubjectKind };

/** A policy with its layers merged, names resolved and every expression typed (side tables keyed by node id). */
export interface CheckedPolicy {
  readonly name: string;
  /** What this policy's data is read against: fields.ts plus the facts its layers declare (ADR 0003). */
  readonly input: InputSchema;
  /** The fields and enum values names are resolved against, derived from `input`. */
  readonly facts: FactTable;
  readonly header?: A.Header;
  readonly rounding?: RoundingMode;
  readonly clauses: ClauseInfo[];
  /** Individual rules in priority-relevant order (layers bottom-up, file order within). */
  readonly rules: RuleInfo[];
  readonly checks: CheckInfo[];
  /**
   * Selection orders (选择顺序), in declaration order: who is chosen first when
   * not everyone can be (章贡 “确定原则”). Not part of any decision; plan
   * proposals rank people by them (the compiled program's `orders`).
   */
  readonly orders: SelectionOrderInfo[];
  readonly params: Map<string, ParamInfo>;
  readonly defs: Map<string, DefInfo>;
  readonly tracks: Map<string, TrackInfo>;
  readonly trackSelector?: DefInfo;
  readonly types: Map<number, Ty>;
  readonly resolutions: Map<number, Resolution>;
  /** String literals that stand for enum values: node id → canonical value. */
  readonly enumLiterals: Map<number, string>;
  /**
   * Text parameters compared with an enumerated fact (`性别 是 p`): the enumeration (its
   * name and values, English → Chinese) a value given at evaluation time must belong to.
   */
  readonly paramEnums: ReadonlyMap<string, ParamEnum>;
  /** Member accesses: node id → the field read. */
  readonly members: Map<number, FieldInfo>;
  /** Definitions in dependency order (a definition comes after those it uses). */
  readonly defOrder: DefInfo[];
  /** Source text of every file of every layer, by path, for explanations that quote the policy. */
  readonly sources: ReadonlyMap<string, string>;
}
