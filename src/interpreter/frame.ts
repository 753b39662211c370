// The evaluation world shared by both evaluators, the compiled program's
// frame (the mutable state one run swaps elements through), and the facts the
// engine derives about a person on the reference date: 周岁 age, tenure at the
// school or legal entity, statutory retirement date and time to retirement.
// Month-end ambiguity is carried as both readings unless the policy rounds.

import {
  completedYearsAmbiguous,
  completedYears,
  firstDay,
  lastDay,
  period,
  isDayRange,
  toYmd,
  type Day,
  type DayRange,
  type Duration,
  type Rounding,
} from "../time/date.js";
import { retirementDate, statutoryAgeMonths, type RetirementTrack } from "../time/retirement.js";
import type { Move, School, Teacher } from "../data/model.js";
import type * as A from "../syntax/ast.js";
import type { DerivedName } from "../semantics/facts.js";
import { unreachable } from "../semantics/exhaustive.js";
import { fromReadings } from "./ops.js";
import { PERSON_FIELDS, type FactTable, type FieldInfo } from "../semantics/facts.js";
import { Between, Unknown, isDuration, isUnknown, missing, type Value } from "./values.js";

/**
 * A move record may carry its teacher's record under this key (the columnar
 * walks load both at once, src/columnar/check.ts): an aggregate over moves
 * then takes it instead of looking the teacher up by id. It is the record
 * `World.teachers.get(move.teacher)` would give.
 */
export const MOVE_PERSON: unique symbol = Symbol("the move's person");

/** Everything fixed for one run. */
export interface World {
  readonly asOf: Day;
  /** The policy's declared month-end rounding; undefined: ambiguous results are unknown (E003). */
  readonly rounding?: Rounding;
  readonly schools: ReadonlyMap<string, School>;
  /** The dataset's people, so a move's `teacher` resolves (plan checks). */
  readonly teachers?: ReadonlyMap<string, Teacher>;
  /** Values given at evaluation time for parameters (`--param`), e.g. redacted “20xx” numbers. */
  readonly paramValues?: ReadonlyMap<string, Value>;
  /** Present while a plan is checked. */
  readonly plan?: PlanFacts;
}

/** What a plan tells about a person. */
export interface PlanFacts {
  decisionOf(t: Teacher): string;
  moveOf(t: Teacher): Move | undefined;
}

/** One subject of a plan check (a school, a district, a group or the plan) with its collections. */
export interface Subject {
  readonly kind: "school" | "district" | "group" | "location" | "tier" | "plan";
  readonly id: string;
  readonly school?: School;
  readonly teachers: readonly Teacher[];
  readonly moves: readonly Move[];
  readonly movesIn: readonly Move[];
  readonly schools: readonly School[];
}

/** What a traced comparison or fact saw. */
export interface Atom {
  readonly node: A.Expr;
  readonly left?: Value;
  readonly right?: Value;
  readonly result: Value;
  /** 0 for a rule's own conditions; one more for each definition it is nested in. */
  readonly depth?: number;
}

/** Mutable evaluation state; one per run, its fields swapped as elements are visited. */
export interface Frame {
  w: World;
  person: Teacher | undefined;
  move: Move | undefined;
  school: School | undefined;
  /** The current element of a person's service history. */
  service: ServicePeriod | undefined;
  /** The current person's service periods, built once per person (generation `gen`). */
  services: { gen: number; list: ServicePeriod[] } | undefined;
  subject: Subject | undefined;
  /** Memo generation: bumped whenever `person` changes. */
  gen: number;
  memo: Value[];
  /** Generation each memo slot was filled in (a typed array: dense and unboxed). */
  memoGen: Float64Array;
  trace: Atom[] | null;
  /** Nesting of the atom being traced (inside a definition's body: one deeper). */
  depth: number;
}

export type Fn = (f: Frame) => Value;

/** Memo slots per frame; a program needing more grows the frame's arrays once (see `ensureSlots`). */
const MEMO_SLOTS = 256;

export function ensureSlots(f: Frame, n: number): void {
  if (f.memoGen.length >= n) return;
  const gen = new Float64Array(n);
  gen.set(f.memoGen);
  f.memoGen = gen;
  f.memo = [...f.memo, ...new Array<Value>(n - f.memo.length).fill(undefined)];
}

/** A fresh frame for one run over a world (reused across people: `decide` resets what a person changes). */
export function newFrame(w: World): Frame {
  return {
    w,
    person: undefined,
    move: undefined,
    school: undefined,
    service: undefined,
    services: undefined,
    subject: undefined,
    gen: 1,
    memo: new Array<Value>(MEMO_SLOTS).fill(undefined),
    memoGen: new Float64Array(MEMO_SLOTS),
    trace: null,
    depth: 0,
  };
}

/** A period from `from` to `to`, ambiguous when the rounding matters and is not declared. */
export function periodOf(from: Day, to: Day, rounding: Rounding | undefined, what: string): Duration {
  if (rounding) return period(from, to, rounding);
  const a = period(from, to, "end_of_month");
  // Only a start on the 29th–31st can land past a month's end.
  if (toYmd(Math.min(from, to)).d <= 28) return a;
  return fromReadings([a, period(from, to, "next_day")], new Unknown([{ code: "E003", what }]));
}

/**
 * A track's settings as the law stands on the reference date: before the
 * schedule's effective date (`inForceFrom`, e.g. 2025-01-01) there is no delay.
 */
export function trackFromValues(
  name: string,
  originalAgeYears: number,
  first: { y: number; m: number },
  step: Duration,
  max: Duration,
  inForce = true,
): RetirementTrack {
  return {
    id: name,
    originalAgeMonths: originalAgeYears * 12,
    firstAffected: first,
    stepMonths: step.months,
    maxDelayMonths: inForce ? max.months : 0,
  };
}

/** Whether a track's schedule is in force on the reference date. */
export function trackInForce(inForceFrom: Day | undefined, asOf: Day): boolean {
  return inForceFrom === undefined || asOf >= inForceFrom;
}

/** The person's current legal-entity school tenure: back through contiguous history at campuses of the same entity. */
export function entityStart(t: Teacher, schools: ReadonlyMap<string, School>): Day | Unknown {
  if (t.school_since === undefined) return missing("school_since");
  const cur = schools.get(t.school);
  const entity = cur?.legal_entity ?? t.school;
  let start = t.school_since;
  // Latest first; a month-only date sorts by its first day.
  const hist = [...t.history].sort((a, b) => firstDay(b.from as Day | DayRange) - firstDay(a.from as Day | DayRange));
  for (const h of hist) {
    // A month-only date on the walk back (a roster's 2014-09): a gap or an overlap that holds at
    // every day of its month is one; otherwise whether the service is contiguous, and from when,
    // is not known to the day (the walk used to compare the span as a number, and never ended).
    if (isDayRange(h.from) || isDayRange(h.to)) {
      const to = h.to as Day | DayRange;
      if (firstDay(to) >= start) continue;
      if (lastDay(to) + 1 < start) break;
      return new Unknown([{ code: "E010", fact: "任职经历" }]);
    }
    if (h.to >= start) continue; // overlapping records: ignore, the current school's start stands
    if (h.to + 1 < start) break; // a gap ends continuous service
    const s = schools.get(h.school);
    const e = s?.legal_entity ?? h.school;
    if (e !== entity) break;
    start = h.from;
  }
  return start;
}

/**
 * Compute one derived fact for a person. `track` resolves the person's
 * retirement track (from the policy's `retirement_track` definition);
 * `allTracks` lists the tracks still possible when the choice depends on a
 * missing fact: durations then carry one reading per track, and a rule stands
 * only if every reading gives the same answer.
 */
export function derive(
  name: DerivedName,
  t: Teacher,
  w: World,
  track: (t: Teacher) => RetirementTrack | Unknown,
  allTracks: (t: Teacher) => readonly RetirementTrack[] | Unknown = () => [],
): Value {
  // A month-only date (DayRange): the fact is derived at both ends of the span.
  // Each derived fact is monotone in the one date it reads (an earlier birth, an
  // older person; an earlier start, a longer tenure), so the two ends bound every
  // day in between; when they differ the value carries both, and a comparison
  // stands only if it holds alike at both (E010 otherwise).
  if (typeof t.birth_date === "number" && !isDayRange(t.school_since) && !isDayRange(t.post_since))
    return deriveExact(name, t, w, track, allTracks);
  const ranged = RANGED_FIELDS.filter((f) => isDayRange(t[f]));
  const why = new Unknown(ranged.map((f) => ({ code: "E010", fact: PERSON_FIELDS.get(f)?.zh ?? f })));
  // entity_tenure also walks the history; with month-only history dates it is not monotone in one date.
  if (name === "entity_tenure" && t.history.some((h) => isDayRange(h.from) || isDayRange(h.to))) return why;
  const early = deriveExact(name, atEnd(t, "from"), w, track, allTracks);
  const late = deriveExact(name, atEnd(t, "to"), w, track, allTracks);
  return spanOf(early, late, why);
}

/** The person's date fields that may hold a month-only date. */
const RANGED_FIELDS = ["birth_date", "school_since", "post_since"] as const;

/** The person with each month-only date at one end of its span. */
function atEnd(t: Teacher, end: "from" | "to"): Teacher {
  const out: Record<string, unknown> = { ...t };
  for (const f of RANGED_FIELDS) {
    const v = t[f] as unknown;
    if (isDayRange(v)) out[f] = v[end];
  }
  return out as unknown as Teacher;
}

/** One value from the values at the two ends of a span: exact when they agree. */
function spanOf(a: Value, b: Value, why: Unknown): Value {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  if (typeof a === "number" && typeof b === "number")
    return a === b ? a : new Between(Math.min(a, b), Math.max(a, b), why);
  if (isDuration(a) && isDuration(b)) return fromReadings([a, b], why);
  // Facts that do not depend on the date (the decision, whether moved) are the same at both ends.
  return a;
}

/** A period between dates either of which may be a span of days: its shortest and longest readings. */
export function spanPeriod(
  from: Day | DayRange,
  to: Day | DayRange,
  rounding: Rounding | undefined,
  what: string,
  fact: string,
): Duration {
  if (typeof from === "number" && typeof to === "number") return periodOf(from, to, rounding, what);
  return fromReadings(
    [periodOf(lastDay(from), firstDay(to), rounding, what), periodOf(firstDay(from), lastDay(to), rounding, what)],
    new Unknown([{ code: "E010", fact }]),
  );
}

function deriveExact(
  name: DerivedName,
  t: Teacher,
  w: World,
  track: (t: Teacher) => RetirementTrack | Unknown,
  allTracks: (t: Teacher) => readonly RetirementTrack[] | Unknown = () => [],
): Value {
  const perTrack = (f: (tr: RetirementTrack) => Duration): Value => {
    const tr = track(t);
    if (!(tr instanceof Unknown)) return f(tr);
    if (tr.reasons.some((r) => r.code !== "E001")) return tr;
    // A track the person could be on whose own settings are unknown (a parameter not given) is a
    // reading that is not known: the value is unknown, never decided by the other tracks alone.
    const all = allTracks(t);
    if (all instanceof Unknown) return Unknown.merge(tr, all);
    if (all.length === 0) return tr;
    return fromReadings(all.map(f), tr);
  };
  switch (name) {
    case "as_of":
      return w.asOf;
    case "age": {
      if (!w.rounding && completedYearsAmbiguous(t.birth_date, w.asOf)) {
        return new Unknown([{ code: "E003", what: "周岁 (born 29 February)" }]);
      }
      return completedYears(t.birth_date, w.asOf, w.rounding ?? "end_of_month");
    }
    case "tenure":
      return t.school_since === undefined
        ? missing("school_since")
        : periodOf(t.school_since, w.asOf, w.rounding, "本校任教年限");
    case "post_tenure":
      return t.post_since === undefined
        ? missing("post_since")
        : periodOf(t.post_since, w.asOf, w.rounding, "任职年限");
    case "entity_tenure": {
      const s = entityStart(t, w.schools);
      return s instanceof Unknown ? s : periodOf(s, w.asOf, w.rounding, "法人学校任教年限");
    }
    case "statutory_age":
      return perTrack((tr) => ({ months: statutoryAgeMonths(tr, t.birth_date), days: 0 }));
    case "retirement_date": {
      const tr = track(t);
      return tr instanceof Unknown ? tr : retirementDate(tr, t.birth_date);
    }
    case "to_retirement":
      // The retirement date itself is fixed by law (end_of_month); the period to it follows the policy.
      return perTrack((tr) => periodOf(w.asOf, retirementDate(tr, t.birth_date), w.rounding, "距法定退休"));
    case "decision": {
      if (!w.plan) return missing("decision");
      const d = w.plan.decisionOf(t);
      // A person the policy cannot decide is neither due nor not due: quotas over them are undetermined.
      return d === "indeterminate" ? new Unknown([{ code: "E001", fact: `个人决定(${t.id})` }]) : d;
    }
    case "moved":
      return w.plan ? w.plan.moveOf(t) !== undefined : missing("plan");
    default:
      return unreachable(name);
  }
}

const MAX_VARIANTS = 64;

/**
 * The person with each missing enum or yes/no fact (named by the unknown's
 * reasons) filled with every value it could take — so a computation that
 * depends on a missing fact can be tried on every possibility. Undefined when
 * a missing fact has no finite domain or there would be too many variants.
 */
export function variantsFor(t: Teacher, u: Unknown, facts: FactTable): Teacher[] | undefined {
  const fields: { name: string; values: readonly unknown[] }[] = [];
  // The policy's own table: a value its declarations add to an enumeration (扩展 岗位类别 { … }) is
  // a value the missing fact could take, and a track only that value selects is a possible reading.
  const person = facts.fields("person");
  for (const r of u.reasons) {
    if (r.code !== "E001") return undefined;
    const info = person.get(r.fact);
    if (!info) return undefined;
    const labels = info.ty.k === "text" && info.ty.enum ? facts.enumLabels(info.ty.enum) : undefined;
    const values = info.ty.k === "bool" ? [true, false] : labels ? Object.keys(labels) : undefined;
    if (!values) return undefined;
    if (!fields.some((f) => f.name === info.name)) fields.push({ name: info.name, values });
  }
  let out: Teacher[] = [t];
  for (const f of fields) {
    out = out.flatMap((x) => f.values.map((v) => ({ ...x, [f.name]: v }) as Teacher));
    if (out.length > MAX_VARIANTS) return undefined;
  }
  return out;
}

function plusDay(d: Day | DayRange): Day | DayRange {
  return typeof d === "number" ? d + 1 : { from: d.from + 1, to: d.to + 1 };
}

/** One period of service, as the `任职经历`/`service` collection shows it. */
export interface ServicePeriod {
  readonly school: string;
  /** A day, or a span of days for a month-only date. */
  readonly from: Day | DayRange;
  readonly to: Day | DayRange;
  readonly length: Duration;
  readonly rotation: boolean | undefined;
  readonly personnel_transfer: boolean | undefined;
}

/**
 * A person's periods of service: every history entry (both ends inclusive),
 * then the current school from `school_since` to the reference date. The
 * current period is not a recorded rotation (the plan holds the one under way).
 */
export function servicePeriods(t: Teacher, w: World): ServicePeriod[] {
  const out: ServicePeriod[] = t.history.map((h) => ({
    school: h.school,
    from: h.from,
    to: h.to,
    // Both ends inclusive: the period runs to the day after `to`.
    length: spanPeriod(h.from, plusDay(h.to as Day | DayRange), w.rounding, "任职经历", "任职经历"),
    rotation: h.rotation,
    personnel_transfer: h.personnel_transfer,
  }));
  const since = t.school_since as Day | DayRange | undefined;
  if (since !== undefined && firstDay(since) <= w.asOf) {
    out.push({
      school: t.school,
      from: since,
      to: w.asOf,
      length: spanPeriod(since, w.asOf, w.rounding, "本校任教年限", "本校起始日期"),
      rotation: false,
      personnel_transfer: false,
    });
  }
  return out;
}

/** The world for evaluating a checked policy: its declared month-end rounding always comes along. */
export function worldOf(
  policy: { readonly rounding?: Rounding },
  data: {
    readonly asOf: Day;
    readonly schools: ReadonlyMap<string, School>;
    readonly teachers?: ReadonlyMap<string, Teacher>;
  },
  paramValues?: ReadonlyMap<string, Value>,
): World {
  return {
    asOf: data.asOf,
    schools: data.schools,
    ...(data.teachers ? { teachers: data.teachers } : {}),
    ...(policy.rounding ? { rounding: policy.rounding } : {}),
    ...(paramValues ? { paramValues } : {}),
  };
}

/** Whether a field's stored value needs converting to its language value (see readField). */
export function fieldConverts(info: FieldInfo): boolean {
  // Dates convert too: a month-only date (DayRange) is read as an interval (Between).
  return info.ty.k === "duration" || info.ty.k === "record" || info.ty.k === "date";
}

/**
 * Read a field of a record as the language sees it; absent optional facts are
 * unknown, never false or zero. The conversion follows the field's declared
 * type: a duration stored as whole years (deferred_years, a move's years), a
 * record stored as an id (a school, a move's teacher); sets stay arrays.
 */
export function readField(rec: object | undefined, info: FieldInfo, w: World): Value {
  if (rec === undefined) return missing(info.zh);
  const v = (rec as Record<string, unknown>)[info.name];
  if (v === undefined) return missing(info.zh);
  const ty = info.ty;
  // A date known only to the month is a day somewhere in its span.
  if (ty.k === "date" && isDayRange(v))
    return new Between(v.from, v.to, new Unknown([{ code: "E010", fact: info.zh }]));
  // Years in the data are whole months (a move of 0.5 years is 6 months; read.ts checks it).
  if (ty.k === "duration" && typeof v === "number") return { months: Math.round(v * 12), days: 0 };
  if (ty.k === "record" && typeof v === "string") {
    const found = ty.rec === "school" ? w.schools.get(v) : ty.rec === "person" ? w.teachers?.get(v) : undefined;
    return found ?? missing(info.zh);
  }
  return v as Value;
}
