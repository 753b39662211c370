// Deep but allowed trees (issue 9 finding 2): a condition that is a chain of
// thousands of 且 / 或, or a long sum, is checked, compiled, evaluated by both
// evaluators and printed without unbounded recursion. Chains of connectives are
// built balanced (their depth grows with the logarithm of their length), and
// the walkers over long arithmetic chains iterate down the chain.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/interpreter/compile.js";
import { newFrame, worldOf } from "../../src/interpreter/frame.js";
import { referenceDecide } from "../../src/interpreter/reference.js";
import type { School } from "../../src/data/model.js";
import { printPolicy } from "../../src/syntax/print.js";
import { parse } from "../../src/syntax/parse.js";
import { HEADER, checkText } from "../support/policy.js";
import { day, personAt } from "../support/person.js";

const schools = new Map<string, School>([["S1", { id: "S1" }]]);
const t = personAt();
function decideBoth(when: string) {
  const c = checkText(HEADER + `clause A-1 must source "x" {\n  require r: when ${when}\n}`);
  expect(c.all.filter((d) => d.severity === "error")).toEqual([]);
  const w = worldOf(c.policy!, { asOf: day(2024, 9, 1), schools });
  const a = compile(c.policy!).decide(t, newFrame(w), true).decision;
  const b = referenceDecide(c.policy!, t, w).decision;
  expect(a).toBe(b);
  return a;
}

describe("deep but allowed trees", () => {
  it("a chain of 5,000 且 is checked, compiled and evaluated", () => {
    expect(decideBoth(Array(5000).fill("周岁 >= 18").join(" 且 "))).toBe("required");
  });
  it("a chain of 5,000 或 ending in the one condition that holds", () => {
    expect(decideBoth([...Array(4999).fill("周岁 >= 90"), "周岁 >= 18"].join(" 或 "))).toBe("required");
  });
  it("a sum of 500 terms, and a longer one is a coded limit (L001), not a crash", () => {
    expect(decideBoth(Array(500).fill("1").join(" + ") + " >= 500")).toBe("required");
    const long = checkText(
      HEADER + `clause A-1 must source "x" {\n  require r: when ${Array(3000).fill("1").join(" + ")} >= 1\n}`,
    );
    expect(long.all.map((d) => d.code)).toContain("L001");
  });
  it("prints and re-parses a 5,000-且 chain", () => {
    const text =
      HEADER + `clause A-1 must source "x" {\n  require r: when ${Array(5000).fill("周岁 >= 18").join(" 且 ")}\n}`;
    const ast = parse(text, "t.policy").ast;
    const again = parse(printPolicy(ast, "zh"), "t.policy");
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
