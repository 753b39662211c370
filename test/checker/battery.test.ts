// The checker's findings on a battery of small policies, one per path through
// names, types, declarations and priorities: every diagnostic with its code,
// position, the text it points at, its arguments (both languages) and its help,
// and what the checker records for a well-formed policy — each definition's
// type and whether it reads a person, a plan or a move, each name's
// resolution, each enumeration literal's code, each rule's priorities.
//
// The expected output is test/checker/__snapshots__/battery.txt, reviewed by
// hand line by line when it was written (a finding's words are the registry's,
// so only the arguments are shown). A change to it is a change to what users
// are told: read the diff before accepting it (`vitest -u`).

import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { check } from "../../src/checker/check.js";
import type { PolicyUnit } from "../../src/policy/load.js";
import type { CodedDiagnostic } from "../../src/diagnostics/registry.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { CheckedPolicy, Resolution } from "../../src/checker/checked.js";
import { showType } from "../../src/semantics/types.js";
import { BUILTIN_SCHEMA } from "../../src/data/declared.js";

const HEAD = `政策 "t" { 发文机关 "x" 施行日期 2024-01-01 }\n`;
/** One clause around the lines given. */
const clause = (body: string, id = "A-1") => `条款 ${id} 必须 原文 "必须交流" 出处 "一" {\n${body}\n}\n`;

function unitOf(name: string, text: string, more: Partial<PolicyUnit> = {}): PolicyUnit {
  const file = `${name}.policy`;
  return {
    name,
    dir: `/virtual/${name}`,
    files: [{ path: file, text, ast: parse(text, file).ast }],
    uses: [],
    ...more,
  };
}

interface Node {
  id: number;
  kind: string;
  span: { file: string; start: number; end: number };
}
function nodesOf(u: PolicyUnit): Map<number, { node: Node; text: string }> {
  const out = new Map<number, { node: Node; text: string }>();
  const walk = (x: unknown, text: string): void => {
    if (Array.isArray(x)) for (const y of x) walk(y, text);
    else if (x && typeof x === "object") {
      const n = x as Partial<Node>;
      if (typeof n.id === "number" && n.span && typeof n.kind === "string") out.set(n.id, { node: n as Node, text });
      for (const v of Object.values(x)) walk(v, text);
    }
  };
  const all = (v: PolicyUnit): void => {
    for (const f of v.files) walk(f.ast, f.text);
    v.uses.forEach(all);
    if (v.parent) all(v.parent);
  };
  all(u);
  return out;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `${line}:${offset - before.lastIndexOf("\n")}`;
}

function showDiag(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const args = (d as CodedDiagnostic).args ?? {};
  const text = d.span ? (sources.get(d.span.file) ?? "") : "";
  const at = d.span
    ? `${d.span.file}@${lineCol(text, d.span.start)} ${JSON.stringify(text.slice(d.span.start, d.span.end).slice(0, 60))}`
    : `path ${d.path}`;
  const lines = [`${d.severity} ${d.code} ${at} ${JSON.stringify(args)}`];
  if (d.help) lines.push(`    help: ${d.help}`);
  for (const r of d.related ?? [])
    lines.push(`    related: ${r.message} ${r.span.file}@${lineCol(sources.get(r.span.file) ?? "", r.span.start)}`);
  return lines.join("\n");
}

function showResolution(r: Resolution): string {
  switch (r.k) {
    case "field":
      return `field ${r.rec}.${r.info.name}${r.viaMoveTeacher ? " (via the move's person)" : ""}`;
    case "derived":
      return `derived ${r.info.name}${r.viaMoveTeacher ? " (via the move's person)" : ""}`;
    case "param":
      return `param ${r.p.name}`;
    case "define":
      return `define ${r.d.name}${r.viaMoveTeacher ? " (via the move's person)" : ""}`;
    case "track":
      return `track ${r.t.name}`;
    case "collection":
      return `collection ${r.name} of ${r.of}`;
    case "subject":
      return `subject ${r.kind}`;
  }
}

function summary(p: CheckedPolicy, nodes: Map<number, { node: Node; text: string }>): string[] {
  const out: string[] = [];
  const src = (id: number) => {
    const n = nodes.get(id);
    return n ? JSON.stringify(n.text.slice(n.node.span.start, n.node.span.end)) : `#${id}`;
  };
  for (const d of p.defOrder)
    out.push(
      `def ${d.name}: ${showType(d.ty)}${d.needsPerson ? ", reads a person" : ""}${d.needsPlan ? ", reads a plan" : ""}`,
    );
  for (const r of p.rules)
    out.push(
      `rule ${r.label} (${r.rule.ruleKind}) of ${r.clause.policy}/${r.clause.id}` +
        (r.overrides.length ? ` over ${r.overrides.map((o) => o.label).join(", ")}` : "") +
        (r.replaced ? ` replacing ${r.replaced.label} of ${r.replaced.clause.policy}` : ""),
    );
  for (const c of p.checks) out.push(`check ${c.label} for each ${c.check.subject.kind} (${c.check.mode})`);
  // What each rule and check rests on that a refining policy changed (cited with the decision).
  const text = (e: { id: number } | undefined) => (e ? src(e.id) : "—");
  for (const x of [...p.rules, ...p.checks])
    for (const a of x.amendments ?? [])
      out.push(
        `amended ${x.label}: ${a.kind} ${a.name} by ${a.by.policy}/${a.by.id} of ${a.of.policy}/${a.of.id}` +
          (a.kind === "rule" ? "" : ` (${text(a.before)} → ${text(a.after)})`),
      );
  for (const [id, r] of [...p.resolutions].sort(([a], [b]) => a - b))
    out.push(
      `name ${src(id)} → ${showResolution(r)}` +
        (r.k === "collection" ? "" : ` : ${showType(p.types.get(id) ?? { k: "error" })}`),
    );
  for (const [id, f] of [...p.members].sort(([a], [b]) => a - b))
    out.push(`member ${src(id)} → ${f.name} : ${showType(f.ty)}`);
  for (const [id, v] of [...p.enumLiterals].sort(([a], [b]) => a - b))
    out.push(`literal ${src(id)} → ${v} : ${showType(p.types.get(id) ?? { k: "error" })}`);
  for (const [name, e] of p.paramEnums) out.push(`param ${name} takes values of ${e.enum}`);
  for (const t of p.tracks.values())
    out.push(
      `track ${t.name} of ${t.clause.policy}` +
        (t.inForceFrom !== undefined ? ` in force from day ${t.inForceFrom}` : ""),
    );
  if (p.trackSelector) out.push(`track selector ${p.trackSelector.name}`);
  if (p.rounding) out.push(`month-end rounding ${p.rounding}`);
  // What the declarations changed in the input schema: new or restated fields, new or extended enumerations.
  for (const rec of ["teacher", "school", "move", "history"] as const)
    for (const [key, f] of Object.entries(p.input[rec]))
      if (BUILTIN_SCHEMA[rec][key] !== f) out.push(`declared ${rec}.${key}: ${JSON.stringify(f)}`);
  for (const [name, e] of Object.entries(p.input.enums))
    if (BUILTIN_SCHEMA.enums[name] !== e) out.push(`enumeration ${name}: ${JSON.stringify(e)}`);
  return out;
}

function report(unit: PolicyUnit): string {
  const { policy, diagnostics } = check(unit);
  const sources = new Map<string, string>();
  const all = (v: PolicyUnit): void => {
    for (const f of v.files) sources.set(f.path, f.text);
    v.uses.forEach(all);
    if (v.parent) all(v.parent);
  };
  all(unit);
  const parseErrors = unit.files.flatMap((f) => parse(f.text, f.path).diagnostics);
  const lines = [
    ...parseErrors.map((d) => "PARSE " + showDiag(d, sources)),
    ...diagnostics.map((d) => showDiag(d, sources)),
  ];
  if (!diagnostics.some((d) => d.severity === "error") && policy) lines.push(...summary(policy, nodesOf(unit)));
  return lines.join("\n");
}

type Case = readonly [title: string, unit: () => PolicyUnit];
const one = (title: string, body: string): Case => [title, () => unitOf("t", HEAD + clause(body))];
const raw = (title: string, text: string): Case => [title, () => unitOf("t", HEAD + text)];
/** A district (`t`) that refines a city (`city`). */
const refine = (title: string, city: string, district: string): Case => [
  title,
  () => unitOf("t", HEAD + district, { parent: unitOf("city", HEAD + city) }),
];
/** A policy (`t`) that uses another (`lib`): its declarations only. */
const using = (title: string, lib: string, text: string): Case => [
  title,
  () => unitOf("t", HEAD + text, { uses: [unitOf("lib", HEAD + lib)] }),
];

const TYPES: Case[] = [
  one("a condition that is a number (T002)", `应交流 r: 当 周岁`),
  one("非 of a number (T002 at the operand)", `应交流 r: 当 非 周岁`),
  one("非 of an unknown name: one N001, no T002", `应交流 r: 当 非 未知名`),
  one("且/或 of a number on either side (T002 each)", `应交流 r: 当 周岁 且 真\n应交流 s: 当 真 或 本校任教年限`),
  one("negation of a text and of a truth value (T003)", `定义 a = -性别\n定义 b = -真\n应交流 r: 当 a 是 b`),
  one("negation of an unknown name: one N001", `应交流 r: 当 -未知名 > 3`),
  one("negation of a number, a share and a duration", `应交流 r: 当 -周岁 < -50 且 -15% < 0% 且 -本校任教年限 < -1年`),
  one("a set of mixed values (T004 at each odd one)", `应交流 r: 当 周岁 属于 {50, "五十", 51, 真}`),
  one(
    "a set whose first value is in error takes the next one's type",
    `应交流 r: 当 本校任教年限 属于 {未知名, 1年, 2}`,
  ),
  one("a set of only errors", `应交流 r: 当 周岁 属于 {未知名}`),
  one("a conditional whose branches differ (T004 at the else)", `应交流 r: 当 (若 在编 则 1 否则 "一") > 0`),
  one(
    "a conditional with an erroneous then-branch takes the else's type",
    `应交流 r: 当 (若 在编 则 未知名 否则 3) > 2`,
  ),
  one(
    "a conditional with an erroneous else-branch takes the then's type",
    `应交流 r: 当 (若 在编 则 3 否则 未知名) > 2`,
  ),
  one("a conditional on a number (T002)", `应交流 r: 当 (若 周岁 则 1 否则 2) > 0`),
  one("a date that is not a calendar date (T015)", `应交流 r: 当 出生日期 > 2023-02-29`),
  one("a date out of range (T090)", `应交流 r: 当 出生日期 > 1800-01-01`),
  one("a field of a number (N002)", `应交流 r: 当 周岁.校名 是 "x"`),
  one("an unknown field of a school, with a suggestion (N002)", `应交流 r: 当 学校.地区 是 "x"`),
  one("a field of an erroneous value: one N001", `应交流 r: 当 未知名.校名 是 "x"`),
  one("fields of the person's school", `应交流 r: 当 学校.地域 是 "城区" 且 学校.层次 是 "优质" 且 学校.校名 是 "甲"`),
  one("an unknown function, with a suggestion (T007)", `应交流 r: 当 期限(出生日期, 基准日) > 1年`),
  one("a function given too few arguments (T008)", `应交流 r: 当 期间(出生日期) > 1年`),
  one("a function given an argument of the wrong type (T004)", `应交流 r: 当 年份(3) > 2000`),
  one("较小值 of two types (T003 with the function's name)", `应交流 r: 当 较小值(1年, 2) > 0`),
  one("functions in a rule", `应交流 r: 当 周岁于(基准日) > 50 且 期间(出生日期, 基准日) > 1年 且 已知(职称)`),
  one("arithmetic between a number and a text (T003)", `应交流 r: 当 周岁 + 性别 > 1`),
  one("arithmetic on an erroneous side: one N001", `应交流 r: 当 周岁 + 未知名 > 1`),
  one("an unknown name, with the nearest visible one (N001)", `应交流 r: 当 本校任教年线 满 9年`),
  one("an unknown name, with nothing near (N001 without help)", `应交流 r: 当 甲乙丙丁戊己 满 9年`),
  one("a value the enumeration lacks (T005 with suggestion and allowed values)", `应交流 r: 当 性别 是 "男性"`),
  one("a set of values, one the enumeration lacks (T005)", `应交流 r: 当 情形 包含任一 {"孕期", "怀孕"}`),
  one("a number in a set of texts (T001)", `应交流 r: 当 周岁 属于 {"五十"}`),
  one("包含 on a number (T001)", `应交流 r: 当 周岁 包含 1`),
  one("包含 of the wrong element type (T001)", `应交流 r: 当 情形 包含 1`),
  one("包含任一 between a set and a value (T001)", `应交流 r: 当 情形 包含任一 "孕期"`),
  one("包含任一 between sets of different types (T001)", `应交流 r: 当 情形 包含任一 {1, 2}`),
  one("属于 on the left of a literal", `应交流 r: 当 "孕期" 属于 情形 且 {"男"} 包含 性别`),
  one("是 between different types (T001)", `应交流 r: 当 周岁 是 "五十"`),
  one("是 between sets (T001 with help)", `应交流 r: 当 情形 是 {"孕期"}`),
  one("an ordered comparison of truth values (T001)", `应交流 r: 当 在编 > 假`),
  one("an ordered comparison of texts that are not titles (T001)", `应交流 r: 当 性别 > "男"`),
  one("a share against a count (T001 with help), either way round", `应交流 r: 当 15% < 3 或 3 > 15%`),
  one("a count against a duration (T001 with help)", `应交流 r: 当 9 < 本校任教年限`),
  one("a duration against a number (T001 with help)", `应交流 r: 当 本校任教年限 满 9`),
  one("a date against a number (T001 without help)", `应交流 r: 当 出生日期 > 3`),
  one("titles compared by rank, either way round", `应交流 r: 当 职称 高于 "一级" 且 "一级" 低于 职称`),
  one("an age out of range on either side (T090)", `应交流 r: 当 周岁 > 300 或 300 < 周岁`),
  one(
    "an age compared with a number that is out of range as a number: one T090",
    `应交流 r: 当 周岁 > 99999999999999999999`,
  ),
  one("an age compared with an age literal is checked as an age", `应交流 r: 当 周岁 > 200周岁`),
  one("the reference date is readable in a rule", `应交流 r: 当 基准日 > 出生日期`),
  one(
    "a long age literal is shown by its digits, without its unit; up to 15 digits as written",
    `应交流 r: 当 周岁 > 1234567890123456周岁 或 周岁 > 123456789012345周岁`,
  ),
  one(
    "a literal longer than 24 characters is shortened (24 is shown whole)",
    `检查 c 对每个 学校: 计数(调出) / 计数(教师) > 1000.000000000000000000% 且 计数(调出) / 计数(教师) > 1000.0000000000000000000%`,
  ),
  one(
    "periods in days and months are held to 100 years",
    `应交流 r: 当 本校任教年限 < 36600天 且 本校任教年限 < 36700天 且 本校任教年限 < 1200个月 且 本校任教年限 < 1201个月 且 本校任教年限 < 400000天`,
  ),
  one(
    "dates from 1900 to 2100",
    `应交流 r: 当 出生日期 > 1900-01-01 且 出生日期 < 2100-12-31 且 出生日期 < 2101-01-01 且 出生日期 > 1899-12-31`,
  ),
];

const CONTEXTS: Case[] = [
  one("a parameter that reads a person (T014)", `参数 p: 整数 = 周岁\n应交流 r: 当 周岁 > p`),
  one("a parameter that reads the reference date (T014)", `参数 p: 日期 = 基准日\n应交流 r: 当 出生日期 > p`),
  one("a parameter that reads a definition (T014)", `定义 d = 50\n参数 p: 整数 = d\n应交流 r: 当 周岁 > p`),
  one("a parameter that reads a parameter", `参数 q: 整数 = 50\n参数 p: 整数 = q\n应交流 r: 当 周岁 > p`),
  one("a parameter whose value has the wrong type (T004)", `参数 p: 整数 = 9年\n应交流 r: 当 周岁 > p`),
  one(
    "a text or set parameter compared with an enumeration takes its values, on either side",
    `参数 p: 文本 = "男"\n参数 q: 集合 = {"孕期"}\n应交流 r: 当 性别 是 p 且 情形 包含任一 q 且 p 是 性别`,
  ),
  one(
    "a text parameter compared with a second enumeration (T004)",
    `参数 p: 文本 = "男"\n参数 q: 集合 = {"孕期"}\n应交流 r: 当 性别 是 p 且 情形 包含任一 q 且 p 是 性别\n应交流 s: 当 学校.地域 是 p`,
  ),
  one("plan-only facts in a rule (T006 with help)", `应交流 r: 当 已安排交流\n应交流 s: 当 个人决定 是 "应交流"`),
  one(
    "a definition that reads plan-only facts, used in a rule (T006 with help) and in a teacher check",
    `定义 已排 = 已安排交流\n应交流 r: 当 已排\n检查 c 对每个 教师: 已排 或 非 已排`,
  ),
  one(
    "a definition that reads a person, used in a school check (T006) and inside its aggregate",
    `定义 老 = 周岁 > 50\n检查 c 对每个 学校: 老\n检查 d 对每个 学校: 计数(教师 其中 老) > 0`,
  ),
  one(
    "a definition that reads nothing of a person is usable in a school check",
    `定义 五十 = 50\n检查 c 对每个 学校: 计数(教师) > 五十`,
  ),
  one(
    "a definition that reads a person through another definition",
    `定义 老 = 周岁 > 50\n定义 很老 = 老 且 真\n检查 c 对每个 学校: 很老`,
  ),
  one(
    "a definition that reads a person through a function and through the history",
    `定义 a = 周岁于(基准日) > 50\n定义 b = 计数(任职经历) > 1\n检查 c 对每个 学校: a 或 b`,
  ),
  one(
    "a definition that reads a derived fact and the reference date",
    `定义 a = 本校任教年限 满 9年\n定义 b = 基准日 > 2020-01-01\n检查 c 对每个 学校: b\n检查 d 对每个 学校: a`,
  ),
  one("a person's fact in a school check (T006)", `检查 c 对每个 学校: 性别 是 "男"`),
  one("a person's fact in a district check (T006)", `检查 c 对每个 区: 周岁 > 50`),
  one("周岁于 in a school check (T006)", `检查 c 对每个 学校: 周岁于(基准日) > 50`),
  one(
    "a school's own fields in a school check: bare (N001 saying how) and through the school",
    `检查 c 对每个 学校: 具备交流条件 且 地域 是 "城区" 且 学校.层次 是 "优质"\n检查 d 对每个 学校: 学校.具备交流条件`,
  ),
  one(
    "a move's fields, its person's facts and a definition through the move",
    `定义 老 = 周岁 > 50\n检查 c 对每个 交流: 交流年限 满 3年 且 性别 是 "男" 且 老 且 调入学校.所在区 是 "甲"`,
  ),
  one(
    "a definition reading a move: in a move check, not in a rule (T025) nor a school check (T025)",
    `定义 远 = 调入学校.所在区 是 "甲"\n检查 c 对每个 交流: 远\n应交流 r: 当 远\n检查 d 对每个 学校: 计数(教师 其中 远) > 0`,
  ),
  one(
    "a move's fields inside the history of a move check",
    `检查 c 对每个 交流: 计数(任职经历 其中 学校.所在区 是 调入学校.所在区) 是 0`,
  ),
  one("a move's fields in a rule (N001)", `应交流 r: 当 交流年限 满 3年`),
  one(
    "the subject's name in each kind of check",
    `检查 a 对每个 地域: 地域 是 "城区"\n检查 b 对每个 层次: 层次 是 "优质"\n检查 c 对每个 区: 区 是 "甲"\n检查 d 对每个 集团: 集团 是 "乙"\n检查 e 对每个 学校: 学校.校名 是 "丙"`,
  ),
  one("another subject's name in a check (N001)", `检查 c 对每个 区: 学校 是 "甲"`),
  one(
    "collections: in a check, and a plan subject's in a rule (T009)",
    `检查 c 对每个 学校: 计数(调出) 不少于 计数(调入) 且 计数(学校列表) > 0\n应交流 r: 当 计数(教师) > 0`,
  ),
  one("the history in a school check (T009)", `检查 c 对每个 学校: 计数(任职经历) > 0`),
  one("an unknown collection, with a suggestion (T009)", `检查 c 对每个 学校: 计数(教帅) > 0`),
  one("计数 with a value (T008)", `检查 c 对每个 学校: 计数(教师, 周岁) > 0`),
  one("合计 without a value (T008)", `检查 c 对每个 学校: 合计(教师) > 0`),
  one("合计 of a text (T004)", `检查 c 对每个 学校: 合计(教师, 性别) > 0`),
  one(
    "存在 and 全部 with a condition; 存在 of a number (T002)",
    `检查 c 对每个 学校: 存在(教师, 在编) 且 全部(教师, 在岗)\n检查 d 对每个 学校: 存在(教师, 周岁)`,
  ),
  one(
    "a statistic must be a figure (T004), and may be a count, share or duration",
    `统计 a 对每个 学校: 计数(教师) 是 0\n统计 b 对每个 学校: 计数(调出) / 计数(教师)\n统计 c 对每个 学校: 合计(调出, 交流年限)`,
  ),
  one("a check's filter and precondition are conditions (T002)", `检查 c 对每个 学校 其中 3 仅当 4: 真`),
];

const DECLS: Case[] = [
  one(
    "a name declared twice in one policy (N003, no override help)",
    `参数 p: 整数 = 1\n参数 p: 整数 = 2\n应交流 r: 当 周岁 > p`,
  ),
  one("覆盖 of a name no layer declares (N004)", `覆盖 参数 p: 整数 = 2\n应交流 r: 当 周岁 > p`),
  one("覆盖 within one policy (N003)", `参数 p: 整数 = 1\n覆盖 参数 p: 整数 = 2\n应交流 r: 当 周岁 > p`),
  one("a parameter named as a fact (N012)", `参数 周岁: 整数 = 1\n应交流 r: 当 真`),
  one("a definition named as a fact (N012)", `定义 性别 = 真\n应交流 r: 当 真`),
  one("a redacted value (W008)", `参数 p: 整数\n应交流 r: 当 周岁 > p`),
  one("a value set by another document (W011)", `参数 p: 整数 出处 "区教字[2023]14号"\n应交流 r: 当 周岁 > p`),
  one("a definition of the wrong declared type (T004)", `定义 d: 期限 = 3\n应交流 r: 当 d 满 1年`),
  one("definitions in a cycle (N009)", `定义 a = b 且 真\n定义 b = c\n定义 c = a\n应交流 r: 当 a`),
  one("a definition that names itself (N009)", `定义 a = 非 a\n应交流 r: 当 a`),
  one("two rules with one label (N006)", `应交流 r: 当 真\n应交流 r: 当 假`),
  one("a check with a rule's label (N006)", `应交流 r: 当 真\n检查 r 对每个 学校: 真`),
  one("two checks with one label (N006)", `检查 c 对每个 学校: 真\n检查 c 对每个 区: 真`),
  one(
    "a selection order with a taken label (N006), a key without an order (T017)",
    `应交流 r: 当 真\n选择顺序 r: 本校任教年限 降序\n选择顺序 o: 性别 降序, 荣誉 升序`,
  ),
  one(
    "selection keys with an order",
    `应交流 r: 当 真\n选择顺序 o: 本校任教年限 降序, 职称 降序, 出生日期 升序, 在编 降序, 周岁 升序, 15% 升序`,
  ),
  raw("a clause whose text is blank (W001)", `条款 A-1 必须 原文 "  " 出处 "一" {\n应交流 r: 当 真\n}\n`),
  raw("two clauses with one id (N005)", clause(`应交流 r: 当 真`) + clause(`应交流 s: 当 真`)),
  raw(
    "each kind of item outside any clause (W002)",
    clause(`应交流 r: 当 真`) +
      `参数 p: 整数 = 1\n应交流 s: 当 真\n检查 c 对每个 学校: 真\n定义 d = 真\n选择顺序 o: 周岁 升序\n退休轨道 t: 原退休年龄 60周岁, 起始月 1965-01, 每 4个月, 最多延迟 36个月\n`,
  ),
  one(
    "an order whose label a check or another order has (N006)",
    `应交流 r: 当 真\n检查 c 对每个 学校: 真\n选择顺序 c: 周岁 升序\n选择顺序 o: 周岁 升序\n选择顺序 o: 周岁 降序`,
  ),
  ["a file without a policy header (W009)", () => unitOf("t", clause(`应交流 r: 当 真`))],
];

const PRIORITIES: Case[] = [
  one("an exemption that overrides nothing (T010)", `应交流 r: 当 周岁 > 50\n免交流 x: 当 在编`),
  one(
    "a deferral and an exemption over a requirement",
    `应交流 r: 当 周岁 > 50\n暂缓 d 优先于 r: 当 在编\n免交流 x 优先于 r, d: 当 在岗`,
  ),
  one("优先于 an unknown rule, with a suggestion (N001)", `应交流 规则甲: 当 真\n免交流 x 优先于 规则乙: 当 真`),
  one(
    "优先于 a parameter or a check (N007)",
    `参数 p: 整数 = 1\n检查 c 对每个 学校: 真\n应交流 r: 当 真\n免交流 x 优先于 p, c, r: 当 真`,
  ),
  one("优先于 a scope rule (T012)", `范围 s: 当 在编\n应交流 r: 当 真\n免交流 x 优先于 s, r: 当 真`),
  one("a scope rule with 优先于 (T011)", `应交流 r: 当 真\n范围 s 优先于 r: 当 在编`),
  one("priorities in a cycle (N010)", `应交流 r: 当 真\n免交流 x 优先于 r, y: 当 真\n免交流 y 优先于 r, x: 当 真`),
  one(
    "a limit on a requirement (T013) and a limit that reads a person (T014)",
    `应交流 r: 当 真 最长 3年\n暂缓 d 优先于 r: 当 真 最长 周岁`,
  ),
  one("仅当 on a rule that takes none (T016)", `应交流 r 仅当 在编: 当 真`),
];

const TRACK = (name: string, age = "60周岁") =>
  `退休轨道 ${name}: 原退休年龄 ${age}, 起始月 1965-01, 每 4个月, 最多延迟 36个月`;

/** A district (`t`) over a city (`city`) over a province (`prov`). */
const three = (title: string, prov: string, city: string, district: string): Case => [
  title,
  () => unitOf("t", HEAD + district, { parent: unitOf("city", HEAD + city, { parent: unitOf("prov", HEAD + prov) }) }),
];

const LAYERS: Case[] = [
  three(
    "an override chain: each link cited, nearest first; a parameter read twice is one amendment",
    clause(`参数 上限: 整数 = 55\n定义 老 = 周岁 > 上限\n应交流 r: 当 老 且 周岁 < 上限 + 10`, "P-1"),
    clause(`覆盖 参数 上限: 整数 = 56`, "C-1"),
    clause(`覆盖 参数 上限: 整数 = 57\n检查 c 对每个 学校: 计数(教师 其中 周岁 > 上限) 不少于 0`, "D-1"),
  ),
  three(
    "a redacted value overridden; an override that keeps the value below is not cited",
    clause(`参数 上限: 整数\n参数 下限: 整数 = 40\n应交流 r: 当 周岁 > 上限 且 周岁 > 下限`, "P-1"),
    clause(`覆盖 参数 上限: 整数 = 56`, "C-1"),
    clause(`覆盖 参数 下限: 整数`, "D-1"),
  ),
  refine(
    "a replaced rule cited; a parameter read only through another parameter",
    clause(`参数 a: 整数 = 50\n参数 b: 整数 = a\n应交流 r: 当 周岁 > b`, "C-1"),
    clause(`覆盖 参数 a: 整数 = 52\n应交流 r2 取代 r: 当 周岁 > b 且 在编`, "D-1"),
  ),
  refine(
    "the track selector overridden: every retirement fact rests on it",
    clause(
      `${TRACK("男")}\n${TRACK("女", "55周岁")}\n定义 适用退休轨道 = 男\n应交流 r: 当 距法定退休 < 1年\n应交流 s: 当 周岁 > 50`,
      "C-1",
    ),
    clause(`覆盖 定义 适用退休轨道 = 女`, "D-1"),
  ),
  refine(
    "a district overrides a city's parameter and definition, cited as amendments",
    clause(`参数 上限: 整数 = 55\n定义 老 = 周岁 > 上限\n应交流 r: 当 老`, "C-1"),
    clause(`覆盖 参数 上限: 整数 = 58\n覆盖 定义 老 = 周岁 不低于 上限`, "D-1"),
  ),
  refine(
    "a district redeclares a city's parameter without 覆盖 (N003 with help)",
    clause(`参数 上限: 整数 = 55\n应交流 r: 当 周岁 > 上限`, "C-1"),
    clause(`参数 上限: 整数 = 58`, "D-1"),
  ),
  refine(
    "a district replaces a city's rule; the city's exception now stands over the replacement",
    clause(`应交流 r: 当 周岁 > 50\n免交流 x 优先于 r: 当 在编`, "C-1"),
    clause(`应交流 r2 取代 r: 当 周岁 > 52`, "D-1"),
  ),
  refine(
    "取代 of an unknown rule, or of the policy's own (N008)",
    clause(`应交流 r: 当 真`, "C-1"),
    clause(`应交流 s: 当 真\n应交流 s2 取代 s: 当 真\n应交流 s3 取代 无此规则: 当 真`, "D-1"),
  ),
  refine(
    "one clause id in the city and the district (N005, pointing at the first)",
    clause(`应交流 r: 当 真`, "C-1"),
    clause(`应交流 s: 当 真`, "C-1"),
  ),
  using(
    "a used policy's declarations, not its rules",
    clause(`参数 上限: 整数 = 55\n定义 老 = 周岁 > 上限\n应交流 lib规则: 当 真`, "L-1"),
    clause(`应交流 r: 当 老`),
  ),
  using(
    "a used policy's parameter overridden, and a rule of it named (N001)",
    clause(`参数 上限: 整数 = 55\n应交流 lib规则: 当 真`, "L-1"),
    clause(`覆盖 参数 上限: 整数 = 60\n应交流 r: 当 周岁 > 上限\n免交流 x 优先于 lib规则, r: 当 真`),
  ),
];

const FACTS: Case[] = [
  raw(
    "declared facts of each type, read by rules",
    `事实 学校 山区学校 (mountain_school): 布尔 默认 表头 "是否山区学校", "山区" 说明 "学校地处山区"\n` +
      `事实 人员 岗位等级 (post_grade): 整数 必填\n` +
      `事实 人员 交流形式 (exchange_form): 枚举 { "支教" (support), "跟岗" (shadowing) 又称 "跟岗学习" } 表头 "交流形式"\n` +
      `事实 人员 特长 (specialties): 枚举集合 { "书法", "围棋" }\n` +
      `事实 交流 协议编号 (agreement): 编号\n` +
      `事实 任职经历 备注 (remark): 文本\n` +
      `扩展 情形 { "援派支教" (aid_assignment) 又称 "援派" }\n` +
      clause(
        `应交流 r: 当 岗位等级 > 3 且 学校.山区学校 且 交流形式 是 "跟岗" 且 特长 包含 "书法" 且 情形 包含 "援派支教"`,
      ),
  ),
  raw(
    "another spelling (又称) is accepted in the data, not in a rule: T005 lists the values' names",
    `事实 人员 交流形式 (exchange_form): 枚举 { "支教" (support), "跟岗" (shadowing) 又称 "跟岗学习" }\n` +
      clause(`应交流 r: 当 交流形式 是 "跟岗学习"`),
  ),
  raw("an unknown record word (S003)", `事实 职工 x: 布尔\n扩展 职工 情形 { "甲" }\n` + clause(`应交流 r: 当 真`)),
  raw("an unknown type word (S002)", `事实 人员 x: 布耳\n` + clause(`应交流 r: 当 真`)),
  raw("an unknown attribute word (S010)", `事实 人员 x: 布尔 必须\n` + clause(`应交流 r: 当 真`)),
  raw(
    "an enumeration without values, and values on a non-enumeration (S006)",
    `事实 人员 x: 枚举\n事实 人员 y: 布尔 { "甲" }\n事实 人员 z: 枚举 {}\n` + clause(`应交流 r: 当 真`),
  ),
  raw("a value declared twice (S006)", `事实 人员 x: 枚举 { "甲" (a), "乙" (a) }\n` + clause(`应交流 r: 当 真`)),
  raw("a label declared twice (S006)", `事实 人员 x: 枚举 { "甲" (a), "甲" (b) }\n` + clause(`应交流 r: 当 真`)),
  raw(
    "a reference type on a new fact (S011)",
    `事实 人员 所属 (belongs): 学校\n事实 交流 谁 (who): 人员\n` + clause(`应交流 r: 当 真`),
  ),
  raw(
    "a name that is a derived fact, a collection or the track selector (S007)",
    `事实 人员 周岁 (age2): 整数\n事实 人员 x (teachers): 整数\n事实 人员 适用退休轨道: 文本\n` +
      clause(`应交流 r: 当 真`),
  ),
  raw(
    "a built-in restated differently (S008 saying how: its headers, its type, required)",
    `事实 人员 在编 (established): 布尔\n事实 人员 性别 (sex): 文本\n事实 人员 在岗 (on_post): 布尔 必填\n` +
      clause(`应交流 r: 当 在编`),
  ),
  raw(
    "a declared fact restated the same (nothing) and differently (S001, pointing at the first)",
    `事实 人员 等级 (grade): 整数\n事实 人员 等级 (grade): 整数\n事实 人员 等级 (grade): 布尔\n事实 人员 等级二 (grade): 整数\n` +
      clause(`应交流 r: 当 等级 > 1`),
  ),
  raw(
    "a header another fact already has (S009), ignoring spaces",
    `事实 人员 甲 (a): 布尔 表头 "在 编"\n事实 人员 乙 (b): 布尔 表头 "姓名"\n` + clause(`应交流 r: 当 真`),
  ),
  raw(
    "extensions: an unknown fact (S004), a fact that is not an enumeration (S005)",
    `扩展 无此事实 { "甲" }\n扩展 在编 { "甲" }\n扩展 学校 情形 { "甲" }\n` + clause(`应交流 r: 当 真`),
  ),
  raw(
    "extensions: a value with another label, a label in use (S006); a value restated (nothing)",
    `扩展 情形 { "孕期" (pregnant), "怀孕" (pregnant), "哺乳期" (nursing2), "新情形" (new_one) }\n` +
      clause(`应交流 r: 当 情形 包含 "新情形"`),
  ),
  raw(
    "extending a school's enumeration by its record word",
    `扩展 学校 地域 { "山区" (mountain) }\n` + clause(`应交流 r: 当 学校.地域 是 "山区"`),
  ),
  raw(
    "the English names of a declaration, either order",
    `事实 person grade (等级): int required\n事实 人员 级别 (level): 整数\n` +
      clause(`应交流 r: 当 grade > 1 且 等级 > 1 且 level > 1 且 级别 > 1`),
  ),
];

const TRACKS: Case[] = [
  one(
    "retirement facts without a track selector (N011 at the first use)",
    `应交流 r: 当 距法定退休 < 1年 或 法定退休年龄 > 60`,
  ),
  one(
    "a track selector, and retirement facts read by it",
    `${TRACK("男")}\n${TRACK("女", "55周岁")}\n定义 适用退休轨道 = 若 性别 是 "男" 则 男 否则 女\n应交流 r: 当 距法定退休 < 1年 且 法定退休日期 > 基准日`,
  ),
  one("a track selector that is not a track (T004)", `定义 适用退休轨道 = 60\n应交流 r: 当 距法定退休 < 1年`),
  one(
    "a track's fields must be constants of their type (T004, T014)",
    `退休轨道 t: 原退休年龄 60年, 起始月 1965-01, 每 4, 最多延迟 周岁\n定义 适用退休轨道 = t\n应交流 r: 当 真`,
  ),
  [
    "month-end rounding declared in the header; a track in force from the policy's date",
    () =>
      unitOf(
        "t",
        `政策 "t" { 发文机关 "x" 施行日期 2024-01-01 日期进位 月末 }\n` +
          clause(`${TRACK("男")}\n定义 适用退休轨道 = 男\n应交流 r: 当 距法定退休 < 1年`),
      ),
  ],
  [
    "a used policy's track is in force from its own date, and its rounding is inherited",
    () =>
      unitOf("t", HEAD + clause(`应交流 r: 当 距法定退休 < 1年`), {
        uses: [
          unitOf(
            "lib",
            `政策 "lib" { 发文机关 "x" 施行日期 2025-01-01 日期进位 月末 }\n` +
              clause(`${TRACK("男")}\n定义 适用退休轨道 = 男`, "L-1"),
          ),
        ],
      }),
  ],
];

const SUGGESTIONS: Case[] = [
  one(
    "a misspelt parameter, definition and track",
    `参数 上限: 整数 = 5\n定义 老教师 = 周岁 > 上线\n应交流 r: 当 老教帅\n${TRACK("男职工")}\n定义 适用退休轨道 = 男职公`,
  ),
  one(
    "a misspelt person's fact in a move check",
    `检查 c 对每个 交流: 性另 是 "男" 且 本校任教年线 满 1年 且 交流年线 满 1年`,
  ),
  one("a misspelt collection or subject name in a school check", `检查 c 对每个 学校: 教师们 且 学较.校名 是 "x"`),
  one("a misspelt fact in a service filter", `应交流 r: 当 计数(任职经历 其中 起始日其 > 2020-01-01) > 0`),
  one(
    "a person's facts and 周岁于 in a service filter",
    `应交流 r: 当 计数(任职经历 其中 性别 是 "男") > 0 且 计数(任职经历 其中 周岁于(起始日期) < 30) > 0`,
  ),
];

/** A clause of the given modality and text. */
const said = (modality: string, text: string, body: string, id = "A-1", extra = "") =>
  `条款 ${id} ${modality}${extra} 原文 "${text}" 出处 "一" {\n${body}\n}\n`;
/** A chain of n definitions, the last one the condition. */
const chain = (n: number, cond: string) =>
  Array.from({ length: n }, (_, i) => `定义 d${i} = ${i === n - 1 ? cond : `d${i + 1}`}`).join("\n");

const LINTS: Case[] = [
  one("an unused definition and parameter (W003, W004)", `参数 p: 整数 = 1\n定义 d = 真\n应交流 r: 当 真`),
  raw("a library's declarations are not unused (no rules of its own)", clause(`参数 p: 整数 = 1\n定义 d = 真`)),
  refine(
    "a parent's unused declarations are its own concern",
    clause(`参数 p: 整数 = 1\n定义 d = 真\n应交流 r: 当 真`, "C-1"),
    clause(`免交流 x 优先于 r: 当 在编`, "D-1"),
  ),
  one("an exception whose condition is 假 (W005)", `应交流 r: 当 周岁 > 50\n免交流 x 优先于 r: 当 假`),
  one(
    "an exception over an exception of the same outcome (W005); of another outcome, none",
    `应交流 r: 当 周岁 > 50\n免交流 a 优先于 r: 当 在编\n免交流 b 优先于 a: 当 在岗\n暂缓 c 优先于 a, r: 当 在岗`,
  ),
  one(
    "an exception that contradicts the rule it overrides (W005), by number, parameter and flipped sides",
    `参数 上限: 整数 = 50\n应交流 r: 当 周岁 < 上限\n免交流 x 优先于 r: 当 周岁 > 55\n免交流 y 优先于 r: 当 50 <= 周岁\n免交流 z 优先于 r: 当 周岁 <= 49`,
  ),
  one(
    "at the boundary: a shared point is no contradiction, an open end at it is",
    `应交流 r: 当 周岁 <= 50\n免交流 x 优先于 r: 当 周岁 >= 50\n免交流 y 优先于 r: 当 周岁 > 50`,
  ),
  one(
    "the tighter of two bounds on one side counts, and > after >= at one value",
    `应交流 r: 当 周岁 <= 45\n免交流 x 优先于 r: 当 周岁 >= 40 且 周岁 > 45\n免交流 y 优先于 r: 当 周岁 >= 45 且 周岁 > 45\n免交流 z 优先于 r: 当 周岁 > 45 且 周岁 >= 45`,
  ),
  one(
    "the same on the upper side",
    `应交流 r: 当 周岁 >= 45\n免交流 x 优先于 r: 当 周岁 <= 50 且 周岁 < 45\n免交流 y 优先于 r: 当 周岁 <= 45 且 周岁 < 45\n免交流 z 优先于 r: 当 周岁 < 45 且 周岁 <= 45`,
  ),
  one(
    "durations compare months, then days: 12个月 is 1年, 1年1天 is more",
    `应交流 r: 当 本校任教年限 >= 1年\n免交流 x 优先于 r: 当 本校任教年限 < 12个月\n免交流 y 优先于 r: 当 本校任教年限 < 1年1天`,
  ),
  one(
    "facts are kept apart (a person's field, a derived fact), and a condition not a comparison is no constraint",
    `应交流 r: 当 周岁 < 50 且 已暂缓年限 < 1年\n免交流 x 优先于 r: 当 本校任教年限 > 55年\n免交流 y 优先于 r: 当 已暂缓年限 >= 1年\n免交流 z 优先于 r: 当 非 (周岁 < 50)`,
  ),
  one(
    "an exception over two rules contradicts only if it contradicts both",
    `应交流 r1: 当 周岁 < 50\n应交流 r2: 当 周岁 < 60\n免交流 x 优先于 r1, r2: 当 周岁 > 55\n免交流 y 优先于 r1, r2: 当 周岁 > 65`,
  ),
  one(
    "through definitions (depth 8 is looked into)",
    `${chain(8, "周岁 > 55")}\n应交流 r: 当 周岁 < 50\n免交流 x 优先于 r: 当 d0`,
  ),
  one(
    "through definitions (depth 9 is not)",
    `${chain(9, "周岁 > 55")}\n应交流 r: 当 周岁 < 50\n免交流 x 优先于 r: 当 d0`,
  ),
  one(
    "two exceptions of different outcomes, no priority between them (W006), each pair once",
    `应交流 r: 当 周岁 > 50\n应交流 s: 当 周岁 > 40\n免交流 a 优先于 r, s: 当 在编\n暂缓 b 优先于 r, s: 当 在岗\n暂缓 c 优先于 r: 当 专任教师\n暂缓 d 优先于 r, a: 当 本人申请`,
  ),
  refine(
    "a conflict among a parent's exceptions is the parent's; one with the district's is reported",
    clause(`应交流 r: 当 周岁 > 50\n免交流 a 优先于 r: 当 在编\n暂缓 b 优先于 r: 当 在岗`, "C-1"),
    clause(`暂缓 c 优先于 r, b: 当 专任教师`, "D-1"),
  ),
  raw(
    "modality: a must clause without a modal word, a softened one, a may clause without 可 (W007)",
    said("必须", "教师交流轮岗。", `应交流 r: 当 周岁 > 50`, "A-1") +
      said("必须", "教师原则上应交流轮岗。", `应交流 s: 当 周岁 > 40`, "A-2") +
      said("可", "教师暂不交流。", `免交流 x 优先于 r, s: 当 在编`, "A-3") +
      said("原则上", "教师一般应交流。", `应交流 t: 当 周岁 > 30`, "A-4") +
      said("必须", "比例不低于15%。", `检查 c 对每个 学校: 计数(调出) > 0`, "A-5"),
  ),
  raw(
    "modality is not asked of clauses that decide nothing (scope, statistics, definitions)",
    said("必须", "范围为在编教师。", `范围 s: 当 在编`, "A-1") +
      said("必须", "统计交流人数。", `统计 c 对每个 学校: 计数(调出)`, "A-2") +
      said("必须", "教师应交流。", `定义 d = 在编\n应交流 r: 当 d`, "A-3"),
  ),
  raw(
    "a basis (依据) quoted from the text, in order; one it lacks, or out of order (W010)",
    said("必须", "将交流经历作为评聘的条件之一。", `应交流 r: 当 在编`, "A-1", ` 依据 "作为……条件之一"`) +
      said("必须", "将交流经历作为评聘的条件之一。", `应交流 s: 当 在编`, "A-2", ` 依据 "列为……必要条件"`) +
      said("必须", "将交流经历作为评聘的条件之一。", `应交流 t: 当 在编`, "A-3", ` 依据 "条件之一……作为"`),
  ),
];

describe("the checker on a battery of small policies", () => {
  it("reports and records what the snapshot says", async () => {
    const sections: [string, Case[]][] = [
      ["types", TYPES],
      ["contexts", CONTEXTS],
      ["declarations", DECLS],
      ["priorities", PRIORITIES],
      ["layers", LAYERS],
      ["declared facts", FACTS],
      ["retirement tracks", TRACKS],
      ["suggestions", SUGGESTIONS],
      ["lints", LINTS],
    ];
    const out: string[] = [];
    for (const [name, cases] of sections) {
      out.push(`# ${name}`, "");
      for (const [title, make] of cases) {
        const u = make();
        const layers = (v: PolicyUnit): PolicyUnit[] => [v, ...v.uses, ...(v.parent ? layers(v.parent) : [])];
        const shown = layers(u)
          .flatMap((v) => v.files.map((f) => `${f.path}:\n${f.text.replace(HEAD, "").trimEnd()}`))
          .join("\n");
        out.push(`## ${title}`, "```", shown, "```", report(u) || "(nothing)", "");
      }
    }
    await expect(out.join("\n")).toMatchFileSnapshot("__snapshots__/battery.txt");
  });
});
