// Property: printing a parsed policy and parsing it again gives the same tree
// (ids, spans and the original spelling of words aside), in both keyword
// spellings; also for every real policy file in the repository.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { printPolicy, type Spelling } from "../../src/syntax/print.js";
import { ROOT } from "../support/policy.js";
import { policyArb } from "../support/random-policy.js";

/** The tree without positions, ids and surface spellings (which the printer normalises). */
function shape(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(shape);
  if (x && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if (k === "id" || k === "span" || k === "word" || k === "text") continue;
      out[k] = shape(v);
    }
    return out;
  }
  return x;
}

function roundTrip(text: string, file: string, sp: Spelling): void {
  const first = parse(text, file);
  expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const printed = printPolicy(first.ast, sp);
  const second = parse(printed, file);
  expect(
    second.diagnostics.filter((d) => d.severity === "error"),
    printed,
  ).toEqual([]);
  expect(shape(second.ast)).toEqual(shape(first.ast));
}

function policyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? policyFiles(p) : e.endsWith(".policy") ? [p] : [];
  });
}

describe("parse ∘ print", () => {
  it("round-trips random policies, English and Chinese keywords", () => {
    fc.assert(
      fc.property(policyArb, fc.constantFrom<Spelling>("en", "zh"), (text, sp) => roundTrip(text, "random.policy", sp)),
      { numRuns: 200 },
    );
  });
  for (const f of policyFiles(join(ROOT, "policies"))) {
    it(`round-trips ${f.slice(ROOT.length + 1)}`, () => {
      const text = readFileSync(f, "utf8");
      roundTrip(text, f, "en");
      roundTrip(text, f, "zh");
    });
  }
});
