// The decision semantics (src/interpreter/decide.ts) against an independent
// reading of docs/language.md §6–7, on random rule structures and random
// answers. Both evaluators share decide.ts, so the compiled ≡ reference
// property cannot see a fault in it; this oracle is written from the text:
//   - 范围: in scope when one applies; unknown when none applies and one is unknown;
//   - a requirement (应交流/可交流) is engaged by its own condition; an exception
//     (免交流/暂缓, or a rule with 优先于) only when it applies and a rule it
//     overrides is engaged;
//   - the winners are the engaged rules no engaged rule overrides: one outcome
//     decides; 应交流 with 可交流 is 应交流; any other difference is a conflict;
//   - an unknown answer is tried both ways: the decision stands only if it does
//     not depend on it; otherwise it is indeterminate and cites the unknown
//     rules whose answer matters;
//   - what is cited: the winners and the rules they override; for 无需交流, the
//     requirements checked and not met; then the amending clauses;
//   - 可自愿 is asked only when the answer is not 应交流.
// The bulk decider (plan checks) must give the same value on every case.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Amendment, ClauseInfo, RuleInfo } from "../../src/checker/checked.js";
import type { Teacher } from "../../src/data/model.js";
import {
  bulkDecider,
  decideFromResults,
  limitedDeferral,
  withinDeferralLimit,
  type RuleResult,
} from "../../src/interpreter/decide.js";
import { newFrame } from "../../src/interpreter/frame.js";
import { Unknown, type Value } from "../../src/interpreter/values.js";
import type * as A from "../../src/syntax/ast.js";
import { runs } from "../support/runs.js";

type Kind = A.RuleKind;
const OUTCOME: Partial<Record<Kind, string>> = {
  require: "required",
  eligible: "eligible",
  exempt: "not_required",
  defer: "deferred",
};
const DECISION_KINDS: readonly Kind[] = ["require", "eligible", "exempt", "defer"];

const clauses: ClauseInfo[] = ["C-1", "C-2", "C-3"].map((id) => ({ id, policy: "p", source: id }) as ClauseInfo);
const amender = { id: "AM-1", policy: "q", source: "AM-1" } as ClauseInfo;

interface Spec {
  kind: Kind;
  value: "T" | "F" | "U";
  overrides: number[];
  clause: number;
  amended: boolean;
}

const specArb: fc.Arbitrary<Spec[]> = fc
  .array(
    fc.record({
      kind: fc.constantFrom<Kind>(
        "require",
        "require",
        "eligible",
        "exempt",
        "defer",
        "defer",
        "scope",
        "volunteer",
        "prerequisite",
      ),
      value: fc.constantFrom<Spec["value"]>("T", "T", "F", "F", "U"),
      pick: fc.array(fc.nat(), { maxLength: 2 }),
      clause: fc.nat({ max: 2 }),
      amended: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows) =>
    rows.map((r, i) => {
      // Overrides point at earlier decision rules only (acyclic, as the checker ensures);
      // a requirement may override too (应交流 优先于 …), an exception must.
      const earlier = rows.flatMap((x, k) => (k < i && DECISION_KINDS.includes(x.kind) ? [k] : []));
      const mayOverride = DECISION_KINDS.includes(r.kind) && earlier.length > 0;
      const exception = r.kind === "exempt" || r.kind === "defer";
      const picks = mayOverride ? [...new Set(r.pick.map((p) => earlier[p % earlier.length]!))] : [];
      const overrides = exception && mayOverride && picks.length === 0 ? [earlier[0]!] : picks;
      return { kind: r.kind, value: r.value, overrides, clause: r.clause, amended: r.amended };
    }),
  );

function build(specs: readonly Spec[]): RuleResult[] {
  const infos: RuleInfo[] = [];
  specs.forEach((s, i) => {
    const amendments: Amendment[] = s.amended
      ? [{ by: amender, of: clauses[s.clause]!, kind: "rule", name: `r${i}` } as Amendment]
      : [];
    infos.push({
      rule: { ruleKind: s.kind } as unknown as A.Rule,
      clause: clauses[s.clause]!,
      label: `r${i}`,
      overrides: s.overrides.map((o) => infos[o]!),
      amendments,
    });
  });
  return specs.map((s, i) => ({
    rule: infos[i]!,
    value: s.value === "T" ? true : s.value === "F" ? false : new Unknown([{ code: "E001", fact: `f${i}` }]),
  }));
}

// ------------------------------------------------------------------ the oracle

interface Expected {
  decision: string;
  winners: string[];
  overridden: string[];
  clauses: string[];
  conflict?: string[];
  unknownRules?: string[];
  volunteer?: boolean | "unknown";
  /** The 可自愿 rules the verdict rests on: those that hold, else all of them. */
  volunteerRules?: string[];
}

function oracle(specs: readonly Spec[]): Expected {
  const idx = specs.map((_, i) => i);
  const label = (i: number) => `r${i}`;
  const cited = (rules: number[]) => {
    const out: string[] = [];
    for (const i of rules) if (!out.includes(clauses[specs[i]!.clause]!.id)) out.push(clauses[specs[i]!.clause]!.id);
    if (rules.some((i) => specs[i]!.amended) && !out.includes(amender.id)) out.push(amender.id);
    return out;
  };
  const scope = idx.filter((i) => specs[i]!.kind === "scope");
  if (scope.length > 0) {
    if (!scope.some((i) => specs[i]!.value === "T")) {
      if (scope.some((i) => specs[i]!.value === "U")) {
        const unk = scope.filter((i) => specs[i]!.value === "U");
        return {
          decision: "indeterminate",
          winners: [],
          overridden: [],
          clauses: cited(unk),
          unknownRules: unk.map(label),
        };
      }
      return { decision: "not_required", winners: [], overridden: [], clauses: cited(scope) };
    }
  }
  const decision = idx.filter((i) => OUTCOME[specs[i]!.kind] !== undefined);
  const unknown = decision.filter((i) => specs[i]!.value === "U");
  const outcome = (applies: (i: number) => boolean) => {
    const engaged = (i: number): boolean =>
      applies(i) &&
      (specs[i]!.overrides.length === 0
        ? specs[i]!.kind === "require" || specs[i]!.kind === "eligible"
        : specs[i]!.overrides.some(engaged));
    const on = decision.filter(engaged);
    const beaten = (i: number) => on.some((j) => specs[j]!.overrides.includes(i));
    const winners = on.filter((i) => !beaten(i));
    const outs = new Set(winners.map((i) => OUTCOME[specs[i]!.kind]!));
    let d: string;
    let conflict = false;
    if (outs.size === 0) d = "not_required";
    else if (outs.size === 1) d = [...outs][0]!;
    else if (outs.size === 2 && outs.has("required") && outs.has("eligible")) d = "required";
    else {
      d = "indeterminate";
      conflict = true;
    }
    return { d, conflict, on, winners, overridden: on.filter(beaten) };
  };
  const under = (mask: number) =>
    outcome((i) => specs[i]!.value === "T" || (specs[i]!.value === "U" && ((mask >> unknown.indexOf(i)) & 1) === 1));
  const key = (mask: number) => {
    const o = under(mask);
    return o.d + (o.conflict ? "!" : "");
  };
  const masks = [...Array(1 << unknown.length).keys()];
  if (masks.some((m) => key(m) !== key(0))) {
    const matter = unknown.filter((_, b) => masks.some((m) => key(m) !== key(m ^ (1 << b))));
    return {
      decision: "indeterminate",
      winners: [],
      overridden: [],
      clauses: cited(matter),
      unknownRules: matter.map(label),
    };
  }
  const o = under(0);
  const vol = idx.filter((i) => specs[i]!.kind === "volunteer");
  const volunteer: Partial<Expected> =
    vol.length === 0
      ? {}
      : {
          volunteer: vol.some((i) => specs[i]!.value === "T")
            ? true
            : vol.some((i) => specs[i]!.value === "U")
              ? "unknown"
              : false,
          volunteerRules: (vol.some((i) => specs[i]!.value === "T")
            ? vol.filter((i) => specs[i]!.value === "T")
            : vol
          ).map(label),
        };
  if (o.conflict)
    return {
      decision: "indeterminate",
      winners: o.winners.map(label),
      overridden: [],
      clauses: cited(o.winners),
      conflict: o.winners.map(label),
    };
  // A requirement subsumes eligibility: an eligible winner beside a required one is not cited.
  const winners = o.d === "required" ? o.winners.filter((i) => specs[i]!.kind !== "eligible") : o.winners;
  if (winners.length === 0) {
    const checked = decision.filter(
      (i) => (specs[i]!.kind === "require" || specs[i]!.kind === "eligible") && specs[i]!.overrides.length === 0,
    );
    return { decision: "not_required", winners: [], overridden: [], clauses: cited(checked), ...volunteer };
  }
  return {
    decision: o.d,
    winners: winners.map(label),
    overridden: o.overridden.map(label),
    clauses: cited([...winners, ...o.overridden]),
    ...(o.d === "not_required" ? volunteer : {}),
  };
}

// ------------------------------------------------------------------ properties

describe("decision semantics against an independent reading of the language reference", () => {
  it("decideFromResults: decision, winners, overridden, citations, conflict, unknown rules, volunteering", () => {
    let kinds = new Set<string>();
    fc.assert(
      fc.property(specArb, (specs) => {
        const d = decideFromResults(build(specs));
        const want = oracle(specs);
        kinds.add(want.decision + (want.conflict ? "!" : ""));
        const got: Expected = {
          decision: d.decision,
          winners: d.winners.map((r) => r.label),
          overridden: d.overridden.map((r) => r.label),
          clauses: d.clauses.map((c) => c.id),
          ...(d.conflict ? { conflict: d.conflict.map((r) => r.label) } : {}),
          ...(d.unknown ? { unknownRules: d.unknown.map((r) => (r as { fact: string }).fact.replace("f", "r")) } : {}),
          ...(d.volunteer !== undefined ? { volunteer: d.volunteer } : {}),
          ...(d.volunteerRules ? { volunteerRules: d.volunteerRules.map((r) => r.label) } : {}),
        };
        expect(got).toEqual(want);
        expect(d.inScope).toBe(
          specs.some((s) => s.kind === "scope")
            ? specs.some((s) => s.kind === "scope" && s.value === "T")
              ? true
              : specs.some((s) => s.kind === "scope" && s.value === "U")
                ? "unknown"
                : false
            : true,
        );
        // The amendments come with the amending clause, and only with it (one per amended rule cited).
        expect(d.amendments.every((a) => a.by === amender)).toBe(true);
        expect(d.amendments.length > 0).toBe(d.clauses.some((c) => c.id === amender.id));
        expect(new Set(d.amendments.map((a) => a.name)).size).toBe(d.amendments.length);
      }),
      { numRuns: runs(3000) },
    );
    // Every kind of answer was reached.
    expect([...kinds].sort()).toEqual(
      ["deferred", "eligible", "indeterminate", "indeterminate!", "not_required", "required"].sort(),
    );
  });

  it("the bulk decider gives the same value, taking the full path only for an unknown answer it needs", () => {
    let fast = 0;
    let limited = 0;
    fc.assert(
      fc.property(
        specArb,
        fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 3 }),
        (specs, limits, deferredYears) => {
          // Deferrals may carry a limit (最长 n年): the full decision sees it applied to the condition.
          const limitOf = (i: number) =>
            specs[i]!.kind === "defer" && limits[i] !== undefined ? { months: limits[i]! * 12, days: 0 } : undefined;
          const raw = build(specs);
          const results = raw.map((r, i) => {
            const lim = limitOf(i);
            return lim ? { ...r, value: limitedDeferral(r.value, deferredYears, () => lim) } : r;
          });
          let fullCalls = 0;
          const bulk = bulkDecider(
            raw.map((r, i) => {
              const lim = limitOf(i);
              return { info: r.rule, when: () => r.value, ...(lim ? { limit: () => lim } : {}) };
            }),
            () => {
              fullCalls++;
              return decideFromResults(results).decision;
            },
          );
          const t = { id: "T", deferred_years: deferredYears } as unknown as Teacher;
          expect(bulk(t, newFrame({ asOf: 0, schools: new Map() }))).toBe(decideFromResults(results).decision);
          if (specs.some((s, i) => limitOf(i) && s.value === "T")) limited++;
          if (!specs.some((s) => s.value === "U")) {
            expect(fullCalls).toBe(0);
            fast++;
          }
        },
      ),
      { numRuns: runs(3000) },
    );
    expect(fast).toBeGreaterThan(100);
    expect(limited).toBeGreaterThan(100);
  });

  it("a missing fact two rules share is one reason; an amendment two cited rules rest on is cited once", () => {
    const specs: Spec[] = [
      { kind: "require", value: "U", overrides: [], clause: 0, amended: true },
      { kind: "eligible", value: "U", overrides: [], clause: 1, amended: true },
    ];
    const r = build(specs);
    const same = new Unknown([{ code: "E001", fact: "本校任教年限" }]);
    const shared = r[0]!.rule.amendments!;
    r[1]!.rule.amendments = shared;
    const d = decideFromResults(r.map((x) => ({ ...x, value: same })));
    expect(d.decision).toBe("indeterminate");
    expect(d.unknown).toEqual([{ code: "E001", fact: "本校任教年限" }]);
    const both = decideFromResults(r.map((x) => ({ ...x, value: true })));
    expect(both.decision).toBe("required");
    // The eligible rule is subsumed (not cited); citing the requirement twice over would still list its amendment once.
    expect(both.amendments).toHaveLength(1);
    const twice = decideFromResults([
      { ...r[0]!, value: true },
      { ...r[0]!, rule: { ...r[0]!.rule, label: "r0b" }, value: true },
    ]);
    expect(twice.amendments).toEqual(shared);
    expect(twice.clauses.map((c) => c.id)).toEqual(["C-1", "AM-1"]);
  });

  it("more than twelve unknown answers are not tried both ways: the decision is indeterminate", () => {
    const specs: Spec[] = [...Array(13).keys()].map(() => ({
      kind: "require",
      value: "U",
      overrides: [],
      clause: 0,
      amended: false,
    }));
    expect(decideFromResults(build(specs)).decision).toBe("indeterminate");
    // Twelve unknown requirements and one known to hold: required whatever the others are.
    const known: Spec = { kind: "require", value: "T", overrides: [], clause: 0, amended: false };
    expect(decideFromResults(build([...specs.slice(0, 12), known])).decision).toBe("required");
    // Thirteen: not tried (2¹³ cases per person), so indeterminate even though the answer could be found.
    expect(decideFromResults(build([...specs, known])).decision).toBe("indeterminate");
  });
});

describe("a deferral with a limit is granted a year at a time", () => {
  const years = (n: number): Value => ({ months: n * 12, days: 0 });
  it("applies while the years already deferred plus this one stay within the limit", () => {
    expect(withinDeferralLimit(0, years(3))).toBe(true);
    expect(withinDeferralLimit(2, years(3))).toBe(true);
    expect(withinDeferralLimit(3, years(3))).toBe(false);
    expect(withinDeferralLimit(2, { months: 35, days: 0 })).toBe(false);
  });
  it("is read only when the condition might hold, and an unknown limit makes the rule unknown", () => {
    let read = 0;
    const lim = (v: Value) => () => {
      read++;
      return v;
    };
    const unknown = new Unknown([{ code: "E002", param: "最长" }]);
    expect(limitedDeferral(false, 0, lim(unknown))).toBe(false);
    expect(read).toBe(0);
    expect(limitedDeferral(true, 0, lim(years(1)))).toBe(true);
    expect(limitedDeferral(true, 1, lim(years(1)))).toBe(false);
    expect(limitedDeferral(true, 0, lim(unknown))).toBe(unknown);
    const cond = new Unknown([{ code: "E001", fact: "情形" }]);
    // Unknown condition, limit used up: the rule does not apply whatever the condition is.
    expect(limitedDeferral(cond, 5, lim(years(3)))).toBe(false);
    expect(limitedDeferral(cond, 0, lim(years(3)))).toBe(cond);
    expect(read).toBe(5);
  });
});
