// AST → policy text, in canonical form (English or Chinese keywords). Used by
// the round-trip property test (parse(print(ast)) has the same structure as
// ast) and by tools that rewrite policies. Comments are not kept: formatting a
// policy file (`lungang fmt`, the editors) is src/syntax/format.ts, which keeps them.

import type * as A from "./ast.js";
import { Identifier, lexer } from "../../grammar/tokens.js";
import { AGGREGATES } from "../semantics/aggregates.js";
import { RULE_KINDS } from "../semantics/rule-kinds.js";

export type Spelling = "en" | "zh";

// One canonical spelling per keyword and language. The round-trip property
// ignores spellings, so the printer need not remember which one was written.
// Rule kinds and aggregates spell themselves (their semantic tables).
const KW = {
  en: {
    policy: "policy",
    basis: "because",
    issuer: "issuer",
    number: "number",
    effective: "effective",
    expires: "expires",
    supersedes: "supersedes",
    extends: "extends",
    uses: "uses",
    rounding: "rounding",
    clause: "clause",
    source: "source",
    ref: "ref",
    param: "param",
    define: "define",
    override: "override",
    overrides: "overrides",
    replaces: "replaces",
    when: "when",
    limit: "limit",
    check: "check",
    entitle: "entitle",
    report: "report",
    forEach: "for each",
    where: "where",
    onlyIf: "only if",
    track: "track",
    order: "selection_order",
    ascending: "ascending",
    descending: "descending",
    original: "original",
    starting: "starting",
    step: "step",
    max: "max_delay",
    if: "if",
    then: "then",
    else: "else",
    true: "true",
    false: "false",
    and: "and",
    or: "or",
    not: "not",
    in: "in",
    contains: "contains",
    intersects: "intersects",
    fact: "fact",
    extend: "extend",
    headers: "headers",
    doc: "doc",
    aka: "aka",
  },
  zh: {
    policy: "政策",
    basis: "依据",
    issuer: "发文机关",
    number: "文号",
    effective: "施行日期",
    expires: "失效日期",
    supersedes: "废止",
    extends: "细化",
    uses: "引用",
    rounding: "日期进位",
    clause: "条款",
    source: "原文",
    ref: "出处",
    param: "参数",
    define: "定义",
    override: "覆盖",
    overrides: "优先于",
    replaces: "取代",
    when: "当",
    limit: "最长",
    check: "检查",
    entitle: "享受",
    report: "统计",
    forEach: "对每个",
    where: "其中",
    onlyIf: "仅当",
    track: "退休轨道",
    order: "选择顺序",
    ascending: "升序",
    descending: "降序",
    original: "原退休年龄",
    starting: "起始月",
    step: "每",
    max: "最多延迟",
    if: "若",
    then: "则",
    else: "否则",
    true: "真",
    false: "假",
    and: "且",
    or: "或",
    not: "非",
    in: "属于",
    contains: "包含",
    intersects: "包含任一",
    fact: "事实",
    extend: "扩展",
    headers: "表头",
    doc: "说明",
    aka: "又称",
  },
} as const;

// Comparison words are printed as symbols. The AST keeps the relation, and
// every statutory word maps to exactly one (满/以上/以下 include the number,
// 超过/不满 exclude it), so this is exact: `周岁 55 及以下` prints as
// `周岁 <= 55`. Only `word`, the spelling, is lost — normalised, not kept.
const SYMBOL: Record<string, string> = { ">=": ">=", ">": ">", "<=": "<=", "<": "<", "==": "==", "!=": "!=" };

// Only `\` and `"` need escaping for decodeString to give the text back.
// Line breaks stay raw: string literals may span lines.
function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

// Printed from the value, not the source text: `9年` and `108 months` are
// the same duration. Years only in Chinese; zero still needs a literal.
function duration(months: number, days: number, sp: Spelling): string {
  if (sp === "zh") {
    const y = Math.floor(months / 12);
    const m = months % 12;
    const parts = [y ? `${y}年` : "", m ? `${m}个月` : "", days ? `${days}天` : ""].filter(Boolean);
    return parts.length ? parts.join("") : "0个月";
  }
  const parts = [months ? `${months} months` : "", days ? `${days} days` : ""].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 months";
}

export function printExpr(e: A.Expr, sp: Spelling = "en"): string {
  const k = KW[sp];
  // Every operand that has an operator of its own (bar negation) is
  // parenthesised, so no precedence table is needed;
  // parentheses leave no trace in the AST, so this costs nothing in the round trip.
  const sub = (x: A.Expr) => {
    const s = printExpr(x, sp);
    return x.kind === "Binary" || x.kind === "Compare" || x.kind === "If" || (x.kind === "Unary" && x.op === "not")
      ? `(${s})`
      : s;
  };
  switch (e.kind) {
    case "Number":
      // The age unit survives, so `55周岁` stays an age literal.
      return e.unit === "age" ? `${e.value}周岁` : String(e.value);
    case "Percent":
      // The percentage as written: re-deriving it from the fraction could print
      // float noise (0.07 × 100 = 7.000000000000001).
      return e.text;
    case "Duration":
      return duration(e.months, e.days, sp);
    case "Date":
      return e.text;
    case "String":
      return quote(e.value);
    case "Bool":
      return e.value ? k.true : k.false;
    case "Set":
      return `{${e.elements.map((x) => printExpr(x, sp)).join(", ")}}`;
    case "Name":
      // Names are printed as written: they are not keywords and have no spelling to choose.
      return e.name;
    case "Member":
      return `${sub(e.object)}.${e.property.name}`;
    case "Call":
      return `${e.callee.name}(${e.args.map((x) => printExpr(x, sp)).join(", ")})`;
    case "Unary":
      return e.op === "not" ? `${k.not} ${sub(e.operand)}` : `-${sub(e.operand)}`;
    case "Binary": {
      const op = e.op === "and" ? k.and : e.op === "or" ? k.or : e.op;
      return `${sub(e.left)} ${op} ${sub(e.right)}`;
    }
    case "Compare": {
      const op =
        e.op === "in" ? k.in : e.op === "contains" ? k.contains : e.op === "intersects" ? k.intersects : SYMBOL[e.op]!;
      return `${sub(e.left)} ${op} ${sub(e.right)}`;
    }
    case "If":
      // The branches need no parentheses: each is a full expression to the parser.
      return `${k.if} ${printExpr(e.cond, sp)} ${k.then} ${printExpr(e.then, sp)} ${k.else} ${printExpr(e.else, sp)}`;
    case "Aggregate": {
      const fn = AGGREGATES[e.fn][sp];
      const where = e.where ? ` ${k.where} ${printExpr(e.where, sp)}` : "";
      const of = e.of ? `, ${printExpr(e.of, sp)}` : "";
      return `${fn}(${e.collection.name}${where}${of})`;
    }
  }
}

/**
 * One line per item. Types and a check's subject are printed by their
 * normalised English value in both spellings: the AST keeps only that value,
 * and the parser accepts the English word in a Chinese file.
 */
function printItem(item: A.ClauseItem, sp: Spelling): string {
  const k = KW[sp];
  switch (item.kind) {
    case "Param":
      return `${item.override ? k.override + " " : ""}${k.param} ${item.name.name}: ${item.type.name}${item.value ? ` = ${printExpr(item.value, sp)}` : item.setIn ? ` ${k.ref} ${quote(item.setIn.value)}` : ""}`;
    case "Define":
      return `${item.override ? k.override + " " : ""}${k.define} ${item.name.name}${item.type ? `: ${item.type.name}` : ""} = ${printExpr(item.value, sp)}`;
    case "Rule": {
      const over = item.overrides.length ? ` ${k.overrides} ${item.overrides.map((o) => o.name).join(", ")}` : "";
      const repl = item.replaces ? ` ${k.replaces} ${item.replaces.name}` : "";
      const limit = item.limit ? ` ${k.limit} ${printExpr(item.limit, sp)}` : "";
      const onlyIf = item.applicable ? ` ${k.onlyIf} ${printExpr(item.applicable, sp)}` : "";
      return `${RULE_KINDS[item.ruleKind][sp]} ${item.label.name}${over}${repl}${onlyIf}: ${k.when} ${printExpr(item.when, sp)}${limit}`;
    }
    case "Check": {
      const where = item.where ? ` ${k.where} ${printExpr(item.where, sp)}` : "";
      const onlyIf = item.applicable ? ` ${k.onlyIf} ${printExpr(item.applicable, sp)}` : "";
      return `${item.mode === "entitle" ? k.entitle : item.mode === "report" ? k.report : k.check} ${item.label.name} ${k.forEach} ${item.subject.kind}${where}${onlyIf}: ${printExpr(item.body, sp)}`;
    }
    case "Order":
      return `${k.order} ${item.label.name}: ${item.keys.map((x) => `${printExpr(x.key, sp)} ${k[x.direction]}`).join(", ")}`;
    case "Track": {
      // The lexer's YearMonthLit needs two month digits.
      const ym = `${item.firstAffected.y}-${String(item.firstAffected.m).padStart(2, "0")}`;
      return `${k.track} ${item.name.name}: ${k.original} ${printExpr(item.originalAge, sp)}, ${k.starting} ${ym}, ${k.step} ${printExpr(item.step, sp)}, ${k.max} ${printExpr(item.maxDelay, sp)}`;
    }
  }
}

/**
 * A whole file: the header (fields in a fixed order), then each clause with
 * its head on one line and its items indented. A clause without items gets
 * no body. Modalities and the rounding mode are printed in English, like
 * types. Items outside any clause (W002) are not printed.
 */
export function printPolicy(f: A.PolicyFile, sp: Spelling = "en"): string {
  const k = KW[sp];
  const out: string[] = [];
  const h = f.header;
  if (h) {
    const fields = [
      h.issuer ? `${k.issuer} ${quote(h.issuer.value)}` : "",
      h.number ? `${k.number} ${quote(h.number.value)}` : "",
      h.effective ? `${k.effective} ${h.effective.text}` : "",
      h.expires ? `${k.expires} ${h.expires.text}` : "",
      ...h.supersedes.map((s) => `${k.supersedes} ${quote(s.value)}`),
      h.extends ? `${k.extends} ${quote(h.extends.value)}` : "",
      ...h.uses.map((u) => `${k.uses} ${quote(u.value)}`),
      h.rounding ? `${k.rounding} ${h.rounding.mode}` : "",
    ].filter(Boolean);
    out.push(`${k.policy} ${quote(h.title.value)} {`, ...fields.map((x) => "  " + x), "}", "");
  }
  for (const x of f.facts ?? []) out.push(printFact(x, sp), "");
  for (const c of f.clauses) {
    const basis = c.basis ? ` ${k.basis} ${quote(c.basis.value)}` : "";
    const head = `${k.clause} ${c.clauseId.text} ${c.modality.value}${basis} ${k.source} ${quote(c.source?.value ?? "")}${c.ref ? ` ${k.ref} ${quote(c.ref.value)}` : ""}`;
    if (c.items.length === 0) out.push(head, "");
    else out.push(head + " {", ...c.items.map((i) => "  " + printItem(i, sp)), "}", "");
  }
  return out.join("\n");
}

/** A name from a declaration: bare when it lexes as one identifier, else quoted (a keyword such as `volunteer`). */
function declName(n: string): string {
  const t = lexer.tokenize(n);
  return t.errors.length === 0 && t.tokens.length === 1 && t.tokens[0]!.tokenType === Identifier ? n : quote(n);
}

function printMembers(ms: readonly A.EnumMember[], sp: Spelling): string {
  const one = (m: A.EnumMember) =>
    `${quote(m.label.value)}${m.value ? ` (${declName(m.value.name)})` : ""}${
      m.aliases.length ? ` ${KW[sp].aka} ${m.aliases.map((a) => quote(a.value)).join(" ")}` : ""
    }`;
  return `{ ${ms.map(one).join(", ")} }`;
}

/** A declared fact or an enum extension (ADR 0003); the record, type and flag words as written. */
function printFact(x: A.FactItem, sp: Spelling): string {
  const k = KW[sp];
  if (x.kind === "EnumExtension")
    return `${k.extend} ${x.record ? `${x.record.name} ` : ""}${x.fact.name} ${printMembers(x.members, sp)}`;
  const parts = [
    `${k.fact} ${x.record.name} ${declName(x.name.name)}${x.otherName ? ` (${declName(x.otherName.name)})` : ""}: ${x.type.name}`,
  ];
  if (x.members) parts.push(printMembers(x.members, sp));
  parts.push(...x.flags.map((f) => f.name));
  if (x.headers.length) parts.push(`${k.headers} ${x.headers.map((h) => quote(h.value)).join(", ")}`);
  if (x.doc) parts.push(`${k.doc} ${quote(x.doc.value)}`);
  return parts.join(" ");
}
