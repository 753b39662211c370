// Every derived fact of a person whose dates may each be known only to the
// month (a roster's 2014-09, the month's span of days) — the birth date, the
// start at the school and in the post, both ends of every history entry —
// under each month-end rounding: it returns, and it is a value or an unknown,
// never an exception. A month-only history date once made the legal-entity
// walk loop for ever; YAML and JSON datasets cannot hold month-only dates, so
// the fuzz suite, which mutates those, did not reach it.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { School, Teacher } from "../../src/data/model.js";
import { derive, servicePeriods, worldOf } from "../../src/interpreter/frame.js";
import { Unknown, type Value } from "../../src/interpreter/values.js";
import type { DerivedName } from "../../src/semantics/facts.js";
import { monthRange, type Day, type DayRange } from "../../src/time/date.js";
import { trackFromValues } from "../../src/interpreter/frame.js";
import { day, personAt } from "../support/person.js";
import { runs } from "../support/runs.js";

const NAMES: DerivedName[] = [
  "age",
  "tenure",
  "post_tenure",
  "entity_tenure",
  "statutory_age",
  "retirement_date",
  "to_retirement",
  "as_of",
  "decision",
  "moved",
];
const schools = new Map<string, School>(
  ["A1", "A2", "B1", "C1"].map((id) => [id, { id, name: id, legal_entity: id[0] } as School]),
);
const track = trackFromValues("t", 60, { y: 1965, m: 1 }, { months: 4, days: 0 }, { months: 36, days: 0 });

/** A date from 2000 to 2024: a day, or (half the time) its month. */
const dateArb: fc.Arbitrary<Day | DayRange> = fc
  .tuple(
    fc.integer({ min: 2000, max: 2024 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.boolean(),
  )
  .map(([y, m, d, monthOnly]) => (monthOnly ? monthRange(y, m)! : day(y, m, Math.min(d, 28 + (m === 2 ? 0 : 2)))));

const personArb = fc
  .record({
    birth: fc.oneof(
      fc
        .tuple(fc.integer({ min: 1960, max: 1995 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => monthRange(y, m)!),
      fc
        .tuple(fc.integer({ min: 1960, max: 1995 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
        .map(([y, m, d]) => day(y, m, d)),
    ),
    since: fc.option(dateArb, { nil: undefined }),
    post: fc.option(dateArb, { nil: undefined }),
    school: fc.constantFrom("A1", "A2", "B1"),
    history: fc.array(fc.record({ school: fc.constantFrom("A1", "A2", "B1", "C1"), from: dateArb, to: dateArb }), {
      maxLength: 4,
    }),
  })
  .map(
    (p) =>
      personAt({
        birth_date: p.birth,
        school: p.school,
        school_since: p.since,
        post_since: p.post,
        history: p.history,
      }) as Teacher,
  );

const isValue = (v: Value) =>
  v instanceof Unknown ||
  typeof v === "number" ||
  typeof v === "boolean" ||
  typeof v === "string" ||
  typeof v === "object";

describe("derived facts of people with month-only dates", () => {
  it("each returns a value or an unknown, under each rounding, and so do the service periods", () => {
    fc.assert(
      fc.property(personArb, fc.constantFrom(undefined, "end_of_month", "next_day" as const), (t, rounding) => {
        const w = worldOf(rounding ? { rounding } : {}, { asOf: day(2024, 9, 1), schools });
        for (const n of NAMES)
          expect(
            isValue(
              derive(
                n,
                t,
                w,
                () => track,
                () => [track],
              ),
            ),
          ).toBe(true);
        expect(servicePeriods(t, w).length).toBeLessThanOrEqual(t.history.length + 1);
      }),
      { numRuns: runs(2000) },
    );
  });
});
