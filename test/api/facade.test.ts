// The library facade as an embedding program uses it: `import … from
// "lungang"` (the package's own name), a case and a plan check in a dozen
// lines (the README's snippet), a policy from texts in memory, results that
// never throw, and the package's `exports` naming the build of src/index.ts.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { ROOT } from "../support/policy.js";

describe("import from lungang", () => {
  it("runs a case and a plan check in a dozen lines (the README's snippet)", async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    onTestFinished(() => process.chdir(cwd));
    // --- README snippet ---
    const { compilePolicy, readCase, readDataset, decide, checkPlan, render } = await import("lungang");

    const policy = compilePolicy("policies/dalian").value!;
    // Data is read against the policy's facts (the ones its own layers declare too).
    const person = readCase("examples/cases/dalian-teacher.yaml", policy).value!;
    const answer = decide(policy, person).value!;
    console.log(
      answer.decision.decision,
      answer.decision.clauses.map((c) => c.id),
    ); // required [ 'DL-T1' ]

    const district = (await readDataset("examples/dalian/district.yaml", policy)).value!;
    const plan = (await checkPlan(policy, district)).value!;
    console.log(plan.result.compliant, plan.result.violations.length); // false 5
    const text = await render({ kind: "plan", answer: plan }, { format: "text", lang: "zh" });
    console.log(text.value); // dalian：不合规 —— 4 项违规 …
    // --- end of snippet ---
    expect(answer.decision.decision).toBe("required");
    expect(answer.decision.clauses.map((c) => c.id)).toEqual(["DL-T1"]);
    expect(plan.result.compliant).toBe(false);
    expect(String(text.value)).toMatch(/^dalian：不合规/);
  });

  it("loads a policy from texts in memory, no disk, with a policy it uses", async () => {
    const { compilePolicy, readCase, decide } = await import("lungang");
    // What a server would hold: file name → text, for the policy and the one it uses.
    const files: Record<string, string> = {};
    for (const dir of ["dalian", "national"])
      for (const f of readdirSync(join(ROOT, "policies", dir)).filter((f) => f.endsWith(".policy")))
        files[`${dir}/${f}`] = readFileSync(join(ROOT, "policies", dir, f), "utf8");
    const compiled = compilePolicy({ files, entry: "dalian" });
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(compiled.value?.checked.name).toBe("dalian");
    // Diagnostics name the files by their keys.
    expect([...compiled.sources.keys()].sort()).toEqual(Object.keys(files).sort());
    const person = readCase(
      {
        text: readFileSync(join(ROOT, "examples/cases/dalian-teacher.yaml"), "utf8"),
        name: "case.yaml",
        format: "yaml",
      },
      compiled.value!,
    ).value!;
    expect(decide(compiled.value!, person).value!.decision.decision).toBe("required");
  });

  it("reads data against the policy it is given: a district's declared fact and value, or the standard facts by name", async () => {
    const { compilePolicy, readDataset, readCase, referenceDate, standardFacts, decideAll } = await import("lungang");
    const file = join(ROOT, "examples/local-deferral/district.yaml");
    const policy = compilePolicy(join(ROOT, "examples/local-deferral")).value!;
    // With the district's policy (compiled or checked, or its schema): 援派支教 is a value, 山区学校 a school fact.
    for (const against of [policy, policy.checked, policy.checked.input]) {
      const r = await readDataset(file, against);
      expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(r.value!.schoolById.get("S2")!["mountain_school" as never]).toBe(true);
    }
    const data = (await readDataset(file, policy)).value!;
    expect(decideAll(policy, data).value!.map((p) => [p.teacher.id, p.decision.decision])).toEqual([
      ["T1", "required"],
      ["T2", "deferred"],
      ["T3", "not_required"],
      ["T4", "indeterminate"],
    ]);
    // Without a policy only as an explicit choice: the standard facts refuse the district's value.
    const plain = await readDataset(file, standardFacts);
    expect(plain.value).toBeUndefined();
    expect(plain.diagnostics.some((d) => d.severity === "error" && /aid_assignment/.test(d.message))).toBe(true);
    // The reference date alone (to choose the version in force before reading against it).
    expect((await referenceDate(file)).value).toBe(data.asOf);
    // A case is read against the policy too.
    const text =
      "as_of: 2025-09-01\nteacher: { id: T2, sex: male, birth_date: 1980-05-01, role: teacher, school: S1, school_since: 2010-09-01, established: true, on_post: true, conditions: [aid_assignment] }\nschool: { id: S1, location: urban, tier: general }\n";
    expect(readCase({ text, name: "c.yaml", format: "yaml" }, policy).value?.teacher.conditions).toEqual([
      "aid_assignment",
    ]);
    expect(readCase({ text, name: "c.yaml", format: "yaml" }, standardFacts).value).toBeUndefined();
  });

  it("returns diagnostics, never throws: a missing policy, a broken text, an unknown format", async () => {
    const { compilePolicy, load, render } = await import("lungang");
    expect(compilePolicy("/nonexistent/policy").diagnostics.map((d) => d.code)).toEqual(["P020"]);
    const broken = compilePolicy({ files: { "x.policy": "条款 {" } });
    expect(broken.value).toBeUndefined();
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    expect(load({ files: {} }).value).toBeUndefined();
    const r = await render({ kind: "diagnostics", diagnostics: [] }, { format: "pdf" });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["C006"]);
  });

  it("package.json exports the build of src/index.ts, with its types", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const build = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")).compilerOptions;
    // tsc maps <rootDir>/src/index.ts to <outDir>/src/index.js (and .d.ts).
    expect(build.rootDir).toBe(".");
    expect(pkg.exports["."]).toEqual({
      types: `./${build.outDir}/src/index.d.ts`,
      default: `./${build.outDir}/src/index.js`,
    });
    expect(pkg.types).toBe(pkg.exports["."].types);
    // `npm ci` runs `prepare`, which builds dist/: a fresh clone can import it.
    expect(pkg.scripts.prepare).toContain("tsc -p tsconfig.build.json");
    expect(pkg.files).toContain("dist/src");
  });
});

describe("schemaKey", () => {
  it("is equal for facts that read data alike, whatever objects they are, and differs otherwise", async () => {
    const { compilePolicy, standardFacts } = await import("../../src/index.js");
    const { schemaKey } = await import("../../src/data/declared.js");
    // A policy that declares facts of its own gets a schema object per compile (two versions of a folder).
    const a = compilePolicy(join(ROOT, "examples/local-deferral")).value!;
    const b = compilePolicy(join(ROOT, "examples/local-deferral")).value!;
    expect(a.checked.input).not.toBe(b.checked.input);
    expect(schemaKey(a.checked.input)).toBe(schemaKey(b.checked.input));
    expect(schemaKey(a.checked.input)).not.toBe(schemaKey(standardFacts));
  });
});
