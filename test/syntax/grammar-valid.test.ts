// The grammar and the token set pass chevrotain's own validations. The shared
// parser and lexer skip them at run time (they cost a fifth of a one-person
// `lungang case`); here they are built with validations on, so a grammar
// change that introduces an ambiguity or a bad token pattern fails a test.

import { Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { PolicyParser } from "../../grammar/parser.js";
import { LEXER_OPTIONS, allTokens } from "../../grammar/tokens.js";

describe("grammar validity", () => {
  it("the parser's grammar passes chevrotain's validations", () => {
    expect(() => new PolicyParser(true)).not.toThrow();
  });

  it("the token set passes the lexer's validations", () => {
    const lexer = new Lexer(allTokens, { ...LEXER_OPTIONS, skipValidations: false });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
  });
});
