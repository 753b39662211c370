// The abstract syntax tree of a policy file. Produced by cst-to-ast.ts (the
// only module that knows chevrotain); consumed by the checker, the compiler
// and the reference evaluator. Every node has a unique `id` and a `span`.

import type { Span } from "../diagnostics/diagnostic.js";

export interface NodeBase {
  /** Unique within one parsed file; side tables (types, resolutions) are keyed by it. */
  readonly id: number;
  readonly span: Span;
}

export interface Ident extends NodeBase {
  readonly kind: "Ident";
  readonly name: string;
}

// ---------------------------------------------------------------- file level

export interface PolicyFile extends NodeBase {
  readonly kind: "PolicyFile";
  readonly header?: Header;
  readonly clauses: Clause[];
  /** Items written outside any clause; the checker reports them (rules live only in clauses). */
  readonly stray: ClauseItem[];
  /** Declared facts and enum extensions (ADR 0003), in file order; judged by src/checker/facts.ts. */
  readonly facts?: FactItem[];
}

export type FactItem = FactDecl | EnumExtension;

/** `事实 学校 山区学校 (mountain_school): 布尔 默认 表头 "山区"`: words are judged by the checker. */
export interface FactDecl extends NodeBase {
  readonly kind: "FactDecl";
  readonly record: Ident;
  readonly name: Ident;
  /** The name in the other language (ASCII: the data key), when written. */
  readonly otherName?: Ident;
  readonly type: Ident;
  readonly members?: EnumMember[];
  readonly flags: Ident[];
  readonly headers: StringLit[];
  readonly doc?: StringLit;
}

/** `扩展 情形 { "援派支教" (aid_assignment) }`: values added to a declared enum fact. */
export interface EnumExtension extends NodeBase {
  readonly kind: "EnumExtension";
  readonly record?: Ident;
  readonly fact: Ident;
  readonly members: EnumMember[];
}

/** `"一级" (first) 又称 "一级教师"`: the Chinese label, the data value, further input spellings. */
export interface EnumMember extends NodeBase {
  readonly kind: "EnumMember";
  readonly label: StringLit;
  readonly value?: Ident;
  readonly aliases: StringLit[];
}

export type RoundingMode = "end_of_month" | "next_day";

export interface Header extends NodeBase {
  readonly kind: "Header";
  readonly title: StringLit;
  readonly issuer?: StringLit;
  readonly number?: StringLit;
  readonly effective?: DateLit;
  readonly expires?: DateLit;
  readonly supersedes: StringLit[];
  /** The policy this one refines: a folder path relative to this file's folder, or a folder under policies/. */
  readonly extends?: StringLit;
  /** Additional policies whose definitions this one uses (e.g. the national file). */
  readonly uses: StringLit[];
  /** How a date past a month's end is rounded (Jan 31 + 1 month); absent: ambiguous results are errors. */
  readonly rounding?: { readonly mode: RoundingMode; readonly span: Span };
}

export type Modality = "must" | "should" | "may";

export interface Clause extends NodeBase {
  readonly kind: "Clause";
  readonly clauseId: { readonly text: string; readonly span: Span };
  readonly modality: { readonly value: Modality; readonly span: Span };
  /** The words of the source the modality rests on, when no modal verb carries it (`依据 "作为……条件之一"`). */
  readonly basis?: StringLit;
  /** The verbatim wording of the official text this clause encodes. */
  readonly source?: StringLit;
  /** Where the wording is in the official document, e.g. "篇三 第（一）1条". */
  readonly ref?: StringLit;
  readonly items: ClauseItem[];
}

export type ClauseItem = ParamDecl | Definition | Rule | CheckRule | TrackDecl | SelectionOrderDecl;

// ---------------------------------------------------------------- declarations

export type TypeName = "int" | "percent" | "duration" | "date" | "bool" | "text" | "set";

export interface TypeRef extends NodeBase {
  readonly kind: "TypeRef";
  readonly name: TypeName;
}

/** `param 任教年限: duration = 9年` — a value the text sets; without `= …` it is redacted (“20xx”). */
export interface ParamDecl extends NodeBase {
  readonly kind: "Param";
  readonly name: Ident;
  readonly type: TypeRef;
  readonly value?: Expr;
  /** Without a value: the document that sets it (`出处 "区教字[20xx]14号"`); absent, the source redacts it. */
  readonly setIn?: StringLit;
  /** `overrides` in a refining policy: replaces the parent's value of the same name. */
  readonly override: boolean;
}

/** `define 骨干 = honors 包含任一 骨干荣誉` — a named derived fact. */
export interface Definition extends NodeBase {
  readonly kind: "Define";
  readonly name: Ident;
  readonly type?: TypeRef;
  readonly value: Expr;
  readonly override: boolean;
}

/**
 * Individual rules. `scope` says who the policy covers; `require` says who
 * must rotate; `exempt` and `defer` are exceptions that override named rules;
 * `volunteer` says who may apply to rotate although not required;
 * `eligible` says who meets the text's conditions while the school or bureau
 * decides (经学校讨论决定): a base rule like `require`, with the outcome eligible;
 * `prerequisite` states a condition for promotion (晋升条件), answered per person.
 */
export type RuleKind = "scope" | "require" | "eligible" | "exempt" | "defer" | "volunteer" | "prerequisite";

export interface Rule extends NodeBase {
  readonly kind: "Rule";
  readonly ruleKind: RuleKind;
  readonly label: Ident;
  /** Rules this one takes priority over (an exception to them). */
  readonly overrides: Ident[];
  /** In a refining policy: the parent rule this one replaces. */
  readonly replaces?: Ident;
  readonly when: Expr;
  /** For `prerequisite`: whom it concerns; for others it is not applicable (`仅当 周岁 40 以下`). */
  readonly applicable?: Expr;
  /** For `defer`: the most deferral in total, e.g. `最长 3年` (compared with deferred_years + 1 year). */
  readonly limit?: Expr;
}

/** What an aggregate or per-record check iterates over. */
/** What a plan check iterates over: schools grouped by school, district, education group, location or tier; moves; teachers; the plan. */
export type SubjectKind = "school" | "district" | "group" | "location" | "tier" | "move" | "teacher" | "plan";

/** `check DL-R3a for each school where …: <condition>` — a plan-level rule. */
export interface CheckRule extends NodeBase {
  readonly kind: "Check";
  /**
   * `check`: the body must hold (else a violation); `entitle`: the body grants an
   * entitlement (a subsidy); `report`: the body is a figure (a share, a count)
   * computed and shown per subject, never a violation (统计).
   */
  readonly mode: "check" | "entitle" | "report";
  readonly label: Ident;
  readonly subject: { readonly kind: SubjectKind; readonly span: Span };
  /** Which subjects the rule is about (the others are skipped, not passed). */
  readonly where?: Expr;
  /** Preconditions: when false the rule is not applicable to this subject (not a violation). */
  readonly applicable?: Expr;
  readonly body: Expr;
}

/** `track men: original 60周岁, starting 1965-01, step 4 months, max_delay 36 months` — a statutory retirement track. */
export interface TrackDecl extends NodeBase {
  readonly kind: "Track";
  readonly name: Ident;
  readonly originalAge: Expr;
  readonly firstAffected: { readonly y: number; readonly m: number; readonly span: Span };
  readonly step: Expr;
  readonly maxDelay: Expr;
}

/**
 * `选择顺序 确定原则: 本校任教年限 降序, 职称取得日期 升序` — an order between
 * people (who is chosen first when not everyone can be), for plan proposals.
 * Keys are compared in turn; a later key breaks ties of the earlier ones.
 */
export interface SelectionOrderDecl extends NodeBase {
  readonly kind: "Order";
  readonly label: Ident;
  readonly keys: readonly { readonly key: Expr; readonly direction: "ascending" | "descending"; readonly span: Span }[];
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | NumberLit
  | PercentLit
  | DurationLit
  | DateLit
  | StringLit
  | BoolLit
  | SetLit
  | NameRef
  | Member
  | Call
  | Unary
  | Binary
  | Compare
  | If
  | Aggregate;

export interface NumberLit extends NodeBase {
  readonly kind: "Number";
  readonly value: number;
  /** Written with an age unit (`55周岁`). */
  readonly unit?: "age";
}
export interface PercentLit extends NodeBase {
  readonly kind: "Percent";
  /** As a fraction: 15% → 0.15. */
  readonly value: number;
  readonly text: string;
}
export interface DurationLit extends NodeBase {
  readonly kind: "Duration";
  readonly months: number;
  readonly days: number;
  readonly text: string;
}
export interface DateLit extends NodeBase {
  readonly kind: "Date";
  readonly text: string;
}
export interface StringLit extends NodeBase {
  readonly kind: "String";
  readonly value: string;
}
export interface BoolLit extends NodeBase {
  readonly kind: "Bool";
  readonly value: boolean;
}
export interface SetLit extends NodeBase {
  readonly kind: "Set";
  readonly elements: Expr[];
}
export interface NameRef extends NodeBase {
  readonly kind: "Name";
  readonly name: string;
}
export interface Member extends NodeBase {
  readonly kind: "Member";
  readonly object: Expr;
  readonly property: Ident;
}
export interface Call extends NodeBase {
  readonly kind: "Call";
  readonly callee: Ident;
  readonly args: Expr[];
}
export interface Unary extends NodeBase {
  readonly kind: "Unary";
  readonly op: "not" | "neg";
  readonly operand: Expr;
}
export type BinaryOp = "and" | "or" | "+" | "-" | "*" | "/";
export interface Binary extends NodeBase {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/**
 * Comparison and membership. `op` is the mathematical relation; `word` keeps
 * the statutory word as written (满, 超过, 不满, 以下 …) for explanations.
 */
export type CompareOp = ">=" | ">" | "<=" | "<" | "==" | "!=" | "in" | "contains" | "intersects";
export interface Compare extends NodeBase {
  readonly kind: "Compare";
  readonly op: CompareOp;
  readonly word: string;
  readonly left: Expr;
  readonly right: Expr;
}

export interface If extends NodeBase {
  readonly kind: "If";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

/**
 * `count(moves where …)`, `sum(moves where …, years)` — an aggregate over one
 * of the subject's collections (teachers, moves, moves_in, schools). Inside
 * `where`, names resolve against the element (a teacher, a move, a school).
 */
export type AggregateFn = "count" | "sum" | "any" | "all" | "count_distinct";
export interface Aggregate extends NodeBase {
  readonly kind: "Aggregate";
  readonly fn: AggregateFn;
  readonly collection: Ident;
  readonly where?: Expr;
  /** For sum: the value summed per element. */
  readonly of?: Expr;
}

/** The top-level conjuncts of `a and b and …` (the expression itself when it is not a conjunction). */
export function conjunctsOf(e: Expr): Expr[] {
  return e.kind === "Binary" && e.op === "and" ? [...conjunctsOf(e.left), ...conjunctsOf(e.right)] : [e];
}

/** Walks every expression node below (and including) `e`, parents first. */
export function forEachExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case "Set":
      e.elements.forEach((x) => forEachExpr(x, visit));
      break;
    case "Member":
      forEachExpr(e.object, visit);
      break;
    case "Call":
      e.args.forEach((x) => forEachExpr(x, visit));
      break;
    case "Unary":
      forEachExpr(e.operand, visit);
      break;
    case "Binary":
    case "Compare":
      forEachExpr(e.left, visit);
      forEachExpr(e.right, visit);
      break;
    case "If":
      forEachExpr(e.cond, visit);
      forEachExpr(e.then, visit);
      forEachExpr(e.else, visit);
      break;
    case "Aggregate":
      if (e.where) forEachExpr(e.where, visit);
      if (e.of) forEachExpr(e.of, visit);
      break;
    case "Number":
    case "Percent":
    case "Duration":
    case "Date":
    case "String":
    case "Bool":
    case "Name":
      break; // leaves
    default: {
      // Every kind is handled above: a new kind of expression is a compile error here.
      const unhandled: never = e;
      return unhandled;
    }
  }
}
