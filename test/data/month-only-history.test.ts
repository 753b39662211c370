// A roster whose 任职经历 sheet writes dates to the month (2014-09), read with
// 海淀's policy, which reads the tenure at the legal entity (法人学校任教年限):
// the answer comes back, the sorted history keeps month-only entries in
// order, and a person whose continuity depends on the day is undetermined.
// Before, the legal-entity walk compared the month's span as a number and
// `lungang decide` never returned.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTabular } from "../../src/data/tabular/read.js";
import { ROOT, runCli } from "../support/policy.js";
import { workbook } from "../support/roster.js";

const sheets = {
  基本信息: [["基准日", "2024-09-01"]],
  学校: [
    ["学校代码", "学校名称", "区县", "城乡类别", "办学层次", "具备交流条件", "法人学校"],
    ["A1", "一校区", "海淀区", "城区", "优质", "是", "E"],
    ["A2", "二校区", "海淀区", "城区", "优质", "是", "E"],
  ],
  教师: [
    ["工号", "性别", "出生日期", "岗位", "岗位类别", "学校", "到校时间", "在编", "在岗", "专任教师"],
    ["T1", "男", "1980-01-01", "教师", "专技", "A1", "2020-09-01", "是", "是", "是"],
  ],
  任职经历: [
    ["工号", "学校", "起始日期", "截止日期"],
    ["T1", "A2", "2014-09", "2020-08"],
    ["T1", "A1", "2010-09-01", "2012-08-31"],
  ],
};

describe("month-only dates in a roster's service history", () => {
  it("are read as the month's days, in order of their first day", async () => {
    const file = await workbook(sheets);
    const r = await readTabular(file);
    const t = r.value!.teachers[0]!;
    expect(t.history.map((h) => h.school)).toEqual(["A1", "A2"]);
    expect(typeof t.history[1]!.from).toBe("object");
  });

  it("海淀: the legal-entity tenure is undetermined when continuity depends on the day, and the run ends", async () => {
    const file = await workbook(sheets);
    const r = await runCli(["decide", file, "--policy", join(ROOT, "policies/beijing/haidian"), "--json"]);
    const j = JSON.parse(r.out);
    expect(j.counts).toEqual({ teachers_in: 1, decided: 1, rejected: 0 });
    expect(j.decisions[0]).toMatchObject({
      decision: "indeterminate",
      clauses: ["HD-1"],
      reason: "任职经历只知到月，结果取决于具体日期",
    });
  }, 60_000);
});
