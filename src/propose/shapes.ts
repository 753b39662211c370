// Proposal, stage 1: what a policy's plan checks read. Input: a checked policy;
// output: for any expression, whether it reads the plan (moves, who is moved)
// or only a person's own facts, and which receiving-school fields the checks
// look at. The MIP builder (model.ts) uses this to decide what is a constant,
// what is a variable, and which people are interchangeable.

import type { CheckedPolicy } from "../checker/checked.js";
import type * as A from "../syntax/ast.js";
import { forEachExpr } from "../syntax/ast.js";
import { FUNCTIONS } from "../semantics/functions.js";

/** What an expression reads, as bits. */
export const READS_PERSON = 1;
/** A move's own facts (its schools, mode, years, transfer). */
export const READS_MOVE = 2;
/** Whether the plan moves the person (已安排交流). */
export const READS_MOVED = 4;
/** An aggregate whose value depends on the plan (over moves, or over people by whether they move). */
export const READS_PLAN_AGG = 8;
/** The subject of a check (学校 in `对每个 学校`, a district's id). */
export const READS_SUBJECT = 16;

export class Shapes {
  private readonly memo = new Map<number, number>();
  private readonly defMemo = new Map<string, number>();

  constructor(readonly policy: CheckedPolicy) {}

  /** The bits of everything `e` reads (definitions followed). */
  reads(e: A.Expr): number {
    const hit = this.memo.get(e.id);
    if (hit !== undefined) return hit;
    const v = this.compute(e);
    this.memo.set(e.id, v);
    return v;
  }

  /** Whether `e` has the same value under every plan (so it can be evaluated before solving). */
  fixed(e: A.Expr): boolean {
    return (this.reads(e) & (READS_MOVE | READS_MOVED | READS_PLAN_AGG)) === 0;
  }

  private compute(e: A.Expr): number {
    const p = this.policy;
    switch (e.kind) {
      case "Name": {
        const r = p.resolutions.get(e.id);
        if (!r) return 0;
        switch (r.k) {
          case "field":
            return r.rec === "move" && !r.viaMoveTeacher ? READS_MOVE : READS_PERSON;
          case "derived":
            return r.info.name === "moved" ? READS_MOVED : READS_PERSON;
          case "define":
            return this.defReads(r.d.name, r.d.decl.value);
          case "subject":
            return READS_SUBJECT;
          default:
            return 0;
        }
      }
      case "Aggregate": {
        const coll = p.resolutions.get(e.collection.id);
        const inner = (e.where ? this.reads(e.where) : 0) | (e.of ? this.reads(e.of) : 0);
        if (coll?.k === "collection" && (coll.name === "moves" || coll.name === "moves_in")) return READS_PLAN_AGG;
        if (coll?.k === "collection" && coll.name === "service") return inner | READS_PERSON;
        // Over people or schools: plan-dependent only if the filter reads who is moved.
        return inner & (READS_MOVED | READS_PLAN_AGG) ? READS_PLAN_AGG : READS_SUBJECT;
      }
      default: {
        let bits = 0;
        forEachChild(e, (c) => (bits |= this.reads(c)));
        return bits;
      }
    }
  }

  private defReads(name: string, value: A.Expr): number {
    const hit = this.defMemo.get(name);
    if (hit !== undefined) return hit;
    this.defMemo.set(name, 0); // a cycle cannot occur (the checker orders definitions), but stay finite
    const v = this.reads(value);
    this.defMemo.set(name, v);
    return v;
  }

  /**
   * The maximal sub-expressions of `e` that read a person's facts and nothing
   * of the plan: two people on whom all of these agree are interchangeable for
   * every count and move rule the expression takes part in.
   */
  personAtoms(e: A.Expr, out: A.Expr[]): void {
    const bits = this.reads(e);
    if (bits === 0 || bits === READS_SUBJECT) return;
    if ((bits & READS_PERSON) !== 0 && this.fixed(e) && e.kind !== "Aggregate") {
      out.push(e);
      return;
    }
    if (e.kind === "Aggregate") return; // a nested aggregate is a subject-level count, not a person's fact
    if (e.kind === "Name") {
      const r = this.policy.resolutions.get(e.id);
      if (r?.k === "define") this.personAtoms(r.d.decl.value, out);
      return;
    }
    forEachChild(e, (c) => this.personAtoms(c, out));
  }

  /**
   * Receiving-school fields the expression reads (`调入学校.地域` → location);
   * `id` when it uses the receiving school as a whole (compares it, passes it on).
   */
  receivingFields(e: A.Expr, out: Set<string>): void {
    forEachExpr(e, (x) => {
      if (x.kind === "Member" && x.object.kind === "Name" && this.isTo(x.object)) {
        const fi = this.policy.members.get(x.id);
        out.add(fi ? fi.name : "id");
      } else if (x.kind === "Name") {
        const r = this.policy.resolutions.get(x.id);
        if (r?.k === "define") this.receivingFields(r.d.decl.value, out);
      }
    });
    // A bare `调入学校` not under a member access: the school itself matters.
    forEachExpr(e, (x) => {
      if (x.kind === "Member") return;
      for (const c of childrenOf(x)) if (c.kind === "Name" && this.isTo(c)) out.add("id");
    });
  }

  /**
   * Whether the expression reads the school a person leaves (调出学校, or the
   * person's 学校) as a whole or by its id, rather than by its other fields.
   */
  readsSchoolLeft(e: A.Expr, seen = new Set<string>()): boolean {
    let found = false;
    const isLeft = (n: A.Expr): boolean => {
      if (n.kind !== "Name") return false;
      const r = this.policy.resolutions.get(n.id);
      return r?.k === "field" && (r.info.name === "from" || r.info.name === "school");
    };
    forEachExpr(e, (x) => {
      if (found) return;
      if (x.kind === "Member") {
        if (isLeft(x.object) && this.policy.members.get(x.id)?.name === "id") found = true;
        return;
      }
      if (x.kind === "Name") {
        const r = this.policy.resolutions.get(x.id);
        if (r?.k === "define" && !seen.has(r.d.name)) {
          seen.add(r.d.name);
          if (this.readsSchoolLeft(r.d.decl.value, seen)) found = true;
        }
      }
      for (const c of childrenOf(x)) if (isLeft(c)) found = true;
    });
    return found;
  }

  /**
   * Of the school fields `fields`, those the expressions read only by
   * relation: whether the receiving school or the school left has one
   * (`已知(调入学校.教育集团)`), and whether the two have the same
   * (`调出学校.教育集团 是 调入学校.教育集团`, or 不是). Any other read of a field
   * of that name — its value shown, compared with a text, read of a person or
   * of another school — leaves it out. A move's answer then depends on such a
   * field only through those relations, so the MIP builder (model.ts) keys its
   * memo of move answers by them, not by the field's value.
   */
  relationalFields(exprs: readonly A.Expr[], fields: readonly string[]): Set<string> {
    // `id` stands for the school as a whole (receivingFields): never read by relation only.
    const out = new Set(fields.filter((f) => f !== "id"));
    const defs = new Set<string>();
    const fieldOf = (e: A.Expr, school: (n: A.NameRef) => boolean): string | undefined =>
      e.kind === "Member" && e.object.kind === "Name" && school(e.object)
        ? this.policy.members.get(e.id)?.name
        : undefined;
    const visit = (e: A.Expr): void => {
      if (e.kind === "Call" && e.args.length === 1 && FUNCTIONS.get(e.callee.name)?.name === "known") {
        const arg = e.args[0]!;
        if (fieldOf(arg, (n) => this.isTo(n) || this.isLeft(n)) !== undefined) return;
      }
      if (e.kind === "Compare" && (e.op === "==" || e.op === "!=")) {
        const pair = (a: A.Expr, b: A.Expr) => {
          const f = fieldOf(a, (n) => this.isTo(n));
          return f !== undefined && f === fieldOf(b, (n) => this.isLeft(n));
        };
        if (pair(e.left, e.right) || pair(e.right, e.left)) return;
      }
      if (e.kind === "Member") {
        const f = this.policy.members.get(e.id);
        if (f) out.delete(f.name);
      } else if (e.kind === "Name") {
        const r = this.policy.resolutions.get(e.id);
        if (r?.k === "field") out.delete(r.info.name);
        if (r?.k === "define" && !defs.has(r.d.name)) {
          defs.add(r.d.name);
          visit(r.d.decl.value);
        }
        return;
      }
      forEachChild(e, visit);
    };
    for (const e of exprs) visit(e);
    return out;
  }

  /**
   * `调出学校`, or the person's own `学校`, by name: the school a move leaves. Narrower, on purpose,
   * than readsSchoolLeft's test (any `from` or `school` field): an allowed form must be sure of its
   * school, while a whole-school read must be caught however it is written.
   */
  private isLeft(n: A.NameRef): boolean {
    const r = this.policy.resolutions.get(n.id);
    return (
      r?.k === "field" &&
      !r.viaMoveTeacher &&
      ((r.rec === "move" && r.info.name === "from") || (r.rec === "person" && r.info.name === "school"))
    );
  }

  private isTo(n: A.NameRef): boolean {
    const r = this.policy.resolutions.get(n.id);
    return r?.k === "field" && r.rec === "move" && !r.viaMoveTeacher && r.info.name === "to";
  }
}

function childrenOf(e: A.Expr): A.Expr[] {
  const out: A.Expr[] = [];
  forEachChild(e, (c) => out.push(c));
  return out;
}

/** The direct sub-expressions of `e`. */
export function forEachChild(e: A.Expr, visit: (c: A.Expr) => void): void {
  switch (e.kind) {
    case "Set":
      e.elements.forEach(visit);
      break;
    case "Member":
      visit(e.object);
      break;
    case "Call":
      e.args.forEach(visit);
      break;
    case "Unary":
      visit(e.operand);
      break;
    case "Binary":
    case "Compare":
      visit(e.left);
      visit(e.right);
      break;
    case "If":
      visit(e.cond);
      visit(e.then);
      visit(e.else);
      break;
    case "Aggregate":
      if (e.where) visit(e.where);
      if (e.of) visit(e.of);
      break;
    default:
      break;
  }
}
