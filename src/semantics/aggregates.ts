// Semantic table: the aggregates over a collection (计数, 合计, 存在, 全部 …), one
// row each — its keywords in both languages (the lexer makes its tokens from
// them), what its `, v` argument is, its type rule (used by the checker) and
// its compiled implementation, an accumulator fed one element at a time by
// the compiler's loop. The reference evaluator keeps its own implementation
// on purpose: the property test compares the two. Adding an aggregate is
// adding its name to A.AggregateFn and a row here.

import type { AggregateFn } from "../syntax/ast.js";
import type { Duration } from "../time/date.js";
import type { Fn, Frame } from "../interpreter/frame.js";
import { durationPlus } from "../interpreter/ops.js";
import { Between, Unknown, isUnknown, type Value } from "../interpreter/values.js";
import { BOOL, DURATION, INT, TEXT, type Ty } from "./types.js";

/**
 * One evaluation of an aggregate. `add` sees one element: `keep` is the value
 * of its `其中` condition (true without one) and `of` evaluates its `, v` in the
 * element's frame. It returns true when the result is settled and the
 * remaining elements need not be looked at.
 */
export interface Accumulator {
  add(keep: Value, of: Fn | undefined, f: Frame): boolean;
  result(): Value;
}

export interface AggregateRow {
  readonly fn: AggregateFn;
  /** The lexer's token name. */
  readonly token: string;
  readonly en: string;
  readonly zh: string;
  readonly doc: string;
  /** What `, v` is: not allowed, a required value per element, or an optional condition per element. */
  readonly of: "none" | "value" | "condition";
  /**
   * The result type, given the type of `v` (for `value` aggregates); `bad`
   * reports a `v` of the wrong type with the type that was wanted (T004).
   */
  type(of: Ty | undefined, bad: (want: Ty) => void): Ty;
  /** A fresh accumulator for one evaluation; `of` is the static type of `v`. */
  start(of: Ty | undefined): Accumulator;
}

/** Unknown reasons gathered from elements that could not be classified or valued. */
class Reasons {
  unknown: Unknown | undefined;
  note(u: Unknown): void {
    this.unknown = this.unknown ? Unknown.merge(this.unknown, u) : u;
  }
}

/** Three-valued `a 且 b` of two values already computed. */
function and3(a: Value, b: Value): Value {
  if (a === false || b === false) return false;
  if (isUnknown(a)) return isUnknown(b) ? Unknown.merge(a, b) : a;
  return isUnknown(b) ? b : true;
}

// count / sum: one element that cannot be classified makes the total unknown —
// never silently left out of it.
class CountAcc extends Reasons implements Accumulator {
  n = 0;
  add(keep: Value): boolean {
    if (isUnknown(keep)) this.note(keep);
    else if (keep) this.n++;
    return false;
  }
  result(): Value {
    return this.unknown ?? this.n;
  }
}

class SumAcc extends Reasons implements Accumulator {
  n = 0;
  d: Duration = { months: 0, days: 0 };
  constructor(private readonly durations: boolean) {
    super();
  }
  add(keep: Value, of: Fn | undefined, f: Frame): boolean {
    if (isUnknown(keep)) this.note(keep);
    else if (keep && of) {
      const v = of(f);
      if (isUnknown(v)) this.note(v);
      else if (v instanceof Between) this.note(v.why);
      else if (this.durations) this.d = durationPlus(this.d, v as Duration, 1);
      else this.n += v as number;
    }
    return false;
  }
  result(): Value {
    return this.unknown ?? (this.durations ? this.d : this.n);
  }
}

// 存在 / 全部 follow three-valued logic: one element can settle them.
class AnyAcc extends Reasons implements Accumulator {
  found = false;
  // any: ∃ x. keep ∧ pred.
  add(keep: Value, of: Fn | undefined, f: Frame): boolean {
    const pred: Value = of ? (keep === false ? false : of(f)) : true;
    const c = and3(keep, pred);
    if (c === true) return (this.found = true);
    if (isUnknown(c)) this.note(c);
    return false;
  }
  result(): Value {
    return this.found ? true : (this.unknown ?? false);
  }
}

class AllAcc extends Reasons implements Accumulator {
  failed = false;
  // all: ∀ x. keep → pred; without a predicate, `其中` is the predicate.
  add(keep: Value, of: Fn | undefined, f: Frame): boolean {
    let c: Value;
    if (!of) c = keep;
    else if (keep === false) c = true;
    else {
      const pred = of(f);
      c = pred === true ? true : keep === true ? pred : isUnknown(pred) ? Unknown.merge(keep as Unknown, pred) : keep;
    }
    if (c === false) return (this.failed = true);
    if (isUnknown(c)) this.note(c);
    return false;
  }
  result(): Value {
    return this.failed ? false : (this.unknown ?? true);
  }
}

/**
 * 非重复计数: how many different values `v` takes over the kept elements (a
 * person's schools, not their periods of service). An element whose `其中`
 * is unknown matters only if its value is not among the surely kept ones:
 * then the count is unknown, else it stands.
 */
class DistinctAcc extends Reasons implements Accumulator {
  readonly sure = new Set<unknown>();
  readonly maybe: { key: unknown; why: Unknown }[] = [];
  add(keep: Value, of: Fn | undefined, f: Frame): boolean {
    if (keep === false || !of) return false;
    const v = of(f);
    if (isUnknown(v)) this.note(isUnknown(keep) ? Unknown.merge(keep, v) : v);
    else if (v instanceof Between) this.note(v.why);
    else if (isUnknown(keep)) this.maybe.push({ key: distinctKey(v), why: keep });
    else this.sure.add(distinctKey(v));
    return false;
  }
  result(): Value {
    for (const m of this.maybe) if (!this.sure.has(m.key)) this.note(m.why);
    return this.unknown ?? this.sure.size;
  }
}

/** What makes two values the same for 非重复计数: a record (school, person) is itself by its id. */
export function distinctKey(v: Value): unknown {
  return typeof v === "object" && v !== null && "id" in v ? `#${(v as { id: string }).id}` : v;
}

export const AGGREGATES: Readonly<Record<AggregateFn, AggregateRow>> = {
  count: {
    fn: "count",
    token: "Count",
    en: "count",
    zh: "计数",
    doc: "the number of elements that meet the condition",
    of: "none",
    type: () => INT,
    start: () => new CountAcc(),
  },
  sum: {
    fn: "sum",
    token: "Sum",
    en: "sum",
    zh: "合计",
    doc: "the total of a number or a duration over the elements that meet the condition",
    of: "value",
    type(of, bad) {
      if (of && !["int", "duration", "error"].includes(of.k)) bad(INT);
      return of?.k === "duration" ? DURATION : INT;
    },
    start: (of) => new SumAcc(of?.k === "duration"),
  },
  any: {
    fn: "any",
    token: "Any",
    en: "any",
    zh: "存在",
    doc: "whether some element meets the condition (and the predicate after the comma)",
    of: "condition",
    type: () => BOOL,
    start: () => new AnyAcc(),
  },
  all: {
    fn: "all",
    token: "All",
    en: "all",
    zh: "全部",
    doc: "whether every element that meets the condition meets the predicate after the comma",
    of: "condition",
    type: () => BOOL,
    start: () => new AllAcc(),
  },
  count_distinct: {
    fn: "count_distinct",
    token: "CountDistinct",
    en: "count_distinct",
    zh: "非重复计数",
    doc: "the number of different values of `v` over the elements that meet the condition (2所以上学校: distinct schools)",
    of: "value",
    type(of, bad) {
      // Values that are equal or not: texts and enums, numbers, dates, yes/no, schools and people.
      if (of && !["text", "int", "date", "bool", "record", "error"].includes(of.k)) bad(TEXT);
      return INT;
    },
    start: () => new DistinctAcc(),
  },
};

/** Every aggregate, in the table's order. */
export const AGGREGATE_ROWS: readonly AggregateRow[] = Object.values(AGGREGATES);

/** The aggregate whose keyword token is `tokenName`, if any. */
export function aggregateOfToken(tokenName: string): AggregateFn | undefined {
  return AGGREGATE_ROWS.find((r) => r.token === tokenName)?.fn;
}
