// Stage 3: CST → AST. The only module besides grammar/ that knows chevrotain.
// Turns the concrete tree into typed AST nodes with ids and 0-based,
// end-exclusive spans, decodes literals, and reports syntax-level problems
// that the grammar leaves open (an unknown modality or type name). With
// error recovery the CST can be partial: every accessor tolerates gaps.
// The CST is read through the generated types of grammar/cst.ts, so a label
// renamed in grammar/parser.ts (and `npm run gen:cst`) fails to compile here.

import type { CstNode, IToken } from "chevrotain";
import type * as C from "../../grammar/cst.js";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-limits.js";
import { MAX_ARITHMETIC_OPERANDS } from "../data/limits.js";
import { closest as suggest } from "../diagnostics/suggest.js";
import { relationOf } from "../../grammar/tokens.js";
import { aggregateOfToken } from "../semantics/aggregates.js";
import { unreachable } from "../semantics/exhaustive.js";
import { ruleKindOfToken } from "../semantics/rule-kinds.js";
import type * as A from "./ast.js";
import { lookup } from "../util/lookup.js";

// A CST node's children by label. The generated types mark a child that the
// grammar always consumes as present, but with error recovery any label may
// be missing, so every list is read with `?.` / `?? []`.
type Children = Record<string, (CstNode | IToken)[] | undefined>;

/** The CST nodes of the expression levels (loosest first); `expr` dispatches on their `name`. */
type ExprNode =
  | C.ExprCstNode
  | C.AndExprCstNode
  | C.NotExprCstNode
  | C.CompareExprCstNode
  | C.AddExprCstNode
  | C.MulExprCstNode
  | C.UnaryExprCstNode
  | C.PostfixExprCstNode;

// The grammar reads the modality, a type name, a check subject and a rounding
// mode as plain Identifiers; their meaning is decided here. So a wrong word
// gets its own code with a "did you mean" (P011, P012, P013, P010) instead of
// a bare parse error, and words such as 学校, 教师, 一般 are not reserved
// (学校 and 教师 are also facts and collections).
// The modality is the text's own modal word (language.md §3): 应/须/要 are
// "must", and so are 需 and the prohibition 不得 (the clause states what must
// hold: “不得将患病教师列为交流教师” is a must-check that no move is of an ill
// teacher); 原则上/一般 soften it to "should"; 可 is "may".
const MODALITIES: Record<string, A.Modality> = {
  must: "must",
  必须: "must",
  应: "must",
  须: "must",
  需: "must",
  要: "must",
  不得: "must",
  should: "should",
  原则上: "should",
  一般: "should",
  may: "may",
  可: "may",
};

const TYPE_NAMES: Record<string, A.TypeName> = {
  int: "int",
  整数: "int",
  percent: "percent",
  百分比: "percent",
  duration: "duration",
  期限: "duration",
  date: "date",
  日期: "date",
  bool: "bool",
  布尔: "bool",
  text: "text",
  文本: "text",
  set: "set",
  集合: "set",
};

// What a plan check runs over (`对每个 …`): one subject per school, district,
// group, location, tier, move, person, or the whole plan.
const SUBJECTS: Record<string, A.SubjectKind> = {
  school: "school",
  学校: "school",
  district: "district",
  区: "district",
  group: "group",
  集团: "group",
  move: "move",
  交流: "move",
  teacher: "teacher",
  教师: "teacher",
  plan: "plan",
  方案: "plan",
  location: "location",
  地域: "location",
  tier: "tier",
  层次: "tier",
};

const ROUNDINGS: Record<string, A.RoundingMode> = {
  end_of_month: "end_of_month",
  月末: "end_of_month",
  next_day: "next_day",
  次日: "next_day",
};

function isToken(x: CstNode | IToken): x is IToken {
  return (x as IToken).image !== undefined;
}

/**
 * Node ids are unique across every file parsed in this process, because one
 * checked policy merges several files (national, city, district) and keys its
 * side tables by node id.
 */
let nextNodeId = 1;

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly file: string) {}

  // ------------------------------------------------------------ helpers

  private id(): number {
    return nextNodeId++;
  }

  // chevrotain's `endOffset` is inclusive; AST spans are end-exclusive.
  private tokSpan(t: IToken): Span {
    return { file: this.file, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
  }

  /**
   * Spans of CST nodes already measured: every AST node asks for the span of
   * its CST node, and nested nodes share subtrees, so without this a file's
   * conversion walked each subtree once per enclosing node (O(size × depth)).
   */
  private readonly spans = new WeakMap<CstNode, Span | undefined>();

  /** Span covering every token below a CST node (undefined if it recovered with no tokens). */
  private nodeSpan(n: CstNode | IToken | undefined): Span | undefined {
    if (!n) return undefined;
    // Tokens inserted by error recovery have NaN offsets: they occupy no text.
    if (isToken(n)) return isNaN(n.startOffset) ? undefined : this.tokSpan(n);
    if (this.spans.has(n)) return this.spans.get(n);
    const s = this.measure(n);
    this.spans.set(n, s);
    return s;
  }

  private measure(n: CstNode): Span | undefined {
    let start = Infinity;
    let end = -Infinity;
    for (const list of Object.values(n.children as Children)) {
      for (const c of list ?? []) {
        const s = this.nodeSpan(c);
        if (s) {
          start = Math.min(start, s.start);
          end = Math.max(end, s.end);
        }
      }
    }
    return start === Infinity ? undefined : { file: this.file, start, end };
  }

  // Every AST node must have a span. A node with no tokens at all exists only
  // in a file with syntax errors, where 0..0 is a harmless stand-in.
  private span(n: CstNode | IToken | undefined): Span {
    return this.nodeSpan(n) ?? { file: this.file, start: 0, end: 0 };
  }

  // A token recovery invented (a missing `:`, say) counts as absent, so the
  // callers take their "missing" path instead of reading a fake image.
  private tok(list: readonly IToken[] | undefined, i = 0): IToken | undefined {
    const c = list?.[i];
    return c && !isNaN(c.startOffset) && !c.isInsertedInRecovery ? c : undefined;
  }

  private toks(list: readonly IToken[] | undefined): IToken[] {
    return (list ?? []).filter((c) => !isNaN(c.startOffset));
  }

  private ident(t: IToken): A.Ident {
    return { kind: "Ident", id: this.id(), span: this.tokSpan(t), name: t.image };
  }

  private stringLit(t: IToken): A.StringLit {
    return { kind: "String", id: this.id(), span: this.tokSpan(t), value: decodeString(t.image) };
  }

  private dateLit(t: IToken): A.DateLit {
    return { kind: "Date", id: this.id(), span: this.tokSpan(t), text: t.image };
  }

  /**
   * A placeholder for a part that error recovery skipped; the file has errors
   * already. `false` fits the commonest hole (a rule's or check's condition).
   * It is never evaluated: nothing with errors reaches the compiler.
   */
  private missing(span: Span): A.Expr {
    return { kind: "Bool", id: this.id(), span, value: false };
  }

  // ------------------------------------------------------------ file

  build(cst: C.FileCstNode): A.PolicyFile {
    const headerNode = cst.children.header?.[0];
    const header = headerNode ? this.header(headerNode) : undefined;
    const clauses = (cst.children.clause ?? []).map((c) => this.clause(c));
    // Items outside any clause are kept so that the checker can report W002
    // (every rule must trace to a quoted text) rather than a parse error.
    const stray = (cst.children.clauseItem ?? []).flatMap((c) => this.clauseItem(c) ?? []);
    const facts: A.FactItem[] = [
      ...(cst.children.factDecl ?? []).map((n) => this.factDecl(n)),
      ...(cst.children.enumExtension ?? []).map((n) => this.enumExtension(n)),
    ].sort((a, b) => a.span.start - b.span.start);
    return {
      kind: "PolicyFile",
      id: this.id(),
      span: this.span(cst),
      ...(header ? { header } : {}),
      clauses,
      stray,
      ...(facts.length > 0 ? { facts } : {}),
    };
  }

  // ------------------------------------------------------------ declared facts (ADR 0003)

  /** A name token (an identifier, or a quoted name that is also a keyword) as an Ident. */
  private nameOf(t: IToken): A.Ident {
    return t.tokenType.name === "StringLit" ? { ...this.ident(t), name: this.stringLit(t).value } : this.ident(t);
  }

  private factDecl(n: C.FactDeclCstNode): A.FactDecl {
    const c = n.children;
    const blank = (): A.Ident => ({ kind: "Ident", id: this.id(), span: this.span(n), name: "" });
    const word = (t: IToken | undefined) => (t ? this.ident(t) : blank());
    const other = this.tok(c.otherName);
    const members = c.enumMembers?.[0] ? this.enumMembers(c.enumMembers[0]) : undefined;
    const attrs = (c.factAttr ?? []).map((a) => a.children);
    const doc = attrs.flatMap((a) => a.doc ?? []).at(-1);
    return {
      kind: "FactDecl",
      id: this.id(),
      span: this.span(n),
      record: word(this.tok(c.record)),
      name: word(this.tok(c.name)),
      ...(other ? { otherName: this.nameOf(other) } : {}),
      type: word(this.tok(c.type)),
      ...(members ? { members } : {}),
      flags: attrs.flatMap((a) => a.flag ?? []).map((t) => this.ident(t)),
      headers: attrs.flatMap((a) => a.header ?? []).map((t) => this.stringLit(t)),
      ...(doc ? { doc: this.stringLit(doc) } : {}),
    };
  }

  private enumExtension(n: C.EnumExtensionCstNode): A.EnumExtension {
    const c = n.children;
    const two = this.toks(c.fact).length === 2;
    const record = two ? this.tok(c.fact, 0) : undefined;
    const fact = this.tok(c.fact, two ? 1 : 0);
    return {
      kind: "EnumExtension",
      id: this.id(),
      span: this.span(n),
      ...(record ? { record: this.ident(record) } : {}),
      fact: fact ? this.ident(fact) : { kind: "Ident", id: this.id(), span: this.span(n), name: "" },
      members: c.enumMembers?.[0] ? this.enumMembers(c.enumMembers[0]) : [],
    };
  }

  private enumMembers(n: C.EnumMembersCstNode): A.EnumMember[] {
    return (n.children.enumMember ?? []).flatMap((m) => {
      const label = this.tok(m.children.label);
      if (!label) return [];
      const value = this.tok(m.children.value);
      return [
        {
          kind: "EnumMember" as const,
          id: this.id(),
          span: this.span(m),
          label: this.stringLit(label),
          ...(value ? { value: this.nameOf(value) } : {}),
          aliases: (m.children.alias ?? []).map((t) => this.stringLit(t)),
        },
      ];
    });
  }

  private header(n: C.HeaderCstNode): A.Header {
    const titleTok = this.tok(n.children.title);
    // Built field by field, hence the mutable view of the readonly Header.
    const h: {
      -readonly [K in keyof A.Header]?: A.Header[K];
    } = {
      kind: "Header",
      id: this.id(),
      span: this.span(n),
      title: titleTok ? this.stringLit(titleTok) : { kind: "String", id: this.id(), span: this.span(n), value: "" },
      supersedes: [],
      uses: [],
    };
    for (const f of n.children.headerField ?? []) {
      const c = f.children;
      const str = this.tok(c.StringLit);
      const date = this.tok(c.DateLit);
      // Each alternative of `headerField` is one keyword and one value; the keyword names the field.
      if (c.Issuer) {
        if (str) h.issuer = this.stringLit(str);
      } else if (c.DocNumber) {
        if (str) h.number = this.stringLit(str);
      } else if (c.Effective) {
        if (date) h.effective = this.dateLit(date);
      } else if (c.Expires) {
        if (date) h.expires = this.dateLit(date);
      } else if (c.Supersedes) {
        if (str) (h.supersedes as A.StringLit[]).push(this.stringLit(str));
      } else if (c.Extends) {
        if (str) h.extends = this.stringLit(str);
      } else if (c.Uses) {
        if (str) (h.uses as A.StringLit[]).push(this.stringLit(str));
      } else if (c.Rounding) {
        const idt = this.tok(c.Identifier);
        if (!idt) continue;
        const mode = lookup(ROUNDINGS, idt.image);
        // An unknown mode leaves rounding undeclared: month-end ambiguities then
        // stay visible (E003) instead of being resolved by a guess.
        if (mode) h.rounding = { mode, span: this.tokSpan(idt) };
        else this.unknownWord("P010", idt, Object.keys(ROUNDINGS));
      }
    }
    return h as A.Header;
  }

  /** Report a word outside a closed list (modality, type, subject, rounding), suggesting the nearest choice. */
  private unknownWord(code: string, t: IToken, choices: string[]): void {
    const best = suggest(t.image, choices);
    this.diagnostics.push(
      diag(
        code,
        { word: t.image, choices: choices.join(", ") },
        { span: this.tokSpan(t), ...(best ? { help: `did you mean \`${best}\`?` } : {}) },
      ),
    );
  }

  private clause(n: C.ClauseCstNode): A.Clause {
    const c = n.children;
    // A clause id reads like the documents' numbering (DL-T1) or is any name.
    const idTok = this.tok(c.ClauseId) ?? this.tok(c.idName);
    const modTok = this.tok(c.modality);
    // The default only survives in a file that already has an error (a missing
    // or unknown modality); "must" is the strictest reading.
    let modality: A.Modality = "must";
    if (modTok) {
      const m = lookup(MODALITIES, modTok.image);
      if (m) modality = m;
      else this.unknownWord("P011", modTok, Object.keys(MODALITIES));
    }
    const src = this.tok(c.source);
    const ref = this.tok(c.ref);
    const basis = this.tok(c.basis);
    const items = (c.clauseItem ?? []).flatMap((i) => this.clauseItem(i) ?? []);
    return {
      kind: "Clause",
      id: this.id(),
      span: this.span(n),
      clauseId: { text: idTok?.image ?? "?", span: idTok ? this.tokSpan(idTok) : this.span(n) },
      modality: { value: modality, span: modTok ? this.tokSpan(modTok) : this.span(n) },
      ...(basis ? { basis: this.stringLit(basis) } : {}),
      ...(src ? { source: this.stringLit(src) } : {}),
      ...(ref ? { ref: this.stringLit(ref) } : {}),
      items,
    };
  }

  /**
   * `undefined` when recovery left too little to build the item (no name, no
   * label): the item is dropped rather than built with holes, since nothing
   * could refer to it reliably. Its syntax error is already reported.
   */
  private clauseItem(n: C.ClauseItemCstNode): A.ClauseItem | undefined {
    const c = n.children;
    if (c.paramDecl?.[0]) return this.param(c.paramDecl[0]);
    if (c.defineDecl?.[0]) return this.define(c.defineDecl[0]);
    if (c.rule?.[0]) return this.rule(c.rule[0]);
    if (c.checkRule?.[0]) return this.check(c.checkRule[0]);
    if (c.trackDecl?.[0]) return this.track(c.trackDecl[0]);
    if (c.selectionOrder?.[0]) return this.order(c.selectionOrder[0]);
    return undefined;
  }

  private typeRef(t: IToken | undefined): A.TypeRef | undefined {
    if (!t) return undefined;
    const name = lookup(TYPE_NAMES, t.image);
    if (!name) {
      this.unknownWord("P012", t, Object.keys(TYPE_NAMES));
      return undefined;
    }
    return { kind: "TypeRef", id: this.id(), span: this.tokSpan(t), name };
  }

  private param(n: C.ParamDeclCstNode): A.ParamDecl | undefined {
    const nameTok = this.tok(n.children.name);
    const type = this.typeRef(this.tok(n.children.type));
    if (!nameTok || !type) return undefined;
    const e = n.children.expr?.[0];
    const setIn = this.tok(n.children.setIn);
    return {
      kind: "Param",
      id: this.id(),
      span: this.span(n),
      name: this.ident(nameTok),
      type,
      // No value is not an error: the text redacts it ("20xx") or another
      // document sets it; it is then supplied with --param, and the checker
      // notes which (W008, W011).
      ...(e ? { value: this.expr(e) } : {}),
      ...(setIn ? { setIn: this.stringLit(setIn) } : {}),
      override: !!this.tok(n.children.Override),
    };
  }

  private define(n: C.DefineDeclCstNode): A.Definition | undefined {
    const nameTok = this.tok(n.children.name);
    const e = n.children.expr?.[0];
    if (!nameTok || !e) return undefined;
    const typeTok = this.tok(n.children.type);
    const type = typeTok ? this.typeRef(typeTok) : undefined;
    return {
      kind: "Define",
      id: this.id(),
      span: this.span(n),
      name: this.ident(nameTok),
      ...(type ? { type } : {}),
      value: this.expr(e),
      override: !!this.tok(n.children.Override),
    };
  }

  private rule(n: C.RuleCstNode): A.Rule | undefined {
    const c = n.children;
    // The keyword's token names its row of the rule-kind table (none after recovery).
    const kindTok = this.tok(c.kind);
    const ruleKind = kindTok ? ruleKindOfToken(kindTok.tokenType.name) : undefined;
    const labelTok = this.tok(c.label);
    const when = c.when?.[0];
    if (!ruleKind || !labelTok) return undefined;
    const limit = c.limit?.[0];
    const applicable = c.applicable?.[0];
    const replaced = this.tok(c.replaced);
    return {
      kind: "Rule",
      id: this.id(),
      span: this.span(n),
      ruleKind,
      label: this.ident(labelTok),
      overrides: this.toks(c.over).map((t) => this.ident(t)),
      ...(replaced ? { replaces: this.ident(replaced) } : {}),
      // A rule without a condition keeps its label, so its priorities and
      // references still resolve and cause no follow-on N001s.
      when: when ? this.expr(when) : this.missing(this.span(n)),
      ...(applicable ? { applicable: this.expr(applicable) } : {}),
      ...(limit ? { limit: this.expr(limit) } : {}),
    };
  }

  private check(n: C.CheckRuleCstNode): A.CheckRule | undefined {
    const c = n.children;
    const labelTok = this.tok(c.label);
    const subjTok = this.tok(c.subject);
    const body = c.body?.[0];
    if (!labelTok || !subjTok) return undefined;
    const subject = lookup(SUBJECTS, subjTok.image);
    if (!subject) {
      this.unknownWord("P013", subjTok, Object.keys(SUBJECTS));
      return undefined;
    }
    const where = c.where?.[0];
    const applicable = c.applicable?.[0];
    return {
      kind: "Check",
      id: this.id(),
      span: this.span(n),
      mode: this.tok(c.Entitle) ? "entitle" : this.tok(c.Report) ? "report" : "check",
      label: this.ident(labelTok),
      subject: { kind: subject, span: this.tokSpan(subjTok) },
      ...(where ? { where: this.expr(where) } : {}),
      ...(applicable ? { applicable: this.expr(applicable) } : {}),
      body: body ? this.expr(body) : this.missing(this.span(n)),
    };
  }

  private order(n: C.SelectionOrderCstNode): A.SelectionOrderDecl | undefined {
    const labelTok = this.tok(n.children.label);
    if (!labelTok) return undefined;
    const keys = (n.children.orderKey ?? []).flatMap((k) => {
      const e = k.children.key?.[0];
      if (!e) return [];
      return [
        {
          key: this.expr(e),
          direction: k.children.Descending ? ("descending" as const) : ("ascending" as const),
          span: this.span(k),
        },
      ];
    });
    return { kind: "Order", id: this.id(), span: this.span(n), label: this.ident(labelTok), keys };
  }

  private track(n: C.TrackDeclCstNode): A.TrackDecl | undefined {
    const c = n.children;
    const nameTok = this.tok(c.name);
    const ym = this.tok(c.YearMonthLit);
    const original = c.original?.[0];
    const step = c.step?.[0];
    const max = c.max?.[0];
    if (!nameTok || !ym || !original || !step || !max) return undefined;
    const [y, m] = ym.image.split("-").map(Number) as [number, number];
    // The lexer accepts any `dddd-dd`; the month is validated here. The track
    // is still built so that its name resolves.
    if (m < 1 || m > 12) this.diagnostics.push(diag("P014", { text: ym.image }, { span: this.tokSpan(ym) }));
    return {
      kind: "Track",
      id: this.id(),
      span: this.span(n),
      name: this.ident(nameTok),
      originalAge: this.expr(original),
      firstAffected: { y, m, span: this.tokSpan(ym) },
      step: this.expr(step),
      maxDelay: this.expr(max),
    };
  }

  // ------------------------------------------------------------ expressions

  /**
   * One CST rule per precedence level (or, and, not, comparison, + -, * /,
   * unary -, `.field`). A level with a single operand adds no AST node, so the
   * tree has exactly one node per operator actually written.
   */
  expr(n: ExprNode): A.Expr {
    switch (n.name) {
      case "expr":
        return this.chain(n, "or");
      case "andExpr":
        return this.chain(n, "and");
      case "notExpr": {
        const inner = n.children.notExpr?.[0];
        if (inner) return { kind: "Unary", id: this.id(), span: this.span(n), op: "not", operand: this.expr(inner) };
        const c = n.children.compareExpr?.[0];
        return c ? this.expr(c) : this.missing(this.span(n));
      }
      case "compareExpr":
        return this.compare(n);
      case "addExpr":
      case "mulExpr":
        return this.arith(n);
      case "unaryExpr": {
        const inner = n.children.unaryExpr?.[0];
        if (inner) return { kind: "Unary", id: this.id(), span: this.span(n), op: "neg", operand: this.expr(inner) };
        const p = n.children.postfixExpr?.[0];
        return p ? this.expr(p) : this.missing(this.span(n));
      }
      case "postfixExpr": {
        const p = n.children.primary?.[0];
        // `a.b.c` is left-nested: ((a).b).c, each span ending at its property.
        let e: A.Expr = p ? this.primary(p) : this.missing(this.span(n));
        for (const t of this.toks(n.children.props)) {
          const property = this.ident(t);
          e = { kind: "Member", id: this.id(), span: { ...e.span, end: property.span.end }, object: e, property };
        }
        return e;
      }
      default:
        return unreachable(n);
    }
  }

  /**
   * `a 且 b 且 c 且 d` → ((a 且 b) 且 (c 且 d)): the AST connectives are binary,
   * built balanced. 且 and 或 are associative in three-valued logic, and
   * evaluation still goes left to right, so the shape changes nothing but the
   * depth: a chain of n conditions is log₂ n deep, and the checker, the
   * compiler and both evaluators, which recurse on the tree, stay shallow
   * however long a chain a policy (or a generator) writes.
   */
  private chain(n: C.ExprCstNode | C.AndExprCstNode, op: "and" | "or"): A.Expr {
    const operands = ((n.children.operands ?? []) as readonly ExprNode[]).map((o) => this.expr(o));
    if (operands.length === 0) return this.missing(this.span(n));
    const build = (from: number, to: number): A.Expr => {
      if (to - from === 1) return operands[from]!;
      const mid = from + Math.ceil((to - from) / 2);
      const l = build(from, mid);
      const r = build(mid, to);
      return {
        kind: "Binary",
        id: this.id(),
        span: { file: this.file, start: l.span.start, end: r.span.end },
        op,
        left: l,
        right: r,
      };
    };
    return build(0, operands.length);
  }

  private arith(n: C.AddExprCstNode | C.MulExprCstNode): A.Expr {
    const list = (n.children.operands ?? []) as readonly ExprNode[];
    // Arithmetic is not associative here (date + 1个月 + 1个月 is not date + 2个月 at
    // a month's end), so a chain stays left-nested, and its length is bounded
    // instead: every walker recurses once per operator.
    if (list.length > MAX_ARITHMETIC_OPERANDS) {
      this.diagnostics.push(
        diag(
          "L001",
          {
            what: "operands in one arithmetic expression",
            what_zh: "一个算式中的运算数",
            size: list.length,
            limit: MAX_ARITHMETIC_OPERANDS,
          },
          { span: this.span(n) },
        ),
      );
      return this.missing(this.span(n));
    }
    const operands = list.map((o) => this.expr(o));
    const ops = this.toks(n.children.ops);
    if (operands.length === 0) return this.missing(this.span(n));
    let e = operands[0]!;
    for (let i = 1; i < operands.length; i++) {
      const r = operands[i]!;
      // A missing operator (recovery) defaults to `+`; × and ÷ are the same
      // operators as * and /.
      const op = (ops[i - 1]?.image ?? "+") as string;
      const sym: A.BinaryOp = op === "+" ? "+" : op === "-" ? "-" : op === "/" || op === "÷" ? "/" : "*";
      e = {
        kind: "Binary",
        id: this.id(),
        span: { file: this.file, start: e.span.start, end: r.span.end },
        op: sym,
        left: e,
        right: r,
      };
    }
    return e;
  }

  /**
   * Infix (`本校任教年限 满 9年`) and postfix (`周岁 55 及以下`) comparisons give
   * the same node: the relation comes from the token's category (GE, PostLE …),
   * where the lexer fixed each word's statutory meaning once — 满/以上/以下
   * include the number, 超过/不满 exclude it. `word` keeps the spelling as
   * written, so explanations can show `≤（及以下）` next to the symbol.
   */
  private compare(n: C.CompareExprCstNode): A.Expr {
    const leftN = n.children.left?.[0];
    const left = leftN ? this.expr(leftN) : this.missing(this.span(n));
    const rightN = n.children.right?.[0];
    const opTok = this.tok(n.children.CompareOp) ?? this.tok(n.children.PostfixOp);
    // No comparison written at this level: it is just the operand.
    if (!rightN || !opTok) return left;
    const right = this.expr(rightN);
    return {
      kind: "Compare",
      id: this.id(),
      span: this.span(n),
      op: relationOf(opTok.tokenType),
      // Multi-word English operators (`at  least`) may contain any run of spaces.
      word: opTok.image.replace(/ +/g, " "),
      left,
      right,
    };
  }

  private primary(n: C.PrimaryCstNode): A.Expr {
    const sp = this.span(n);
    const c = n.children;
    const num = this.tok(c.NumberLit);
    if (num) return { kind: "Number", id: this.id(), span: sp, value: Number(num.image) };
    const age = this.tok(c.AgeLit);
    // `55周岁` is a number (an age in completed years compares with `周岁`);
    // the unit is kept only so that the printer writes it back.
    if (age) return { kind: "Number", id: this.id(), span: sp, value: parseInt(age.image, 10), unit: "age" };
    const pct = this.tok(c.PercentLit);
    // The value is a fraction (15% → 0.15); `text` keeps the exact spelling.
    if (pct)
      return { kind: "Percent", id: this.id(), span: sp, value: Number(pct.image.slice(0, -1)) / 100, text: pct.image };
    const dur = this.tok(c.DurationLit);
    if (dur) return { kind: "Duration", id: this.id(), span: sp, ...decodeDuration(dur.image), text: dur.image };
    const date = this.tok(c.DateLit);
    if (date) return this.dateLit(date);
    const str = this.tok(c.StringLit);
    if (str) return this.stringLit(str);
    if (this.tok(c.True)) return { kind: "Bool", id: this.id(), span: sp, value: true };
    if (this.tok(c.False)) return { kind: "Bool", id: this.id(), span: sp, value: false };
    const set = c.setLit?.[0];
    if (set)
      return { kind: "Set", id: this.id(), span: sp, elements: (set.children.elements ?? []).map((e) => this.expr(e)) };
    const ifN = c.ifExpr?.[0];
    if (ifN) {
      const c = ifN.children.cond?.[0];
      const t = ifN.children.then?.[0];
      const e = ifN.children.else?.[0];
      return {
        kind: "If",
        id: this.id(),
        span: sp,
        cond: c ? this.expr(c) : this.missing(sp),
        then: t ? this.expr(t) : this.missing(sp),
        else: e ? this.expr(e) : this.missing(sp),
      };
    }
    const agg = c.aggregate?.[0];
    if (agg) return this.aggregate(agg, sp);
    const inner = c.expr?.[0];
    // Parentheses leave no trace in the AST (the printer re-adds them freely).
    if (inner) return this.expr(inner);
    const nc = c.nameOrCall?.[0];
    if (nc) {
      const idt = this.tok(nc.children.Identifier);
      if (!idt) return this.missing(sp);
      // Whether a name is a function is the checker's question, not the parser's.
      if (this.tok(nc.children.LParen)) {
        return {
          kind: "Call",
          id: this.id(),
          span: sp,
          callee: this.ident(idt),
          args: (nc.children.args ?? []).map((a) => this.expr(a)),
        };
      }
      return { kind: "Name", id: this.id(), span: sp, name: idt.image };
    }
    return this.missing(sp);
  }

  private aggregate(n: C.AggregateCstNode, sp: Span): A.Expr {
    const fnTok = this.tok(n.children.fn);
    const coll = this.tok(n.children.collection);
    if (!fnTok || !coll) return this.missing(sp);
    // The lexer makes the aggregate tokens from the table, so every one has a row.
    const fn = aggregateOfToken(fnTok.tokenType.name);
    if (!fn) return this.missing(sp);
    const where = n.children.where?.[0];
    const of = n.children.of?.[0];
    return {
      kind: "Aggregate",
      id: this.id(),
      span: sp,
      fn,
      collection: this.ident(coll),
      ...(where ? { where: this.expr(where) } : {}),
      ...(of ? { of: this.expr(of) } : {}),
    };
  }
}

/**
 * Decode a string literal: strip the quotes, resolve backslash escapes —
 * `\n` and `\t`; any other escaped character stands for itself (`\"`, `\\`).
 * Line breaks need no escape: string literals may span lines.
 */
export function decodeString(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

/**
 * `9年`, `1年6个月`, `3 years`, `2 years 6 months`, `10天` → months and days.
 * A year is 12 months; days are never converted to months (a calendar period
 * compares months first, language.md §12). 日 and 天 are the same unit.
 */
export function decodeDuration(image: string): { months: number; days: number } {
  let months = 0;
  let days = 0;
  for (const m of image.matchAll(/(\d+) ?(年|个月|月|天|日|years?|months?|days?)/g)) {
    const n = Number(m[1]);
    const u = m[2]!;
    if (u === "年" || u.startsWith("year")) months += 12 * n;
    else if (u === "个月" || u === "月" || u.startsWith("month")) months += n;
    else days += n;
  }
  return { months, days };
}
