// Lexical grammar of the lungang policy language (stage 1: text → tokens).
// Every keyword has an English and a Chinese spelling; identifiers may be
// Chinese. Keywords use `longer_alt: Identifier`, so `应交流对象` stays one name.
// Word order matters to chevrotain: the first pattern that matches wins, so
// longer spellings come before their prefixes (包含任一 before 包含, 及以上
// before 以上, >= before >).

import { createToken, Lexer, type TokenType } from "chevrotain";
import { AGGREGATE_ROWS } from "../src/semantics/aggregates.js";
import { RULE_KINDS, RULE_KIND_NAMES } from "../src/semantics/rule-kinds.js";

// CJK unified ideographs (incl. extension A). Chevrotain cannot analyse \p{…}.
const CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff";

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\u3000]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /(?:#|\/\/)[^\n]*/, group: Lexer.SKIPPED });

export const Identifier = createToken({
  name: "Identifier",
  pattern: new RegExp(`[A-Za-z_${CJK}][A-Za-z0-9_${CJK}]*`),
});

/** Clause ids read like the documents' numbering: DL-T1, BJ-2, HD-4, NAT-RET. */
export const ClauseId = createToken({ name: "ClauseId", pattern: /[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+/ });

export const StringLit = createToken({ name: "StringLit", pattern: /"(?:[^"\\]|\\.)*"/, line_breaks: true });
export const DateLit = createToken({ name: "DateLit", pattern: /\d{4}-\d{2}-\d{2}/ });
export const YearMonthLit = createToken({ name: "YearMonthLit", pattern: /\d{4}-\d{2}/ });
export const DurationLit = createToken({
  name: "DurationLit",
  pattern:
    /\d+(?:年|个月|月|天|日)(?:\d+(?:个月|月|天|日))*|\d+ ?(?:years?|months?|days?)(?![A-Za-z])(?: \d+ ?(?:months?|days?)(?![A-Za-z]))*/,
});
export const PercentLit = createToken({ name: "PercentLit", pattern: /\d+(?:\.\d+)?%/ });
export const AgeLit = createToken({ name: "AgeLit", pattern: /\d+周岁/ });
export const NumberLit = createToken({ name: "NumberLit", pattern: /\d+(?:\.\d+)?/ });

// ------------------------------------------------------------------ keywords

const keywords: { t: TokenType; longest: number }[] = [];
function kw(name: string, ...spellings: string[]): TokenType {
  return kwIn([], name, ...spellings);
}
function kwIn(categories: TokenType[], name: string, ...spellings: string[]): TokenType {
  // Longest spelling first so that e.g. "and" is not cut out of "and_more".
  const sorted = [...spellings].sort((a, b) => b.length - a.length);
  const escaped = sorted.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, " +"));
  const t = createToken({ name, pattern: new RegExp(escaped.join("|")), longer_alt: Identifier, categories });
  keywords.push({ t, longest: Math.max(...spellings.map((x) => x.length)) });
  return t;
}

export const Policy = kw("Policy", "policy", "政策");
export const Issuer = kw("Issuer", "issuer", "发文机关");
export const DocNumber = kw("DocNumber", "number", "文号");
export const Effective = kw("Effective", "effective", "施行日期");
export const Expires = kw("Expires", "expires", "失效日期");
export const Supersedes = kw("Supersedes", "supersedes", "废止");
export const Extends = kw("Extends", "extends", "细化");
export const Uses = kw("Uses", "uses", "引用");
export const Rounding = kw("Rounding", "rounding", "日期进位");

export const Clause = kw("Clause", "clause", "条款");
export const Source = kw("Source", "source", "原文");
export const Ref = kw("Ref", "ref", "出处");
export const Basis = kw("Basis", "because", "依据");

export const Param = kw("Param", "param", "参数");
export const Define = kw("Define", "define", "定义");
export const Override = kw("Override", "override", "覆盖");

// The kinds of rule and the aggregates are semantic tables (src/semantics/):
// each row brings its keyword, so a new kind or aggregate needs no token here.
// The parser consumes any token of the category; cst-to-ast.ts maps the
// token back to its row.
export const RuleKindKw = createToken({ name: "RuleKindKw", pattern: Lexer.NA });
for (const k of RULE_KIND_NAMES) kwIn([RuleKindKw], RULE_KINDS[k].token, RULE_KINDS[k].en, RULE_KINDS[k].zh);
export const Overrides = kw("Overrides", "overrides", "优先于");
export const Replaces = kw("Replaces", "replaces", "取代");
export const When = kw("When", "when", "当");
export const Limit = kw("Limit", "limit", "最长");

export const Check = kw("Check", "check", "检查");
export const Entitle = kw("Entitle", "entitle", "享受");
export const Report = kw("Report", "report", "统计");
export const ForEach = kw("ForEach", "for each", "对每个");
export const Where = kw("Where", "where", "其中");
export const OnlyIf = kw("OnlyIf", "only if", "仅当");

export const Track = kw("Track", "track", "退休轨道");
// Facts a policy declares (ADR 0003): `事实 学校 山区学校 (mountain_school): 布尔 表头 "山区"`,
// `扩展 情形 { "援派支教" (aid_assignment) }`. Records, types and flags are words judged by the checker.
export const Fact = kw("Fact", "fact", "事实");
export const Extend = kw("Extend", "extend", "扩展");
export const Headers = kw("Headers", "headers", "表头");
export const Doc = kw("Doc", "doc", "说明");
export const Aka = kw("Aka", "aka", "又称");
// A declared order between people (章贡 五、“确定原则”), for plan proposals.
export const SelectionOrder = kw("SelectionOrder", "selection_order", "选择顺序");
export const Ascending = kw("Ascending", "ascending", "升序");
export const Descending = kw("Descending", "descending", "降序");
export const Original = kw("Original", "original", "原退休年龄");
export const Starting = kw("Starting", "starting", "起始月");
export const Step = kw("Step", "step", "每");
// Not plain `max`, which is the name of a function.
export const MaxDelay = kw("MaxDelay", "max_delay", "最多延迟");

export const If = kw("If", "if", "若");
export const Then = kw("Then", "then", "则");
export const Else = kw("Else", "else", "否则");

export const True = kw("True", "true", "真");
export const False = kw("False", "false", "假");

export const AggregateKw = createToken({ name: "AggregateKw", pattern: Lexer.NA });
for (const r of AGGREGATE_ROWS) kwIn([AggregateKw], r.token, r.en, r.zh);

// Boolean connectives.
export const And = kw("And", "and", "且", "并且");
export const Or = kw("Or", "or", "或");
export const Not = kw("Not", "not", "非");

// ---------------------------------------------------------- comparison words
// Categories group the spellings of one relation; the statutory meaning is
// fixed here once (民法典 第1259条): 满/已满/年满/以上/以下/届满 include the number,
// 超过/不满/不足 exclude it.

export const CompareOp = createToken({ name: "CompareOp", pattern: Lexer.NA });
export const PostfixOp = createToken({ name: "PostfixOp", pattern: Lexer.NA });

export const GE = createToken({ name: "GE", pattern: Lexer.NA, categories: [CompareOp] });
export const GT = createToken({ name: "GT", pattern: Lexer.NA, categories: [CompareOp] });
export const LE = createToken({ name: "LE", pattern: Lexer.NA, categories: [CompareOp] });
export const LT = createToken({ name: "LT", pattern: Lexer.NA, categories: [CompareOp] });
export const EQ = createToken({ name: "EQ", pattern: Lexer.NA, categories: [CompareOp] });
export const NE = createToken({ name: "NE", pattern: Lexer.NA, categories: [CompareOp] });
export const InOp = createToken({ name: "InOp", pattern: Lexer.NA, categories: [CompareOp] });
export const ContainsOp = createToken({ name: "ContainsOp", pattern: Lexer.NA, categories: [CompareOp] });
export const IntersectsOp = createToken({ name: "IntersectsOp", pattern: Lexer.NA, categories: [CompareOp] });
export const PostGE = createToken({ name: "PostGE", pattern: Lexer.NA, categories: [PostfixOp] });
export const PostLE = createToken({ name: "PostLE", pattern: Lexer.NA, categories: [PostfixOp] });

const operatorTokens: TokenType[] = [];
function op(name: string, category: TokenType, pattern: RegExp, wordy: boolean): TokenType {
  const t = createToken({
    name,
    pattern,
    categories: [category],
    ...(wordy ? { longer_alt: Identifier } : {}),
  });
  operatorTokens.push(t);
  return t;
}

// Chinese statutory words.
export const W_NotLessThan = op("W_不少于", GE, /不少于|不低于|届满|已满|年满|满/, true);
export const W_NotMoreThan = op("W_不超过", LE, /不超过|不多于|不高于/, true);
export const W_MoreThan = op("W_超过", GT, /超过|多于|高于/, true);
export const W_LessThan = op("W_不满", LT, /不满|不足|少于|低于/, true);
export const W_NotIs = op("W_不是", NE, /不是/, true);
export const W_Is = op("W_是", EQ, /是/, true);
export const W_Intersects = op("W_包含任一", IntersectsOp, /包含任一/, true);
export const W_Contains = op("W_包含", ContainsOp, /包含/, true);
export const W_In = op("W_属于", InOp, /属于/, true);
export const W_AndAbove = op("W_以上", PostGE, /及以上|以上/, true);
export const W_AndBelow = op("W_以下", PostLE, /及以下|以下|以内/, true);
// English words.
export const E_AtLeast = op("E_at_least", GE, /at +least(?![A-Za-z0-9_])/, false);
export const E_AtMost = op("E_at_most", LE, /at +most(?![A-Za-z0-9_])/, false);
export const E_MoreThan = op("E_more_than", GT, /more +than(?![A-Za-z0-9_])/, false);
export const E_LessThan = op("E_less_than", LT, /less +than(?![A-Za-z0-9_])/, false);
export const E_OrMore = op("E_or_more", PostGE, /or +more(?![A-Za-z0-9_])/, false);
export const E_OrLess = op("E_or_less", PostLE, /or +less(?![A-Za-z0-9_])/, false);
export const E_IsNot = op("E_is_not", NE, /is +not(?![A-Za-z0-9_])/, false);
export const E_Is = op("E_is", EQ, /is(?![A-Za-z0-9_])/, false);
export const E_Intersects = op("E_intersects", IntersectsOp, /intersects(?![A-Za-z0-9_])/, false);
export const E_Contains = op("E_contains", ContainsOp, /contains(?![A-Za-z0-9_])/, false);
export const E_In = op("E_in", InOp, /in(?![A-Za-z0-9_])/, false);
// Symbols.
export const S_GE = op("S_GE", GE, />=|≥/, false);
export const S_LE = op("S_LE", LE, /<=|≤/, false);
export const S_NE = op("S_NE", NE, /!=|≠/, false);
export const S_EQ = op("S_EQ", EQ, /==/, false);
export const S_GT = op("S_GT", GT, />/, false);
export const S_LT = op("S_LT", LT, /</, false);

// ------------------------------------------------------------------ punctuation
// Full-width forms are accepted so that Chinese text can be typed without switching input modes.

export const LCurly = createToken({ name: "LCurly", pattern: /\{|｛/ });
export const RCurly = createToken({ name: "RCurly", pattern: /\}|｝/ });
export const LParen = createToken({ name: "LParen", pattern: /\(|（/ });
export const RParen = createToken({ name: "RParen", pattern: /\)|）/ });
export const Comma = createToken({ name: "Comma", pattern: /,|，|、/ });
export const Colon = createToken({ name: "Colon", pattern: /:|：/ });
export const Dot = createToken({ name: "Dot", pattern: /\./ });
export const Equals = createToken({ name: "Equals", pattern: /=/ });
export const Plus = createToken({ name: "Plus", pattern: /\+/ });
export const Minus = createToken({ name: "Minus", pattern: /-/ });
export const Star = createToken({ name: "Star", pattern: /\*|×/ });
export const Slash = createToken({ name: "Slash", pattern: /\/|÷/ });

/** Lexer order: skipped, literals, multi-word operators, keywords, identifiers, punctuation. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLit,
  DateLit,
  YearMonthLit,
  DurationLit,
  PercentLit,
  AgeLit,
  NumberLit,
  ClauseId,
  // English multi-word operators must precede the keywords `or`, `not` and identifiers.
  E_AtLeast,
  E_AtMost,
  E_MoreThan,
  E_LessThan,
  E_OrMore,
  E_OrLess,
  E_IsNot,
  // Longer keywords first, so that `overrides` is not read as `override` + "s".
  ...[...keywords].sort((a, b) => b.longest - a.longest).map((k) => k.t),
  ...operatorTokens.filter(
    (t) => ![E_AtLeast, E_AtMost, E_MoreThan, E_LessThan, E_OrMore, E_OrLess, E_IsNot].includes(t),
  ),
  Identifier,
  RuleKindKw,
  AggregateKw,
  CompareOp,
  PostfixOp,
  GE,
  GT,
  LE,
  LT,
  EQ,
  NE,
  InOp,
  ContainsOp,
  IntersectsOp,
  PostGE,
  PostLE,
  LCurly,
  RCurly,
  LParen,
  RParen,
  Comma,
  Colon,
  Dot,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
];

/** Lexer options; validations are skipped at run time and run by test/syntax/grammar-valid.test.ts. */
export const LEXER_OPTIONS = { positionTracking: "full", ensureOptimizations: false } as const;
export const lexer = new Lexer(allTokens, { ...LEXER_OPTIONS, skipValidations: true });

/** The relation each comparison token means. */
export function relationOf(t: TokenType): ">=" | ">" | "<=" | "<" | "==" | "!=" | "in" | "contains" | "intersects" {
  const cats = t.CATEGORIES ?? [];
  const has = (c: TokenType) => t === c || cats.includes(c);
  if (has(GE) || has(PostGE)) return ">=";
  if (has(GT)) return ">";
  if (has(LE) || has(PostLE)) return "<=";
  if (has(LT)) return "<";
  if (has(NE)) return "!=";
  if (has(InOp)) return "in";
  if (has(ContainsOp)) return "contains";
  if (has(IntersectsOp)) return "intersects";
  return "==";
}
