// Proposal — `lungang propose`: a compiled policy + a roster → a draft plan
// that meets every must-rule, chosen by the selection order, with a reason
// per person; or the rules no plan can meet on this roster. Stages: decide
// everyone; group interchangeable people (classes); per district build the
// MIP from the plan checks (model.ts) and solve it (HiGHS); pick people and
// receiving schools; check the result with the same `checkPlan` users run.

import type { Dataset, Move, Plan, School, Teacher } from "../data/model.js";
import type { CheckedPolicy, ClauseInfo, SelectionOrderInfo } from "../checker/checked.js";
import type { CompiledOrder, Program } from "../interpreter/compile.js";
import { compareKey } from "../interpreter/ops.js";
import { printExpr } from "../syntax/print.js";
import { newFrame, worldOf } from "../interpreter/frame.js";
import { isUnknown, type Value } from "../interpreter/values.js";
import type * as A from "../syntax/ast.js";
import { checkPlan, subjectsOf, type PlanResult, type SubjectRef, type Violation } from "../plan/check-plan.js";
import { formatDate } from "../time/date.js";
import { solveMip, type MipSolution } from "./mip.js";
import {
  bucketSchools,
  buildModel,
  declaredMoveFacts,
  probeWorld,
  rulesCost,
  type Built,
  type DeclaredMoveFact,
  type Encoded,
  type EncodedRequest,
  type PersonClass,
  type Probe,
  type Unsupported,
} from "./model.js";
import { Shapes } from "./shapes.js";
import { candidacy, keyKinds } from "../plan/order.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-propose.js";

/** The bureau's own wishes, beside the policy (all optional). */
export interface BureauConstraints {
  /** People who must be in the plan (even when not due). */
  readonly mustMove?: readonly string[];
  /** People who must not be in the plan. */
  readonly mustNotMove?: readonly string[];
  /** Most people a school can receive. */
  readonly capacity?: ReadonlyMap<string, number>;
  /** What a receiving school asks for (soft: met when the rules allow), by school id. */
  readonly requests?: ReadonlyMap<string, BureauRequest>;
}

/** One school's request: a headcount and/or people per subject (任教学科), each a soft lower bound. */
export interface BureauRequest {
  readonly count?: number;
  readonly subjects?: ReadonlyMap<string, number>;
}

export interface ProposeOptions {
  readonly params?: ReadonlyMap<string, Value>;
  readonly constraints?: BureauConstraints;
  /** Solver time limit per district, in seconds. */
  readonly timeLimit?: number;
}

interface RunOptions extends ProposeOptions {
  /** Only these districts (the others are skipped). */
  readonly only?: ReadonlySet<string>;
  /** Only find the rules no plan can meet: no people picked, no check of a plan. */
  readonly feasibilityOnly?: boolean;
  /** The people's decisions when already made (by `check`, in the whole roster's world): not made again. */
  readonly decisions?: ReadonlyMap<string, string>;
}

/** Why a person was chosen: the rules the move counts toward, and where they stood in the order. */
export interface Selection {
  readonly teacher: Teacher;
  readonly move: Move;
  /** The plan rules this move counts toward (quotas, shares) in the subject it serves. */
  readonly quotas: { readonly clause: ClauseInfo; readonly label: string; readonly subject: SubjectRef }[];
  readonly volunteer: boolean;
  readonly mustMove: boolean;
  /** The bureau's requests this move counts toward: its receiving school's headcount, or people of its subject. */
  readonly requests: readonly ServedRequest[];
  /** 1-based place in the school's selection order among the people who could be moved. */
  readonly rank: number;
  readonly of: number;
  /** Without a declared order: lungang's key for this person (本校任教起始日期), shown beside the rank. */
  readonly orderKey: string;
  /** With a declared order (选择顺序): the order and this person's value of each key, in the order's key order. */
  readonly order?: { readonly info: SelectionOrderInfo; readonly values: readonly Value[] };
}

/** A request a move counts toward: the school's headcount (no subject), or its people of one subject. */
export interface ServedRequest {
  readonly school: string;
  readonly subject?: string;
}

/**
 * Why a request is short, when known: the school's capacity is reached; fewer
 * people of the pool (of the subject) could be sent there than asked (none:
 * 0); or there were enough, and sending more would have missed a rule of the
 * policy (or left another request shorter).
 */
export type RequestShortfall =
  | { readonly kind: "capacity"; readonly capacity: number }
  | { readonly kind: "candidates"; readonly candidates: number }
  | { readonly kind: "rules"; readonly candidates: number };

/** A request of the bureau against the proposed plan: asked, given (people sent there), met, and why not. */
export interface RequestOutcome {
  readonly school: string;
  /** The subject asked for (任教学科); undefined for the school's headcount. */
  readonly subject?: string;
  readonly asked: number;
  readonly given: number;
  readonly met: boolean;
  readonly why?: RequestShortfall;
}

/** A violated must-rule that no plan of the people due can meet on this roster, with the shortfall. */
export interface InfeasibleRule {
  readonly clause: ClauseInfo;
  readonly label: string;
  readonly subject: SubjectRef;
  /** How many more people (in the rule's own unit) the best plan still lacks, when the rule is one inequality. */
  readonly shortfall?: number;
  /** The best plan's numbers for the rule, from the checker. */
  readonly violation?: Violation;
}

/** A drafted plan: the moves, who was chosen by which order, the rules no plan can meet, and the plan's own check. */
export interface Proposal {
  readonly plan: Plan;
  readonly selections: Selection[];
  readonly infeasible: InfeasibleRule[];
  /** The bureau's requests (`--constraints` `requests`), each met or short: soft, they never make a rule fail. */
  readonly requests: RequestOutcome[];
  /** Checks the MIP could not be derived from (verified afterwards by the checker, like every rule). */
  readonly unsupported: Unsupported[];
  /** Must-rules the proposed plan still violates although the model thought them met (a bug or an unsupported shape). */
  readonly residual: Violation[];
  /** The check of the proposed plan: per-school numbers, violations (warnings only when all went well). */
  readonly check: PlanResult;
  /** Choices lungang made where the policy is silent, said in the answer. */
  readonly choices: string[];
  readonly components: number;
  /** Warnings about the answer (the solver stopped at its time limit). */
  readonly notes: Diagnostic[];
  readonly status: "compliant" | "infeasible" | "incomplete";
}

/** Without a declared order, lungang's: volunteers first, then longest service at the school, then id. */
function defaultCompare(a: Teacher, b: Teacher): number {
  if (a.volunteer !== b.volunteer) return a.volunteer ? -1 : 1;
  const x = a.school_since ?? Infinity;
  const y = b.school_since ?? Infinity;
  if (x !== y) return x - y;
  return byId(a, b);
}

function byId(a: Teacher, b: Teacher): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const ORDER_CHOICE =
  "【选择】政策未规定挑选顺序：本人申请者优先，其次本校任教起始日期早者（任教时间长）优先，再按工号。/ The policy declares no selection order: volunteers first, then the longest continuous service at the school, then the teacher id.";

/** What the answer says about a declared order: the policy's keys, and lungang's choices around them. */
export function declaredOrderChoice(o: SelectionOrderInfo): string {
  const keys = o.order.keys.map((k) => `${printExpr(k.key, "zh")} ${k.direction === "descending" ? "降序" : "升序"}`);
  const keysEn = o.order.keys.map((k) => `${printExpr(k.key, "en")} ${k.direction}`);
  return (
    `【顺序】按 ${o.clause.id}「${o.label}」挑选：本人申请者优先，申请者之间与其余人员之间均依次按 ${keys.join("，")}；` +
    `【选择】各项均相同者按工号；某项数据缺失者排在该项有数据者之后（缺失不作推断）。` +
    ` / Chosen by ${o.clause.id} "${o.label}": volunteers first, then by ${keysEn.join(", ")}; ` +
    `lungang's choices: a tie of every key is broken by teacher id, and a person whose key is missing comes after those whose key is known (nothing is guessed).`
  );
}

/**
 * The comparison a declared order gives, on each person's key values
 * computed once: volunteers first, then each key in turn (a missing value
 * after a known one); 0 when every key ties (the caller breaks it by id).
 */
function declaredCompare(
  policy: CheckedPolicy,
  order: CompiledOrder,
  keys: ReadonlyMap<string, readonly Value[]>,
): (a: Teacher, b: Teacher) => number {
  const decl = order.info.order.keys;
  const kinds = keyKinds(policy, order.info);
  return (a, b) => {
    if (a.volunteer !== b.volunteer) return a.volunteer ? -1 : 1;
    const ka = keys.get(a.id)!;
    const kb = keys.get(b.id)!;
    for (let i = 0; i < decl.length; i++) {
      const x = ka[i];
      const y = kb[i];
      const ux = x === undefined || isUnknown(x);
      const uy = y === undefined || isUnknown(y);
      if (ux || uy) {
        if (ux !== uy) return ux ? 1 : -1;
        continue;
      }
      // Two known values of one key compare (a duration that cannot be ordered is a tie of this key).
      const c = compareKey(kinds[i]!, decl[i]!.direction, x, y);
      if (c !== 0 && !isUnknown(c)) return c;
    }
    return 0;
  };
}

export const DESTINATION_CHOICE =
  "【选择】调入学校限于同一区县（县域内交流），在满足各条规定的学校中平均分配。/ Receiving schools are in the same district, spread evenly among those every rule allows.";
export const POOL_CHOICE =
  "【选择】交流人选从应交流人员和本人申请且政策允许者中产生，暂缓者不列入。/ People are chosen among those due and the volunteers the policy admits; deferred people are skipped.";

/** What the answer says when the policy declares move facts of its own: how propose fills them. */
export function declaredMoveChoice(facts: readonly DeclaredMoveFact[]): string {
  const zh = facts.map((f) => f.zh).join("、");
  const en = facts.map((f) => f.key).join(", ");
  return (
    `【选择】政策声明的交流数据项（${zh}）：每项交流取满足各条交流规定的第一种取值（按声明顺序）。` +
    ` / The move facts the policy declares (${en}): each move takes the first combination of values, in declaration order, that every move rule accepts.`
  );
}

export async function propose(program: Program, data: Dataset, options: ProposeOptions = {}): Promise<Proposal> {
  const r = await run(program, data, options);
  return { ...r, check: r.check! };
}

/**
 * The must-rules no plan can meet on this roster (moving only people due,
 * or volunteers the policy admits), in the given districts — for `check`,
 * which reports them as such rather than as the plan's violations.
 */
export async function infeasibleOn(
  program: Program,
  data: Dataset,
  districts: ReadonlySet<string>,
  params?: ReadonlyMap<string, Value>,
  decisions?: ReadonlyMap<string, string>,
): Promise<InfeasibleRule[]> {
  const r = await run(program, data, {
    only: districts,
    feasibilityOnly: true,
    ...(params ? { params } : {}),
    ...(decisions ? { decisions } : {}),
  });
  return r.infeasible;
}

/** The district a school's rules are solved in (schools without one share a component). */
export function componentOf(s: School | undefined): string {
  return s?.district ?? "\u0000";
}

async function run(
  program: Program,
  data: Dataset,
  options: RunOptions,
): Promise<Omit<Proposal, "check"> & { check?: PlanResult }> {
  const policy = program.policy;
  const shapes = new Shapes(policy);
  const declared = declaredMoveFacts(policy.input);
  const base = worldOf(
    policy,
    { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById },
    options.params,
  );
  const df = newFrame(base);
  const decisions = new Map<string, string>();
  const given = options.decisions;
  for (const t of data.teachers) decisions.set(t.id, given?.get(t.id) ?? program.decideValue(t, df));
  const probe: Probe = { decisions, moved: new Map() };
  const world = probeWorld(base, probe);
  const mustMove = new Set(options.constraints?.mustMove ?? []);
  const mustNot = new Set(options.constraints?.mustNotMove ?? []);
  const wanted = options.feasibilityOnly ? undefined : options.constraints?.requests;
  // People of a subject some school asks for are told apart from the others (only by the subjects asked for).
  const requestedSubjects = new Set([...(wanted?.values() ?? [])].flatMap((r) => [...(r.subjects?.keys() ?? [])]));
  const subjectOf = (t: Teacher) =>
    t.subject !== undefined && requestedSubjects.has(t.subject) ? t.subject : undefined;

  // The people the order chooses among (check's candidates, src/plan/order.ts), within the bureau's lists.
  const inPool = (t: Teacher): boolean => {
    if (mustNot.has(t.id)) return false;
    if (mustMove.has(t.id)) return true;
    return candidacy(program, t, decisions.get(t.id) ?? "indeterminate", df) === "yes";
  };

  // ---- person atoms: every person-level question the plan checks ask
  const atoms: A.Expr[] = [];
  const receiving = new Set<string>();
  let perDestination = (options.constraints?.capacity?.size ?? 0) > 0;
  const crossDistrict = solvesAcrossDistricts(program, shapes);
  let fromId = false;
  const checkExprs: A.Expr[] = [];
  for (const c of program.checks) {
    if (c.info.check.mode !== "check") continue;
    const ch = c.info.check;
    for (const e of [ch.where, ch.applicable, ch.body]) {
      if (!e) continue;
      checkExprs.push(e);
      shapes.receivingFields(e, receiving);
      if (shapes.readsSchoolLeft(e)) fromId = true;
      collectFilters(e, program, (agg) => {
        if (agg.where) shapes.personAtoms(agg.where, atoms);
        const coll = policy.resolutions.get(agg.collection.id);
        const overMoves = coll?.k === "collection" && (coll.name === "moves" || coll.name === "moves_in");
        // A value summed or told apart over moves: people who differ in it are not interchangeable.
        if (agg.of && overMoves) shapes.personAtoms(agg.of, atoms);
        if (coll?.k === "collection" && coll.name === "moves_in") perDestination = true;
      });
      if (ch.subject.kind === "move" || ch.subject.kind === "teacher") shapes.personAtoms(e, atoms);
    }
  }
  const atomFns = dedupe(atoms).map((e) => program.expr(e));

  // ---- classes per school
  const schoolSubjects = new Map(subjectsOf("school", data, []).map((s) => [s.id, s]));
  const af = newFrame(world);
  const classesOf = new Map<string, PersonClass[]>();
  const bySchool = new Map<string, Teacher[]>();
  for (const t of data.teachers) {
    let l = bySchool.get(t.school);
    if (!l) bySchool.set(t.school, (l = []));
    l.push(t);
  }
  const rankOf = new Map<string, { rank: number; of: number }>();
  // The policy's own selection order (its first, when it declares several), else lungang's declared tie-break.
  const order = program.orders[0];
  const orderKeys = new Map<string, readonly Value[]>();
  if (order)
    for (const t of data.teachers) {
      df.school = data.schoolById.get(t.school);
      df.subject = undefined;
      df.move = undefined;
      orderKeys.set(t.id, order.keys(t, df));
    }
  const tie = order ? declaredCompare(policy, order, orderKeys) : undefined;
  const compare = tie ? (a: Teacher, b: Teacher) => tie(a, b) || byId(a, b) : defaultCompare;
  // A declared order whose clause is a must binds the plan (check verifies it): per school, the pool
  // in order as runs of tied people, each run counted per class (the MIP moves a prefix of the runs).
  const binding = order !== undefined && order.info.clause.clause.modality.value === "must";
  const runsOf = new Map<string, { cls: PersonClass; n: number }[][]>();
  for (const [sid, people] of bySchool) {
    const school = data.schoolById.get(sid);
    if (!school) continue;
    people.sort(compare);
    const pool = people.filter(inPool);
    pool.forEach((t, i) => rankOf.set(t.id, { rank: i + 1, of: pool.length }));
    const groups = new Map<string, Teacher[]>();
    const atomsOf = new Map<string, string>();
    for (const t of people) {
      af.person = t;
      af.school = school;
      af.subject = schoolSubjects.get(sid);
      af.move = undefined;
      af.gen++;
      const answers: string[] = [];
      for (const a of atomFns) answers.push(show(a(af)));
      const atomsKey = answers.join("|");
      const subject = subjectOf(t);
      const key = [
        inPool(t) ? "P" : "-",
        t.volunteer ? "V" : "-",
        mustMove.has(t.id) ? `M${t.id}` : "-",
        atomsKey,
        subject === undefined ? "-" : `S${subject}`,
      ].join("|");
      atomsOf.set(key, atomsKey);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(t);
    }
    const list: PersonClass[] = [];
    for (const [key, members] of groups) {
      const pool = key.startsWith("P");
      const subject = subjectOf(members[0]!);
      list.push({
        school,
        members,
        movable: pool ? members.length : 0,
        mustMove: key.split("|")[2] !== "-" ? members.length : 0,
        volunteer: members[0]!.volunteer,
        atoms: atomsOf.get(key)!,
        ...(subject !== undefined ? { subject } : {}),
      });
    }
    classesOf.set(sid, list);
    if (binding && tie) {
      const classOf = new Map<string, PersonClass>();
      for (const c of list) for (const t of c.members) classOf.set(t.id, c);
      const runs: { cls: PersonClass; n: number }[][] = [];
      let prev: Teacher | undefined;
      // The bureau's must-move people are outside the order: moved whatever their place.
      for (const t of pool) {
        if (mustMove.has(t.id)) continue;
        const cls = classOf.get(t.id)!;
        let run = prev !== undefined && tie(prev, t) === 0 ? runs[runs.length - 1]! : undefined;
        if (!run) runs.push((run = []));
        const at = run.find((x) => x.cls === cls);
        if (at) at.n++;
        else run.push({ cls, n: 1 });
        prev = t;
      }
      // Consecutive runs of one and the same class are one run (its people are taken in order anyway).
      const merged: { cls: PersonClass; n: number }[][] = [];
      for (const run of runs) {
        const last = merged[merged.length - 1];
        if (last && last.length === 1 && run.length === 1 && last[0]!.cls === run[0]!.cls) last[0]!.n += run[0]!.n;
        else merged.push(run.map((x) => ({ ...x })));
      }
      runsOf.set(sid, merged);
    }
  }

  // ---- components: districts (unless a rule counts across them)
  const comps = new Map<string, School[]>();
  const compOf = (s: School) => (crossDistrict ? "*" : componentOf(s));
  for (const s of data.schools) {
    const k = compOf(s);
    let l = comps.get(k);
    if (!l) comps.set(k, (l = []));
    l.push(s);
  }
  // Each component's people, in the roster's order (one pass, not one per component).
  const peopleOf = new Map<string, Teacher[]>();
  for (const t of data.teachers) {
    const s = data.schoolById.get(t.school);
    if (!s) continue;
    const k = compOf(s);
    let l = peopleOf.get(k);
    if (!l) peopleOf.set(k, (l = []));
    l.push(t);
  }

  const moves: Move[] = [];
  const selections: Selection[] = [];
  const infeasibleEnc: Encoded[] = [];
  const shortfall = new Map<Encoded, number>();
  const constantFalse: { check: ClauseInfo; label: string; subject: SubjectRef }[] = [];
  const unsupported: Unsupported[] = [];
  const requestRows: EncodedRequest[] = [];
  const receivingList = [...receiving].sort();
  const relational = [...shapes.relationalFields(checkExprs, receivingList)].sort();
  const notes: Diagnostic[] = [];
  for (const [compName, schools] of [...comps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (options.only && compName !== "*" && !options.only.has(compName)) continue;
    const teachers = peopleOf.get(compName) ?? [];
    const comp: Dataset = {
      asOf: data.asOf,
      schools,
      teachers,
      schoolById: data.schoolById,
      teacherById: data.teacherById,
    };
    const classes = schools.flatMap((s) => classesOf.get(s.id) ?? []);
    const built = buildModel({
      program,
      shapes,
      world,
      probe,
      data: comp,
      classes,
      receiving: receivingList,
      perDestination,
      fromId,
      relational,
      capacity: options.constraints?.capacity ?? new Map(),
      ...(wanted?.size ? { requests: wanted } : {}),
      ...(binding ? { orderRuns: (id: string) => runsOf.get(id) } : {}),
      bias: (c) => {
        const r = rankOf.get(c.members[0]!.id);
        return (c.volunteer ? -0.3 : 0) + (r ? (0.1 * r.rank) / (r.of + 1) : 0);
      },
    });
    for (const u of built.unsupported) if (!unsupported.some((x) => x.check === u.check)) unsupported.push(u);
    for (const cf of built.constantFalse)
      constantFalse.push({ check: cf.check.info.clause, label: cf.check.info.label, subject: cf.subject });
    let sol = await solveMip(built.mip, options.timeLimit);
    if (sol.values && built.requests.length) sol = await rulesFirst(built, sol, options.timeLimit);
    requestRows.push(...built.requests);
    if (sol.status !== "Optimal") notes.push(diag("R004", { component: compName === "\u0000" ? "—" : compName }));
    if (!sol.values) {
      for (const e of built.encoded) if (e.must) infeasibleEnc.push(e);
      continue;
    }
    const v = sol.values;
    for (const e of built.encoded) {
      if (!e.must) continue;
      const missed = e.slack !== undefined ? v[e.slack]! > 1e-6 : v[e.indicator!]! < 0.5;
      if (!missed) continue;
      infeasibleEnc.push(e);
      if (e.slack !== undefined) shortfall.set(e, Math.round((v[e.slack]! / e.scale) * 100) / 100);
    }
    if (options.feasibilityOnly) continue;
    // ---- who and where: the first people of each class in order, to the least-loaded school of the bucket
    const incoming = new Map<string, number>();
    const byClass = new Map<PersonClass, { col: number; bucket: (typeof built.flows)[number]["bucket"] }[]>();
    for (const fl of built.flows) {
      let l = byClass.get(fl.cls);
      if (!l) byClass.set(fl.cls, (l = []));
      l.push(fl);
    }
    for (const cls of classes) {
      const fls = byClass.get(cls) ?? [];
      let next = 0;
      for (const fl of fls) {
        const n = Math.round(v[fl.col]!);
        for (let i = 0; i < n && next < cls.members.length; i++) {
          const t = cls.members[next++]!;
          let best: School | undefined;
          let load = Infinity;
          const cap = options.constraints?.capacity;
          for (const s of bucketSchools(fl.bucket)) {
            const l = incoming.get(s.id) ?? 0;
            if (cap?.has(s.id) && l >= cap.get(s.id)!) continue;
            // The least loaded; of equally loaded ones, the first by id.
            if (l < load || (l === load && best !== undefined && s.id < best.id)) {
              load = l;
              best = s;
            }
          }
          if (!best) continue;
          incoming.set(best.id, load + 1);
          const m: Move = { teacher: t.id, from: cls.school.id, to: best.id, ...fl.bucket.attrs };
          moves.push(m);
          const r = rankOf.get(t.id) ?? { rank: 0, of: 0 };
          const quotas = built.encoded
            .filter((e) => e.helped.has(fl.col))
            .map((e) => ({ clause: e.check.info.clause, label: e.check.info.label, subject: e.subject }));
          const asked = wanted?.get(best.id);
          const served: ServedRequest[] = [
            ...(asked?.count !== undefined ? [{ school: best.id }] : []),
            ...(t.subject !== undefined && asked?.subjects?.has(t.subject)
              ? [{ school: best.id, subject: t.subject }]
              : []),
          ];
          selections.push({
            teacher: t,
            move: m,
            quotas,
            requests: served,
            volunteer: t.volunteer,
            mustMove: mustMove.has(t.id),
            rank: r.rank,
            of: r.of,
            orderKey: t.school_since !== undefined ? formatDate(t.school_since) : "—",
            ...(order ? { order: { info: order.info, values: orderKeys.get(t.id)! } } : {}),
          });
        }
      }
    }
  }

  moves.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.teacher < b.teacher ? -1 : 1));
  const plan: Plan = {
    ...(data.plan?.school_year ? { school_year: data.plan.school_year } : {}),
    start: data.plan?.start ?? data.asOf,
    moves,
  };
  const check = options.feasibilityOnly ? undefined : checkPlan(program, { ...data, plan }, options.params);
  const key = (clause: ClauseInfo, s: SubjectRef) =>
    `${clause.id}\u0001${clause.clause.id}\u0001${s.kind}\u0001${s.id}`;
  const violated = new Map((check?.violations ?? []).map((x) => [key(x.clause, x.subject), x]));
  const infeasible: InfeasibleRule[] = [];
  const seen = new Set<string>();
  for (const e of infeasibleEnc) {
    const k = key(e.check.info.clause, e.subject);
    if (seen.has(k)) continue;
    seen.add(k);
    infeasible.push({
      clause: e.check.info.clause,
      label: e.check.info.label,
      subject: e.subject,
      ...(shortfall.has(e) ? { shortfall: shortfall.get(e)! } : {}),
      ...(violated.get(k) ? { violation: violated.get(k)! } : {}),
    });
  }
  for (const cf of constantFalse) {
    const k = key(cf.check, cf.subject);
    if (seen.has(k)) continue;
    seen.add(k);
    infeasible.push({
      clause: cf.check,
      label: cf.label,
      subject: cf.subject,
      ...(violated.get(k) ? { violation: violated.get(k)! } : {}),
    });
  }
  const residual = (check?.violations ?? []).filter(
    (x) => x.severity === "error" && !seen.has(key(x.clause, x.subject)),
  );
  return {
    plan,
    selections,
    infeasible,
    requests: outcomes(requestRows, moves, data, options.constraints?.capacity),
    unsupported,
    residual,
    check,
    choices: [
      order ? declaredOrderChoice(order.info) : ORDER_CHOICE,
      POOL_CHOICE,
      DESTINATION_CHOICE,
      ...(declared.length ? [declaredMoveChoice(declared)] : []),
    ],
    components: comps.size,
    notes,
    status: residual.length ? "incomplete" : infeasible.length ? "infeasible" : "compliant",
  };
}

/**
 * Requests never cost a rule. A request is priced below any rule, but many
 * people short together could outweigh one rule missed; so when the solution
 * misses a rule, the district is solved without the requests' price, and if
 * that plan misses less, solved again with the rules' cost held at that.
 */
async function rulesFirst(built: Built, sol: MipSolution, timeLimit?: number): Promise<MipSolution> {
  const { terms, k } = rulesCost(built);
  const costOf = (v: Float64Array) => {
    let n = k;
    for (const [c, w] of terms) n += w * v[c]!;
    return n;
  };
  const got = costOf(sol.values!);
  if (got < 1e-6) return sol;
  const { mip } = built;
  const prices = built.requests.map((r) => mip.cols[r.slack]!.cost);
  for (const r of built.requests) mip.cols[r.slack]!.cost = 0;
  const without = await solveMip(mip, timeLimit);
  built.requests.forEach((r, i) => (mip.cols[r.slack]!.cost = prices[i]!));
  if (!without.values) return sol;
  const least = costOf(without.values);
  if (got <= least + 1e-3) return sol;
  // Σ w·v + k ≤ least, as a row: Σ −w·v ≥ k − least (a little slack for the solver's tolerances).
  mip.ge(new Map([...terms].map(([c, w]) => [c, -w])), k - least - 1e-3);
  const held = await solveMip(mip, timeLimit);
  return held.values ? held : without;
}

/** Each request against the plan: the people sent to the school (of the subject), and why it is short. */
function outcomes(
  rows: readonly EncodedRequest[],
  moves: readonly Move[],
  data: Dataset,
  capacity: ReadonlyMap<string, number> | undefined,
): RequestOutcome[] {
  // By school, then the headcount before the subjects (an empty subject key sorts first).
  const key = (r: EncodedRequest) => `${r.school}\u0000${r.subject ?? ""}`;
  const into = new Map<string, Move[]>();
  for (const m of moves) {
    let l = into.get(m.to);
    if (!l) into.set(m.to, (l = []));
    l.push(m);
  }
  return [...rows]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((r) => {
      const sent = into.get(r.school) ?? [];
      const given =
        r.subject === undefined
          ? sent.length
          : sent.filter((m) => data.teacherById.get(m.teacher)?.subject === r.subject).length;
      const met = given >= r.asked;
      const cap = capacity?.get(r.school);
      const why: RequestShortfall | undefined = met
        ? undefined
        : cap !== undefined && sent.length >= cap
          ? { kind: "capacity", capacity: cap }
          : r.candidates < r.asked
            ? { kind: "candidates", candidates: r.candidates }
            : { kind: "rules", candidates: r.candidates };
      return {
        school: r.school,
        ...(r.subject !== undefined ? { subject: r.subject } : {}),
        asked: r.asked,
        given,
        met,
        ...(why ? { why } : {}),
      };
    });
}

function show(v: Value): string {
  if (isUnknown(v)) return "?";
  if (typeof v === "object" && v !== null) return JSON.stringify(v, (_k, x) => (x instanceof Set ? [...x].sort() : x));
  return String(v);
}

function dedupe(es: A.Expr[]): A.Expr[] {
  const seen = new Set<number>();
  return es.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/** Every aggregate below `e`, definitions followed. */
function collectFilters(e: A.Expr, program: Program, visit: (a: A.Aggregate) => void, seen = new Set<number>()): void {
  const walk = (x: A.Expr): void => {
    if (seen.has(x.id)) return;
    seen.add(x.id);
    if (x.kind === "Aggregate") visit(x);
    if (x.kind === "Name") {
      const r = program.policy.resolutions.get(x.id);
      if (r?.k === "define") walk(r.d.decl.value);
    }
    forEachChild(x, walk);
  };
  walk(e);
}

import { forEachChild } from "./shapes.js";

/** The districts (components) a plan's violated must-rules lie in: where the search for rules no plan could meet solves (src/columnar/solve.ts). */
export function districtsOf(
  data: Pick<Dataset, "schools" | "schoolById">,
  violations: readonly Violation[],
): Set<string> {
  const districts = new Set<string>();
  for (const v of violations) {
    if (v.severity !== "error") continue;
    const k = v.subject.kind;
    if (k === "school") districts.add(componentOf(data.schoolById.get(v.subject.id)));
    else if (k === "district") districts.add(v.subject.id);
    else if (k === "group") {
      for (const s of data.schools) if (s.group === v.subject.id) districts.add(componentOf(s));
    } else if (k === "plan" || k === "location" || k === "tier") {
      for (const s of data.schools) districts.add(componentOf(s));
    }
  }
  return districts;
}

/**
 * Whether a plan check counts across districts (over the whole plan, a
 * location or a tier, not a fixed value): then every district is one
 * component, solved together.
 */
export function solvesAcrossDistricts(program: Program, shapes = new Shapes(program.policy)): boolean {
  return program.checks.some((c) => {
    const ch = c.info.check;
    const k = ch.subject.kind;
    return ch.mode === "check" && (k === "plan" || k === "location" || k === "tier") && !shapes.fixed(ch.body);
  });
}

/** The violations that are of rules found infeasible (by clause and subject), as infeasible rules, in their order. */
export function matchInfeasible(violations: readonly Violation[], found: readonly InfeasibleRule[]): InfeasibleRule[] {
  const key = (id: string, s: SubjectRef) => `${id}\u0001${s.kind}\u0001${s.id}`;
  const byKey = new Map(found.map((r) => [key(r.clause.id, r.subject), r]));
  const out: InfeasibleRule[] = [];
  for (const v of violations) {
    const r = v.severity === "error" ? byKey.get(key(v.clause.id, v.subject)) : undefined;
    if (r) out.push({ ...r, violation: v });
  }
  return out;
}
