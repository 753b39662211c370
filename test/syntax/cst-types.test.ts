// grammar/cst.ts (the CST types cst-to-ast.ts is written against) is
// generated from the parser by `npm run gen:cst`; this test fails when a rule
// or label of grammar/parser.ts changed and the file was not regenerated.

import { readFileSync } from "node:fs";
import { generateCstDts } from "chevrotain";
import prettier from "prettier";
import { describe, expect, it } from "vitest";
import { parser } from "../../grammar/parser.js";

describe("grammar/cst.ts", () => {
  it("is what `npm run gen:cst` generates from the parser", async () => {
    const target = new URL("../../grammar/cst.ts", import.meta.url);
    const config = (await prettier.resolveConfig(target.pathname)) ?? {};
    const generated = await prettier.format(generateCstDts(parser.getGAstProductions()), {
      ...config,
      parser: "typescript",
    });
    const checkedIn = readFileSync(target, "utf8");
    // The file is a header comment followed by exactly the generated text.
    expect(checkedIn.endsWith(generated), "grammar/cst.ts is stale: run `npm run gen:cst`").toBe(true);
  });
});
