// Checker, expressions: resolves every name in its context and assigns every
// node a type (written to side tables, the AST is not touched). Reports all
// problems and keeps going: a node in error gets the `error` type, which is
// compatible with everything, so one mistake is reported once.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-check.js";
import { closest as suggest } from "../diagnostics/suggest.js";
import type * as A from "../syntax/ast.js";
import { fromYmd } from "../time/date.js";
import { AGGREGATES } from "../semantics/aggregates.js";
import { unreachable } from "../semantics/exhaustive.js";
import { BUILTIN_FACTS, COLLECTIONS, DERIVED, allowedValues, memberOf, type FactTable } from "../semantics/facts.js";
import { FUNCTIONS } from "../semantics/functions.js";
import {
  BOOL,
  DATE,
  DURATION,
  ERROR,
  INT,
  PERCENT,
  TRACK,
  compatible,
  enumTy,
  record,
  setOf,
  showType,
  type RecordKind,
  type Ty,
} from "../semantics/types.js";
import type { DefInfo, ParamEnum, ParamInfo, Resolution, TrackInfo } from "./checked.js";
import { kindOf, outOfRange } from "./literals.js";
// A move's fields read from an enclosing move (Ctx.move): the built-in ones.
import { fieldsOf as moveFieldsOf } from "../semantics/facts.js";
import { lookup } from "../util/lookup.js";

/** What bare names mean where an expression stands. */
export interface Ctx {
  /** The record whose fields are bare names: a person (rules), a school or a move (aggregate elements, per-move checks). */
  readonly rec?: RecordKind;
  /** Inside `check … for each <subject>`: the subject (collections and the subject's own name are visible). */
  readonly subject?: A.SubjectKind;
  /** Plan-only facts (decision, moved) are available. */
  readonly plan: boolean;
  /** Parameters' values: constants only. */
  readonly constant?: boolean;
  /**
   * A move encloses this expression without being the record in context: its
   * fields (调入学校, 交流年限 …) are visible after the record's own — inside a
   * service-history filter of a move check (the person's own exchange history
   * read against the move), and in a definition's body (which may then be used
   * only where a move is, T025).
   */
  readonly move?: boolean;
}

export interface Globals {
  readonly params: Map<string, ParamInfo>;
  readonly defs: Map<string, DefInfo>;
  readonly tracks: Map<string, TrackInfo>;
  /** The policy's facts: built-in and declared (ADR 0003); the built-in ones when absent. */
  readonly facts?: FactTable;
}

const SUBJECT_NAMES: Record<string, A.SubjectKind> = {
  school: "school",
  学校: "school",
  district: "district",
  区: "district",
  group: "group",
  集团: "group",
  // Inside `for each location`/`for each tier` the subject's name is its location or tier value.
  location: "location",
  地域: "location",
  tier: "tier",
  层次: "tier",
};

export class TypeChecker {
  readonly types = new Map<number, Ty>();
  readonly resolutions = new Map<number, Resolution>();
  readonly enumLiterals = new Map<number, string>();
  /** Text parameters compared with an enumerated fact: the enumeration their values must belong to. */
  readonly paramEnums = new Map<string, ParamEnum>();
  readonly members = new Map<number, import("../semantics/facts.js").FieldInfo>();
  /** Definitions and parameters referenced anywhere (for unused-lint). */
  readonly used = new Set<string>();
  /** For each definition being checked: the definitions it refers to (cycle detection). */
  readonly defDeps = new Map<string, Set<string>>();
  /** Nodes that read a person's facts; used to flag definitions that need a person. */
  private personReads = 0;
  /** Nodes that read plan-only facts (the individual decision, whether moved). */
  private planReads = 0;
  /** Nodes that read the fields of an enclosing move (see `Ctx.move`). */
  private moveReads = 0;
  /** Definitions whose value reads a move's fields: usable only where a move is (T025). */
  readonly moveDefs = new Set<string>();
  /** The first place years to retirement are read (N011 points there when no track is selected). */
  retirementUse: A.NodeBase["span"] | undefined;
  private currentDef: string | undefined;

  constructor(
    private readonly g: Globals,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.facts = g.facts ?? BUILTIN_FACTS;
  }

  /** The policy's field tables and enum values: every fact reference is typed against these. */
  private readonly facts: FactTable;
  private fieldsOf(rec: RecordKind) {
    return this.facts.fields(rec);
  }

  private set(e: A.NodeBase, t: Ty): Ty {
    this.types.set(e.id, t);
    return t;
  }

  /** A type as a message argument, in both languages (`{name}` and `{name_zh}`). */
  private static ty(name: string, t: Ty): Record<string, string> {
    return { [name]: showType(t, "en"), [`${name}_zh`]: showType(t, "zh") };
  }

  private err(code: string, args: Record<string, string | number>, span: A.NodeBase["span"], help?: string): void {
    this.diagnostics.push(diag(code, args, { span, ...(help ? { help } : {}) }));
  }

  /** Called when a definition is referenced before it has been typed (definitions are typed on demand). */
  onDefinition: (d: DefInfo) => void = () => {};

  /**
   * Type a definition's body; returns whether it reads a person's facts and
   * whether it reads plan-only facts (then it may be used only in plan checks).
   */
  checkDefinition(d: DefInfo): { ty: Ty; needsPerson: boolean; needsPlan: boolean } {
    const before = this.personReads;
    const beforePlan = this.planReads;
    const beforeMove = this.moveReads;
    const outer = this.currentDef;
    this.currentDef = d.name;
    this.defDeps.set(d.name, new Set());
    const ty = this.expr(d.decl.value, { rec: "person", plan: true, move: true });
    this.currentDef = outer;
    if (this.moveReads > beforeMove) this.moveDefs.add(d.name);
    return { ty, needsPerson: this.personReads > before, needsPlan: this.planReads > beforePlan };
  }

  /** Type a condition (rule `when`, `where`, check body): must be bool. */
  condition(e: A.Expr, ctx: Ctx): void {
    const t = this.expr(e, ctx);
    if (t.k !== "bool" && t.k !== "error") this.err("T002", TypeChecker.ty("found", t), e.span);
  }

  expect(e: A.Expr, want: Ty, ctx: Ctx): void {
    const t = this.expr(e, ctx);
    if (!compatible(want, t))
      this.err("T004", { ...TypeChecker.ty("expected", want), ...TypeChecker.ty("found", t) }, e.span);
  }

  expr(e: A.Expr, ctx: Ctx): Ty {
    return this.set(e, this.infer(e, ctx));
  }

  private infer(e: A.Expr, ctx: Ctx): Ty {
    switch (e.kind) {
      case "Number":
        this.literalRange(e);
        return INT;
      case "Percent":
        this.literalRange(e);
        return PERCENT;
      case "Duration":
        this.literalRange(e);
        return DURATION;
      case "Date": {
        const [y, m, d] = e.text.split("-").map(Number) as [number, number, number];
        if (fromYmd(y, m, d) === undefined) this.err("T015", { text: e.text }, e.span);
        else this.literalRange(e);
        return DATE;
      }
      case "String":
        return { k: "text" };
      case "Bool":
        return BOOL;
      case "Set": {
        const elems = e.elements.map((x) => this.expr(x, ctx));
        // A set whose every value is in error is in error itself (its values were reported);
        // only the empty set `{}` is a set of texts by default.
        if (elems.length > 0 && elems.every((t) => t.k === "error")) return ERROR;
        const first = elems.find((t) => t.k !== "error") ?? { k: "text" };
        for (let i = 0; i < elems.length; i++) {
          if (!compatible(first, elems[i]!))
            this.err(
              "T004",
              { ...TypeChecker.ty("expected", first), ...TypeChecker.ty("found", elems[i]!) },
              e.elements[i]!.span,
            );
        }
        return setOf(first);
      }
      case "Name":
        return this.name(e, ctx);
      case "Member":
        return this.member(e, ctx);
      case "Call":
        return this.call(e, ctx);
      case "Unary": {
        const t = this.expr(e.operand, ctx);
        if (e.op === "not") {
          if (t.k !== "bool" && t.k !== "error") this.err("T002", TypeChecker.ty("found", t), e.operand.span);
          return BOOL;
        }
        if (!["int", "percent", "duration", "error"].includes(t.k))
          this.err("T003", { op: "-", ...TypeChecker.ty("left", t), ...TypeChecker.ty("right", t) }, e.span);
        return t;
      }
      case "Binary":
        return this.binary(e, ctx);
      case "Compare":
        return this.compare(e, ctx);
      case "If": {
        this.condition(e.cond, ctx);
        const a = this.expr(e.then, ctx);
        const b = this.expr(e.else, ctx);
        if (!compatible(a, b)) {
          this.err("T004", { ...TypeChecker.ty("expected", a), ...TypeChecker.ty("found", b) }, e.else.span);
          return ERROR;
        }
        return a.k === "error" ? b : a;
      }
      case "Aggregate":
        return this.aggregate(e, ctx);
    }
  }

  private visibleNames(ctx: Ctx): string[] {
    const names: string[] = [...this.g.params.keys(), ...this.g.defs.keys(), ...this.g.tracks.keys()];
    if (ctx.rec) names.push(...this.fieldsOf(ctx.rec).keys());
    if (ctx.rec === "person" || ctx.rec === "move") {
      names.push(...this.fieldsOf("person").keys(), ...[...DERIVED.keys()]);
    }
    if (ctx.subject) names.push(...Object.keys(COLLECTIONS), ...Object.keys(SUBJECT_NAMES));
    return names;
  }

  private name(e: A.NameRef, ctx: Ctx): Ty {
    const n = e.name;
    const resolve = (r: Resolution, t: Ty): Ty => {
      this.resolutions.set(e.id, r);
      return t;
    };
    if (!ctx.constant) {
      // 0. The reference date belongs to the run, not to a person: it is
      // readable wherever a value may vary — inside a service-history filter
      // (任职经历 其中 截止日期 >= 基准日 - 6年), in a school check — and it
      // does not make an expression read a person.
      const asOf = DERIVED.get(n);
      if (asOf?.name === "as_of") return resolve({ k: "derived", info: asOf, viaMoveTeacher: false }, asOf.ty);
      // 1. The record in context.
      if (ctx.rec) {
        const f = this.fieldsOf(ctx.rec).get(n);
        if (f) {
          if (ctx.rec === "person") this.personReads++;
          return resolve({ k: "field", rec: ctx.rec, info: f, viaMoveTeacher: false }, f.ty);
        }
      }
      // 2. A move's teacher: person fields, derived facts and person definitions read through it.
      const personish = ctx.rec === "person" || ctx.rec === "move";
      if (personish) {
        const via = ctx.rec === "move";
        const pf = this.fieldsOf("person").get(n);
        if (pf) {
          this.personReads++;
          return resolve({ k: "field", rec: "person", info: pf, viaMoveTeacher: via }, pf.ty);
        }
        const d = DERIVED.get(n);
        if (d) {
          this.personReads++;
          if (d.planOnly) {
            if (!ctx.plan) {
              this.err("T006", { name: n }, e.span, "this fact exists only when a plan is checked");
              return ERROR;
            }
            this.planReads++;
          }
          if (d.name === "retirement_date" || d.name === "to_retirement" || d.name === "statutory_age")
            this.retirementUse ??= e.span;
          return resolve({ k: "derived", info: d, viaMoveTeacher: via }, d.ty);
        }
      }
      // 2b. An enclosing move's fields (`Ctx.move`): 调入学校 inside 任职经历 其中 of a move check.
      if (ctx.move && ctx.rec !== "move") {
        const mf = this.moveField(n);
        if (mf) return resolve({ k: "field", rec: "move", info: mf, viaMoveTeacher: false }, mf.ty);
      }
      // 3. Subject-level names inside a check.
      if (ctx.subject) {
        const c = lookup(COLLECTIONS, n);
        if (c) return resolve({ k: "collection", name: c.name, of: c.of }, { k: "collection", of: c.of });
        const s = lookup(SUBJECT_NAMES, n);
        if (s && s === ctx.subject) {
          const ty: Ty =
            s === "school"
              ? record("school")
              : s === "location"
                ? enumTy("location", this.facts.enumLabels("location"), "地域")
                : s === "tier"
                  ? enumTy("tier", this.facts.enumLabels("tier"), "层次")
                  : { k: "text" };
          return resolve({ k: "subject", kind: s }, ty);
        }
      }
    }
    // 4. Policy-level names.
    const p = this.g.params.get(n);
    if (p) {
      this.used.add("param:" + n);
      return resolve({ k: "param", p }, p.ty);
    }
    const d = this.g.defs.get(n);
    if (d) {
      this.used.add("def:" + n);
      if (this.currentDef) this.defDeps.get(this.currentDef)?.add(n);
      this.onDefinition(d);
      if (ctx.constant) {
        this.err("T014", {}, e.span);
        return ERROR;
      }
      if (d.needsPerson) {
        if (ctx.rec !== "person" && ctx.rec !== "move") {
          this.err("T006", { name: n }, e.span);
          return ERROR;
        }
        this.personReads++;
      }
      if (this.moveDefs.has(n)) {
        if (ctx.rec !== "move" && !ctx.move) {
          this.err("T025", { name: n }, e.span);
          return ERROR;
        }
        this.moveReads++;
      }
      if (d.needsPlan) {
        if (!ctx.plan) {
          this.err("T006", { name: n }, e.span, "this definition reads facts that exist only when a plan is checked");
          return ERROR;
        }
        this.planReads++;
      }
      return resolve({ k: "define", d, viaMoveTeacher: ctx.rec === "move" }, d.ty);
    }
    const t = this.g.tracks.get(n);
    if (t) return resolve({ k: "track", t }, TRACK);
    if (ctx.constant && (this.fieldsOf("person").has(n) || DERIVED.has(n))) {
      this.err("T014", {}, e.span);
      return ERROR;
    }
    if (!ctx.rec && (this.fieldsOf("person").has(n) || DERIVED.has(n))) {
      this.err("T006", { name: n }, e.span);
      return ERROR;
    }
    // A school's fact written bare in a school check: it is read through the school (学校.地域).
    if (ctx.subject === "school" && this.fieldsOf("school").has(n)) {
      this.err("N001", { name: n }, e.span, `a school's facts are read through it: write \`学校.${n}\``);
      return ERROR;
    }
    // A person's fact inside their service history's filter: the names there are the period's.
    if (ctx.rec === "service" && (this.fieldsOf("person").has(n) || DERIVED.has(n))) {
      this.err(
        "N001",
        { name: n },
        e.span,
        "inside `任职经历 其中 …` names are a period's facts (学校, 起始日期, 截止日期, 交流轮岗 …), not the person's",
      );
      return ERROR;
    }
    const best = suggest(n, this.visibleNames(ctx));
    this.err("N001", { name: n }, e.span, best ? `did you mean \`${best}\`?` : undefined);
    return ERROR;
  }

  /** A move's field read from an enclosing move (moves exist only in plans, so it is a plan read too). */
  private moveField(n: string): import("../semantics/facts.js").FieldInfo | undefined {
    const f = moveFieldsOf("move").get(n);
    if (!f) return undefined;
    this.moveReads++;
    this.planReads++;
    return f;
  }

  private member(e: A.Member, ctx: Ctx): Ty {
    const ot = this.expr(e.object, ctx);
    if (ot.k === "error") return ERROR;
    if (ot.k !== "record") {
      this.err("N002", { ...TypeChecker.ty("type", ot), name: e.property.name }, e.property.span);
      return ERROR;
    }
    const fs = this.fieldsOf(ot.rec);
    const f = fs.get(e.property.name);
    if (!f) {
      const best = suggest(e.property.name, fs.keys());
      this.err(
        "N002",
        { ...TypeChecker.ty("type", ot), name: e.property.name },
        e.property.span,
        best ? `did you mean \`${best}\`?` : undefined,
      );
      return ERROR;
    }
    this.members.set(e.id, f);
    return f.ty;
  }

  private call(e: A.Call, ctx: Ctx): Ty {
    const f = FUNCTIONS.get(e.callee.name);
    const argTys = e.args.map((a) => this.expr(a, ctx));
    if (!f) {
      const best = suggest(e.callee.name, [...FUNCTIONS.keys()]);
      this.err("T007", { name: e.callee.name }, e.callee.span, best ? `did you mean \`${best}\`?` : undefined);
      return ERROR;
    }
    if (argTys.length !== f.arity) {
      this.err(
        "T008",
        { name: e.callee.name, name_zh: e.callee.name, expected: f.arity, found: argTys.length },
        e.span,
      );
      return ERROR;
    }
    if (f.needsPerson) {
      // Like 周岁: only where a person is.
      if (ctx.rec !== "person" && ctx.rec !== "move" && ctx.rec !== "service") {
        this.err("T006", { name: e.callee.name }, e.span);
        return ERROR;
      }
      this.personReads++;
    }
    // The function's own type rule (src/semantics/functions.ts); it reports through these.
    return f.type(argTys, {
      argument: (i, want, found) =>
        this.err("T004", { ...TypeChecker.ty("expected", want), ...TypeChecker.ty("found", found) }, e.args[i]!.span),
      operands: (l, r) =>
        this.err("T003", { op: e.callee.name, ...TypeChecker.ty("left", l), ...TypeChecker.ty("right", r) }, e.span),
    });
  }

  private binary(e: A.Binary, ctx: Ctx): Ty {
    if (e.op === "and" || e.op === "or") {
      this.condition(e.left, ctx);
      this.condition(e.right, ctx);
      return BOOL;
    }
    const l = this.expr(e.left, ctx);
    const r = this.expr(e.right, ctx);
    if (l.k === "error" || r.k === "error") return ERROR;
    const pair = `${l.k} ${e.op} ${r.k}`;
    const table: Record<string, Ty> = {
      "int + int": INT,
      "int - int": INT,
      "int * int": INT,
      "int / int": PERCENT, // a ratio of counts is a share
      "percent + percent": PERCENT,
      "percent - percent": PERCENT,
      "percent * int": INT, // 15% of 20 people
      "int * percent": INT,
      "duration + duration": DURATION,
      "duration - duration": DURATION,
      "duration * int": DURATION,
      "int * duration": DURATION,
      "date + duration": DATE,
      "date - duration": DATE,
    };
    const t = table[pair];
    if (!t) {
      const help =
        l.k === "date" && r.k === "date" && e.op === "-"
          ? "the time between two dates is `period(start, end)` (期间)"
          : undefined;
      this.err("T003", { op: e.op, ...TypeChecker.ty("left", l), ...TypeChecker.ty("right", r) }, e.span, help);
      return ERROR;
    }
    return t;
  }

  /** Validate string literals against an enum, recording their canonical value. */
  private enumCheck(e: A.Expr, t: Ty, seen: ReadonlySet<string> = new Set()): void {
    if (t.k !== "text" || !t.enum) return;
    // A name of a definition whose value is a literal (定义 交流对象岗位 = {"教师", "副校长"}):
    // its literals are the enum's values too. Without this, `岗位 属于 交流对象岗位`
    // compared the data's `teacher` with the text "教师" and was silently false.
    if (e.kind === "Name" && !seen.has(e.name)) {
      const d = this.g.defs.get(e.name);
      if (d) this.enumCheck(d.decl.value, t, new Set([...seen, e.name]));
      // So is a parameter's (参数 情形名: 文本 = "孕期"), and a value given for it at evaluation
      // time (--param) is read against the same enumeration.
      const p = d ? undefined : this.g.params.get(e.name);
      if (p) {
        // One parameter is one value: it cannot be a value of two enumerations (性别 and 地域), since
        // a value given for it (--param) is read against one of them.
        const first = this.paramEnums.get(p.name);
        if (first && first.enum !== t.enum) {
          const had = enumTy(first.enum, first.table, first.zh);
          this.err("T004", { ...TypeChecker.ty("expected", had), ...TypeChecker.ty("found", t) }, e.span);
          return;
        }
        if (p.value) this.enumCheck(p.value, t, new Set([...seen, e.name]));
        if (!first)
          this.paramEnums.set(p.name, {
            enum: t.enum,
            table: t.labels ?? this.facts.enumLabels(t.enum) ?? {},
            ...(t.zh ? { zh: t.zh } : {}),
          });
      }
      return;
    }
    // A conditional's branches are its values (若 … 则 "男" 否则 "女"); it takes the enumeration's
    // type itself, so that an ordered comparison with it is by title rank.
    if (e.kind === "If") {
      this.enumCheck(e.then, t, seen);
      this.enumCheck(e.else, t, seen);
      this.types.set(e.id, this.types.get(e.id)?.k === "set" ? setOf(t) : t);
      return;
    }
    // A set's elements are values of the enumeration, whatever they are written as: a literal, a
    // definition, a parameter or a conditional ({"重病", 本人情形}). Checking only its literals left the
    // others' text as written ("孕期" against the data's `pregnant`: `情形 包含任一 {…}` silently false).
    if (e.kind === "Set") {
      this.types.set(e.id, setOf(t));
      for (const x of e.elements) this.enumCheck(x, t, seen);
      return;
    }
    const lits = e.kind === "String" ? [e] : [];
    // The literal takes the enum's type, so explanations show it in the reader's language.
    for (const lit of lits) {
      const table = t.labels ?? this.facts.enumLabels(t.enum) ?? {};
      const v = memberOf(table, lit.value);
      this.types.set(lit.id, t);
      if (v !== undefined) this.enumLiterals.set(lit.id, v);
      else {
        const all = [...Object.keys(table), ...Object.values(table)];
        const best = suggest(lit.value, all);
        this.err(
          "T005",
          { value: lit.value, enum: t.enum, enum_zh: t.zh ?? t.enum },
          lit.span,
          (best ? `did you mean \`${best}\`? ` : "") + `allowed: ${allowedValues(table)}`,
        );
      }
    }
  }

  /**
   * T090 for a literal outside the range of its type and unit (issue 9,
   * finding 7); `asAge` checks a plain number compared with 周岁 as an age.
   * The ranges are in literals.ts.
   */
  private literalRange(e: A.Expr, asAge = false): void {
    const kind = asAge ? "age" : kindOf(e);
    if (!kind) return;
    // A number already out of range as a number is reported once.
    if (asAge && (e.kind !== "Number" || e.unit === "age" || outOfRange(e, "number"))) return;
    const args = outOfRange(e, kind);
    if (args) this.err("T090", args, e.span);
  }

  /** Is `e` the person's age (周岁), read directly? */
  private isAge(e: A.Expr): boolean {
    const r = this.resolutions.get(e.id);
    return (r?.k === "field" || r?.k === "derived") && r.info.name === "age";
  }

  private compare(e: A.Compare, ctx: Ctx): Ty {
    const l = this.expr(e.left, ctx);
    const r = this.expr(e.right, ctx);
    if (this.isAge(e.left)) this.literalRange(e.right, true);
    if (this.isAge(e.right)) this.literalRange(e.left, true);
    if (l.k === "error" || r.k === "error") return BOOL;
    const mismatch = (help?: string) =>
      this.err("T001", { ...TypeChecker.ty("left", l), ...TypeChecker.ty("right", r) }, e.span, help);
    switch (e.op) {
      // Membership, either way round: a literal on one side takes the enumeration of the
      // other (`"孕期" 属于 情形` as `情形 包含 "孕期"`), else the data's `pregnant` would be
      // compared with the text "孕期" and be silently false.
      case "in":
        if (r.k !== "set" || !compatible(r.elem, l)) mismatch();
        else {
          this.enumCheck(e.right, l);
          this.enumCheck(e.left, r.elem);
        }
        return BOOL;
      case "contains":
        if (l.k !== "set" || !compatible(l.elem, r)) mismatch();
        else {
          this.enumCheck(e.right, l.elem);
          this.enumCheck(e.left, r);
        }
        return BOOL;
      case "intersects":
        if (l.k !== "set" || r.k !== "set" || !compatible(l.elem, r.elem)) mismatch();
        else {
          this.enumCheck(e.right, l.elem);
          this.enumCheck(e.left, r.elem);
        }
        return BOOL;
      case "==":
      case "!=":
        // Two sets are not compared as wholes (`情形 是 {"孕期"}` was an identity test, always
        // false): say what is meant, an element (包含) or a shared one (包含任一).
        if (l.k === "set" || r.k === "set")
          mismatch("a set is not compared with 是/不是: write `包含` (contains) or `包含任一` (shares an element)");
        else if (!compatible(l, r)) mismatch();
        else {
          this.enumCheck(e.right, l);
          this.enumCheck(e.left, r);
        }
        return BOOL;
      case ">=":
      case ">":
      case "<=":
      case "<": {
        // Ordered comparisons: numbers, shares, durations, dates; titles by rank.
        if (!compatible(l, r)) {
          const help =
            (l.k === "percent" && r.k === "int") || (l.k === "int" && r.k === "percent")
              ? "a percentage is not a count: write the threshold as a percentage (15%) or compare counts"
              : (l.k === "duration" && r.k === "int") || (l.k === "int" && r.k === "duration")
                ? "write the threshold with its unit, e.g. `9年` or `9 years`"
                : undefined;
          mismatch(help);
          return BOOL;
        }
        // A title on either side: `"一级" 低于 职称` as `职称 高于 "一级"`.
        const ordered =
          ["int", "percent", "duration", "date"].includes(l.k) ||
          (l.k === "text" && r.k === "text" && (l.enum === "title" || r.enum === "title"));
        if (!ordered) mismatch();
        else {
          this.enumCheck(e.right, l);
          this.enumCheck(e.left, r);
        }
        return BOOL;
      }
      default:
        return unreachable(e.op);
    }
  }

  private aggregate(e: A.Aggregate, ctx: Ctx): Ty {
    const c = lookup(COLLECTIONS, e.collection.name);
    // A person's service history is there wherever a person is; the other collections belong to a plan subject.
    const available = c && (c.name === "service" ? ctx.rec === "person" || ctx.rec === "move" : !!ctx.subject);
    if (c?.name === "service" && available) this.personReads++;
    if (!available || !c) {
      const best = suggest(e.collection.name, Object.keys(COLLECTIONS));
      this.err(
        "T009",
        { name: e.collection.name },
        e.collection.span,
        best && best !== e.collection.name ? `did you mean \`${best}\`?` : undefined,
      );
      return AGGREGATES[e.fn].of === "condition" ? BOOL : INT;
    }
    this.resolutions.set(e.collection.id, { k: "collection", name: c.name, of: c.of });
    // A person's own history read inside a move check (or a definition) still sees the move.
    const inner: Ctx = {
      rec: c.of,
      plan: ctx.plan,
      ...(c.name === "service" && (ctx.rec === "move" || ctx.move) ? { move: true } : {}),
    };
    if (e.where) this.condition(e.where, inner);
    // The aggregate's row (src/semantics/aggregates.ts) says what `, v` is and types the result.
    const row = AGGREGATES[e.fn];
    switch (row.of) {
      case "none":
        if (e.of) this.err("T008", { name: row.en, name_zh: row.zh, expected: 1, found: 2 }, e.of.span);
        return row.type(undefined, () => {});
      case "condition":
        if (e.of) this.condition(e.of, inner);
        return row.type(e.of ? BOOL : undefined, () => {});
      case "value": {
        if (!e.of) {
          this.err("T008", { name: row.en, name_zh: row.zh, expected: 2, found: 1 }, e.span);
          return row.type(undefined, () => {});
        }
        const of = e.of;
        const t = this.expr(of, inner);
        return row.type(t, (want) =>
          this.err("T004", { ...TypeChecker.ty("expected", want), ...TypeChecker.ty("found", t) }, of.span),
        );
      }
      default:
        return unreachable(row.of);
    }
  }
}
