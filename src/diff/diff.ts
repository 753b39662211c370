// Amendments — `lungang diff`: two compiled policies (the text in force and
// the amended one) + one roster → every person whose decision changes, with
// the clauses that made the difference; the changed clauses and parameters;
// per school and per district the change in the number due and in each
// quota's required headcount. Pure: no output, no I/O.

import type { Dataset, School, Teacher } from "../data/model.js";
import type { CheckedPolicy, ClauseInfo } from "../checker/checked.js";
import type { Program } from "../interpreter/compile.js";
import { newFrame, worldOf, type Subject } from "../interpreter/frame.js";
import { subjectsOf, type GroupKind, type SubjectRef } from "../plan/check-plan.js";
import { printExpr } from "../syntax/print.js";
import type * as A from "../syntax/ast.js";
import type { Value } from "../interpreter/values.js";

/** A person whose decision an amendment changes: the decision on each side and the clauses behind it. */
export interface PersonChange {
  readonly teacher: Teacher;
  readonly before: string;
  readonly after: string;
  /** Clauses that decided each side. */
  readonly clausesBefore: readonly ClauseInfo[];
  readonly clausesAfter: readonly ClauseInfo[];
  /** Of those, the clauses the amendment changed (the difference is theirs); all decisive ones when none changed. */
  readonly because: readonly ClauseInfo[];
}

/** A parameter whose value differs: its clause and its value on each side, as written (absent on a side without it). */
export interface ParamChange {
  readonly name: string;
  readonly clause: string;
  readonly before?: string;
  readonly after?: string;
}

/** One quota (a share of a fixed headcount) on one subject: the people it requires before and after. */
export interface QuotaChange {
  readonly clause: string;
  readonly label: string;
  readonly subject: SubjectRef;
  readonly before?: number;
  readonly after?: number;
}

/** One school or district: the people due (required) and deferred on each side. */
export interface CountChange {
  readonly subject: SubjectRef;
  readonly name?: string;
  readonly dueBefore: number;
  readonly dueAfter: number;
  readonly deferredBefore: number;
  readonly deferredAfter: number;
}

/** What an amendment changes on a roster: people, clauses, parameters, counts per school and district, quotas. */
export interface DiffResult {
  readonly people: PersonChange[];
  readonly clauses: { readonly id: string; readonly change: "added" | "removed" | "changed" }[];
  readonly params: ParamChange[];
  readonly schools: CountChange[];
  readonly districts: CountChange[];
  readonly quotas: QuotaChange[];
  readonly summary: { readonly people: number; readonly becameDue: number; readonly noLongerDue: number };
}

/** Each clause's text as written (items included), whitespace-normalised, by clause id. */
function clauseTexts(p: CheckedPolicy): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of p.clauses) {
    const span = c.clause.span;
    const src = p.sources.get(span.file);
    const text = src !== undefined ? src.slice(span.start, span.end) : c.source;
    out.set(
      c.id,
      text
        .replace(/#[^\n]*/g, "")
        .replace(/\s+/g, " ")
        .trim(),
    );
  }
  return out;
}

function paramText(p: CheckedPolicy, name: string): string | undefined {
  const v = p.params.get(name)?.value;
  return v ? printExpr(v, "zh") : undefined;
}

/**
 * `data` as read against `before`'s facts, `dataAfter` against `after`'s (the
 * same when both declare the same facts): the same rows, each side deciding
 * by the facts it declares.
 */
export function diffPolicies(
  before: Program,
  after: Program,
  data: Dataset,
  paramsBefore?: ReadonlyMap<string, Value>,
  paramsAfter?: ReadonlyMap<string, Value>,
  dataAfter: Dataset = data,
): DiffResult {
  const a = before.policy;
  const b = after.policy;
  // Clauses and parameters that differ.
  const ta = clauseTexts(a);
  const tb = clauseTexts(b);
  const clauses: DiffResult["clauses"] = [];
  for (const [id, t] of tb) {
    const old = ta.get(id);
    if (old === undefined) clauses.push({ id, change: "added" });
    else if (old !== t) clauses.push({ id, change: "changed" });
  }
  for (const id of ta.keys()) if (!tb.has(id)) clauses.push({ id, change: "removed" });
  const params: ParamChange[] = [];
  for (const name of new Set([...a.params.keys(), ...b.params.keys()])) {
    const info = b.params.get(name) ?? a.params.get(name)!;
    if (info.name !== name) continue; // the registry holds each parameter once under its own name
    const x = paramText(a, name);
    const y = paramText(b, name);
    if (x !== y) params.push({ name, clause: info.clause.id, ...(x ? { before: x } : {}), ...(y ? { after: y } : {}) });
  }
  const changedIds = new Set([...clauses.map((c) => c.id), ...params.map((p) => p.clause)]);

  // Decisions on both sides.
  const decide = (program: Program, data: Dataset, params?: ReadonlyMap<string, Value>) => {
    const f = newFrame(
      worldOf(program.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }, params),
    );
    const m = new Map<string, string>();
    for (const t of data.teachers) m.set(t.id, program.decideValue(t, f));
    return { m, f };
  };
  const da = decide(before, data, paramsBefore);
  const db = decide(after, dataAfter, paramsAfter);
  const people: PersonChange[] = [];
  for (const t of data.teachers) {
    const x = da.m.get(t.id)!;
    const y = db.m.get(t.id);
    if (y === undefined || x === y) continue;
    const ca = before.decide(t, da.f).clauses;
    const cb = after.decide(dataAfter.teacherById.get(t.id)!, db.f).clauses;
    const changed = [...cb, ...ca.filter((c) => !cb.some((d) => d.id === c.id))].filter((c) => changedIds.has(c.id));
    people.push({
      teacher: t,
      before: x,
      after: y,
      clausesBefore: ca,
      clausesAfter: cb,
      because: changed.length ? changed : cb.length ? cb : ca,
    });
  }

  // Numbers due, per school and per district.
  const counts = (kind: "school" | "district"): CountChange[] =>
    subjectsOf(kind, data, []).map((s) => {
      let dueA = 0;
      let dueB = 0;
      let defA = 0;
      let defB = 0;
      for (const t of s.teachers) {
        const x = da.m.get(t.id);
        const y = db.m.get(t.id);
        if (x === "required") dueA++;
        if (y === "required") dueB++;
        if (x === "deferred") defA++;
        if (y === "deferred") defB++;
      }
      return {
        subject: { kind, id: s.id },
        ...(kind === "school" && s.school?.name ? { name: s.school.name } : {}),
        dueBefore: dueA,
        dueAfter: dueB,
        deferredBefore: defA,
        deferredAfter: defB,
      };
    });

  return {
    people,
    clauses,
    params,
    schools: counts("school").filter(changedCount),
    districts: counts("district").filter(changedCount),
    quotas: quotaChanges(before, da.m, paramsBefore, data, after, db.m, paramsAfter, dataAfter),
    summary: {
      people: people.length,
      becameDue: people.filter((p) => p.after === "required").length,
      noLongerDue: people.filter((p) => p.before === "required").length,
    },
  };
}

function changedCount(c: CountChange): boolean {
  return c.dueBefore !== c.dueAfter || c.deferredBefore !== c.deferredAfter;
}

/**
 * A quota is a check `count(…) / count(fixed people) ≥ threshold`: on a roster
 * it requires ⌈threshold × denominator⌉ people. Both sides are computed per
 * subject and reported where they differ.
 */
function quotaChanges(
  before: Program,
  da: ReadonlyMap<string, string>,
  pa: ReadonlyMap<string, Value> | undefined,
  dataBefore: Dataset,
  after: Program,
  db: ReadonlyMap<string, string>,
  pb: ReadonlyMap<string, Value> | undefined,
  dataAfter: Dataset,
): QuotaChange[] {
  const side = (
    program: Program,
    decisions: ReadonlyMap<string, string>,
    params: ReadonlyMap<string, Value> | undefined,
    data: Dataset,
  ) => {
    const out = new Map<string, { clause: string; label: string; subject: SubjectRef; need: number }>();
    const world = {
      ...worldOf(program.policy, { asOf: data.asOf, schools: data.schoolById, teachers: data.teacherById }, params),
      plan: { decisionOf: (t: Teacher) => decisions.get(t.id) ?? "indeterminate", moveOf: () => undefined },
    };
    const f = newFrame(world);
    for (const c of program.checks) {
      const ch = c.info.check;
      if (ch.mode !== "check" || ["move", "teacher"].includes(ch.subject.kind)) continue;
      const q = quotaShape(ch.body);
      if (!q) continue;
      // Only a share of a fixed headcount (people on the roster) is a quota of people to move.
      const coll = program.policy.resolutions.get(q.den.collection.id);
      if (coll?.k !== "collection" || coll.name !== "teachers") continue;
      const den = program.expr(q.den);
      const thr = program.expr(q.threshold);
      const where = c.where;
      for (const s of subjectsOf(ch.subject.kind as GroupKind, data, [])) {
        setSubject(f, s);
        if (where && where(f) !== true) continue;
        const d = den(f);
        const r = thr(f);
        if (typeof d !== "number" || typeof r !== "number") continue;
        const need = Math.ceil(r * d - 1e-9);
        out.set(`${c.info.clause.id}|${ch.label.name}|${s.kind}|${s.id}`, {
          clause: c.info.clause.id,
          label: c.info.label,
          subject: { kind: s.kind, id: s.id },
          need,
        });
      }
    }
    return out;
  };
  const qa = side(before, da, pa, dataBefore);
  const qb = side(after, db, pb, dataAfter);
  const out: QuotaChange[] = [];
  for (const k of new Set([...qa.keys(), ...qb.keys()])) {
    const x = qa.get(k);
    const y = qb.get(k);
    if (x?.need === y?.need) continue;
    const base = (y ?? x)!;
    out.push({
      clause: base.clause,
      label: base.label,
      subject: base.subject,
      ...(x ? { before: x.need } : {}),
      ...(y ? { after: y.need } : {}),
    });
  }
  return out;
}

function setSubject(f: ReturnType<typeof newFrame>, s: Subject): void {
  f.subject = s;
  f.school = s.school as School | undefined;
  f.person = undefined;
  f.move = undefined;
  f.gen++;
}

/** `count(…) / count(…) ≥ threshold` (or ≥ written the other way round): the denominator and the threshold. */
function quotaShape(body: A.Expr): { den: A.Aggregate; threshold: A.Expr } | undefined {
  if (body.kind !== "Compare" || (body.op !== ">=" && body.op !== ">")) return undefined;
  const l = body.left;
  if (l.kind !== "Binary" || l.op !== "/" || l.right.kind !== "Aggregate") return undefined;
  return { den: l.right, threshold: body.right };
}
