// Tabular data — the 18-digit resident ID number (居民身份证号, GB 11643-1999):
// check digit verified, birth date (digits 7–14) and sex (digit 17: odd male,
// even female) derived. Pure. The number itself is personal information:
// nothing here returns or formats it, and callers never print it.

import { fromYmd, type Day } from "../../time/date.js";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export type IdNumberFacts =
  | { readonly ok: true; readonly birth: Day; readonly sex: "male" | "female" }
  | { readonly ok: false; readonly why: "form" | "check" | "date" };

export function idNumberFacts(raw: string): IdNumberFacts {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, why: "form" };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * WEIGHTS[i]!;
  if (CHECK[sum % 11] !== s[17]) return { ok: false, why: "check" };
  const birth = fromYmd(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)));
  if (birth === undefined) return { ok: false, why: "date" };
  return { ok: true, birth, sex: Number(s[16]) % 2 === 1 ? "male" : "female" };
}
