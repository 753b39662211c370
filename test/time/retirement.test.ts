// Tests for src/time/retirement.ts: every row
// of the reference table published with the law (附件对照表), with the three tracks
// built here as test data — the product reads them from policy files.

import { describe, expect, it } from "vitest";
import { formatDate, parseIsoDate, type Day } from "../../src/time/date.js";
import { retirementDate, statutoryAgeMonths, type RetirementTrack } from "../../src/time/retirement.js";

const men: RetirementTrack = {
  id: "men",
  originalAgeMonths: 60 * 12,
  firstAffected: { y: 1965, m: 1 },
  stepMonths: 4,
  maxDelayMonths: 36,
};
const women55: RetirementTrack = {
  id: "women55",
  originalAgeMonths: 55 * 12,
  firstAffected: { y: 1970, m: 1 },
  stepMonths: 4,
  maxDelayMonths: 36,
};
const women50: RetirementTrack = {
  id: "women50",
  originalAgeMonths: 50 * 12,
  firstAffected: { y: 1975, m: 1 },
  stepMonths: 2,
  maxDelayMonths: 60,
};

function D(s: string): Day {
  const d = parseIsoDate(s);
  if (d === undefined) throw new Error(`bad test date ${s}`);
  return d;
}

// born (month), track, statutory age [years, months], retirement month
const REFERENCE: [string, RetirementTrack, [number, number], string][] = [
  ["1964-12", men, [60, 0], "2024-12"],
  ["1965-01", men, [60, 1], "2025-02"],
  ["1965-05", men, [60, 2], "2025-07"],
  ["1965-12", men, [60, 3], "2026-03"],
  ["1976-08", men, [62, 11], "2039-07"],
  ["1976-09", men, [63, 0], "2039-09"],
  ["1970-01", women55, [55, 1], "2025-02"],
  ["1971-04", women55, [55, 4], "2026-08"],
  ["1981-09", women55, [58, 0], "2039-09"],
  ["1975-01", women50, [50, 1], "2025-02"],
  ["1975-11", women50, [50, 6], "2026-05"],
  ["1984-11", women50, [55, 0], "2039-11"],
];

describe("statutory retirement (2025 progressive delay)", () => {
  it.each(REFERENCE)("born %s on %o", (born, track, [y, m], retires) => {
    // Any day of the birth month gives the same age and retirement month.
    for (const day of ["01", "15", "28"]) {
      const birth = D(`${born}-${day}`);
      expect(statutoryAgeMonths(track, birth)).toBe(y * 12 + m);
      expect(formatDate(retirementDate(track, birth)).slice(0, 7)).toBe(retires);
    }
  });

  it("caps the delay and leaves earlier births alone", () => {
    expect(statutoryAgeMonths(men, D("1990-06-01"))).toBe(63 * 12);
    expect(statutoryAgeMonths(women50, D("1999-06-01"))).toBe(55 * 12);
    expect(statutoryAgeMonths(men, D("1950-06-01"))).toBe(60 * 12);
  });

  it("puts a day past the month's end on that month's last day", () => {
    // Men born 1965-01-31: 60 y 1 m → February 2025 has no 31st.
    expect(formatDate(retirementDate(men, D("1965-01-31")))).toBe("2025-02-28");
    expect(formatDate(retirementDate(men, D("1964-12-15")))).toBe("2024-12-15");
    // RETIREMENT.md's worked example: woman teacher born 1976-01 → 56 y 7 m, retiring 2032-08.
    expect(statutoryAgeMonths(women55, D("1976-01-10"))).toBe(56 * 12 + 7);
    expect(formatDate(retirementDate(women55, D("1976-01-10")))).toBe("2032-08-10");
  });
});
