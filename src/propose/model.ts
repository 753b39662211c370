// Proposal, stage 2: a policy's plan checks turned into linear constraints.
// Input: the compiled program, one district's roster (a component), the
// people who may be moved; output: a Mip whose columns are flows — how many
// interchangeable people of one class leave one school for one kind of
// receiving school — and whose rows are the checks, each with the column
// (slack or indicator) that says whether it is met. Shapes supported are
// listed in docs/adr/0002-propose.md; anything else is reported, not guessed.

import type { Dataset, Move, School, Teacher } from "../data/model.js";
import type { CheckInfo } from "../checker/checked.js";
import type { CompiledCheck, Program } from "../interpreter/compile.js";
import { newFrame, type Fn, type Subject, type World } from "../interpreter/frame.js";
import { Ratio, isUnknown, type Value } from "../interpreter/values.js";
import type * as A from "../syntax/ast.js";
import { subjectsOf, type GroupKind, type SubjectRef } from "../plan/check-plan.js";
import { Mip } from "./mip.js";
import { READS_MOVE, Shapes } from "./shapes.js";
import { distinctKey } from "../semantics/aggregates.js";
import type { Duration } from "../time/date.js";
import type { InputSchema } from "../data/declared.js";
import { MOVE } from "../data/fields.js";

/** Interchangeable people of one school: same answers to every person-level question the checks ask. */
export interface PersonClass {
  readonly school: School;
  /** In selection order (volunteers first, then the order key). */
  readonly members: Teacher[];
  /** How many of them may be moved (the pool), and how many must (the bureau's list). */
  readonly movable: number;
  readonly mustMove: number;
  readonly volunteer: boolean;
  /**
   * The answers to every person-level question the checks ask (the class key
   * without the school and the pool): classes of two schools that agree on it,
   * leaving schools that agree on every field, meet the move rules alike.
   */
  readonly atoms?: string;
  /** The subject its people teach (任教学科), when the bureau requests people of that subject (else undefined). */
  readonly subject?: string;
}

/** Move attributes tried in order; the first that every must move-rule accepts is used. */
export interface MoveAttrs {
  readonly mode: "full_time" | "part_time";
  readonly years: number;
  readonly personnel_transfer: boolean;
  /** Facts the policy declares for a move (ADR 0003) with a finite domain: a value of each, by data key. */
  readonly [declared: string]: string | number | boolean;
}

/**
 * Receiving schools that look the same to every rule for people of one class
 * from one school: the schools of `groups` (lists shared by every class, each
 * in id order) other than `from`, the school they leave.
 */
export interface Bucket {
  readonly groups: (readonly School[])[];
  readonly from: string;
  readonly attrs: MoveAttrs;
}

/** The schools of a bucket (its groups, without the school left). */
export function* bucketSchools(b: Bucket): Generator<School> {
  for (const g of b.groups) for (const s of g) if (s.id !== b.from) yield s;
}

function firstSchool(b: Bucket, where: (s: School) => boolean = () => true): School | undefined {
  for (const s of bucketSchools(b)) if (where(s)) return s;
  return undefined;
}

export interface Flow {
  readonly cls: PersonClass;
  readonly bucket: Bucket;
  readonly col: number;
}

/** One check on one subject, as encoded: met iff its slack is 0 / its indicator is 1. */
export interface Encoded {
  readonly check: CompiledCheck;
  readonly subject: SubjectRef;
  readonly must: boolean;
  readonly slack?: number;
  readonly indicator?: number;
  /** Scale of the slack's row (a shortfall of `slack / scale` people). */
  readonly scale: number;
  /** Flow columns counted in this rule's favour (for the reasons given per person). */
  readonly helped: ReadonlySet<number>;
}

export interface Unsupported {
  readonly check: CheckInfo;
  readonly why: string;
}

/** One of the bureau's requests, as encoded: Σ flows into the school (of the subject) + slack ≥ asked. */
export interface EncodedRequest {
  readonly school: string;
  /** The subject asked for; undefined for the school's headcount. */
  readonly subject?: string;
  readonly asked: number;
  /** People short, priced at REQUEST_PENALTY each. */
  readonly slack: number;
  /** The most people (of the subject) the model could send to the school: the pool that may go there. */
  readonly candidates: number;
}

/** What a receiving school asks for (propose.ts BureauRequest). */
export interface RequestSpec {
  readonly count?: number;
  readonly subjects?: ReadonlyMap<string, number>;
}

export interface Built {
  readonly mip: Mip;
  readonly flows: Flow[];
  readonly classes: PersonClass[];
  readonly encoded: Encoded[];
  /** The bureau's requests of this component's schools, in school id then subject order. */
  readonly requests: EncodedRequest[];
  readonly unsupported: Unsupported[];
  /** Checks whose rule is false whatever the plan (e.g. a person the rule requires to move is deferred). */
  readonly constantFalse: { check: CompiledCheck; subject: SubjectRef }[];
}

/**
 * The cost ladder (docs/adr/0002-propose.md): a must-rule missed costs 10 000
 * (per unit of its row, or once for a composite rule), a should-rule 100, a
 * person short of a bureau's request 30, a move 1 (volunteers 0.7, plus at
 * most 0.1 by the place in the order), a move into a school that made a
 * request 0.01 more. So a request outweighs moving a few more people, never a
 * rule: propose.ts also re-solves with the rules' cost held at what it is
 * without the requests, should many requests together outweigh one.
 */
export const MUST_PENALTY = 10000;
export const SHOULD_PENALTY = 100;
export const REQUEST_PENALTY = 30;
/** A move into a school that made a request: people go there for the request, not as the spill of other moves. */
export const REQUESTED_SCHOOL_COST = 0.01;

const YEARS = [3, 2, 1, 4, 5, 6];
export const ATTRS: MoveAttrs[] = YEARS.flatMap((years) =>
  [true, false].flatMap((personnel_transfer) =>
    (["full_time", "part_time"] as const).map((mode) => ({ mode, years, personnel_transfer })),
  ),
);

/** A move fact the policy declares (not in fields.ts) whose values propose can try: a truth value or an enum. */
export interface DeclaredMoveFact {
  readonly key: string;
  readonly zh: string;
  readonly values: readonly (string | boolean)[];
}

/** The policy's own move facts propose fills, in declaration order (others stay absent, so unknown). */
export function declaredMoveFacts(input: InputSchema): DeclaredMoveFact[] {
  const out: DeclaredMoveFact[] = [];
  for (const [key, f] of Object.entries(input.move)) {
    if (Object.hasOwn(MOVE, key)) continue;
    const t = f.type;
    if (t.t === "bool") out.push({ key, zh: f.zh, values: [true, false] });
    else if (t.t === "enum") out.push({ key, zh: f.zh, values: Object.keys(input.enumTable(t.e).labels) });
  }
  return out;
}

const attrsMemo = new WeakMap<InputSchema, MoveAttrs[]>();

/**
 * The move attributes tried for a policy, in order: ATTRS (the built-in
 * fields), each with every combination of the values of the policy's declared
 * move facts (declaration order, values in declared order). A policy that
 * declares none gets ATTRS itself.
 */
export function attrsOf(input: InputSchema): MoveAttrs[] {
  let hit = attrsMemo.get(input);
  if (hit) return hit;
  let combos: Record<string, string | boolean>[] = [{}];
  for (const d of declaredMoveFacts(input)) combos = combos.flatMap((c) => d.values.map((v) => ({ ...c, [d.key]: v })));
  hit = combos.length === 1 ? ATTRS : ATTRS.flatMap((a) => combos.map((c) => ({ ...a, ...c })));
  attrsMemo.set(input, hit);
  return hit;
}

type Lin = { terms: Map<number, number>; k: number };
type Cond =
  | { t: "true" }
  | { t: "false" }
  | { t: "ge"; lin: Lin; integral: boolean }
  | { t: "and"; parts: Cond[] }
  | { t: "or"; parts: Cond[] }
  | { t: "unsupported"; why: string };

const TRUE: Cond = { t: "true" };
const FALSE: Cond = { t: "false" };

function lin(k = 0): Lin {
  return { terms: new Map(), k };
}
function addLin(a: Lin, b: Lin, s = 1): Lin {
  const out = { terms: new Map(a.terms), k: a.k + s * b.k };
  for (const [c, v] of b.terms) out.terms.set(c, (out.terms.get(c) ?? 0) + s * v);
  return out;
}
function scaleLin(a: Lin, s: number): Lin {
  const out = lin(a.k * s);
  for (const [c, v] of a.terms) out.terms.set(c, v * s);
  return out;
}

/** Smallest q ≤ 10000 making every coefficient of `a` an integer, or undefined. */
function integerScale(a: Lin): number | undefined {
  const vals = [a.k, ...a.terms.values()];
  for (let q = 1; q <= 10000; q++) if (vals.every((v) => Math.abs(v * q - Math.round(v * q)) < 1e-9)) return q;
  return undefined;
}

/** `a ≥ 0` (strict: `a > 0`), scaled to integers where possible so that strictness is exact. */
function geCond(a: Lin, strict: boolean): Cond {
  const q = integerScale(a);
  if (a.terms.size === 0) return (strict ? a.k > 1e-9 : a.k >= -1e-9) ? TRUE : FALSE;
  if (q === undefined) return { t: "ge", lin: strict ? addLin(a, lin(-1e-6)) : a, integral: false };
  const s = scaleLin(a, q);
  return { t: "ge", lin: strict ? addLin(s, lin(-1)) : s, integral: true };
}

function not(c: Cond): Cond {
  switch (c.t) {
    case "true":
      return FALSE;
    case "false":
      return TRUE;
    case "ge":
      // ¬(a ≥ 0) ⇔ -a > 0
      return c.integral
        ? { t: "ge", lin: addLin(scaleLin(c.lin, -1), lin(-1)), integral: true }
        : geCond(scaleLin(c.lin, -1), true);
    case "and":
      return or(c.parts.map(not));
    case "or":
      return and(c.parts.map(not));
    default:
      return c;
  }
}
function and(parts: Cond[]): Cond {
  const u = parts.find((p) => p.t === "unsupported");
  if (u) return u;
  if (parts.some((p) => p.t === "false")) return FALSE;
  const rest = parts.filter((p) => p.t !== "true");
  return rest.length === 0 ? TRUE : rest.length === 1 ? rest[0]! : { t: "and", parts: rest };
}
function or(parts: Cond[]): Cond {
  if (parts.some((p) => p.t === "true")) return TRUE;
  const u = parts.find((p) => p.t === "unsupported");
  if (u) return u;
  const rest = parts.filter((p) => p.t !== "false");
  return rest.length === 0 ? FALSE : rest.length === 1 ? rest[0]! : { t: "or", parts: rest };
}

type Num =
  { t: "lin"; lin: Lin } | { t: "ratio"; num: Lin; den: Lin } | { t: "na" } | { t: "unsupported"; why: string };

/** The plan facts the evaluator reads while the model is built: decisions fixed, moves probed. */
export interface Probe {
  decisions: ReadonlyMap<string, string>;
  /** The move probed for one person (set while evaluating a filter), else none. */
  moved: Map<string, Move>;
}

export function probeWorld(base: World, probe: Probe): World {
  return {
    ...base,
    plan: {
      decisionOf: (t: Teacher) => probe.decisions.get(t.id) ?? "indeterminate",
      moveOf: (t: Teacher) => probe.moved.get(t.id),
    },
  };
}

export interface ComponentInput {
  readonly program: Program;
  readonly shapes: Shapes;
  readonly world: World;
  readonly probe: Probe;
  /** This component's schools and people (one district, as a dataset). */
  readonly data: Dataset;
  readonly classes: PersonClass[];
  /** Receiving-school fields read by the checks (the key under which schools look alike). */
  readonly receiving: readonly string[];
  /** Whether a receiving school must stay distinguishable (counts of incoming moves, capacities). */
  readonly perDestination: boolean;
  /** Most people a school may receive (the bureau's constraint). */
  readonly capacity: ReadonlyMap<string, number>;
  /**
   * What receiving schools ask for (the bureau's soft lower bounds), by school
   * id: each requested school is a bucket of its own, so the people sent to it
   * can be counted.
   */
  readonly requests?: ReadonlyMap<string, RequestSpec>;
  /** Whether a rule reads the school left as a whole (then schools are told apart by id too). */
  readonly fromId: boolean;
  /**
   * Receiving-school fields every check reads only by relation (Shapes.relationalFields): whether
   * each school has one and whether the two have the same. The move answers are memoised by those
   * relations rather than by the field's value (an education group: one value per group).
   */
  readonly relational?: readonly string[];
  /** Cost bias per class (selection order), small against a move's cost of 1. */
  readonly bias: (c: PersonClass) => number;
  /**
   * A declared selection order that binds (its clause is a must): per school,
   * its pool in that order as runs of people who tie (each run: how many of
   * each class). The people moved from the pool must be a prefix of the runs:
   * nobody of a run unless every earlier run is moved in full.
   */
  readonly orderRuns?: (
    school: string,
  ) => readonly (readonly { readonly cls: PersonClass; readonly n: number }[])[] | undefined;
}

export function buildModel(inp: ComponentInput): Built {
  const { program, shapes, probe, data } = inp;
  const mip = new Mip();
  const f = newFrame(inp.world);
  const fnCache = new Map<number, Fn>();
  const fn = (e: A.Expr) => {
    let g = fnCache.get(e.id);
    if (!g) fnCache.set(e.id, (g = program.expr(e)));
    return g;
  };
  const unsupported: Unsupported[] = [];
  const constantFalse: Built["constantFalse"] = [];
  const must = (c: CompiledCheck) => c.info.clause.clause.modality.value === "must";
  const planChecks = program.checks.filter((c) => c.info.check.mode === "check");
  const moveChecks = planChecks.filter((c) => c.info.check.subject.kind === "move");

  // Subjects of the component with no moves: what the roster alone says.
  const schoolSubject = new Map<string, Subject>();
  for (const s of subjectsOf("school", data, [])) schoolSubject.set(s.id, s);
  const setPerson = (t: Teacher | undefined, s: School | undefined) => {
    f.person = t;
    f.school = s;
    f.subject = s ? schoolSubject.get(s.id) : undefined;
    f.move = undefined;
    f.gen++;
  };

  // ---- receiving schools, grouped by what the checks can see of them
  const requested = (id: string) => inp.requests?.has(id) === true;
  const valueOf = (s: School, k: string) => (s as unknown as Record<string, unknown>)[k];
  const valuesKey = (s: School, keys: readonly string[]) => keys.map((k) => String(valueOf(s, k))).join("\u0001");
  const keyOf = (s: School) =>
    inp.perDestination ? s.id : requested(s.id) ? `\u0003${s.id}` : valuesKey(s, inp.receiving);
  const byKey = new Map<string, School[]>();
  for (const s of [...data.schools].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    const k = keyOf(s);
    let l = byKey.get(k);
    if (!l) byKey.set(k, (l = []));
    l.push(s);
  }
  /** `交流人员`: the value of a move that is the person moved (definitions followed). */
  const isMover = (e: A.Expr): boolean => {
    if (e.kind !== "Name") return false;
    const r = program.policy.resolutions.get(e.id);
    if (r?.k === "define") return isMover(r.d.decl.value);
    return r?.k === "field" && r.rec === "move" && !r.viaMoveTeacher && r.info.name === "teacher";
  };
  const moveAggs: A.Aggregate[] = [];
  for (const c of planChecks) {
    if (c.info.check.subject.kind === "move") continue;
    for (const e of [c.info.check.where, c.info.check.applicable, c.info.check.body])
      if (e) collectAggs(e, program, moveAggs);
  }

  // Evaluate a move of `t` from `s` to `to` with attributes `a` through a frame.
  const withMove = <T>(
    t: Teacher,
    s: School,
    to: School,
    a: MoveAttrs,
    subject: Subject | undefined,
    run: () => T,
  ): T => {
    const m: Move = { teacher: t.id, from: s.id, to: to.id, ...a };
    probe.moved.set(t.id, m);
    f.person = t;
    f.move = m;
    f.school = subject?.school ?? s;
    f.subject = subject;
    f.gen++;
    try {
      return run();
    } finally {
      probe.moved.delete(t.id);
    }
  };
  const moveRulesOk = (t: Teacher, s: School, to: School, a: MoveAttrs, which: "must" | "all"): boolean =>
    withMove(t, s, to, a, undefined, () =>
      moveChecks.every((c) => {
        if (which === "must" && !must(c)) return true;
        if (c.where) {
          const w = c.where(f);
          if (w !== true) return true;
        }
        if (c.applicable && c.applicable(f) !== true) return true;
        return c.body(f) === true;
      }),
    );

  // The fields read only by relation, where the value can be left out of a key: a primitive (an object,
  // e.g. a month-only date, is compared by value, not by identity) and the schools not told apart anyway.
  const relational = inp.perDestination || inp.fromId ? [] : (inp.relational ?? []);
  const absolute = inp.receiving.filter((x) => !relational.includes(x));
  const loose = (v: unknown) => v !== undefined && v !== null && typeof v === "object";
  // What a school leaving looks like to the rules: every field but its name (and its id, unless a rule
  // reads it); of a field read only by relation, whether it has one.
  const fromKeys = new Map<string, string>();
  const fromKey = (s: School): string => {
    let k = fromKeys.get(s.id);
    if (k === undefined) {
      const r = s as unknown as Record<string, unknown>;
      k = Object.keys(r)
        .filter((x) => x !== "name" && (x !== "id" || inp.fromId))
        .sort()
        .map((x) =>
          relational.includes(x) && !loose(r[x]) ? `${x}?${r[x] !== undefined}` : `${x}=${JSON.stringify(r[x])}`,
        )
        .join("\u0001");
      fromKeys.set(s.id, k);
    }
    return k;
  };
  // A kind of receiving school as the move rules see it from school `from`: its key, with each field read
  // only by relation as whether it has one and whether it is the same as the school left's.
  // (A value that is an object on either side keeps the kind's own key.)
  const relKeys = new Map<string, { rest: string; values: unknown[] } | null>();
  const relKeyOf = (gkey: string, to: School, from: School): string => {
    let e = relKeys.get(gkey);
    if (e === undefined) {
      const values = relational.map((x) => valueOf(to, x));
      e =
        relational.length === 0 || requested(to.id) || values.some(loose)
          ? null
          : { rest: valuesKey(to, absolute), values };
      relKeys.set(gkey, e);
    }
    if (e === null) return gkey;
    let k = `\u0004${e.rest}`;
    for (let i = 0; i < relational.length; i++) {
      const v = e.values[i];
      const mine = valueOf(from, relational[i]!);
      if (loose(mine)) return gkey;
      k += v === undefined ? "\u0001-" : v === mine ? "\u0001=" : "\u0001≠";
    }
    return k;
  };
  // The attributes a move may take: the built-in ones, with the policy's declared move facts.
  const tried = attrsOf(program.policy.input);
  // The move rules' answer for (class answers, school left, kind of receiving school), computed once:
  // by class answers and school left, then by kind of receiving school (a long key made once per class,
  // not once per class and kind). `head`: the start of the key of the bucket it goes to.
  const moveMemo = new Map<string, Map<string, { attrs: MoveAttrs; seen: string[]; head?: string } | null>>();

  // ---- flows: per class of a school, one column per bucket of receiving schools
  const flows: Flow[] = [];
  const flowsOf = new Map<PersonClass, Flow[]>();
  const flowsBySchool = new Map<string, Flow[]>();
  for (const cls of inp.classes) {
    if (cls.movable === 0) continue;
    const rep = cls.members[0]!;
    const buckets = new Map<string, Bucket>();
    const mk = cls.atoms !== undefined ? `${cls.atoms}\u0002${fromKey(cls.school)}` : undefined;
    let memo = mk !== undefined ? moveMemo.get(mk) : undefined;
    if (mk !== undefined && !memo) moveMemo.set(mk, (memo = new Map()));
    for (const [gkey, group] of byKey) {
      const to = group.find((x) => x.id !== cls.school.id);
      if (!to) continue;
      const mkey = memo ? relKeyOf(gkey, to, cls.school) : gkey;
      let hit = memo?.get(mkey);
      if (hit === undefined) {
        const attrs =
          tried.find((a) => moveRulesOk(rep, cls.school, to, a, "all")) ??
          tried.find((a) => moveRulesOk(rep, cls.school, to, a, "must"));
        // What every count over moves sees of this move: its filter, and the value summed or told apart.
        const seen = attrs
          ? moveAggs.flatMap((agg) => [
              agg.where ? String(withMove(rep, cls.school, to, attrs, undefined, () => fn(agg.where!)(f))) : "true",
              ...(agg.of && !isMover(agg.of)
                ? [showKey(withMove(rep, cls.school, to, attrs, undefined, () => fn(agg.of!)(f)))]
                : []),
            ])
          : [];
        hit = attrs ? { attrs, seen } : null;
        memo?.set(mkey, hit);
      }
      if (!hit) continue;
      const { attrs, seen } = hit;
      // Per destination, a bucket is one school (a count of moves in, a capacity, tells them apart).
      // JSON.stringify([attrs, seen, to.id or ""]), its head made once per entry.
      const head = (hit.head ??= JSON.stringify([attrs, seen]).slice(0, -1));
      const sig = `${head},${JSON.stringify(inp.perDestination || requested(to.id) ? to.id : "")}]`;
      let b = buckets.get(sig);
      if (!b) buckets.set(sig, (b = { groups: [], from: cls.school.id, attrs }));
      // Shared, not copied: a district's schools are listed once per key, not once per class.
      b.groups.push(group);
    }
    const list: Flow[] = [];
    for (const [, b] of [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let room = 0;
      if (inp.perDestination) for (const s of bucketSchools(b)) room += inp.capacity.get(s.id) ?? Infinity;
      const cap = inp.perDestination ? Math.min(cls.movable, room) : cls.movable;
      if (cap <= 0) continue;
      const intoRequested = inp.requests?.size ? [...bucketSchools(b)].some((s) => requested(s.id)) : false;
      const col = mip.col(0, cap, true, 1 + inp.bias(cls) + (intoRequested ? REQUESTED_SCHOOL_COST : 0));
      const fl = { cls, bucket: b, col };
      flows.push(fl);
      list.push(fl);
      let l = flowsBySchool.get(cls.school.id);
      if (!l) flowsBySchool.set(cls.school.id, (l = []));
      l.push(fl);
    }
    flowsOf.set(cls, list);
    // At most the movable, at least those the bureau requires.
    const out = new Map(list.map((x) => [x.col, 1]));
    mip.ge(scaleTerms(out, -1), -cls.movable);
    if (cls.mustMove > 0) mip.ge(out, cls.mustMove);
  }
  // The selection order: per school, a run is moved only when every earlier run is moved in full.
  if (inp.orderRuns)
    for (const s of data.schools) {
      const runs = inp.orderRuns(s.id);
      if (!runs || runs.length < 2) continue;
      const ofClass = new Map<PersonClass, Map<number, number>>();
      const totals = runs.map((run) => {
        const terms = new Map<number, number>();
        let size = 0;
        for (const { cls, n } of run) {
          const u = mip.col(0, n, true, 0);
          terms.set(u, 1);
          size += n;
          let m = ofClass.get(cls);
          if (!m) ofClass.set(cls, (m = new Map()));
          m.set(u, 1);
        }
        return { terms, size };
      });
      // A class's moves are its people in the runs.
      for (const [cls, us] of ofClass) {
        const x = new Map((flowsOf.get(cls) ?? []).map((fl) => [fl.col, 1]));
        mip.ge(new Map([...x, ...scaleTerms(us, -1)]), 0);
        mip.ge(new Map([...scaleTerms(x, -1), ...us]), 0);
      }
      for (let g = 0; g + 1 < totals.length; g++) {
        const full = mip.col(0, 1, true, 0);
        mip.ge(new Map([...totals[g]!.terms, [full, -totals[g]!.size]]), 0);
        mip.ge(new Map([...scaleTerms(totals[g + 1]!.terms, -1), [full, totals[g + 1]!.size]]), 0);
      }
    }
  // Receiving capacities (the bureau's): per destination school.
  if (inp.perDestination && inp.capacity.size) {
    const into = new Map<string, Map<number, number>>();
    for (const fl of flows)
      for (const s of bucketSchools(fl.bucket)) {
        let m = into.get(s.id);
        if (!m) into.set(s.id, (m = new Map()));
        m.set(fl.col, 1);
      }
    for (const [id, m] of into) {
      const cap = inp.capacity.get(id);
      if (cap !== undefined) mip.ge(scaleTerms(m, -1), -cap);
    }
  }

  // The bureau's requests: per school (and subject), Σ flows into it + slack ≥ asked, the slack priced.
  const requests: EncodedRequest[] = [];
  if (inp.requests?.size) {
    const here = new Set(data.schools.map((s) => s.id));
    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const school of [...inp.requests.keys()].filter((id) => here.has(id)).sort(byId)) {
      const req = inp.requests.get(school)!;
      const into = flows.filter((fl) => firstSchool(fl.bucket, (s) => s.id === school) !== undefined);
      const row = (asked: number, subject?: string) => {
        const fls = subject === undefined ? into : into.filter((fl) => fl.cls.subject === subject);
        const slack = mip.col(0, asked, false, REQUEST_PENALTY);
        mip.ge(new Map([...fls.map((fl) => [fl.col, 1] as [number, number]), [slack, 1]]), asked);
        const candidates = fls.reduce((n, fl) => n + mip.cols[fl.col]!.ub, 0);
        requests.push({ school, ...(subject !== undefined ? { subject } : {}), asked, slack, candidates });
      };
      if (req.count !== undefined) row(req.count);
      for (const [subject, n] of [...(req.subjects ?? [])].sort(([a], [b]) => byId(a, b))) row(n, subject);
    }
  }

  // ---- the checks, subject by subject
  const encoded: Encoded[] = [];
  const classesBySchool = new Map<string, PersonClass[]>();
  for (const c of inp.classes) {
    let l = classesBySchool.get(c.school.id);
    if (!l) classesBySchool.set(c.school.id, (l = []));
    l.push(c);
  }
  const subjCache = new Map<GroupKind, Subject[]>();
  const subjects = (k: GroupKind) => {
    let s = subjCache.get(k);
    if (!s) subjCache.set(k, (s = subjectsOf(k, data, [])));
    return s;
  };
  const aggMemo = new Map<string, Lin>();

  const setSubject = (s: Subject) => {
    f.subject = s;
    f.school = s.school;
    f.person = undefined;
    f.move = undefined;
    f.gen++;
  };

  /** A plan-dependent count over the subject's moves / moves in / people. */
  const countLin = (agg: A.Aggregate, S: Subject): Lin | string => {
    const coll = program.policy.resolutions.get(agg.collection.id);
    if (coll?.k !== "collection") return `${agg.fn}(…) over the plan`;
    const overMoves = coll.name === "moves" || coll.name === "moves_in";
    const overMovesOk = ["sum", "count_distinct", "any", "all"].includes(agg.fn);
    if (agg.fn !== "count" && !(overMoves && overMovesOk))
      return `${agg.fn}(…) over ${coll.name} that depends on the plan`;
    const memoKey = `${agg.id}|${S.kind}|${S.id}`;
    const hit = aggMemo.get(memoKey);
    if (hit) return hit;
    const out = lin();
    const where = agg.where ? fn(agg.where) : undefined;
    const schoolIds = new Set(S.schools.map((s) => s.id));
    if (coll.name === "moves" || coll.name === "moves_in") {
      const inbound = coll.name === "moves_in";
      if (inbound && !inp.perDestination) return "moves in without per-destination model";
      const candidates = inbound
        ? flows.filter((fl) => firstSchool(fl.bucket, (s) => schoolIds.has(s.id)) !== undefined)
        : S.schools.flatMap((s) => flowsBySchool.get(s.id) ?? []);
      // count: 1 per move; sum: the move's value; count_distinct: 1 per move when the value told apart
      // is the person moved (each person moves at most once), else one indicator per distinct value.
      const of = agg.of ? fn(agg.of) : undefined;
      const perMove = agg.fn === "count" || (agg.fn === "count_distinct" && isMover(agg.of!));
      const distinct = new Map<string, Map<number, number>>();
      for (const fl of candidates) {
        const rep = fl.cls.members[0]!;
        const to = firstSchool(fl.bucket, inbound ? (s) => schoolIds.has(s.id) : undefined)!;
        const v = where ? withMove(rep, fl.cls.school, to, fl.bucket.attrs, S, () => where(f)) : true;
        if (agg.fn === "any" || agg.fn === "all") {
          // 存在/全部 become counts of the moves that witness them (aggregates.ts AnyAcc/AllAcc):
          // any — kept and meeting the predicate; all — kept and breaking it (without a
          // predicate, `其中` is the predicate: the moves not kept).
          const counted = (a: MoveAttrs): boolean | string => {
            const keep = a === fl.bucket.attrs || !where ? v : withMove(rep, fl.cls.school, to, a, S, () => where(f));
            if (typeof keep !== "boolean") return `a filter of ${agg.collection.name} is unknown for ${rep.id}`;
            if (!agg.of) return agg.fn === "any" ? keep : !keep;
            if (!keep) return false;
            const x = withMove(rep, fl.cls.school, to, a, S, () => of!(f));
            if (typeof x !== "boolean") return `a condition over ${agg.collection.name} is unknown for ${rep.id}`;
            return agg.fn === "any" ? x : !x;
          };
          const c = counted(fl.bucket.attrs);
          if (typeof c === "string") return c;
          // The model fixes a bucket's mode, years and transfer by the per-move rules alone; when the
          // answer here would change with them, a count of this bucket could call a plan impossible
          // that other attributes would make possible — so say the shape is not supported instead.
          if (where || agg.of)
            for (const a of ATTRS)
              if (a !== fl.bucket.attrs && moveRulesOk(rep, fl.cls.school, to, a, "must") && counted(a) !== c)
                return `${agg.fn}(…) over ${agg.collection.name} reads a move's own mode, years or transfer, which the model fixes per receiving school`;
          if (c) out.terms.set(fl.col, (out.terms.get(fl.col) ?? 0) + 1);
          continue;
        }
        if (v === false) continue;
        if (v !== true) return `a filter of ${agg.collection.name} is unknown for ${rep.id}`;
        if (perMove) {
          out.terms.set(fl.col, (out.terms.get(fl.col) ?? 0) + 1);
          continue;
        }
        const x = withMove(rep, fl.cls.school, to, fl.bucket.attrs, S, () => of!(f));
        if (agg.fn === "sum") {
          const k = typeof x === "number" ? x : isWholeMonths(x) ? x.months : undefined;
          if (k === undefined) return `a value summed over ${agg.collection.name} is not a whole number for ${rep.id}`;
          if (k !== 0) out.terms.set(fl.col, (out.terms.get(fl.col) ?? 0) + k);
          continue;
        }
        if (isUnknown(x)) return `a value counted over ${agg.collection.name} is unknown for ${rep.id}`;
        const key = showKey(x);
        let m = distinct.get(key);
        if (!m) distinct.set(key, (m = new Map()));
        m.set(fl.col, 1);
      }
      // y_v = [some move has value v]: y_v ≤ Σ x and Σ x ≤ M·y_v, exact in both directions.
      for (const [, flowsOfValue] of [...distinct].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const y = mip.col(0, 1, true);
        const upper = -mip.minOf(scaleTerms(flowsOfValue, -1));
        mip.ge(new Map([...flowsOfValue, [y, -1]]), 0);
        mip.ge(new Map([...scaleTerms(flowsOfValue, -1), [y, upper]]), 0);
        out.terms.set(y, 1);
      }
    } else if (coll.name === "teachers") {
      for (const s of S.schools)
        for (const cls of classesBySchool.get(s.id) ?? []) {
          const rep = cls.members[0]!;
          const probeMove = (moved: boolean): Value => {
            setPerson(rep, cls.school);
            f.subject = S;
            f.school = S.school;
            if (moved) probe.moved.set(rep.id, { teacher: rep.id, from: s.id, to: s.id });
            try {
              return where ? where(f) : true;
            } finally {
              probe.moved.delete(rep.id);
            }
          };
          const v1 = probeMove(true);
          const v0 = probeMove(false);
          if (typeof v1 !== "boolean" || typeof v0 !== "boolean") return `a filter of people is unknown for ${rep.id}`;
          const n = cls.members.length;
          if (v0) out.k += n;
          const d = (v1 ? 1 : 0) - (v0 ? 1 : 0);
          if (d !== 0) for (const fl of flowsOf.get(cls) ?? []) out.terms.set(fl.col, (out.terms.get(fl.col) ?? 0) + d);
        }
    } else return `count over ${coll.name} that depends on the plan`;
    aggMemo.set(memoKey, out);
    return out;
  };

  const numOf = (e: A.Expr, S: Subject): Num => {
    if (shapes.fixed(e)) {
      setSubject(S);
      const v = fn(e)(f);
      if (typeof v === "number") return { t: "lin", lin: lin(v) };
      if (v instanceof Ratio) return v.den === 0 ? { t: "na" } : { t: "lin", lin: lin(v.value) };
      // A duration in whole months (a threshold a sum of move years is compared with) counts in months.
      if (isWholeMonths(v)) return { t: "lin", lin: lin(v.months) };
      if (isUnknown(v))
        return v.reasons.every((r) => r.code === "E005") ? { t: "na" } : { t: "unsupported", why: "unknown" };
      return { t: "unsupported", why: `a ${typeof v} value` };
    }
    switch (e.kind) {
      case "Aggregate": {
        const l = countLin(e, S);
        return typeof l === "string" ? { t: "unsupported", why: l } : { t: "lin", lin: l };
      }
      case "Binary": {
        const a = numOf(e.left, S);
        const b = numOf(e.right, S);
        if (a.t === "unsupported") return a;
        if (b.t === "unsupported") return b;
        if (a.t === "na" || b.t === "na") return { t: "na" };
        if (e.op === "/" && a.t === "lin" && b.t === "lin") {
          if (b.lin.terms.size === 0)
            return b.lin.k === 0 ? { t: "na" } : { t: "lin", lin: scaleLin(a.lin, 1 / b.lin.k) };
          return { t: "ratio", num: a.lin, den: b.lin };
        }
        if ((e.op === "+" || e.op === "-") && a.t === "lin" && b.t === "lin")
          return { t: "lin", lin: addLin(a.lin, b.lin, e.op === "+" ? 1 : -1) };
        if (e.op === "*" && a.t === "lin" && b.t === "lin") {
          if (a.lin.terms.size === 0) return { t: "lin", lin: scaleLin(b.lin, a.lin.k) };
          if (b.lin.terms.size === 0) return { t: "lin", lin: scaleLin(a.lin, b.lin.k) };
        }
        return { t: "unsupported", why: `${e.op} of plan-dependent values` };
      }
      case "Name": {
        const r = program.policy.resolutions.get(e.id);
        if (r?.k === "define") return numOf(r.d.decl.value, S);
        return { t: "unsupported", why: "a plan-dependent name" };
      }
      default:
        return { t: "unsupported", why: `${e.kind} of plan-dependent values` };
    }
  };

  const compareCond = (e: A.Compare, S: Subject): Cond => {
    const a = numOf(e.left, S);
    const b = numOf(e.right, S);
    if (a.t === "unsupported") return { t: "unsupported", why: a.why };
    if (b.t === "unsupported") return { t: "unsupported", why: b.why };
    if (a.t === "na" || b.t === "na") return TRUE; // a share over nobody: not applicable
    // num/den op k  ⇒  num − k·den op 0 (den ≥ 0; at den = 0 the rule is not applicable and the row holds)
    let d: Lin;
    if (a.t === "ratio" && b.t === "lin" && b.lin.terms.size === 0) d = addLin(a.num, scaleLin(a.den, b.lin.k), -1);
    else if (b.t === "ratio" && a.t === "lin" && a.lin.terms.size === 0)
      d = addLin(scaleLin(b.den, a.lin.k), b.num, -1);
    else if (a.t === "lin" && b.t === "lin") d = addLin(a.lin, b.lin, -1);
    else return { t: "unsupported", why: "a comparison of two plan-dependent shares" };
    switch (e.op) {
      case ">=":
        return geCond(d, false);
      case ">":
        return geCond(d, true);
      case "<=":
        return geCond(scaleLin(d, -1), false);
      case "<":
        return geCond(scaleLin(d, -1), true);
      case "==":
        return and([geCond(d, false), geCond(scaleLin(d, -1), false)]);
      case "!=":
        return or([geCond(d, true), geCond(scaleLin(d, -1), true)]);
      default:
        return { t: "unsupported", why: `${e.word} of counts` };
    }
  };

  const boolCond = (e: A.Expr, S: Subject): Cond => {
    if (shapes.fixed(e)) {
      setSubject(S);
      const v = fn(e)(f);
      if (v === true) return TRUE;
      if (v === false) return FALSE;
      if (isUnknown(v) && v.reasons.every((r) => r.code === "E005")) return TRUE;
      return { t: "unsupported", why: "undetermined on the roster" };
    }
    switch (e.kind) {
      case "Compare":
        return compareCond(e, S);
      case "Aggregate": {
        // Over the plan's moves only (countLin refuses the rest): any ⇔ witnesses ≥ 1, all ⇔ breaches ≤ 0.
        if (e.fn !== "any" && e.fn !== "all") return { t: "unsupported", why: `${e.fn}(…) as a condition` };
        const l = countLin(e, S);
        if (typeof l === "string") return { t: "unsupported", why: l };
        return e.fn === "any" ? geCond(addLin(l, lin(-1)), false) : geCond(scaleLin(l, -1), false);
      }
      case "Binary":
        if (e.op === "and") return and([boolCond(e.left, S), boolCond(e.right, S)]);
        if (e.op === "or") return or([boolCond(e.left, S), boolCond(e.right, S)]);
        return { t: "unsupported", why: e.op };
      case "Unary":
        return e.op === "not" ? not(boolCond(e.operand, S)) : { t: "unsupported", why: "negation" };
      case "Name": {
        const r = program.policy.resolutions.get(e.id);
        if (r?.k === "define") return boolCond(r.d.decl.value, S);
        return { t: "unsupported", why: "a plan-dependent fact" };
      }
      default:
        return { t: "unsupported", why: e.kind };
    }
  };

  const encode = (cond: Cond, ind: number | undefined, helped: Set<number>): void => {
    switch (cond.t) {
      case "true":
        return;
      case "false":
        if (ind !== undefined) mip.ge(new Map([[ind, -1]]), 0);
        return;
      case "ge": {
        for (const [c, k] of cond.lin.terms) if (k > 0) helped.add(c);
        const terms = new Map(cond.lin.terms);
        if (ind === undefined) {
          mip.ge(terms, -cond.lin.k);
          return;
        }
        // lin + M(1 − ind) ≥ 0, M large enough to free the row when ind = 0.
        const M = Math.max(0, -(mip.minOf(terms) + cond.lin.k));
        terms.set(ind, (terms.get(ind) ?? 0) - M);
        mip.ge(terms, -cond.lin.k - M);
        return;
      }
      case "and":
        for (const p of cond.parts) encode(p, ind, helped);
        return;
      case "or": {
        const bs = cond.parts.map(() => mip.col(0, 1, true));
        const sum = new Map(bs.map((b) => [b, 1]));
        if (ind === undefined) mip.ge(sum, 1);
        else {
          sum.set(ind, -1);
          mip.ge(sum, 0);
        }
        cond.parts.forEach((p, i) => encode(p, bs[i], helped));
        return;
      }
      default:
        return;
    }
  };

  const top = (c: CompiledCheck, ref: SubjectRef, cond: Cond): void => {
    const isMust = must(c);
    if (cond.t === "true") return;
    if (cond.t === "unsupported") {
      if (!unsupported.some((u) => u.check === c.info)) unsupported.push({ check: c.info, why: cond.why });
      return;
    }
    if (cond.t === "false") {
      if (isMust) constantFalse.push({ check: c, subject: ref });
      return;
    }
    const helped = new Set<number>();
    const penalty = isMust ? MUST_PENALTY : SHOULD_PENALTY;
    if (cond.t === "ge") {
      // One row: a slack, priced per missing unit, says by how much it is missed.
      const slack = mip.col(0, Infinity, false, penalty);
      const terms = new Map(cond.lin.terms);
      terms.set(slack, 1);
      for (const [col, k] of cond.lin.terms) if (k > 0) helped.add(col);
      mip.ge(terms, -cond.lin.k);
      encoded.push({ check: c, subject: ref, must: isMust, slack, scale: 1, helped });
      return;
    }
    const ind = mip.col(0, 1, true, -penalty);
    encode(cond, ind, helped);
    encoded.push({ check: c, subject: ref, must: isMust, indicator: ind, scale: 1, helped });
  };

  for (const c of planChecks) {
    const kind = c.info.check.subject.kind;
    if (kind === "move") continue;
    const chk = c.info.check;
    if (kind === "teacher") {
      // Per person: the rule may only read the person's facts and whether they move.
      if (shapes.reads(chk.body) & READS_MOVE || (chk.where && !shapes.fixed(chk.where))) {
        unsupported.push({ check: c.info, why: "a per-person rule that reads the move" });
        continue;
      }
      for (const cls of inp.classes) {
        const rep = cls.members[0]!;
        setPerson(rep, cls.school);
        if (chk.where && c.where!(f) !== true) continue;
        const at = (moved: boolean) => {
          if (moved) probe.moved.set(rep.id, { teacher: rep.id, from: cls.school.id, to: cls.school.id });
          setPerson(rep, cls.school);
          try {
            const ok = c.applicable ? c.applicable(f) : true;
            return ok !== true ? true : c.body(f);
          } finally {
            probe.moved.delete(rep.id);
          }
        };
        const v1 = at(true);
        const v0 = at(false);
        const x = lin();
        for (const fl of flowsOf.get(cls) ?? []) x.terms.set(fl.col, 1);
        const n = cls.members.length;
        const cond: Cond =
          v1 === true && v0 === true
            ? TRUE
            : v1 === true && v0 !== true
              ? geCond(addLin(x, lin(-n)), false)
              : v0 === true
                ? geCond(scaleLin(x, -1), false)
                : FALSE;
        top(c, { kind: "teacher", id: rep.id }, cond);
      }
      continue;
    }
    for (const S of subjects(kind as GroupKind)) {
      const parts: Cond[] = [];
      if (chk.where) parts.push(not(boolCond(chk.where, S)));
      if (chk.applicable) parts.push(not(boolCond(chk.applicable, S)));
      parts.push(boolCond(chk.body, S));
      top(c, { kind, id: S.id }, or(parts));
    }
  }
  void schoolSubject;
  return { mip, flows, classes: inp.classes, encoded, requests, unsupported, constantFalse };
}

/**
 * What the rules cost in a solution: Σ over the rules missed of their price
 * (MUST_PENALTY, SHOULD_PENALTY) — the objective without the moves and the
 * requests — as `terms · values + k`.
 */
export function rulesCost(b: Built): { terms: Map<number, number>; k: number } {
  const terms = new Map<number, number>();
  let k = 0;
  for (const e of b.encoded) {
    const price = e.must ? MUST_PENALTY : SHOULD_PENALTY;
    // A slack is priced per unit; an indicator at −price, i.e. the price when it is 0 (missed).
    if (e.slack !== undefined) terms.set(e.slack, price);
    else {
      terms.set(e.indicator!, -price);
      k += price;
    }
  }
  return { terms, k };
}

/** What makes two values the same for 非重复计数 (a record by its id), as a string key. */
function showKey(v: Value): string {
  const k = distinctKey(v);
  return typeof k === "string" ? k : JSON.stringify(k);
}

function isWholeMonths(v: Value): v is Duration {
  return typeof v === "object" && v !== null && "months" in v && "days" in v && (v as Duration).days === 0;
}

function scaleTerms(m: ReadonlyMap<number, number>, s: number): Map<number, number> {
  return new Map([...m].map(([c, k]) => [c, k * s]));
}

/** Aggregates over moves anywhere below `e` (definitions followed). */
function collectAggs(e: A.Expr, program: Program, out: A.Aggregate[], seen = new Set<number>()): void {
  const visit = (x: A.Expr): void => {
    if (seen.has(x.id)) return;
    seen.add(x.id);
    if (x.kind === "Aggregate") {
      const coll = program.policy.resolutions.get(x.collection.id);
      if (coll?.k === "collection" && (coll.name === "moves" || coll.name === "moves_in")) out.push(x);
    }
    if (x.kind === "Name") {
      const r = program.policy.resolutions.get(x.id);
      if (r?.k === "define") visit(r.d.decl.value);
    }
    forEachChildOf(x, visit);
  };
  visit(e);
}

import { forEachChild as forEachChildOf } from "./shapes.js";
