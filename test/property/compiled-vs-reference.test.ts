// Property: on random policies and random people, the compiled program and
// the reference evaluator reach the same decision, cite the same clauses and
// name the same deciding rules; and neither ever throws, whatever facts are
// missing. Policies are generated as text, so the whole front end is exercised.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasErrors } from "../../src/diagnostics/diagnostic.js";
import { compile } from "../../src/interpreter/compile.js";
import { worldOf, newFrame } from "../../src/interpreter/frame.js";
import { referenceCompare, referenceDecide } from "../../src/interpreter/reference.js";
import type { School, Teacher } from "../../src/data/model.js";
import { fromYmd, monthRange, toYmd } from "../../src/time/date.js";
import { checkText } from "../support/policy.js";
import { Unknown } from "../../src/interpreter/values.js";
import { policyArb } from "../support/random-policy.js";
import { runs } from "../support/runs.js";

// ------------------------------------------------------------------ people

const day = (y: number, m: number, d: number) => fromYmd(y, m, d)!;
const dateArb = (from: number, to: number) =>
  fc
    .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => fromYmd(y, m, Math.min(d, 28 + ((y + m) % 4))) ?? day(y, m, 1));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 5 });

const teacherArb: fc.Arbitrary<Teacher> = fc
  .record({
    sex: fc.constantFrom("male", "female"),
    birth_date: dateArb(1960, 2000),
    role: fc.constantFrom("teacher", "middle_manager", "principal", "vice_principal", "school_leader", "support_staff"),
    post_category: maybe(fc.constantFrom("professional", "management", "worker")),
    established: maybe(fc.boolean()),
    on_post: maybe(fc.boolean()),
    school: fc.constantFrom("S1", "S2", "S3"),
    school_since: maybe(dateArb(2000, 2024)),
    post_since: maybe(dateArb(2005, 2024)),
    title: maybe(fc.constantFrom("third", "second", "first", "senior", "full_senior")),
    honors: fc.subarray(["市级骨干教师", "特级教师", "区级骨干教师"]),
    conditions: fc.subarray(["pregnant", "nursing", "serious_illness", "project_lead"]),
    deferred_years: fc.integer({ min: 0, max: 4 }),
    history: fc.array(
      fc
        .record({
          school: fc.constantFrom("S1", "S2", "S3", "S9"),
          from: dateArb(1985, 2005),
          days: fc.integer({ min: 0, max: 3000 }),
          rotation: maybe(fc.boolean()),
          personnel_transfer: maybe(fc.boolean()),
        })
        .map(({ days, ...h }) => ({ ...h, to: h.from + days })),
      { maxLength: 3 },
    ),
  })
  .map((r) => ({ id: "T", volunteer: false, ...r }) as unknown as Teacher);

/** Some people's dates known only to the month (出生年月 1980.03): a DayRange instead of a day. */
const monthOnly = (d: number | undefined, yes: boolean) => {
  if (d === undefined || !yes) return d;
  const { y, m } = toYmd(d);
  return monthRange(y, m);
};
const rosterTeacherArb: fc.Arbitrary<Teacher> = fc.tuple(teacherArb, fc.boolean(), fc.boolean(), fc.boolean()).map(
  ([t, b, s, h]) =>
    ({
      ...t,
      birth_date: monthOnly(t.birth_date, b),
      school_since: monthOnly(t.school_since, s),
      history: t.history.map((x) => ({ ...x, from: monthOnly(x.from, h) })),
    }) as unknown as Teacher,
);

const schools = new Map<string, School>([
  ["S1", { id: "S1", location: "urban", tier: "quality", rotation_feasible: true, legal_entity: "E1" }],
  ["S2", { id: "S2", location: "island", tier: "weak", rotation_feasible: false }],
  ["S3", { id: "S3", tier: "general" }],
]);

// ------------------------------------------------------------------ property

const why = (v: unknown) =>
  v instanceof Unknown ? [...new Set(v.reasons.map((r) => JSON.stringify(r)))].sort() : String(v);

describe("compiled program ≡ reference evaluator", () => {
  it("agrees on decision, clauses and deciding rules; never throws", () => {
    let checkedPolicies = 0;
    fc.assert(
      fc.property(
        policyArb,
        fc.array(fc.oneof(teacherArb, rosterTeacherArb), { minLength: 1, maxLength: 8 }),
        dateArb(2020, 2030),
        fc.option(fc.integer({ min: 40, max: 60 }), { nil: undefined }),
        dateArb(2020, 2030),
        (text, people, asOf, pAge, asOf2) => {
          const c = checkText(text, { withNational: true });
          if (!c.policy || hasErrors(c.diagnostics)) {
            throw new Error(
              "generated policy does not check:\n" +
                text +
                "\n" +
                JSON.stringify(c.all.map((d) => [d.code, d.message])),
            );
          }
          checkedPolicies++;
          const program = compile(c.policy);
          // One program, two runs: a second world (another reference date, and another
          // --param value or none) must not see what the first one computed.
          const worlds = [
            worldOf(c.policy, { asOf, schools }, pAge === undefined ? undefined : new Map([["p_age", pAge]])),
            worldOf(c.policy, { asOf: asOf2, schools }, pAge === undefined ? new Map([["p_age", 50]]) : undefined),
          ];
          for (const world of worlds) {
            const frame = newFrame(world);
            for (const t of people) {
              const a = program.decide(t, frame);
              const traced = program.decide(t, frame, true);
              const b = referenceDecide(c.policy, t, world);
              const view = (d: typeof a) => ({
                decision: d.decision,
                clauses: d.clauses.map((x) => x.id),
                winners: d.winners.map((r) => r.label).sort(),
                // An unknown result is compared with its reasons (what is missing, and why), as a set.
                results: d.results.map((r) => (typeof r.value === "boolean" ? r.value : why(r.value))),
                applicable: d.results.map((r) =>
                  r.applicable === undefined || typeof r.applicable === "boolean" ? r.applicable : "unknown",
                ),
              });
              expect(view(a)).toEqual(view(b));
              expect(view(traced)).toEqual(view(a));
              expect(program.decideValue(t, frame)).toBe(a.decision);
            }
            // The selection order: the compiled comparison of two people is the reference's, key by key.
            for (const o of program.orders)
              for (const x of people)
                for (const y of people) {
                  const r = referenceCompare(c.policy, o.info, x, y, world);
                  const v = o.compare(x, y, frame);
                  expect(v instanceof Unknown ? why(v) : v).toEqual(r instanceof Unknown ? why(r) : r);
                }
          }
        },
      ),
      { numRuns: runs(300) },
    );
    expect(checkedPolicies).toBeGreaterThan(0);
  });
});
