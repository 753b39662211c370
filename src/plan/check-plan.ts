// Plan compliance: a compiled policy + a dataset with a draft plan → every
// violation of its plan checks (quotas, shares, per-move rules), each with
// its clause, severity from the clause's modality, subject, and the numbers.
// Individual decisions are computed once per person and shared by all
// checks; subjects (schools, districts, groups) are indexed once: linear time.

import type { Dataset, Intake, Move, School, Teacher } from "../data/model.js";
import type { CheckInfo, ClauseInfo, SelectionOrderInfo } from "../checker/checked.js";
import type { CompiledCheck, Program } from "../interpreter/compile.js";
import { worldOf, type Subject, type World, newFrame, type Atom, type Fn, type Frame } from "../interpreter/frame.js";
import { Unknown, isUnknown, type Reason, type Value } from "../interpreter/values.js";
import type { SubjectKind } from "../syntax/ast.js";
import { orderOutcome, type OrderBreach } from "./order.js";

export type { OrderBreach } from "./order.js";

/** What a plan-check result rests on: a check (`检查 … 对每个 …`), or a declared selection order (选择顺序). */
export type PlanRule = CheckInfo | SelectionOrderInfo;

/** A violation's severity, from its clause's modality: must → error, should/may → warning. */
export type Severity = "error" | "warning";

/** What a check result is about: a school, district, group, teacher, move or the plan, by id. */
export interface SubjectRef {
  readonly kind: SubjectKind;
  readonly id: string;
}

/** A check a subject fails, with its clause, severity and the condition that failed. */
export interface Violation {
  readonly clause: ClauseInfo;
  readonly check: PlanRule;
  readonly severity: Severity;
  readonly subject: SubjectRef;
  /** The comparison that failed, with the values it saw (rendered by the caller). */
  readonly atom?: Atom;
  /** A selection order breached: who was moved, who was passed over, and the key that decides. */
  readonly order?: OrderBreach;
}

/** A check that could not be decided for a subject, with the reasons (missing facts, …). */
export interface Undetermined {
  readonly clause: ClauseInfo;
  readonly check: PlanRule;
  readonly subject: SubjectRef;
  readonly reasons: readonly Reason[];
  /** A selection order: the two people whose comparison could not be decided (teacher ids). */
  readonly between?: { readonly selected: string; readonly passedOver: string };
}

/** An entitlement rule (享受) evaluated for one subject: a subsidy granted, or not, with its clause. */
export interface Entitlement {
  readonly clause: ClauseInfo;
  readonly check: CheckInfo;
  readonly subject: SubjectRef;
  /** The person it concerns (for a move: the teacher moved). */
  readonly teacher?: string;
  readonly granted: boolean | "unknown";
}

/** A statistic (统计) computed for one subject. */
export interface Statistic {
  readonly clause: ClauseInfo;
  readonly check: CheckInfo;
  readonly subject: SubjectRef;
  readonly value: Value;
}

/** Per-school counts for the summary table. */
export interface SchoolSummary {
  readonly school: School;
  readonly teachers: number;
  readonly due: number;
  readonly deferred: number;
  readonly dueMoved: number;
  readonly movedOut: number;
  readonly movedIn: number;
  /** Backbone teachers among those moved out, when the policy defines who is backbone (是骨干教师/backbone). */
  readonly backboneOut?: number;
}

/** The names under which a policy may define who counts as backbone, for the summary. */
const BACKBONE_NAMES = ["是骨干教师", "骨干教师", "is_backbone", "backbone"];

/** Everything a plan check found. */
export interface PlanResult {
  readonly compliant: boolean;
  /** False when a must-check could not be decided for lack of a fact: compliance is then not established. */
  readonly complete: boolean;
  readonly violations: Violation[];
  readonly undetermined: Undetermined[];
  readonly entitlements: Entitlement[];
  readonly statistics: Statistic[];
  /** Checks evaluated per subject, and how many passed / were not applicable. */
  readonly evaluated: {
    readonly check: PlanRule;
    readonly passed: number;
    readonly failed: number;
    readonly notApplicable: number;
    readonly undetermined: number;
  }[];
  readonly schools: SchoolSummary[];
  /** Individual decisions, by teacher id (reused by callers for summaries). */
  readonly decisions: ReadonlyMap<string, string>;
}

function severityOf(c: ClauseInfo): Severity {
  return c.clause.modality.value === "must" ? "error" : "warning";
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === undefined) continue;
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(it);
  }
  return m;
}

/** Subjects of one kind, each with its people, outgoing and incoming moves, and schools. */
export type GroupKind = "school" | "district" | "group" | "location" | "tier" | "plan";

/** Which subject of each kind a school belongs to (none when the school lacks that fact). */
export const GROUP_KEY: Record<GroupKind, (s: School) => string | undefined> = {
  school: (s) => s.id,
  district: (s) => s.district,
  group: (s) => s.group,
  location: (s) => s.location,
  tier: (s) => s.tier,
  plan: () => "plan",
};

export function subjectsOf(kind: GroupKind, data: Dataset, moves: readonly Move[]): Subject[] {
  const key = GROUP_KEY[kind];
  const schoolKey = (s: School | undefined): string | undefined => (s ? key(s) : undefined);
  const keyOfSchoolId = (id: string) => schoolKey(data.schoolById.get(id));
  const teachers = groupBy(data.teachers, (t) => keyOfSchoolId(t.school));
  const out = groupBy(moves, (m) => keyOfSchoolId(m.from));
  const inn = groupBy(moves, (m) => keyOfSchoolId(m.to));
  const schools = groupBy(data.schools, (s) => schoolKey(s));
  return [...schools.entries()].map(([id, ss]) => ({
    kind,
    id,
    ...(kind === "school" ? { school: ss[0]! } : {}),
    teachers: teachers.get(id) ?? [],
    moves: out.get(id) ?? [],
    movesIn: inn.get(id) ?? [],
    schools: ss,
  }));
}

/**
 * Told how far a long run is (a progress bar); called every few thousand rows, never required.
 * `read`: rows read so far of an estimated total (0 when it cannot be estimated); `decide`: people
 * decided of all; `check`: plan checks run of all.
 */
export type OnProgress = (phase: "read" | "decide" | "check", done: number, total: number) => void;

export function checkPlan(
  program: Program,
  data: Dataset,
  params: ReadonlyMap<string, Value> = new Map(),
  onProgress?: OnProgress,
): PlanResult {
  const policy = program.policy;
  const moves = data.plan?.moves ?? [];
  const moveOf = new Map<string, Move>();
  for (const m of moves) moveOf.set(m.teacher, m);

  // Individual decisions once per person; checks read them through `决定`/`decision`.
  const baseWorld = worldOf(policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }, params);
  const decisions = new Map<string, string>();
  const df = newFrame(baseWorld);
  const people = data.teachers.length;
  for (let i = 0; i < people; i++) {
    const t = data.teachers[i]!;
    decisions.set(t.id, program.decideValue(t, df));
    if (onProgress && (i & 4095) === 0) onProgress("decide", i, people);
  }
  onProgress?.("decide", people, people);
  const world: World = {
    ...baseWorld,
    plan: {
      decisionOf: (t: Teacher) => decisions.get(t.id) ?? "indeterminate",
      moveOf: (t: Teacher) => moveOf.get(t.id),
    },
  };
  const f = newFrame(world);

  const subjectCache = new Map<string, Subject[]>();
  const subjects = (k: GroupKind) => {
    let s = subjectCache.get(k);
    if (!s) subjectCache.set(k, (s = subjectsOf(k, data, moves)));
    return s;
  };
  const found = runChecks(
    program,
    f,
    {
      eachMove(visit) {
        for (const m of moves) {
          f.move = m;
          f.person = data.teacherById.get(m.teacher);
          f.subject = undefined;
          visit({ kind: "move", id: `${m.teacher}:${m.from}→${m.to}` });
        }
      },
      eachTeacher(visit) {
        for (const t of data.teachers) {
          f.person = t;
          f.move = moveOf.get(t.id);
          f.subject = undefined;
          visit({ kind: "teacher", id: t.id });
        }
      },
      subjects,
      rejected: rejectedRowsOf(data.intake),
    },
    onProgress,
  );

  const backbone = backboneOf(program);
  const schools = subjects("school").map((s) => {
    let due = 0;
    let deferred = 0;
    let dueMoved = 0;
    for (const t of s.teachers) {
      const d = decisions.get(t.id);
      if (d === "required") {
        due++;
        if (moveOf.has(t.id)) dueMoved++;
      } else if (d === "deferred") deferred++;
    }
    let backboneOut: number | undefined;
    if (backbone) {
      backboneOut = 0;
      for (const m of s.moves) {
        f.person = data.teacherById.get(m.teacher);
        f.gen++;
        if (backbone(f) === true) backboneOut++;
      }
    }
    return {
      school: s.school!,
      teachers: s.teachers.length,
      due,
      deferred,
      dueMoved,
      movedOut: s.moves.length,
      movedIn: s.movesIn.length,
      ...(backboneOut !== undefined ? { backboneOut } : {}),
    };
  });

  return { ...found, schools, decisions };
}

/**
 * How the checks visit their subjects: each visitor puts the subject in the
 * frame, then calls `visit`. The object path (checkPlan) walks the dataset's
 * records; the columnar path (src/columnar) loads rows from columns.
 */
export interface PlanSubjects {
  eachMove(visit: (ref: SubjectRef) => void): void;
  eachTeacher(visit: (ref: SubjectRef) => void): void;
  subjects(kind: GroupKind): readonly Subject[];
  /** Why a subject's counts are undetermined: a roster row of it was rejected (issue 10.3); none when absent. */
  rejected?(s: Subject): Reason | undefined;
}

/** What the plan checks found (PlanResult without the summary and the decisions). */
export type CheckFindings = Omit<PlanResult, "schools" | "decisions">;

/** Every plan check of the program over the subjects, in the frame `f` (its world carries the plan). */
/** Told as the checks go (src/columnar/solve.ts starts its search with it): each violation as found, each subject visited. */
export interface CheckWatch {
  violated?(v: Violation): void;
  visited?(): void;
}

export function runChecks(
  program: Program,
  f: Frame,
  src: PlanSubjects,
  onProgress?: OnProgress,
  watch?: CheckWatch,
): CheckFindings {
  const violations: Violation[] = [];
  const undetermined: Undetermined[] = [];
  const entitlements: Entitlement[] = [];
  const statistics: Statistic[] = [];
  const evaluated: { check: CheckInfo; passed: number; failed: number; notApplicable: number; undetermined: number }[] =
    [];

  // Subject by subject: every check of a kind is run on a subject before the next subject is
  // visited (a columnar walk then loads the subject's people once for all its checks), each
  // check's findings kept apart and joined in the checks' order — the order check by check.
  const runs = program.checks.map((c) => ({
    c,
    tally: { check: c.info, passed: 0, failed: 0, notApplicable: 0, undetermined: 0 },
    violations: [] as Violation[],
    undetermined: [] as Undetermined[],
    entitlements: [] as Entitlement[],
    statistics: [] as Statistic[],
  }));
  const run = (r: (typeof runs)[number], ref: SubjectRef, rejectedRows?: Reason) => {
    const c = r.c;
    const tally = r.tally;
    f.gen++;
    // `where` says which subjects the rule is about (a check counts the others as not applicable).
    const about = c.where ? c.where(f) : true;
    if (c.info.check.mode === "report") {
      // A figure for every subject the statistic is known to be about.
      if (about === true) r.statistics.push({ clause: c.info.clause, check: c.info, subject: ref, value: c.body(f) });
      return;
    }
    const evaluatedOutcome = evaluateCheck(c, about, f);
    // A rejected roster row of this subject could change its count: the answer is undetermined.
    const outcome: CheckOutcome =
      rejectedRows && evaluatedOutcome.kind !== "unknown"
        ? { kind: "unknown", reasons: [rejectedRows] }
        : evaluatedOutcome;
    if (c.info.check.mode === "entitle") {
      // Reported for every subject it may be about, granted or not (not applicable: not granted).
      if (about === false || (isUnknown(about) && onlyEmpty(about))) return;
      const granted = outcome.kind === "pass" ? true : outcome.kind === "unknown" ? "unknown" : false;
      r.entitlements.push({
        clause: c.info.clause,
        check: c.info,
        subject: ref,
        ...(f.person ? { teacher: f.person.id } : {}),
        granted,
      });
      return;
    }
    if (outcome.kind === "pass") tally.passed++;
    else if (outcome.kind === "n/a") tally.notApplicable++;
    else if (outcome.kind === "unknown") {
      tally.undetermined++;
      r.undetermined.push({ clause: c.info.clause, check: c.info, subject: ref, reasons: outcome.reasons });
    } else {
      tally.failed++;
      // Re-evaluate the failing subject with tracing on, to report the numbers.
      const atom = failingAtom(c, f);
      const v: Violation = {
        clause: c.info.clause,
        check: c.info,
        severity: severityOf(c.info.clause),
        subject: ref,
        ...(atom ? { atom } : {}),
      };
      r.violations.push(v);
      watch?.violated?.(v);
    }
  };
  let checked = 0;
  const kinds = [...new Set(program.checks.map((c) => c.info.check.subject.kind))];
  for (const kind of kinds) {
    onProgress?.("check", checked, program.checks.length);
    const group = runs.filter((r) => r.c.info.check.subject.kind === kind);
    // Each check of the subject starts from the frame its visitor set.
    const visit = (ref: SubjectRef, rejectedRows?: Reason) => {
      watch?.visited?.();
      const { person, move, subject, school } = f;
      for (const r of group) {
        f.person = person;
        f.move = move;
        f.subject = subject;
        f.school = school;
        run(r, ref, rejectedRows);
      }
    };
    if (kind === "move") src.eachMove(visit);
    else if (kind === "teacher") src.eachTeacher(visit);
    else
      for (const s of src.subjects(kind)) {
        f.subject = s;
        f.person = undefined;
        f.move = undefined;
        f.school = s.school;
        visit({ kind, id: s.id }, src.rejected?.(s));
      }
    checked += group.length;
  }
  for (const r of runs) {
    violations.push(...r.violations);
    undetermined.push(...r.undetermined);
    entitlements.push(...r.entitlements);
    statistics.push(...r.statistics);
    evaluated.push(r.tally);
  }
  const tallies: PlanResult["evaluated"][number][] = evaluated.filter((e) => e.check.check.mode === "check");

  // The policy's selection order (its first, as propose uses), per school: who was moved and who left.
  const order = program.orders[0];
  if (order) {
    onProgress?.("check", checked, program.checks.length + 1);
    const info = order.info;
    const tally = { check: info, passed: 0, failed: 0, notApplicable: 0, undetermined: 0 };
    for (const s of src.subjects("school")) {
      f.subject = s;
      f.person = undefined;
      f.move = undefined;
      f.school = s.school;
      f.gen++;
      const ref: SubjectRef = { kind: "school", id: s.id };
      const found = orderOutcome(program, order, f, s);
      const rejectedRows = src.rejected?.(s);
      const outcome =
        rejectedRows && found.kind !== "unknown" ? { kind: "unknown" as const, reasons: [rejectedRows] } : found;
      if (outcome.kind === "pass") tally.passed++;
      else if (outcome.kind === "n/a") tally.notApplicable++;
      else if (outcome.kind === "unknown") {
        tally.undetermined++;
        undetermined.push({
          clause: info.clause,
          check: info,
          subject: ref,
          reasons: outcome.reasons,
          ...("between" in outcome && outcome.between ? { between: outcome.between } : {}),
        });
      } else {
        tally.failed++;
        violations.push({
          clause: info.clause,
          check: info,
          severity: severityOf(info.clause),
          subject: ref,
          order: outcome.breach,
        });
      }
    }
    tallies.push(tally);
  }

  return {
    compliant: !violations.some((v) => v.severity === "error"),
    complete: !undetermined.some((u) => severityOf(u.clause) === "error"),
    violations,
    undetermined,
    entitlements,
    statistics,
    evaluated: tallies,
  };
}

/** The policy's definition of who is backbone, compiled, when it has one the summary can count. */
export function backboneOf(program: Program): Fn | undefined {
  const policy = program.policy;
  const def = BACKBONE_NAMES.map((n) => policy.defs.get(n)).find((d) => d && d.ty.k === "bool" && !d.needsPlan);
  return def ? program.expr(def.decl.value) : undefined;
}

/**
 * What to show for a failed check: the first conjunct that is false — its
 * comparison with the values seen, or the conjunct itself when it is not a
 * comparison (a negation, a fact), so a `not …` is never reported as its inner part.
 */
function failingAtom(c: CompiledCheck, f: Frame): Atom | undefined {
  for (const { node, fn } of c.conjuncts) {
    f.trace = [];
    const v = fn(f);
    const seen = f.trace;
    f.trace = null;
    if (v !== false) continue;
    return (node.kind === "Compare" && seen.find((a) => a.node === node)) || { node, result: false };
  }
  return undefined;
}

type CheckOutcome =
  { kind: "pass" } | { kind: "fail" } | { kind: "n/a" } | { kind: "unknown"; reasons: readonly Reason[] };

/**
 * Rows a roster reader turned away (issue 10.3): a count over a subject they
 * may belong to could change, so that subject's checks are undetermined — a
 * rejected teacher's school (and its district, group …), or every subject when
 * the row's school is unknown or a plan row was rejected (its schools unread).
 */
export function rejectedRowsOf(i: Intake | undefined): (s: Subject) => Reason | undefined {
  if (!i || (i.rejectedTeachers.length === 0 && i.movesRejected === 0 && i.schoolsRejected === 0))
    return () => undefined;
  const rows = i.rejectedTeachers.map((r) => r.row);
  const shown = rows.slice(0, 5).join("、") + (rows.length > 5 ? "……" : "");
  const why: Reason = { code: "E001", fact: `未采用的行${shown ? ` ${shown}` : ""}` };
  const everywhere =
    i.movesRejected > 0 || i.schoolsRejected > 0 || i.rejectedTeachers.some((r) => r.school === undefined);
  const schools = new Set(i.rejectedTeachers.map((r) => r.school));
  return (s) => (everywhere || s.schools.some((x) => schools.has(x.id)) ? why : undefined);
}

/** One check on the subject currently in the frame, given what its `where` said (true or unknown). */
function evaluateCheck(c: CompiledCheck, about: Value, f: Frame): CheckOutcome {
  const verdict = (v: Value): CheckOutcome | undefined => {
    if (v === false) return { kind: "n/a" };
    if (isUnknown(v)) return onlyEmpty(v) ? { kind: "n/a" } : { kind: "unknown", reasons: v.reasons };
    return undefined;
  };
  const skip = verdict(about);
  if (skip) return skip;
  if (c.applicable) {
    const skip = verdict(c.applicable(f));
    if (skip) return skip;
  }
  const v = c.body(f);
  if (v === true) return { kind: "pass" };
  if (v === false) return { kind: "fail" };
  if (isUnknown(v)) return onlyEmpty(v) ? { kind: "n/a" } : { kind: "unknown", reasons: v.reasons };
  return { kind: "unknown", reasons: [{ code: "E001", fact: "check result" }] };
}

/** A share over an empty set is "not applicable", not a failure and not an unknown. */
function onlyEmpty(u: Unknown): boolean {
  return u.reasons.length > 0 && u.reasons.every((r) => r.code === "E005");
}
