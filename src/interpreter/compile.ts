// Compiler: CheckedPolicy → Program. Every expression becomes a closure
// specialised by its static type, with names resolved to direct accessors, so
// evaluating a person does no name lookups and no tree walking. Definitions
// and derived facts are memoised per person. With tracing on, comparisons
// and boolean facts record what they saw, for explanations.

import type * as A from "../syntax/ast.js";
import { conjunctsOf } from "../syntax/ast.js";
import type { Move, School, Teacher } from "../data/model.js";
import type { CheckInfo, CheckedPolicy, Resolution, RuleInfo, SelectionOrderInfo } from "../checker/checked.js";
import type { RetirementTrack } from "../time/retirement.js";
import { addMonths, fromYmd, type Duration } from "../time/date.js";
import { BOOL, type Ty } from "../semantics/types.js";
import { AGGREGATES } from "../semantics/aggregates.js";
import { unreachable } from "../semantics/exhaustive.js";
import { FUNCTIONS } from "../semantics/functions.js";
import type { DecisionValue } from "../semantics/rule-kinds.js";
import {
  derive,
  ensureSlots,
  periodOf,
  fieldConverts,
  MOVE_PERSON,
  readField,
  servicePeriods,
  trackFromValues,
  trackInForce,
  variantsFor,
  type Fn,
  type Frame,
  type ServicePeriod,
  type World,
} from "./frame.js";
import {
  cmpDurations,
  cmpNumbers,
  cmpRanged,
  cmpTitles,
  dateShift,
  durationPlus,
  isAmbiguous,
  durationTimes,
  kleeneNot,
  setHas,
  setIntersects,
  shareValue,
  compareKey,
} from "./ops.js";
import { Between, Ratio, Unknown, isUnknown, type Value } from "./values.js";

/** A move that may carry its person (MOVE_PERSON). */
type Carried = { readonly [MOVE_PERSON]?: unknown };
import { bulkDecider, decideFromResults, limitedDeferral, type Decision, type RuleResult } from "./decide.js";

export interface CompiledRule {
  readonly info: RuleInfo;
  readonly when: Fn;
  readonly limit?: Fn;
  readonly applicable?: Fn;
}

export interface CompiledCheck {
  readonly info: CheckInfo;
  readonly where?: Fn;
  readonly applicable?: Fn;
  readonly body: Fn;
  /**
   * The body's top-level conjuncts (`a 且 b 且 …`), compiled once: a failed
   * check reports the first false one with the values it saw.
   */
  readonly conjuncts: readonly { readonly node: A.Expr; readonly fn: Fn }[];
}

/**
 * A compiled selection order (选择顺序), the shape plan proposals use: who is
 * chosen first when not everyone can be. `compare` returns -1 when `a` comes
 * before `b`, 1 after, 0 when every key ties, and an Unknown (with its
 * reasons) when a key that matters is missing — never a guess. `keys` gives
 * one person's key values, for showing why.
 */
export interface CompiledOrder {
  readonly info: SelectionOrderInfo;
  keys(t: Teacher, f: Frame): Value[];
  compare(a: Teacher, b: Teacher, f: Frame): -1 | 0 | 1 | Unknown;
}

export interface Program {
  readonly policy: CheckedPolicy;
  readonly rules: readonly CompiledRule[];
  readonly checks: readonly CompiledCheck[];
  /** The policy's selection orders, in declaration order. */
  readonly orders: readonly CompiledOrder[];
  /** Decide one person. With `trace`, each rule's result carries the atoms it saw. */
  decide(t: Teacher, f: Frame, trace?: boolean): Decision;
  /**
   * Only the decision value, for bulk use (plan checks): the priority structure
   * is precompiled into index arrays and nothing is allocated unless a fact is
   * missing, in which case it defers to `decide`. Always equals `decide(t, f).decision`.
   */
  decideValue(t: Teacher, f: Frame): DecisionValue;
  /** Compile an arbitrary checked expression of this policy (used by plan checks and tests). */
  expr(e: A.Expr): Fn;
}

export function compile(policy: CheckedPolicy): Program {
  return new Compiler(policy).program();
}

class Compiler {
  private slots = 0;
  private readonly defFns = new Map<string, Fn>();
  private readonly paramFns = new Map<string, Fn>();
  private trackCache = new Map<string, RetirementTrack | Unknown>();
  private selector: Fn | undefined;

  constructor(private readonly p: CheckedPolicy) {}

  program(): Program {
    const p = this.p;
    if (p.trackSelector) this.selector = this.definition(p.trackSelector.name);
    const rules: CompiledRule[] = p.rules.map((r) => ({
      info: r,
      when: this.expr(r.rule.when),
      ...(r.rule.limit ? { limit: this.expr(r.rule.limit) } : {}),
      ...(r.rule.applicable ? { applicable: this.expr(r.rule.applicable) } : {}),
    }));
    const checks: CompiledCheck[] = p.checks.map((c) => ({
      info: c,
      ...(c.check.where ? { where: this.expr(c.check.where) } : {}),
      ...(c.check.applicable ? { applicable: this.expr(c.check.applicable) } : {}),
      body: this.expr(c.check.body),
      conjuncts: conjunctsOf(c.check.body).map((node) => ({ node, fn: this.expr(node) })),
    }));
    const orders = p.orders.map((o) => this.order(o));
    const slots = this.slots;
    const decide = (t: Teacher, f: Frame, trace = false): Decision => {
      ensureSlots(f, slots);
      f.person = t;
      f.gen++;
      const results: RuleResult[] = new Array(rules.length);
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i]!;
        f.trace = trace ? [] : null;
        let v = r.when(f);
        let limitSeen: { deferred: Value; limit: Value } | undefined;
        if (r.limit) {
          const limit = r.limit;
          v = limitedDeferral(v, t.deferred_years, () => {
            const lim = limit(f);
            limitSeen = { deferred: { months: t.deferred_years * 12, days: 0 }, limit: lim };
            return lim;
          });
        }
        // A prerequisite that does not concern the person is not applicable, whatever its condition says.
        const applicable = r.applicable ? r.applicable(f) : undefined;
        results[i] = {
          rule: r.info,
          value: v,
          // Stryker disable next-line ArrayDeclaration: with a trace, f.trace is the list begun above (trackOf restores it), never null
          ...(trace ? { atoms: f.trace ?? [] } : {}),
          ...(limitSeen ? { limit: limitSeen } : {}),
          // Stryker disable next-line ConditionalExpression: equivalent — an `applicable: undefined` key reads as no key everywhere
          ...(applicable !== undefined ? { applicable } : {}),
        };
      }
      f.trace = null;
      return decideFromResults(results);
    };
    const bulk = bulkDecider(rules, (t, f) => decide(t, f).decision);
    const decideValue = (t: Teacher, f: Frame): DecisionValue => {
      ensureSlots(f, slots);
      f.person = t;
      f.gen++;
      f.trace = null;
      return bulk(t, f);
    };
    return { policy: p, rules, checks, orders, decide, decideValue, expr: (e) => this.expr(e) };
  }

  private order(o: SelectionOrderInfo): CompiledOrder {
    const keyFns = o.order.keys.map((k) => {
      const t = this.ty(k.key);
      type KeyKind = "int" | "percent" | "duration" | "date" | "bool" | "title";
      const kind: KeyKind = t.k === "text" ? "title" : (t.k as KeyKind);
      return { fn: this.expr(k.key), kind, direction: k.direction };
    });
    const slotsNow = () => this.slots;
    const keys = (t: Teacher, f: Frame): Value[] => {
      ensureSlots(f, slotsNow());
      f.person = t;
      f.gen++;
      f.trace = null;
      return keyFns.map((k) => k.fn(f));
    };
    return {
      info: o,
      keys,
      compare(a, b, f) {
        const ka = keys(a, f);
        const kb = keys(b, f);
        // Keys in turn: the first that differs decides; an unknown key decides nothing, so it is the answer.
        for (let i = 0; i < keyFns.length; i++) {
          const c = compareKey(keyFns[i]!.kind, keyFns[i]!.direction, ka[i]!, kb[i]!);
          if (c !== 0) return c;
        }
        return 0;
      },
    };
  }

  private ty(e: A.Expr): Ty {
    return this.p.types.get(e.id) ?? BOOL;
  }

  // ------------------------------------------------------------ names

  private param(name: string): Fn {
    const cached = this.paramFns.get(name);
    // Stryker disable next-line ConditionalExpression: a cache — without it the same closure is compiled again
    if (cached) return cached;
    const info = this.p.params.get(name)!;
    const valueFn = info.value ? this.expr(info.value) : undefined;
    const redacted = new Unknown([{ code: "E002", param: name }]);
    // Parameters are constants of a run: computed once per world.
    let world: World | undefined;
    let value: Value;
    const fn: Fn = (f) => {
      // Stryker disable next-line ConditionalExpression: a cache — without it the value is recomputed, the same
      if (f.w === world) return value;
      const given = f.w.paramValues?.get(name);
      value = given !== undefined ? given : valueFn ? valueFn(f) : redacted;
      world = f.w;
      return value;
    };
    this.paramFns.set(name, fn);
    return fn;
  }

  private definition(name: string): Fn {
    const cached = this.defFns.get(name);
    // Stryker disable next-line ConditionalExpression: a cache — without it the same closure is compiled again
    if (cached) return cached;
    const info = this.p.defs.get(name)!;
    // Placeholder first: definitions are acyclic (checked), but compiling one may reach another.
    let body: Fn = () => undefined;
    const slot = this.slots++;
    const node = nameNode(info.decl.name);
    const fn: Fn = (f) => {
      if (f.trace === null) {
        // Stryker disable next-line ConditionalExpression: a memo — without it the body is evaluated again, the same
        if (f.memoGen[slot] === f.gen) return f.memo[slot];
        const v = body(f);
        f.memo[slot] = v;
        f.memoGen[slot] = f.gen;
        return v;
      }
      if (info.ty.k !== "bool") return body(f);
      // Explaining: the definition's line comes first, what it looked at nested below it.
      const at = f.trace.length;
      const depth = f.depth;
      // Stryker disable next-line ObjectLiteral: a placeholder, overwritten at the same index once the body is evaluated
      f.trace.push({ node, result: undefined, depth });
      f.depth++;
      const v = body(f);
      f.depth--;
      f.trace[at] = { node, result: v, depth };
      return v;
    };
    this.defFns.set(name, fn);
    body = this.expr(info.decl.value);
    return fn;
  }

  private track(name: string, f: Frame): RetirementTrack | Unknown {
    const t = this.p.tracks.get(name)!;
    const inForce = trackInForce(t.inForceFrom, f.w.asOf);
    const key = inForce ? name : name + "\u0000before";
    const hit = this.trackCache.get(key);
    // Stryker disable next-line ConditionalExpression: a cache — without it the same track is built again
    if (hit) return hit;
    const age = this.expr(t.decl.originalAge)(f);
    const step = this.expr(t.decl.step)(f);
    const max = this.expr(t.decl.maxDelay)(f);
    const bad = [age, step, max].find(isUnknown);
    const tr =
      bad ?? trackFromValues(name, age as number, t.decl.firstAffected, step as Duration, max as Duration, inForce);
    this.trackCache.set(key, tr);
    return tr;
  }

  /**
   * The tracks a person could be on when the choice depends on a missing fact:
   * the selector tried with every value of the missing facts (all declared
   * tracks if that is not possible).
   */
  private reachableTracks(t: Teacher, f: Frame): RetirementTrack[] | Unknown {
    // Every declared track; unknown when one of them is (its settings read a parameter not given).
    const all = (): RetirementTrack[] | Unknown => {
      const tracks = [...this.p.tracks.keys()].map((n) => this.track(n, f));
      const bad = tracks.filter(isUnknown);
      return bad.length ? bad.reduce((x, y) => Unknown.merge(x, y)) : (tracks as RetirementTrack[]);
    };
    const first = this.trackOf(t, f);
    // Stryker disable next-line ConditionalExpression: only called when the track is unknown (derive: perTrack)
    if (!isUnknown(first)) return [first];
    const variants = variantsFor(t, first, this.p.facts);
    if (!variants) return all();
    const out: RetirementTrack[] = [];
    for (const v of variants) {
      const tr = this.trackOf(v, f);
      if (isUnknown(tr)) return all();
      // Stryker disable next-line ConditionalExpression,ArrowFunction: a duplicate track gives a duplicate reading, the same answer
      if (!out.some((x) => x.id === tr.id)) out.push(tr);
    }
    return out;
  }

  private trackOf = (t: Teacher, f: Frame): RetirementTrack | Unknown => {
    // Stryker disable next-line all: unreachable in a checked policy — a retirement fact without a retirement_track definition is N011
    if (!this.selector) return new Unknown([{ code: "E004", detail: "no retirement_track definition" }]);
    const saved = f.person;
    const savedTrace = f.trace;
    f.trace = null; // the track choice is shown as a fact of its own, not as atoms of the rule
    // Stryker disable next-line ConditionalExpression: a fresh generation for the same person only drops memos, the same
    if (saved !== t) {
      f.person = t;
      f.gen++;
    }
    const v = this.selector(f);
    f.trace = savedTrace;
    // Stryker disable next-line ConditionalExpression: a fresh generation for the same person only drops memos, the same
    if (saved !== t) {
      f.person = saved;
      f.gen++;
    }
    if (isUnknown(v)) return v;
    return this.track((v as { track: string }).track, f);
  };

  private resolved(e: A.NameRef): Fn {
    const r = this.p.resolutions.get(e.id) as Resolution | undefined;
    // Stryker disable next-line all: unreachable — the checker resolves every name of a checked policy (or reports N001)
    if (!r) return () => new Unknown([{ code: "E001", fact: e.name }]);
    switch (r.k) {
      case "param":
        return this.param(r.p.name);
      case "define":
        return this.definition(r.d.name);
      case "track": {
        const v = { track: r.t.name };
        return () => v;
      }
      case "field": {
        const info = r.info;
        const rec: (f: Frame) => object | undefined =
          r.rec === "person"
            ? (f) => f.person
            : r.rec === "school"
              ? (f) => f.school
              : r.rec === "service"
                ? (f) => f.service
                : (f) => f.move;
        // Stryker disable next-line all: the hot path — readField gives the same value for a field that needs no conversion
        if (r.rec === "person" && !fieldConverts(info)) {
          // The hot path: a person's plain field, read by a specialised getter.
          const absent = new Unknown([{ code: "E001", fact: info.zh }]);
          const get = getter(info.name);
          return (f) => {
            const p = f.person;
            const v = p === undefined ? undefined : get(p);
            return v === undefined ? absent : (v as Value);
          };
        }
        return (f) => readField(rec(f), info, f.w);
      }
      case "derived": {
        const name = r.info.name;
        // The reference date is the world's, with or without a person in the frame.
        // Stryker disable next-line ConditionalExpression: derive() answers as_of with the same f.w.asOf
        if (name === "as_of") return (f) => f.w.asOf;
        const slot = this.slots++;
        // The track callbacks are made once, not per evaluation; they read the frame being evaluated.
        let cur: Frame | undefined;
        const trackOf = (t: Teacher) => this.trackOf(t, cur!);
        const reachable = (t: Teacher) => this.reachableTracks(t, cur!);
        const noPerson = new Unknown([{ code: "E001", fact: r.info.zh }]);
        // The two facts nearly every rule reads get a direct path; the rest go through derive().
        // Stryker disable next-line ConditionalExpression,StringLiteral: the fast path for tenure — derive() computes the same period
        const fast = name === "tenure";
        const compute = (t: Teacher, f: Frame): Value =>
          // Stryker disable next-line ConditionalExpression,StringLiteral,LogicalOperator: as above
          fast && typeof t.school_since === "number"
            ? periodOf(t.school_since, f.w.asOf, f.w.rounding, "本校任教年限")
            : derive(name, t, f.w, trackOf, reachable);
        return (f) => {
          if (!f.person) return noPerson;
          // Stryker disable next-line ConditionalExpression: a memo — without it the fact is derived again, the same
          if (f.memoGen[slot] === f.gen) return f.memo[slot];
          cur = f;
          const v = compute(f.person, f);
          f.memo[slot] = v;
          f.memoGen[slot] = f.gen;
          return v;
        };
      }
      case "collection": {
        const which = r.name;
        if (which === "service") return () => new Unknown([{ code: "E001", fact: e.name }]); // only inside an aggregate
        return (f) => (f.subject ? (which === "moves_in" ? f.subject.movesIn : f.subject[which]) : undefined) as Value;
      }
      case "subject":
        // Stryker disable next-line OptionalChaining: a subject is set whenever a check reads it
        return r.kind === "school" ? (f) => f.subject?.school : (f) => f.subject?.id;
    }
  }

  // ------------------------------------------------------------ expressions

  expr(e: A.Expr): Fn {
    const fn = this.exprInner(e);
    // Boolean facts read by name are atoms of an explanation too (在编 ✓).
    if ((e.kind === "Name" || e.kind === "Member") && this.ty(e).k === "bool") {
      // Stryker disable next-line ConditionalExpression: a member access has no resolution of its own, so get() is undefined too
      const r = e.kind === "Name" ? this.p.resolutions.get(e.id) : undefined;
      if (r?.k === "define") return fn; // the definition records itself
      return (f) => {
        const v = fn(f);
        if (f.trace !== null) f.trace.push({ node: e, result: v, depth: f.depth });
        return v;
      };
    }
    return fn;
  }

  private exprInner(e: A.Expr): Fn {
    switch (e.kind) {
      case "Number":
      case "Percent": {
        const v = e.value;
        return () => v;
      }
      case "Duration": {
        const v: Duration = { months: e.months, days: e.days };
        return () => v;
      }
      case "Date": {
        const [y, m, d] = e.text.split("-").map(Number) as [number, number, number];
        // An impossible date literal (2023-02-30) is unknown rather than silently shifted.
        // Stryker disable next-line all: unreachable — an impossible date literal is T015
        const v: Value = fromYmd(y, m, d) ?? new Unknown([{ code: "E001", fact: e.text }]);
        return () => v;
      }
      case "String": {
        const v = this.p.enumLiterals.get(e.id) ?? e.value;
        return () => v;
      }
      case "Bool": {
        const v = e.value;
        return () => v;
      }
      case "Set": {
        const items = e.elements.map((x) => this.expr(x));
        // Stryker disable next-line all: a set of literals is built once; built per evaluation it is the same set
        const allConst = e.elements.every((x) => x.kind === "String");
        // Stryker disable next-line all: as above
        if (allConst) {
          const s = new Set(items.map((fn) => fn(undefined as unknown as Frame) as string));
          return () => s;
        }
        return (f) => {
          const out = new Set<string>();
          for (const fn of items) {
            const v = fn(f);
            if (isUnknown(v)) return v;
            out.add(v as string);
          }
          return out;
        };
      }
      case "Name":
        return this.resolved(e);
      case "Member": {
        const obj = this.expr(e.object);
        const fi = this.p.members.get(e.id);
        // Stryker disable next-line all: unreachable — the checker records every member of a checked policy
        if (!fi) return () => new Unknown([{ code: "E001", fact: e.property.name }]);
        return (f) => {
          const o = obj(f);
          return isUnknown(o) ? o : readField(o as object | undefined, fi, f.w);
        };
      }
      case "Call":
        return this.call(e);
      case "Unary": {
        const x = this.expr(e.operand);
        if (e.op === "not") return (f) => kleeneNot(x(f));
        const t = this.ty(e);
        if (t.k === "duration")
          return (f) => {
            const v = x(f);
            return isUnknown(v) ? v : durationTimes(v as Duration, -1);
          };
        return (f) => {
          const v = x(f);
          return isUnknown(v) ? v : -(v as number);
        };
      }
      case "Binary":
        return this.binary(e);
      case "Compare":
        return this.compare(e);
      case "If": {
        const c = this.expr(e.cond);
        const a = this.expr(e.then);
        const b = this.expr(e.else);
        return (f) => {
          const cv = c(f);
          if (isUnknown(cv)) return cv;
          return cv ? a(f) : b(f);
        };
      }
      case "Aggregate":
        return this.aggregate(e);
    }
  }

  private call(e: A.Call): Fn {
    // The function's row (src/semantics/functions.ts) holds its compiled implementation.
    const row = FUNCTIONS.get(e.callee.name);
    // A checked policy calls only known functions; were one missing, the call is unknown, never another function.
    // Stryker disable next-line all: unreachable — the checker reports a call of an unknown function
    if (!row) return () => new Unknown([{ code: "E001", fact: e.callee.name }]);
    return row.compile(
      e.args.map((a) => this.expr(a)),
      this.ty(e),
    );
  }

  private binary(e: A.Binary): Fn {
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    // Three-valued and/or, inlined: no closure is allocated per evaluation (this is the hot path).
    if (e.op === "and")
      return (f) => {
        const a = l(f);
        if (a === false) return false;
        const b = r(f);
        if (b === false) return false;
        if (a === true) return b;
        return isUnknown(b) ? Unknown.merge(a as Unknown, b) : a;
      };
    if (e.op === "or")
      return (f) => {
        const a = l(f);
        if (a === true) return true;
        const b = r(f);
        if (b === true) return true;
        if (a === false) return b;
        return isUnknown(b) ? Unknown.merge(a as Unknown, b) : a;
      };
    const lt = this.ty(e.left).k;
    const rt = this.ty(e.right).k;
    const op = e.op;
    const strict =
      (g: (a: Value, b: Value, f: Frame) => Value): Fn =>
      (f) => {
        const a = l(f);
        if (isUnknown(a)) return a;
        const b = r(f);
        if (isUnknown(b)) return b;
        // A number known only to an interval (a month-only date) has no exact sum or difference.
        if (a instanceof Between) return a.why;
        if (b instanceof Between) return b.why;
        return g(a, b, f);
      };
    if (lt === "date") {
      const sign = op === "+" ? 1 : -1;
      const what = sourceLabel(e);
      return strict((a, b, f) => dateShift(a as number, b as Duration, sign, f.w.rounding, what));
    }
    if (lt === "duration" && rt === "duration")
      return strict((a, b) => durationPlus(a as Duration, b as Duration, op === "+" ? 1 : -1));
    if (lt === "duration") return strict((a, b) => durationTimes(a as Duration, b as number));
    if (rt === "duration") return strict((a, b) => durationTimes(b as Duration, a as number));
    if (op === "/" && lt === "int" && rt === "int") return strict((a, b) => new Ratio(a as number, b as number));
    const num = (v: Value): number => (v instanceof Ratio ? (v.den === 0 ? NaN : v.value) : (v as number));
    switch (op) {
      case "+":
        return strict((a, b) => num(a) + num(b));
      case "-":
        return strict((a, b) => num(a) - num(b));
      case "*":
        // A share of a count (15% × 20) is compared with whole numbers: round away binary noise (7% × 100 = 7).
        if (lt === "percent" || rt === "percent") return strict((a, b) => Math.round(num(a) * num(b) * 1e9) / 1e9);
        return strict((a, b) => num(a) * num(b));
      // Stryker disable next-line all: unreachable — only int / int type-checks (T003 otherwise), and that is a Ratio above
      case "/":
        // Stryker disable next-line all: as above
        return strict((a, b) => num(a) / num(b));
      default:
        return unreachable(op);
    }
  }

  private compare(e: A.Compare): Fn {
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    const lt = this.ty(e.left);
    const op = e.op;
    const what = sourceLabel(e);
    // `x 属于 {"…", …}` with a literal set: one Set lookup, no operand closures.
    // Stryker disable next-line all: a fast path — the general comparison below gives the same value and the same atom
    if (op === "in" && e.right.kind === "Set" && e.right.elements.every((x) => x.kind === "String")) {
      const set = r(undefined as unknown as Frame) as ReadonlySet<string>;
      return (f) => {
        const a = l(f);
        const v: Value = isUnknown(a) ? a : set.has(a as string);
        if (f.trace !== null) f.trace.push({ node: e, left: a, right: set, result: v, depth: f.depth });
        return v;
      };
    }
    let cmp: (a: Value, b: Value) => Value;
    switch (op) {
      case "in":
        cmp = (a, b) => setHas(b as ReadonlySet<string>, a as string);
        break;
      case "contains":
        cmp = (a, b) => setHas(a as ReadonlySet<string>, b as string);
        break;
      case "intersects":
        cmp = (a, b) => setIntersects(a as ReadonlySet<string>, b as ReadonlySet<string>);
        break;
      case ">=":
      case ">":
      case "<=":
      case "<":
      case "==":
      case "!=":
        if (lt.k === "duration") cmp = (a, b) => cmpDurations(op, a as Duration, b as Duration);
        else if (lt.k === "percent")
          cmp = (a, b) => {
            const x = shareValue(a as number | Ratio, what);
            if (isUnknown(x)) return x;
            const y = shareValue(b as number | Ratio, what);
            if (isUnknown(y)) return y;
            // Shares are compared exactly: 3/20 is 15%, whatever floating point says.
            return cmpNumbers(op, Math.round(x * 1e9), Math.round(y * 1e9));
          };
        // Stryker disable next-line all: only titles are ordered (T-coded otherwise), and cmpTitles answers == and != as equality does
        else if (lt.k === "text" && lt.enum === "title" && op !== "==" && op !== "!=")
          cmp = (a, b) => cmpTitles(op, a as string, b as string);
        else if (lt.k === "int" || lt.k === "date")
          cmp = (a, b) => cmpRanged(op, a as number | Between, b as number | Between);
        else if (lt.k === "bool" || lt.k === "text" || lt.k === "track")
          cmp = (a, b) => {
            const eq = lt.k === "track" ? (a as { track: string }).track === (b as { track: string }).track : a === b;
            return op === "!=" ? !eq : eq;
          };
        else cmp = (a, b) => (op === "!=" ? a !== b : a === b);
        break;
      default:
        return unreachable(op);
    }
    const general: Fn = (f) => {
      const a = l(f);
      const b = r(f);
      const v = isUnknown(a) ? (isUnknown(b) ? Unknown.merge(a, b) : a) : isUnknown(b) ? b : cmp(a, b);
      if (f.trace !== null) f.trace.push({ node: e, left: a, right: b, result: v, depth: f.depth });
      return v;
    };
    return this.anniversary(e, r, general) ?? general;
  }

  /**
   * `本校任教年限 满 9年` is “the 9th anniversary of school_since has come”:
   * for a whole-month threshold M, period(from, to) ≥ M months ⇔ from + M months ≤ to,
   * and > ⇔ <, because adding months is strictly increasing under either rounding.
   * One month addition instead of a full period; used when not explaining (the
   * explanation shows the period itself) and when the threshold is whole months.
   */
  // Stryker disable next-line BlockStatement: without the shortcut the general comparison answers, the same
  private anniversary(e: A.Compare, r: Fn, general: Fn): Fn | undefined {
    // Stryker disable next-line ConditionalExpression: declining the shortcut leaves the general comparison, the same
    if (e.left.kind !== "Name" || !["<", "<=", ">", ">="].includes(e.op)) return undefined;
    const res = this.p.resolutions.get(e.left.id);
    // Stryker disable next-line ConditionalExpression,StringLiteral: declining the shortcut leaves the general comparison, the same
    if (res?.k !== "derived" || (res.info.name !== "tenure" && res.info.name !== "post_tenure")) return undefined;
    // Stryker disable next-line StringLiteral: no such field reads undefined, which takes the general comparison, the same
    const start = res.info.name === "tenure" ? "school_since" : "post_since";
    const op = e.op;
    const holds = (at: number, to: number) =>
      op === ">=" ? at <= to : op === ">" ? at < to : op === "<" ? at > to : at >= to;
    return (f) => {
      const t = f.person;
      const from = t?.[start];
      // A month-only start (a DayRange) takes the general path, which reads both ends.
      // Stryker disable next-line StringLiteral: a wrong type name takes the general comparison, the same
      if (f.trace !== null || typeof from !== "number") return general(f);
      const b = r(f);
      // Stryker disable next-line ConditionalExpression: always taking the general comparison gives the same
      if (isUnknown(b) || (b as Duration).days !== 0 || isAmbiguous(b as Duration)) return general(f);
      const m = (b as Duration).months;
      const to = f.w.asOf;
      // Stryker disable next-line ConditionalExpression: with a rounding declared both readings are tried, and the general path follows the rounding: the same
      if (f.w.rounding) return holds(addMonths(from, m, f.w.rounding), to);
      const eom = holds(addMonths(from, m, "end_of_month"), to);
      // Without a declared rounding both readings must agree; otherwise the general path reports E003.
      // Stryker disable next-line ConditionalExpression: always taking the general comparison gives the same
      return eom === holds(addMonths(from, m, "next_day"), to) ? eom : general(f);
    };
  }

  private aggregate(e: A.Aggregate): Fn {
    const coll = this.p.resolutions.get(e.collection.id);
    // Stryker disable next-line all: unreachable — the checker resolves an aggregate's collection (or reports it)
    if (!coll || coll.k !== "collection") return () => new Unknown([{ code: "E001", fact: e.collection.name }]);
    const which = coll.name;
    const of = coll.of;
    const where = e.where ? this.expr(e.where) : undefined;
    const val = e.of ? this.expr(e.of) : undefined;
    // What is done with each element is the aggregate's row (src/semantics/aggregates.ts); this loop only visits.
    const row = AGGREGATES[e.fn];
    const ofTy = e.of ? this.ty(e.of) : undefined;
    // 存在/全部 are conditions: traced as facts of their own, like a comparison.
    const isCondition = row.of === "condition";
    return (f) => {
      let items: readonly unknown[];
      if (which === "service") {
        if (!f.person) return new Unknown([{ code: "E001", fact: e.collection.name }]);
        // Stryker disable next-line ConditionalExpression: a cache — rebuilt, the list is the same
        if (f.services?.gen !== f.gen) f.services = { gen: f.gen, list: servicePeriods(f.person, f.w) };
        items = f.services.list;
      } else {
        const s = f.subject;
        // Stryker disable next-line all: unreachable — a plan collection is read only in a plan check, which has a subject
        if (!s) return new Unknown([{ code: "E001", fact: e.collection.name }]);
        items = (which === "moves_in" ? s.movesIn : s[which]) as readonly unknown[];
      }
      const saved = { person: f.person, move: f.move, school: f.school, service: f.service, trace: f.trace };
      f.trace = null; // aggregates report their totals, not every element's atoms
      const acc = row.start(ofTy);
      for (const it of items) {
        if (of === "person") {
          f.person = it as Teacher;
          f.gen++;
        } else if (of === "move") {
          f.move = it as Move;
          // Stryker disable next-line OptionalChaining: a plan check's world always has its teachers
          f.person = ((it as Carried)[MOVE_PERSON] as Teacher | undefined) ?? f.w.teachers?.get((it as Move).teacher);
          f.gen++;
        } else if (of === "service") f.service = it as ServicePeriod;
        else f.school = it as School;
        if (acc.add(where ? where(f) : true, val, f)) break;
      }
      f.person = saved.person;
      f.move = saved.move;
      f.school = saved.school;
      f.service = saved.service;
      f.trace = saved.trace;
      if (of !== "service") f.gen++; // the person is unchanged when walking their own history
      const v = acc.result();
      if (isCondition && f.trace !== null) f.trace.push({ node: e, result: v, depth: f.depth });
      return v;
    };
  }
}

/**
 * A property read specialised to one field (`p => p.established`): a fixed
 * property access stays monomorphic in V8, where `p[field]` does not. Field
 * names come from the fact registry (identifiers), never from policy text.
 */
function getter(field: string): (p: Teacher) => unknown {
  // Stryker disable next-line all: both getters read the same property; the test only keeps policy text out of new Function
  if (!/^[a-z_]+$/.test(field)) return (p) => (p as unknown as Record<string, unknown>)[field];
  return new Function("p", `return p.${field};`) as (p: Teacher) => unknown;
}

function nameNode(id: A.Ident): A.NameRef {
  return { kind: "Name", id: id.id, span: id.span, name: id.name };
}

function sourceLabel(e: A.Expr): string {
  return `${e.span.file}:${e.span.start}`;
}
