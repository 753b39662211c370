// docs/contract.md "Formats and `--output`" stays in step with the render
// registry: each command's row lists exactly the formats that render its
// answer, and the CLI refuses the others before doing any work (C007).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formats, type DocumentKind } from "../../src/index.js";
import { ROOT, runCli } from "../support/policy.js";

const KIND: Record<string, DocumentKind> = {
  lint: "lint",
  case: "case",
  check: "plan",
  decide: "decisions",
  test: "tests",
};

function documented(): Map<string, string[]> {
  const doc = readFileSync(join(ROOT, "docs/contract.md"), "utf8");
  const section = doc.slice(doc.indexOf("### Formats and `--output`"));
  const rows = new Map<string, string[]>();
  for (const m of section.matchAll(/^\|\s*`(\w+)`\s*\|([^|]+)\|/gm))
    rows.set(
      m[1]!,
      [...m[2]!.matchAll(/`(\w+)`/g)].map((x) => x[1]!),
    );
  return rows;
}

describe("docs/contract.md lists the formats the registry has", () => {
  it("each command's formats, exactly", () => {
    const rows = documented();
    expect([...rows.keys()].sort()).toEqual(Object.keys(KIND).sort());
    for (const [command, kind] of Object.entries(KIND)) expect(rows.get(command), command).toEqual(formats(kind));
  });

  it("a format the command's answer has no renderer for is C007, in the reader's language", async () => {
    const r = await runCli(["lint", join(ROOT, "policies/dalian"), "--format", "xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("C007");
    expect(r.err).toContain("不能用于政策检查");
    const en = await runCli(["lint", join(ROOT, "policies/dalian"), "--format", "csv", "--lang", "en"]);
    expect(en.err).toContain("cannot render a lint");
  });
});
