// Syntactic grammar of the lungang policy language (stage 2: tokens → CST).
// A pure chevrotain CstParser, used as one shared instance; it has no
// semantic actions. Meaning is added by src/syntax/cst-to-ast.ts. Error
// recovery is on, so one run reports every syntax error of a file.
// The productions mirror docs/grammar.ebnf rule for rule.

import { CstParser, type IToken } from "chevrotain";
import type { FileCstNode } from "./cst.js";
import * as T from "./tokens.js";

// Conventions: keywords are consumed by token type (each has an English and a
// Chinese spelling, decided by the lexer); words from closed lists that are
// not keywords (a modality, a type, a check subject, a rounding mode) are
// consumed as Identifiers and judged in cst-to-ast.ts, which can then say
// "did you mean". LABELs name the children cst-to-ast.ts reads, through the
// types of grammar/cst.ts: after a change here run `npm run gen:cst`, and a
// renamed label then fails to compile in cst-to-ast.ts.
export class PolicyParser extends CstParser {
  /**
   * `validate`: run chevrotain's grammar validations (ambiguities, left
   * recursion…). They cost about a fifth of a one-person `lungang case`, and
   * the grammar is fixed at build time, so the shared instance skips them and
   * test/syntax/grammar-valid.test.ts builds a validated one instead.
   */
  constructor(validate = false) {
    // With recovery, a mismatched token is skipped or a missing one assumed and
    // parsing goes on, so the CST may lack children anywhere; cst-to-ast.ts
    // tolerates that.
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  public file = this.RULE("file", () => {
    // One file of a policy folder carries the header; the others hold clauses.
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.clause) },
        { ALT: () => this.SUBRULE(this.factDecl) },
        { ALT: () => this.SUBRULE(this.enumExtension) },
        // Items outside a clause parse, so the checker can say "rules live only in clauses".
        { ALT: () => this.SUBRULE(this.clauseItem) },
      ]),
    );
  });

  public header = this.RULE("header", () => {
    this.CONSUME(T.Policy);
    this.CONSUME(T.StringLit, { LABEL: "title" });
    this.CONSUME(T.LCurly);
    // Fields in any order; repetition (`废止`, `引用`) is allowed here and a
    // repeated single field keeps the last value (cst-to-ast.ts).
    this.MANY(() => this.SUBRULE(this.headerField));
    this.CONSUME(T.RCurly);
  });

  // The numbered CONSUMEs are chevrotain's way of telling apart several uses
  // of one token type in a rule; all still land under one child key
  // (`StringLit`, `DateLit`), and cst-to-ast.ts finds the field by its keyword.
  public headerField = this.RULE("headerField", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Issuer);
          this.CONSUME(T.StringLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.DocNumber);
          this.CONSUME1(T.StringLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Effective);
          this.CONSUME(T.DateLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Expires);
          this.CONSUME1(T.DateLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Supersedes);
          this.CONSUME2(T.StringLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Extends);
          this.CONSUME3(T.StringLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Uses);
          this.CONSUME4(T.StringLit);
        },
      },
      // 月末 / 次日 are not keywords; an unknown word is P010, not a parse error.
      {
        ALT: () => {
          this.CONSUME(T.Rounding);
          this.CONSUME(T.Identifier);
        },
      },
    ]);
  });

  // A declared fact (ADR 0003): record, name, optional other-language name, type,
  // then attributes in any order. The record, type and flag words are Identifiers
  // judged by the checker (src/checker/facts.ts), which can then say "did you mean".
  public factDecl = this.RULE("factDecl", () => {
    this.CONSUME(T.Fact);
    this.CONSUME(T.Identifier, { LABEL: "record" });
    this.CONSUME1(T.Identifier, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      // Quoted when the name is also a keyword (`"volunteer"`).
      this.OR([
        { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "otherName" }) },
        { ALT: () => this.CONSUME(T.StringLit, { LABEL: "otherName" }) },
      ]);
      this.CONSUME(T.RParen);
    });
    this.CONSUME(T.Colon);
    this.CONSUME3(T.Identifier, { LABEL: "type" });
    this.OPTION1(() => this.SUBRULE(this.enumMembers));
    this.MANY(() => this.SUBRULE(this.factAttr));
  });

  public factAttr = this.RULE("factAttr", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "flag" }) },
      {
        ALT: () => {
          this.CONSUME(T.Headers);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.StringLit, { LABEL: "header" }) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Doc);
          this.CONSUME1(T.StringLit, { LABEL: "doc" });
        },
      },
    ]);
  });

  // `扩展 情形 { … }` or, naming the record, `扩展 学校 地域 { … }`.
  public enumExtension = this.RULE("enumExtension", () => {
    this.CONSUME(T.Extend);
    // One name (the fact), or two (the record, then the fact): told apart in cst-to-ast.ts.
    this.CONSUME(T.Identifier, { LABEL: "fact" });
    this.OPTION(() => this.CONSUME1(T.Identifier, { LABEL: "fact" }));
    this.SUBRULE(this.enumMembers);
  });

  public enumMembers = this.RULE("enumMembers", () => {
    this.CONSUME(T.LCurly);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.enumMember) });
    this.CONSUME(T.RCurly);
  });

  // `"一级" (first) 又称 "一级教师" "中学一级教师"`: the label, the data value, input spellings.
  public enumMember = this.RULE("enumMember", () => {
    this.CONSUME(T.StringLit, { LABEL: "label" });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OR([
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: "value" }) },
        { ALT: () => this.CONSUME2(T.StringLit, { LABEL: "value" }) },
      ]);
      this.CONSUME(T.RParen);
    });
    this.OPTION1(() => {
      this.CONSUME(T.Aka);
      this.AT_LEAST_ONE(() => this.CONSUME1(T.StringLit, { LABEL: "alias" }));
    });
  });

  public clause = this.RULE("clause", () => {
    this.CONSUME(T.Clause);
    // An id like the document's numbering (DL-T1) or any name.
    this.OR([{ ALT: () => this.CONSUME(T.ClauseId) }, { ALT: () => this.CONSUME(T.Identifier, { LABEL: "idName" }) }]);
    // The modal word of the text (必须, 原则上, 可 …); checked later (P011).
    this.CONSUME1(T.Identifier, { LABEL: "modality" });
    this.OPTION2(() => {
      this.CONSUME(T.Basis);
      this.CONSUME2(T.StringLit, { LABEL: "basis" });
    });
    // The quoted official wording is required syntax: every clause carries it.
    this.CONSUME(T.Source);
    this.CONSUME(T.StringLit, { LABEL: "source" });
    this.OPTION(() => {
      this.CONSUME(T.Ref);
      this.CONSUME1(T.StringLit, { LABEL: "ref" });
    });
    // The body is optional: a clause may record a provision with nothing to check.
    this.OPTION1(() => {
      this.CONSUME(T.LCurly);
      this.MANY(() => this.SUBRULE(this.clauseItem));
      this.CONSUME(T.RCurly);
    });
  });

  public clauseItem = this.RULE("clauseItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.defineDecl) },
      { ALT: () => this.SUBRULE(this.rule) },
      { ALT: () => this.SUBRULE(this.checkRule) },
      { ALT: () => this.SUBRULE(this.trackDecl) },
      { ALT: () => this.SUBRULE(this.selectionOrder) },
    ]);
  });

  // `覆盖` marks a deliberate change of a lower layer's value (else N003).
  public paramDecl = this.RULE("paramDecl", () => {
    this.OPTION(() => this.CONSUME(T.Override));
    this.CONSUME(T.Param);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.CONSUME1(T.Identifier, { LABEL: "type" });
    // The value, or where another document sets it (`出处 "区教字[20xx]14号"`);
    // neither: the source redacts it (“20xx”).
    this.OPTION1(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Equals);
            this.SUBRULE(this.expr);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Ref);
            this.CONSUME(T.StringLit, { LABEL: "setIn" });
          },
        },
      ]),
    );
  });

  public defineDecl = this.RULE("defineDecl", () => {
    this.OPTION(() => this.CONSUME(T.Override));
    this.CONSUME(T.Define);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION1(() => {
      this.CONSUME(T.Colon);
      this.CONSUME1(T.Identifier, { LABEL: "type" });
    });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  // Every rule has a label: priorities (`优先于`), replacements (`取代`) and
  // explanations refer to rules by it. A `最长` limit is parsed for every kind
  // so that the checker can reject it on a non-deferral with a span (T013)
  // rather than a bare syntax error; the same holds for `优先于` on kinds that
  // cannot take part in priorities (T011).
  public rule = this.RULE("rule", () => {
    // Any rule-kind keyword (a category: the kinds are a table, src/semantics/rule-kinds.ts).
    this.CONSUME(T.RuleKindKw, { LABEL: "kind" });
    this.CONSUME(T.Identifier, { LABEL: "label" });
    this.OPTION(() => {
      this.CONSUME(T.Overrides);
      this.CONSUME1(T.Identifier, { LABEL: "over" });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.CONSUME2(T.Identifier, { LABEL: "over" });
      });
    });
    this.OPTION1(() => {
      this.CONSUME(T.Replaces);
      this.CONSUME3(T.Identifier, { LABEL: "replaced" });
    });
    // `仅当 …` says whom a prerequisite concerns (CZ-8: applicants 40周岁以下);
    // parsed for every kind so the checker can name the misuse (T016).
    this.OPTION3(() => {
      this.CONSUME(T.OnlyIf);
      this.SUBRULE2(this.expr, { LABEL: "applicable" });
    });
    this.CONSUME(T.Colon);
    this.CONSUME(T.When);
    this.SUBRULE(this.expr, { LABEL: "when" });
    this.OPTION2(() => {
      this.CONSUME(T.Limit);
      this.SUBRULE1(this.expr, { LABEL: "limit" });
    });
  });

  // `检查` (a requirement on the plan) and `享受` (an entitlement) share one
  // form. The subject is an Identifier (学校, 区, 交流 … — P013 otherwise):
  // 学校 and 教师 are also ordinary names elsewhere.
  public checkRule = this.RULE("checkRule", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Check) },
      { ALT: () => this.CONSUME(T.Entitle) },
      { ALT: () => this.CONSUME(T.Report) },
    ]);
    this.CONSUME(T.Identifier, { LABEL: "label" });
    this.CONSUME(T.ForEach);
    this.CONSUME1(T.Identifier, { LABEL: "subject" });
    this.OPTION(() => {
      this.CONSUME(T.Where);
      this.SUBRULE(this.expr, { LABEL: "where" });
    });
    this.OPTION1(() => {
      this.CONSUME(T.OnlyIf);
      this.SUBRULE1(this.expr, { LABEL: "applicable" });
    });
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.expr, { LABEL: "body" });
  });

  // A statutory retirement track (policy data, ADR 0001 §5). Fields in fixed
  // order; the commas between them are optional.
  public trackDecl = this.RULE("trackDecl", () => {
    this.CONSUME(T.Track);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.CONSUME(T.Original);
    this.SUBRULE(this.expr, { LABEL: "original" });
    this.OPTION(() => this.CONSUME(T.Comma));
    this.CONSUME(T.Starting);
    this.CONSUME(T.YearMonthLit);
    this.OPTION1(() => this.CONSUME1(T.Comma));
    this.CONSUME(T.Step);
    this.SUBRULE1(this.expr, { LABEL: "step" });
    this.OPTION2(() => this.CONSUME2(T.Comma));
    this.CONSUME(T.MaxDelay);
    this.SUBRULE2(this.expr, { LABEL: "max" });
  });

  // A selection order: keys compared in turn, each ascending or descending
  // (`选择顺序 确定原则: 本校任教年限 降序, 职称取得日期 升序`).
  public selectionOrder = this.RULE("selectionOrder", () => {
    this.CONSUME(T.SelectionOrder);
    this.CONSUME(T.Identifier, { LABEL: "label" });
    this.CONSUME(T.Colon);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.orderKey) });
  });

  public orderKey = this.RULE("orderKey", () => {
    this.SUBRULE(this.expr, { LABEL: "key" });
    this.OR([{ ALT: () => this.CONSUME(T.Ascending) }, { ALT: () => this.CONSUME(T.Descending) }]);
  });

  // ---------------------------------------------------------------- expressions

  // One rule per precedence level, loosest first: 或, 且, 非, one comparison,
  // + -, * /, unary -, `.field`. The CST nests one node per level; the AST
  // builder collapses levels with a single operand.
  public expr = this.RULE("expr", () => {
    this.SUBRULE(this.andExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE1(this.andExpr, { LABEL: "operands" });
    });
  });

  public andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE1(this.notExpr, { LABEL: "operands" });
    });
  });

  public notExpr = this.RULE("notExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          // `非 非 x` nests; 非 binds looser than a comparison: `非 a 属于 s` = 非 (a 属于 s).
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.compareExpr) },
    ]);
  });

  /**
   * `a 满 9年` (infix word) or `周岁 55 及以下` (the number, then the word, as the texts write it).
   * The texts put 以上/以下 after the number they bound (`男55周岁及以下`), so
   * the grammar accepts them there rather than making policy staff reorder
   * the law's words; both forms give one Compare node. The two alternatives
   * differ in their first token (a comparison word, or the start of an
   * operand). OPTION, not MANY: comparisons do not chain.
   */
  public compareExpr = this.RULE("compareExpr", () => {
    this.SUBRULE(this.addExpr, { LABEL: "left" });
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.CompareOp);
            this.SUBRULE1(this.addExpr, { LABEL: "right" });
          },
        },
        {
          ALT: () => {
            this.SUBRULE2(this.addExpr, { LABEL: "right" });
            this.CONSUME(T.PostfixOp);
          },
        },
      ]),
    );
  });

  // Left-associative; the operators are kept under one label in order.
  public addExpr = this.RULE("addExpr", () => {
    this.SUBRULE(this.mulExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: "ops" }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: "ops" }) },
      ]);
      this.SUBRULE1(this.mulExpr, { LABEL: "operands" });
    });
  });

  // `×` and `÷` are spellings of Star and Slash (lexer).
  public mulExpr = this.RULE("mulExpr", () => {
    this.SUBRULE(this.unaryExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: "ops" }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: "ops" }) },
      ]);
      this.SUBRULE1(this.unaryExpr, { LABEL: "operands" });
    });
  });

  public unaryExpr = this.RULE("unaryExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unaryExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpr) },
    ]);
  });

  public postfixExpr = this.RULE("postfixExpr", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME(T.Identifier, { LABEL: "props" });
    });
  });

  // Which literal a digit string is (a date, a duration, an age, a number)
  // is already decided by the lexer's token order.
  public primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLit) },
      { ALT: () => this.CONSUME(T.AgeLit) },
      { ALT: () => this.CONSUME(T.PercentLit) },
      { ALT: () => this.CONSUME(T.DurationLit) },
      { ALT: () => this.CONSUME(T.DateLit) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.SUBRULE(this.setLit) },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.aggregate) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expr);
          this.CONSUME(T.RParen);
        },
      },
      // Last: a name. Facts, parameters, definitions and functions alike; the
      // checker resolves which.
      { ALT: () => this.SUBRULE(this.nameOrCall) },
    ]);
  });

  public nameOrCall = this.RULE("nameOrCall", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION1(() => {
        this.SUBRULE(this.expr, { LABEL: "args" });
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE1(this.expr, { LABEL: "args" });
        });
      });
      this.CONSUME(T.RParen);
    });
  });

  // Braces also open a clause's body and the header; in an expression they are a set.
  public setLit = this.RULE("setLit", () => {
    this.CONSUME(T.LCurly);
    this.OPTION(() => {
      this.SUBRULE(this.expr, { LABEL: "elements" });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE1(this.expr, { LABEL: "elements" });
      });
    });
    this.CONSUME(T.RCurly);
  });

  public ifExpr = this.RULE("ifExpr", () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expr, { LABEL: "cond" });
    this.CONSUME(T.Then);
    this.SUBRULE1(this.expr, { LABEL: "then" });
    // `否则` is required: a condition without an else branch has no value.
    this.CONSUME(T.Else);
    this.SUBRULE2(this.expr, { LABEL: "else" });
  });

  /** `count(moves where 骨干)`, `sum(moves where …, years)`. */
  public aggregate = this.RULE("aggregate", () => {
    // Any aggregate keyword (a category: the aggregates are a table, src/semantics/aggregates.ts).
    this.CONSUME(T.AggregateKw, { LABEL: "fn" });
    this.CONSUME(T.LParen);
    // The collection is a name (教师, 调出, 学校列表 …), not an expression: what
    // it ranges over depends on the check's subject and is the checker's affair.
    this.CONSUME(T.Identifier, { LABEL: "collection" });
    this.OPTION(() => {
      this.CONSUME(T.Where);
      this.SUBRULE(this.expr, { LABEL: "where" });
    });
    // `, v`: the value summed by 合计, or the condition the filtered elements
    // must meet for 存在 / 全部 (each aggregate's row says which, if any).
    this.OPTION1(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE1(this.expr, { LABEL: "of" });
    });
    this.CONSUME(T.RParen);
  });
}

/** The single parser instance (chevrotain parsers are built once and reused). */
// Stateful (input, errors): not re-entrant, which is fine while parsing is
// synchronous — each `parseToCst` resets it by assigning `input`.
export const parser = new PolicyParser();

export interface CstParseOutput {
  readonly cst: FileCstNode;
  readonly lexErrors: { offset: number; length: number; line?: number; column?: number; message: string }[];
  readonly parseErrors: { token: IToken; message: string; name: string; previousToken?: IToken }[];
}

/** Lex and parse a whole file. Never throws; errors are returned. */
// Lexer errors (a character no token matches) are skipped by the lexer, so
// one run yields both lists; parse.ts turns them into coded diagnostics.
export function parseToCst(text: string): CstParseOutput {
  const lexed = T.lexer.tokenize(text);
  parser.input = lexed.tokens;
  // The rule's CST has the shape grammar/cst.ts describes (generated from this parser, kept in step by a test).
  const cst = parser.file() as FileCstNode;
  return {
    cst,
    lexErrors: lexed.errors.map((e) => ({
      offset: e.offset,
      length: e.length,
      message: e.message,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.column !== undefined ? { column: e.column } : {}),
    })),
    parseErrors: parser.errors.map((e) => ({
      token: e.token,
      message: e.message,
      name: e.name,
      ...((e as { previousToken?: IToken }).previousToken
        ? { previousToken: (e as { previousToken?: IToken }).previousToken }
        : {}),
    })),
  };
}
