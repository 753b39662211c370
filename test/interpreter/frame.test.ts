// The facts both evaluators derive from a person (src/interpreter/frame.ts),
// checked against values worked out by hand. The compiled ≡ reference
// property cannot see a fault here — both evaluators read these functions —
// so each is held to its meaning directly: a period with and without a
// declared month-end rounding, the legal entity's tenure back through
// contiguous campuses, a month-only date as an interval, the service periods
// (both ends inclusive), the variants tried for a missing fact, and a field
// read as the language sees it.

import { describe, expect, it } from "vitest";
import type { School, Teacher } from "../../src/data/model.js";
import {
  derive,
  ensureSlots,
  entityStart,
  fieldConverts,
  newFrame,
  periodOf,
  readField,
  servicePeriods,
  spanPeriod,
  trackFromValues,
  trackInForce,
  variantsFor,
  worldOf,
  type World,
} from "../../src/interpreter/frame.js";
import { isAmbiguous } from "../../src/interpreter/ops.js";
import { Between, Unknown } from "../../src/interpreter/values.js";
import { BUILTIN_FACTS, PERSON_FIELDS, type FieldInfo } from "../../src/semantics/facts.js";
import { monthRange, period } from "../../src/time/date.js";
import type { RetirementTrack } from "../../src/time/retirement.js";
import { day, personAt } from "../support/person.js";

/** The variants by the built-in facts (a policy's own table is passed by the evaluators). */
const variantsOf = (t: Teacher, u: Unknown) => variantsFor(t, u, BUILTIN_FACTS);
const schools = new Map<string, School>([
  ["A1", { id: "A1", legal_entity: "A" } as School],
  ["A2", { id: "A2", legal_entity: "A" } as School],
  ["B1", { id: "B1", legal_entity: "B" } as School],
  ["S1", { id: "S1" } as School],
]);
const world = (over: Partial<World> = {}): World => ({ asOf: day(2024, 9, 1), schools, ...over });
const codes = (v: unknown) => (v instanceof Unknown ? v.reasons.map((r) => JSON.stringify(r)) : v);
const field = (name: string): FieldInfo => PERSON_FIELDS.get(name)!;
const noTrack = () => new Unknown([{ code: "E001", fact: "track" }]);

describe("periodOf: a period, with both readings when the month-end rounding matters and is not declared", () => {
  it("is the period itself under a declared rounding, and when the start is on or before the 28th", () => {
    const from = day(2019, 1, 31);
    const to = day(2019, 3, 1);
    expect(periodOf(from, to, "end_of_month", "x")).toEqual(period(from, to, "end_of_month"));
    expect(periodOf(from, to, "next_day", "x")).toEqual(period(from, to, "next_day"));
    expect(periodOf(day(2019, 1, 28), day(2019, 3, 1), undefined, "x")).toEqual({ months: 1, days: 1 });
  });
  it("carries both readings for a start on the 29th–31st, whose reason names the place (E003)", () => {
    const d = periodOf(day(2019, 1, 31), day(2019, 3, 1), undefined, "本校任教年限");
    expect(isAmbiguous(d)).toBe(true);
    if (!isAmbiguous(d)) return;
    expect([d, ...d.alts].map((x) => [x.months, x.days]).sort()).toEqual(
      [
        [
          period(day(2019, 1, 31), day(2019, 3, 1), "end_of_month").months,
          period(day(2019, 1, 31), day(2019, 3, 1), "end_of_month").days,
        ],
        [
          period(day(2019, 1, 31), day(2019, 3, 1), "next_day").months,
          period(day(2019, 1, 31), day(2019, 3, 1), "next_day").days,
        ],
      ].sort(),
    );
    expect(codes(d.why)).toEqual([JSON.stringify({ code: "E003", what: "本校任教年限" })]);
  });
  it("is exact on the 31st when both readings agree (a whole number of years to the same day)", () => {
    expect(periodOf(day(2014, 8, 31), day(2024, 8, 31), undefined, "x")).toEqual({ months: 120, days: 0 });
  });
  it("looks at the earlier of the two dates for the month end", () => {
    // Backwards (to before from): the earlier date is the 31st, so the readings are kept apart.
    const d = periodOf(day(2019, 3, 1), day(2019, 1, 31), undefined, "x");
    const a = period(day(2019, 3, 1), day(2019, 1, 31), "end_of_month");
    const b = period(day(2019, 3, 1), day(2019, 1, 31), "next_day");
    expect(isAmbiguous(d)).toBe(a.months !== b.months || a.days !== b.days);
  });
});

describe("spanPeriod: a period whose ends may be month-only", () => {
  it("is periodOf between two days", () => {
    expect(spanPeriod(day(2010, 1, 1), day(2020, 1, 1), undefined, "x", "f")).toEqual({ months: 120, days: 0 });
  });
  it("is the shortest and the longest reading when a start is known only to the month (E010)", () => {
    const d = spanPeriod(monthRange(2010, 3)!, day(2020, 3, 15), "end_of_month", "x", "本校起始日期");
    expect(isAmbiguous(d)).toBe(true);
    if (!isAmbiguous(d)) return;
    // From 31 March 2010: 9 years 11 months 15 days; from 1 March 2010: 10 years 14 days.
    expect(d).toMatchObject({ months: 119, days: 15 });
    expect(d.alts).toEqual([{ months: 120, days: 14 }]);
    expect(codes(d.why)).toEqual([JSON.stringify({ code: "E010", fact: "本校起始日期" })]);
  });
  it("reads a month-only end at its last day for the longest reading", () => {
    const d = spanPeriod(day(2010, 3, 1), monthRange(2020, 2)!, "end_of_month", "x", "f");
    expect(d).toMatchObject({ months: 119, days: 0 });
    if (isAmbiguous(d)) expect(d.alts).toEqual([{ months: 119, days: 28 }]);
    else expect.unreachable("a month-only end is two readings");
  });
});

describe("retirement tracks", () => {
  it("trackFromValues: ages in months, the first month affected, and no delay before the schedule is in force", () => {
    const t = trackFromValues("男", 60, { y: 1965, m: 1 }, { months: 4, days: 0 }, { months: 36, days: 0 });
    expect(t).toEqual({
      id: "男",
      originalAgeMonths: 720,
      firstAffected: { y: 1965, m: 1 },
      stepMonths: 4,
      maxDelayMonths: 36,
    });
    const off = trackFromValues("男", 60, { y: 1965, m: 1 }, { months: 4, days: 0 }, { months: 36, days: 0 }, false);
    expect(off.maxDelayMonths).toBe(0);
  });
  it("trackInForce: from the effective date itself on, and always without one", () => {
    expect(trackInForce(undefined, day(2020, 1, 1))).toBe(true);
    expect(trackInForce(day(2025, 1, 1), day(2025, 1, 1))).toBe(true);
    expect(trackInForce(day(2025, 1, 1), day(2024, 12, 31))).toBe(false);
    expect(trackInForce(day(2025, 1, 1), day(2025, 1, 2))).toBe(true);
  });
});

describe("entityStart: the legal entity's tenure goes back through contiguous service at its campuses", () => {
  const at = (history: unknown[], over: Record<string, unknown> = {}) =>
    entityStart(personAt({ school: "A1", school_since: day(2020, 9, 1), history, ...over }), schools);
  it("is unknown without a start at the current school", () => {
    expect(codes(at([], { school_since: undefined }))).toEqual([
      JSON.stringify({ code: "E001", fact: "school_since" }),
    ]);
  });
  it("steps back over a period at another campus that ends the day before, then another", () => {
    const h = [
      { school: "A2", from: day(2015, 9, 1), to: day(2020, 8, 31) },
      { school: "A1", from: day(2012, 9, 1), to: day(2015, 8, 31) },
    ];
    expect(at(h)).toBe(day(2012, 9, 1));
    // The history's order in the data does not matter: the latest period is looked at first.
    expect(at([...h].reverse())).toBe(day(2012, 9, 1));
  });
  it("stops at a gap of one day, and at a campus of another legal entity", () => {
    expect(at([{ school: "A2", from: day(2015, 9, 1), to: day(2020, 8, 30) }])).toBe(day(2020, 9, 1));
    expect(at([{ school: "B1", from: day(2015, 9, 1), to: day(2020, 8, 31) }])).toBe(day(2020, 9, 1));
    expect(
      at([
        { school: "B1", from: day(2015, 9, 1), to: day(2020, 8, 31) },
        { school: "A2", from: day(2010, 9, 1), to: day(2015, 8, 31) },
      ]),
    ).toBe(day(2020, 9, 1));
  });
  it("ignores a period that overlaps the current one, and goes on past it", () => {
    const h = [
      { school: "B1", from: day(2019, 9, 1), to: day(2020, 9, 1) },
      { school: "A2", from: day(2016, 9, 1), to: day(2020, 8, 31) },
    ];
    expect(at(h)).toBe(day(2016, 9, 1));
  });
  it("takes a school with no legal entity (or not in the list) as an entity of its own", () => {
    const p = personAt({
      school: "S1",
      school_since: day(2020, 9, 1),
      history: [{ school: "S1", from: day(2018, 9, 1), to: day(2020, 8, 31) }],
    });
    expect(entityStart(p, schools)).toBe(day(2018, 9, 1));
    const q = personAt({
      school: "X9",
      school_since: day(2020, 9, 1),
      history: [{ school: "X9", from: day(2018, 9, 1), to: day(2020, 8, 31) }],
    });
    expect(entityStart(q, schools)).toBe(day(2018, 9, 1));
  });
});

describe("derive: the facts of a person on the reference date", () => {
  const track: RetirementTrack = {
    id: "t",
    originalAgeMonths: 720,
    firstAffected: { y: 2100, m: 1 },
    stepMonths: 4,
    maxDelayMonths: 0,
  };
  const tr = () => track;
  it("周岁 is completed years; born on 29 February it is unknown without a declared rounding (E003)", () => {
    expect(derive("age", personAt({ birth_date: day(1980, 9, 1) }), world(), tr)).toBe(44);
    expect(derive("age", personAt({ birth_date: day(1980, 9, 2) }), world(), tr)).toBe(43);
    const leap = personAt({ birth_date: day(1996, 2, 29) });
    const w = world({ asOf: day(2025, 2, 28) });
    expect(codes(derive("age", leap, w, tr))).toEqual([
      JSON.stringify({ code: "E003", what: "周岁 (born 29 February)" }),
    ]);
    expect(derive("age", leap, { ...w, rounding: "end_of_month" }, tr)).toBe(29);
    expect(derive("age", leap, { ...w, rounding: "next_day" }, tr)).toBe(28);
  });
  it("tenures are periods to the reference date, unknown without their start", () => {
    const p = personAt({ school_since: day(2014, 9, 1), post_since: day(2019, 3, 1) });
    expect(derive("tenure", p, world(), tr)).toEqual({ months: 120, days: 0 });
    expect(derive("post_tenure", p, world(), tr)).toEqual({ months: 66, days: 0 });
    expect(codes(derive("post_tenure", personAt(), world(), tr))).toEqual([
      JSON.stringify({ code: "E001", fact: "post_since" }),
    ]);
    expect(codes(derive("tenure", personAt({ school_since: undefined }), world(), tr))).toEqual([
      JSON.stringify({ code: "E001", fact: "school_since" }),
    ]);
  });
  it("the legal entity's tenure starts where entityStart says", () => {
    const p = personAt({
      school: "A1",
      school_since: day(2020, 9, 1),
      history: [{ school: "A2", from: day(2014, 9, 1), to: day(2020, 8, 31) }],
    });
    expect(derive("entity_tenure", p, world(), tr)).toEqual({ months: 120, days: 0 });
  });
  it("retirement: the statutory age, the date and the time to it come from the person's track", () => {
    const p = personAt({ birth_date: day(1970, 3, 15) });
    expect(derive("statutory_age", p, world(), tr)).toEqual({ months: 720, days: 0 });
    expect(derive("retirement_date", p, world(), tr)).toBe(day(2030, 3, 15));
    expect(derive("to_retirement", p, world(), tr)).toEqual(period(day(2024, 9, 1), day(2030, 3, 15), "end_of_month"));
    expect(codes(derive("retirement_date", p, world(), noTrack))).toEqual([
      JSON.stringify({ code: "E001", fact: "track" }),
    ]);
  });
  it("a track that depends on a missing fact gives one reading per possible track", () => {
    const other = { ...track, id: "u", originalAgeMonths: 660 };
    const p = personAt({ birth_date: day(1970, 3, 15) });
    const d = derive("statutory_age", p, world(), noTrack, () => [track, other]);
    expect(d).toMatchObject({ months: 720, days: 0, alts: [{ months: 660, days: 0 }] });
    // The same reading on every track is exact.
    expect(derive("statutory_age", p, world(), noTrack, () => [track, { ...track, id: "v" }])).toEqual({
      months: 720,
      days: 0,
    });
    // A track unknown for another reason than a missing fact is not tried per track.
    const redacted = () => new Unknown([{ code: "E002", param: "p" }]);
    expect(codes(derive("statutory_age", p, world(), redacted, () => [track, other]))).toEqual([
      JSON.stringify({ code: "E002", param: "p" }),
    ]);
  });
  it("the reference date, and the plan's facts only while a plan is checked", () => {
    const p = personAt();
    expect(derive("as_of", p, world(), tr)).toBe(day(2024, 9, 1));
    expect(codes(derive("decision", p, world(), tr))).toEqual([JSON.stringify({ code: "E001", fact: "decision" })]);
    expect(codes(derive("moved", p, world(), tr))).toEqual([JSON.stringify({ code: "E001", fact: "plan" })]);
    const plan = (d: string, moved: boolean) => ({
      decisionOf: () => d,
      moveOf: () => (moved ? ({ teacher: "T" } as never) : undefined),
    });
    expect(derive("decision", p, world({ plan: plan("required", true) }), tr)).toBe("required");
    expect(derive("moved", p, world({ plan: plan("required", true) }), tr)).toBe(true);
    expect(derive("moved", p, world({ plan: plan("required", false) }), tr)).toBe(false);
    expect(codes(derive("decision", p, world({ plan: plan("indeterminate", false) }), tr))).toEqual([
      JSON.stringify({ code: "E001", fact: "个人决定(T)" }),
    ]);
  });
  it("a month-only birth date gives an interval of ages, which is exact when both ends agree (E010)", () => {
    const v = derive("age", personAt({ birth_date: monthRange(1980, 9)! }), world(), tr);
    expect(v).toBeInstanceOf(Between);
    expect(v).toMatchObject({ lo: 43, hi: 44 });
    expect(codes((v as Between).why)).toEqual([JSON.stringify({ code: "E010", fact: "出生日期" })]);
    expect(derive("age", personAt({ birth_date: monthRange(1980, 3)! }), world(), tr)).toBe(44);
  });
  it("a month-only start gives two readings of the tenure; facts that do not read a date are as they are", () => {
    const p = personAt({ school_since: monthRange(2014, 9)! });
    expect(derive("tenure", p, world(), tr)).toMatchObject({ months: 120, days: 0, alts: [{ months: 119, days: 2 }] });
    expect(derive("as_of", p, world(), tr)).toBe(day(2024, 9, 1));
    expect(derive("moved", p, world({ plan: { decisionOf: () => "required", moveOf: () => undefined } }), tr)).toBe(
      false,
    );
  });
  it("the legal entity's tenure is unknown when a history date is month-only (it is not monotone in one date)", () => {
    const p = personAt({
      school: "A1",
      school_since: monthRange(2020, 9)!,
      history: [{ school: "A2", from: monthRange(2014, 9)!, to: day(2020, 8, 31) }],
    });
    expect(codes(derive("entity_tenure", p, world(), tr))).toEqual([
      JSON.stringify({ code: "E010", fact: "本校起始日期" }),
    ]);
  });
});

describe("variantsFor: the values a missing fact could take", () => {
  const u = (...facts: string[]) => new Unknown(facts.map((fact) => ({ code: "E001" as const, fact })));
  it("a missing yes/no fact: both; a missing enumeration: every value; both together: the product", () => {
    const t = personAt();
    expect(variantsOf(t, u("established"))!.map((x) => x.established)).toEqual([true, false]);
    expect(variantsOf(t, u("sex"))!.map((x) => x.sex)).toEqual(["male", "female"]);
    const both = variantsOf(t, u("established", "sex", "established"))!;
    expect(both.map((x) => [x.established, x.sex])).toEqual([
      [true, "male"],
      [true, "female"],
      [false, "male"],
      [false, "female"],
    ]);
  });
  it("nothing to try for another reason, a fact the person does not have, or one without a finite domain", () => {
    const t = personAt();
    expect(variantsOf(t, new Unknown([{ code: "E002", param: "p" }]))).toBeUndefined();
    expect(variantsOf(t, u("no_such_fact"))).toBeUndefined();
    expect(variantsOf(t, u("school_since"))).toBeUndefined();
  });
  it("nothing to try when there would be more than 64 variants", () => {
    const t = personAt();
    // established, on_post, full_time, volunteer (2 each) × admin_rank (4) = 64: still tried; × sex = 128: not.
    const sixtyFour = u("established", "on_post", "full_time", "volunteer", "admin_rank");
    expect(variantsOf(t, sixtyFour)).toHaveLength(64);
    expect(variantsOf(t, Unknown.merge(sixtyFour, u("sex")))).toBeUndefined();
  });
});

describe("servicePeriods: the history (both ends inclusive), then the current school to the reference date", () => {
  it("a calendar year of history is one year; the current school runs from its start to the reference date", () => {
    const t = personAt({
      school: "S1",
      school_since: day(2021, 1, 1),
      history: [{ school: "A1", from: day(2020, 1, 1), to: day(2020, 12, 31), rotation: true }],
    });
    const s = servicePeriods(t, world());
    expect(s).toEqual([
      {
        school: "A1",
        from: day(2020, 1, 1),
        to: day(2020, 12, 31),
        length: { months: 12, days: 0 },
        rotation: true,
        personnel_transfer: undefined,
      },
      {
        school: "S1",
        from: day(2021, 1, 1),
        to: day(2024, 9, 1),
        length: { months: 44, days: 0 },
        rotation: false,
        personnel_transfer: false,
      },
    ]);
  });
  it("the current school counts from its first day; a start after the reference date is not yet a period", () => {
    expect(servicePeriods(personAt({ school_since: day(2024, 9, 1) }), world())).toHaveLength(1);
    expect(servicePeriods(personAt({ school_since: day(2024, 9, 2) }), world())).toHaveLength(0);
    expect(servicePeriods(personAt({ school_since: undefined }), world())).toHaveLength(0);
  });
  it("a month-only history end runs to the day after either end of its month", () => {
    const t = personAt({
      school_since: undefined,
      history: [{ school: "A1", from: day(2020, 1, 1), to: monthRange(2020, 12)! }],
    });
    const [p] = servicePeriods(t, world({ rounding: "end_of_month" }));
    expect(p!.to).toEqual(monthRange(2020, 12)!);
    expect(p!.length).toMatchObject({ months: 11, days: 1, alts: [{ months: 12, days: 0 }] });
  });
  it("a month-only current start is a period when its first day is on or before the reference date", () => {
    expect(servicePeriods(personAt({ school_since: monthRange(2024, 9)! }), world())).toHaveLength(1);
    expect(servicePeriods(personAt({ school_since: monthRange(2024, 10)! }), world())).toHaveLength(0);
  });
});

describe("reading a field as the language sees it", () => {
  it("an absent record or value is unknown under the fact's Chinese name", () => {
    expect(codes(readField(undefined, field("school_since"), world()))).toEqual([
      JSON.stringify({ code: "E001", fact: field("school_since").zh }),
    ]);
    expect(codes(readField({}, field("established"), world()))).toEqual([
      JSON.stringify({ code: "E001", fact: field("established").zh }),
    ]);
  });
  it("a month-only date is an interval (E010); whole years are months; a school id is the school", () => {
    const v = readField({ birth_date: monthRange(1980, 2)! }, field("birth_date"), world());
    expect(v).toBeInstanceOf(Between);
    expect(v).toMatchObject({ lo: day(1980, 2, 1), hi: day(1980, 2, 29) });
    expect(readField({ deferred_years: 1.5 }, field("deferred_years"), world())).toEqual({ months: 18, days: 0 });
    expect(readField({ school: "A1" }, field("school"), world())).toBe(schools.get("A1"));
    expect(codes(readField({ school: "ZZ" }, field("school"), world()))).toEqual([
      JSON.stringify({ code: "E001", fact: field("school").zh }),
    ]);
    expect(readField({ established: false }, field("established"), world())).toBe(false);
    expect(readField({ birth_date: day(1980, 2, 3) }, field("birth_date"), world())).toBe(day(1980, 2, 3));
  });
  it("converts durations, records and dates, and nothing else", () => {
    expect(fieldConverts(field("deferred_years"))).toBe(true);
    expect(fieldConverts(field("school"))).toBe(true);
    expect(fieldConverts(field("birth_date"))).toBe(true);
    expect(fieldConverts(field("established"))).toBe(false);
    expect(fieldConverts(field("sex"))).toBe(false);
  });
});

describe("the world and the frame", () => {
  it("worldOf carries the policy's rounding, the people and the parameter values only when given", () => {
    const w = worldOf({}, { asOf: 5, schools });
    expect(w).toEqual({ asOf: 5, schools });
    const teachers = new Map<string, Teacher>();
    const pv = new Map();
    expect(worldOf({ rounding: "next_day" }, { asOf: 5, schools, teachers }, pv)).toEqual({
      asOf: 5,
      schools,
      teachers,
      rounding: "next_day",
      paramValues: pv,
    });
  });
  it("a frame starts empty at generation 1 and grows its memo once, keeping what it holds", () => {
    const f = newFrame(world());
    expect(f).toMatchObject({ person: undefined, gen: 1, trace: null, depth: 0 });
    expect(f.memo).toHaveLength(256);
    expect(f.memoGen).toHaveLength(256);
    f.memo[3] = 7;
    f.memoGen[3] = 1;
    ensureSlots(f, 100);
    expect(f.memo).toHaveLength(256);
    ensureSlots(f, 300);
    expect(f.memo).toHaveLength(300);
    expect(f.memoGen).toHaveLength(300);
    expect(f.memo[3]).toBe(7);
    expect(f.memoGen[3]).toBe(1);
    expect(f.memo[299]).toBeUndefined();
  });
});

describe("entityStart with month-only history dates (a roster's 任职经历 sheet written 2014-09)", () => {
  const schools = new Map([
    ["A1", { id: "A1", name: "一校区", legal_entity: "E" }],
    ["A2", { id: "A2", name: "二校区", legal_entity: "E" }],
  ]) as unknown as ReadonlyMap<string, import("../../src/data/model.js").School>;
  it("is unknown (E010, 任职经历) when the walk back reaches one — it used to loop for ever on an exact start", () => {
    const p = personAt({
      school: "A1",
      school_since: day(2020, 9, 1),
      history: [{ school: "A2", from: monthRange(2014, 9)!, to: monthRange(2020, 8)! }],
    });
    expect(entityStart(p, schools)).toEqual(new Unknown([{ code: "E010", fact: "任职经历" }]));
    const q = personAt({
      school: "A1",
      school_since: day(2020, 9, 1),
      history: [{ school: "A2", from: monthRange(2014, 9)!, to: day(2020, 8, 31) }],
    });
    expect(entityStart(q, schools)).toEqual(new Unknown([{ code: "E010", fact: "任职经历" }]));
  });
  it("an exact walk stops at a gap before it reaches a month-only entry", () => {
    const p = personAt({
      school: "A1",
      school_since: day(2020, 9, 1),
      history: [
        { school: "A2", from: day(2018, 9, 1), to: day(2020, 8, 31) },
        { school: "A2", from: monthRange(2010, 9)!, to: monthRange(2016, 8)! },
      ],
    });
    expect(entityStart(p, schools)).toBe(day(2018, 9, 1));
  });
});

describe("what each derived fact's month-end ambiguity and month-only span is named by (frame.ts survivors)", () => {
  // Started on a 31st, read on the last day of February: the two readings of the month end differ.
  const at = world({ asOf: day(2024, 2, 29) });
  const whatOf = (v: unknown) => (isAmbiguous(v as never) ? codes((v as { why: Unknown }).why) : codes(v as Unknown));
  it("each period names its fact (E003)", () => {
    const p = personAt({ school: "S1", school_since: day(2019, 1, 31), post_since: day(2019, 1, 31) });
    expect(whatOf(derive("tenure", p, at, noTrack))).toEqual([JSON.stringify({ code: "E003", what: "本校任教年限" })]);
    expect(whatOf(derive("post_tenure", p, at, noTrack))).toEqual([JSON.stringify({ code: "E003", what: "任职年限" })]);
    expect(whatOf(derive("entity_tenure", p, at, noTrack))).toEqual([
      JSON.stringify({ code: "E003", what: "法人学校任教年限" }),
    ]);
  });
  it("the time to retirement names its fact; under a declared rounding the age is read with it", () => {
    const track: RetirementTrack = trackFromValues(
      "t",
      60,
      { y: 1965, m: 1 },
      { months: 4, days: 0 },
      { months: 0, days: 0 },
    );
    // Retires 2030-02-28; from 2024-01-31 the month end is read two ways.
    const p = personAt({ birth_date: day(1970, 2, 28) });
    expect(whatOf(derive("to_retirement", p, world({ asOf: day(2024, 1, 31) }), () => track))).toEqual([
      JSON.stringify({ code: "E003", what: "距法定退休" }),
    ]);
    // Born 29 February: 周岁 on 28 February of a common year is 1 under end_of_month, 0 under next_day.
    const leap = personAt({ birth_date: day(2020, 2, 29) });
    expect(derive("age", leap, world({ asOf: day(2021, 2, 28), rounding: "end_of_month" }), noTrack)).toBe(1);
    expect(derive("age", leap, world({ asOf: day(2021, 2, 28), rounding: "next_day" }), noTrack)).toBe(0);
  });
  it("a service period's spans name the history and the current start (E010)", () => {
    const p = personAt({
      school: "S1",
      school_since: monthRange(2020, 9)!,
      history: [{ school: "A1", from: monthRange(2014, 9)!, to: monthRange(2020, 8)! }],
    });
    const [h, cur] = servicePeriods(p, world());
    expect(codes((h!.length as unknown as { why: Unknown }).why)).toEqual([
      JSON.stringify({ code: "E010", fact: "任职经历" }),
    ]);
    expect(codes((cur!.length as unknown as { why: Unknown }).why)).toEqual([
      JSON.stringify({ code: "E010", fact: "本校起始日期" }),
    ]);
  });
  it("a month-only date field is an interval naming the field; another field is as stored", () => {
    const v = readField({ birth_date: monthRange(1980, 2) }, field("birth_date"), world());
    expect(v).toBeInstanceOf(Between);
    expect(codes((v as Between).why)).toEqual([JSON.stringify({ code: "E010", fact: "出生日期" })]);
    expect(readField({ name: "张三" }, field("name"), world())).toBe("张三");
  });
  it("a record field is the record by id; an id the world lacks is unknown; a person by the world's people", () => {
    expect(readField({ school: "S1" }, field("school"), world())).toBe(schools.get("S1"));
    expect(codes(readField({ school: "X9" }, field("school"), world()))).toEqual([
      JSON.stringify({ code: "E001", fact: "学校" }),
    ]);
  });
});

describe("spanOf through derive: the two ends of a month-only date", () => {
  it("an unknown at either end is the answer; numbers become an interval; durations two readings", () => {
    // Month-only birth date: the ages at the two ends differ when the birthday falls in the month of the reference date.
    const p = personAt({ birth_date: monthRange(1980, 9)! });
    const age = derive("age", p, world({ asOf: day(2024, 9, 15) }), noTrack);
    expect(age).toBeInstanceOf(Between);
    expect([(age as Between).lo, (age as Between).hi]).toEqual([43, 44]);
    // The school start unknown at both ends (missing): the unknown itself.
    expect(
      codes(
        derive("tenure", personAt({ birth_date: monthRange(1980, 9)!, school_since: undefined }), world(), noTrack),
      ),
    ).toEqual([JSON.stringify({ code: "E001", fact: "school_since" })]);
    // A month-only start: two readings of the tenure.
    const t = derive(
      "tenure",
      personAt({ school_since: monthRange(2015, 9)! }),
      world({ asOf: day(2024, 9, 15) }),
      noTrack,
    );
    expect(isAmbiguous(t as never)).toBe(true);
    // A fact that reads no date is the same at both ends.
    expect(derive("as_of", p, world(), noTrack)).toBe(day(2024, 9, 1));
  });
  it("a track unknown for a reason other than a missing fact gives no readings", () => {
    const tr = trackFromValues("t", 60, { y: 1965, m: 1 }, { months: 4, days: 0 }, { months: 0, days: 0 });
    const bad = () => new Unknown([{ code: "E004", detail: "no retirement_track definition" }]);
    const p = personAt();
    expect(codes(derive("statutory_age", p, world(), bad, () => [tr]))).toEqual([
      JSON.stringify({ code: "E004", detail: "no retirement_track definition" }),
    ]);
    // A missing fact together with another reason: still no readings.
    const mixed = () =>
      new Unknown([
        { code: "E001", fact: "性别" },
        { code: "E004", detail: "no retirement_track definition" },
      ]);
    expect(derive("statutory_age", p, world(), mixed, () => [tr])).toBeInstanceOf(Unknown);
    // A missing fact with tracks to try: one reading per track.
    expect(derive("statutory_age", p, world(), noTrack, () => [tr])).toEqual({ months: 720, days: 0 });
    // No tracks to try: the unknown.
    expect(codes(derive("statutory_age", p, world(), noTrack, () => []))).toEqual([
      JSON.stringify({ code: "E001", fact: "track" }),
    ]);
  });
  it("variantsFor: a reason that is not a missing fact, or a fact without a finite domain, gives none", () => {
    const t = personAt();
    expect(variantsOf(t, new Unknown([{ code: "E003", what: "x" }]))).toBeUndefined();
    expect(variantsOf(t, new Unknown([{ code: "E001", fact: "birth_date" }]))).toBeUndefined();
    expect(variantsOf(t, new Unknown([{ code: "E001", fact: "name" }]))).toBeUndefined();
  });
});
