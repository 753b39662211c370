// Time — the 2025 progressive statutory-retirement formula (渐进式延迟法定退休年龄).
// Consumes a track's parameters (read from policy files, never hard-coded here)
// and a birth Day; produces the statutory age in months and the retirement Day.

import { addMonths, monthIndex, type Day } from "./date.js";

/**
 * One retirement track of the 2024 NPCSC decision, e.g. men: original age 60
 * (720 months), first affected birth month 1965-01, one month more per 4
 * birth months, at most 36 months. The numbers live in the national policy
 * file so a later amendment (or 国家另有规定) is a policy edit, not a code change.
 */
export interface RetirementTrack {
  readonly id: string;
  readonly originalAgeMonths: number;
  readonly firstAffected: { readonly y: number; readonly m: number };
  readonly stepMonths: number;
  readonly maxDelayMonths: number;
}

/**
 * Statutory retirement age in months for someone born on `birth`:
 * d = birth month − first affected month; delay = 0 if d < 0, else
 * min(floor(d / step) + 1, max). The "+1" is because the very first affected
 * birth month already gets one month (1965-01 men → 60 y 1 m).
 */
export function statutoryAgeMonths(track: RetirementTrack, birth: Day): number {
  const d = monthIndex(birth) - (track.firstAffected.y * 12 + track.firstAffected.m - 1);
  const delay = d < 0 ? 0 : Math.min(Math.floor(d / track.stepMonths) + 1, track.maxDelayMonths);
  return track.originalAgeMonths + delay;
}

/**
 * The day the statutory age is reached: birth date + age in months. A birth
 * day that the target month lacks (born the 31st, or 29 February) falls on that
 * month's last day, as RETIREMENT.md states — so this is always end_of_month.
 */
export function retirementDate(track: RetirementTrack, birth: Day): Day {
  return addMonths(birth, statutoryAgeMonths(track, birth), "end_of_month");
}
