// 乌石 WS-1-3 (issue 12): “在交流期间，女教师法定产假可视作交流年限” — the exchange time of a
// person on an ongoing rotation is its calendar length, maternity leave not deducted,
// reported per person by `lungang check` (a statistic: YAML plan tests cannot state it).

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/checker/check.js";
import { compile } from "../../src/interpreter/compile.js";
import { loadPolicy } from "../../src/policy/load.js";
import { checkPlan } from "../../src/plan/check-plan.js";
import { parseDatasetText } from "../../src/data/read.js";
import { ROOT } from "../support/policy.js";

const program = compile(check(loadPolicy(join(ROOT, "policies", "wushi")).unit!).policy!);

function figures(history: unknown[], conditions: string[] = []) {
  const read = parseDatasetText(
    JSON.stringify({
      as_of: "2025-09-01",
      schools: [
        { id: "W01", name: "乌石学校", location: "town", tier: "general" },
        { id: "W02", name: "某村小", location: "rural", tier: "weak" },
      ],
      teachers: [
        {
          id: "W1",
          sex: "female",
          birth_date: "1988-03-01",
          role: "teacher",
          established: true,
          on_post: true,
          full_time: true,
          school: "W01",
          school_since: "2015-09-01",
          conditions,
          history,
        },
      ],
      plan: { moves: [] },
    }),
    "data.json",
    "json",
  );
  // An ongoing exchange overlaps the original school's service: D016 warns, nothing is refused.
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const data = read.value!;
  return checkPlan(program, data)
    .statistics.filter((s) => s.clause.id === "WS-1-3")
    .map((s) => ({ id: s.subject.id, value: s.value }));
}
const rotation = (to: string) => ({ school: "W02", from: "2023-09-01", to, rotation: true });

describe("乌石 WS-1-3: maternity leave counts as exchange time", () => {
  it("a woman on maternity leave during her exchange: the whole calendar period counts (2 years on the day)", () => {
    expect(figures([rotation("2025-08-31")], ["maternity_leave"])).toEqual([
      { id: "W1", value: { months: 24, days: 0 } },
    ]);
    // The same as without leave: nothing is deducted.
    expect(figures([rotation("2025-08-31")])).toEqual(figures([rotation("2025-08-31")], ["maternity_leave"]));
  });
  it("a day short of two years is 1 year 11 months 30 days; a day more, 2 years 1 day", () => {
    expect(figures([rotation("2025-08-30")])).toEqual([]); // ended two days before as_of: no longer on exchange
    expect(figures([{ ...rotation("2025-08-31"), from: "2023-09-02" }], ["maternity_leave"])).toEqual([
      { id: "W1", value: { months: 23, days: 30 } },
    ]);
    expect(figures([rotation("2025-09-01")], ["maternity_leave"])).toEqual([
      { id: "W1", value: { months: 24, days: 1 } },
    ]);
  });
  it("someone not on exchange is not listed", () => {
    expect(figures([])).toEqual([]);
    expect(figures([{ school: "W02", from: "2023-09-01", to: "2025-08-31", rotation: false }])).toEqual([]);
  });
});
