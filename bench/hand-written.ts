// Bench baseline — Dalian's individual rules (DL-SCOPE, DL-T1..T3, DL-P1)
// written by hand in straight TypeScript on the validated Teacher/School
// model, the way one would without the language. `bench/run.ts` times it
// against the compiled program and asserts that both decide every generated
// person the same way; the generator also uses it to know who is due.
//
// It is a baseline, not a second engine: the retirement tracks are constants
// (national.policy holds the real ones), the policy's month-end rounding
// (日期进位 月末) is assumed, and the records are assumed complete — a missing
// fact the compiled program would treat as unknown only yields
// "indeterminate" here where it is read (bench data is always complete).

import type { School, Teacher } from "../src/data/model.js";
import { completedYears, fromYmd, period, type Day } from "../src/time/date.js";
import { retirementDate, type RetirementTrack } from "../src/time/retirement.js";

export type HandDecision = "required" | "deferred" | "not_required" | "indeterminate";

/** A track: the original age (years), the first birth year affected (from January), the delay's step and cap (months). */
function track(
  id: string,
  years: number,
  firstYear: number,
  stepMonths: number,
  maxDelayMonths: number,
): RetirementTrack {
  return { id, originalAgeMonths: years * 12, firstAffected: { y: firstYear, m: 1 }, stepMonths, maxDelayMonths };
}
// NAT-RET: the 2025 progressive retirement schedule, three tracks, plus
// NAT-RET-SENIOR (senior-title women: 60, not delayed by default).
const MALE = track("男职工", 60, 1965, 4, 36);
const FEMALE_55 = track("原五十五周岁女职工", 55, 1970, 4, 36);
const FEMALE_50 = track("原五十周岁女职工", 50, 1975, 2, 60);
const FEMALE_SENIOR = track("高级职称女性专技人员", 60, 1965, 4, 0);
/** The schedule is in force from national.policy's 施行日期; before it, nobody's retirement is delayed. */
const REFORM_FROM: Day = fromYmd(2025, 1, 1)!;
const BEFORE_REFORM = new Map<RetirementTrack, RetirementTrack>(
  [MALE, FEMALE_55, FEMALE_50, FEMALE_SENIOR].map((t) => [t, { ...t, maxDelayMonths: 0 }]),
);

// DL-T1 / DL-P1 parameters.
const TENURE_MONTHS = 9 * 12; // 任教满9年
const MALE_MAX_AGE = 55;
const FEMALE_MAX_AGE = 50;
const TERM_MONTHS = 3 * 12; // 每届三年
const TERMS = 3;
const LEAD_DEFER_MAX_YEARS = 3; // DL-T3 延长时间原则上不超过3年

/**
 * The retirement track NAT-RET assigns (适用退休轨道) as the law stands on
 * `asOf`; undefined when a fact it needs is missing.
 */
export function trackOf(t: Teacher, asOf: Day): RetirementTrack | undefined {
  const tr = trackOnce(t);
  return tr && asOf < REFORM_FROM ? BEFORE_REFORM.get(tr) : tr;
}

function trackOnce(t: Teacher): RetirementTrack | undefined {
  if (t.sex === "male") return MALE;
  if (t.post_category === undefined) return undefined;
  if (t.post_category === "worker") return FEMALE_50;
  if (t.post_category === "professional") {
    if (t.title === undefined) return undefined;
    if (t.title === "senior" || t.title === "full_senior") return FEMALE_SENIOR;
  }
  return FEMALE_55;
}

/** `a ≥ m months` on a calendar period, comparing (months, days) lexicographically. */
function atLeastMonths(from: Day, to: Day, m: number): boolean {
  const p = period(from, to, "end_of_month");
  return p.months > m || (p.months === m && p.days >= 0);
}

/**
 * Must this teacher rotate under Dalian's individual rules on `asOf`?
 * `school` is the teacher's current school.
 */
export function handDecide(t: Teacher, school: School | undefined, asOf: Day): HandDecision {
  // DL-SCOPE: 在编在岗 校长、副校长及其他校级干部和教师.
  if (t.established === false || t.on_post === false) return "not_required";
  const role = t.role;
  const isTeacher = role === "teacher" || role === "middle_manager";
  const isLeader = role === "principal" || role === "vice_principal" || role === "school_leader";
  if (!isTeacher && !isLeader) return "not_required";
  if (t.established === undefined || t.on_post === undefined) return "indeterminate";

  if (isTeacher) {
    // DL-T1: 同一所学校任教满9年，男55周岁及以下、女50周岁及以下.
    if (t.school_since === undefined) return "indeterminate";
    if (!atLeastMonths(t.school_since, asOf, TENURE_MONTHS)) return "not_required";
    const age = completedYears(t.birth_date, asOf, "end_of_month");
    if (age > (t.sex === "male" ? MALE_MAX_AGE : FEMALE_MAX_AGE)) return "not_required";
    // DL-T1 除外: 偏远农村、海岛学校无交流轮岗条件 — before every deferral.
    if (school === undefined) return "indeterminate";
    if (school.location === "remote" || school.location === "island") {
      if (school.rotation_feasible === undefined) return "indeterminate";
      if (!school.rotation_feasible) return "not_required";
    } else if (school.location === undefined && school.rotation_feasible !== true) {
      return "indeterminate"; // the exception might apply
    }
    // DL-T2: 孕期、哺乳期、患病不宜交流 — 暂缓.
    const c = t.conditions;
    if (c.includes("pregnant") || c.includes("nursing") || c.includes("serious_illness")) return "deferred";
    // DL-T3: 项目领衔教师 — 暂缓, a year at a time, at most 3 years in all.
    if (c.includes("project_lead") && t.deferred_years + 1 <= LEAD_DEFER_MAX_YEARS) return "deferred";
    return "required";
  }

  // DL-P1: 校级干部在同一所学校连续任职满三届（每届三年）; 距法定退休年龄不满一届的可不交流.
  if (t.post_since === undefined) return "indeterminate";
  if (!atLeastMonths(t.post_since, asOf, TERM_MONTHS * TERMS)) return "not_required";
  const track = trackOf(t, asOf);
  if (track === undefined) return "indeterminate";
  const toRetirement = period(asOf, retirementDate(track, t.birth_date), "end_of_month");
  return toRetirement.months < TERM_MONTHS ? "not_required" : "required";
}
