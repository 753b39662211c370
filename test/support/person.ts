// Test support: a person with the required facts of a teacher at school S1,
// and any facts a test sets on top (also ones the model types do not allow,
// such as a month-only date).

import type { Teacher } from "../../src/data/model.js";
import { fromYmd } from "../../src/time/date.js";

export const day = (y: number, m: number, d: number) => fromYmd(y, m, d)!;

export function personAt(over: Record<string, unknown> = {}): Teacher {
  return {
    id: "T",
    sex: "male",
    birth_date: day(1980, 1, 1),
    role: "teacher",
    school: "S1",
    school_since: day(2010, 1, 1),
    honors: [],
    conditions: [],
    deferred_years: 0,
    volunteer: false,
    history: [],
    ...over,
  } as unknown as Teacher;
}
