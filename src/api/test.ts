// Facade — a policy's own test cases (`<policy>/tests/*.yaml`): individual
// cases (a person + the expected decision and clauses) and plan cases (a
// dataset + the expected violations) → one outcome per test, or the problems
// that make a test file invalid. What `lungang test` runs. Never throws.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { parseCaseText, parseDatasetText } from "../data/read.js";
import { newFrame, worldOf } from "../interpreter/frame.js";
import { isUnknown } from "../interpreter/values.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-test.js";
import { checkPlan } from "../plan/check-plan.js";
import { withParams, type CompiledPolicy } from "./compile.js";

/** One test's result; `name` locates it (`file cases[i] name`), `detail` says expected vs got. */
export interface TestOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

/** The outcome of every test of a policy. */
export interface TestReport {
  readonly policy: string;
  readonly outcomes: readonly TestOutcome[];
  readonly passed: number;
  readonly failed: number;
}

/**
 * Run the test files in `dir` (default: the policy folder's `tests/`). A
 * malformed test is neither passed nor failed: when any file has a problem,
 * `value` is absent and every problem of every file is in `diagnostics`, so a
 * broken test file cannot turn into a green run.
 */
export function runTests(policy: CompiledPolicy, dir: string): Result<TestReport> {
  // Sorted for a stable report; a policy without tests/ simply has none.
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$|\.json$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];
  const outcomes: TestOutcome[] = [];
  const problems: Diagnostic[] = [];
  for (const file of files) runFile(file, policy, outcomes, problems);
  if (problems.length) return { diagnostics: problems };
  const passed = outcomes.filter((o) => o.ok).length;
  return {
    value: { policy: policy.checked.name, outcomes, passed, failed: outcomes.length - passed },
    diagnostics: [],
  };
}

/**
 * Run one test file: its `cases` (one person each) and `plans` (one dataset
 * each). Problems with the file itself go to `problems`, results to
 * `outcomes`; a file-level problem (YAML, params) stops the file.
 */
function runFile(file: string, policy: CompiledPolicy, outcomes: TestOutcome[], problems: Diagnostic[]): void {
  const display = relative(process.cwd(), file) || file;
  let doc: Record<string, unknown>;
  try {
    doc = parseYaml(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (e) {
    const pos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    problems.push(
      diag(
        "D002",
        { file: display, line: pos?.line ?? 0, col: pos?.col ?? 0, reason: (e as Error).message.split("\n")[0] ?? "" },
        { file: display },
      ),
    );
    return;
  }
  if (!doc || typeof doc !== "object") {
    problems.push(diag("X001", { what: "a mapping with `cases` or `plans`" }, { file: display }));
    return;
  }
  // `params:` gives values for parameters (e.g. redacted “20xx” numbers) for every test of the file.
  // Layered on the command line's --param values; the file's own win.
  let withFileParams = policy;
  for (const [name, raw] of Object.entries((doc.params ?? {}) as Record<string, unknown>)) {
    const r = withParams(withFileParams, { [name]: String(raw) });
    if (!r.value) {
      problems.push(
        diag("X001", { what: `a valid value for parameter \`${name}\`` }, { file: display, path: `params.${name}` }),
      );
      return;
    }
    withFileParams = r.value;
  }
  const params = withFileParams.params;
  const cases = (doc.cases ?? []) as Record<string, unknown>[];
  if (!Array.isArray(cases)) {
    problems.push(diag("X001", { what: "`cases` as a list" }, { file: display, path: "cases" }));
    return;
  }
  cases.forEach((c, i) => {
    const at = `cases[${i}]`;
    const name = `${display} ${at} ${String(c?.name ?? "")}`;
    const expect = c?.expect as
      { decision?: string; clauses?: string[]; prerequisites?: Record<string, string> } | undefined;
    if (!expect || typeof expect.decision !== "string") {
      problems.push(diag("X001", { what: "`expect.decision`" }, { file: display, path: `${at}.expect` }));
      return;
    }
    // `as_of` and `schools` may be shared by the file's cases. The case is then
    // read by the same reader as a case file (via JSON), so a test and `lungang
    // case` accept and reject exactly the same input.
    const raw = {
      as_of: c.as_of ?? doc.as_of,
      teacher: c.teacher,
      schools: [...((doc.schools as unknown[]) ?? []), ...((c.schools as unknown[]) ?? [])],
    };
    const read = parseCaseText(JSON.stringify(raw), display, "json");
    if (!read.value) {
      for (const d of read.diagnostics)
        problems.push({ ...d, file: display, ...(d.path ? { path: `${at}.${d.path}` } : {}) });
      return;
    }
    const cf = read.value;
    // A fresh frame per case: nothing memoised for one person leaks to the next.
    const frame = newFrame(worldOf(policy.checked, { asOf: cf.asOf, schools: cf.schoolById }, params));
    const d = policy.program.decide(cf.teacher, frame);
    const got = d.clauses.map((x) => x.id).sort();
    const want = expect.clauses ? [...expect.clauses].sort() : undefined;
    const okDecision = d.decision === expect.decision;
    // Listed clauses must match exactly (as a set), not merely be included: the
    // cited clauses are part of the answer an appeal sees.
    const okClauses = !want || JSON.stringify(got) === JSON.stringify(want);
    // Promotion prerequisites, by clause id or rule label: met | not_met | unknown.
    const wrongPrereqs: string[] = [];
    for (const [key, wantMet] of Object.entries(expect.prerequisites ?? {})) {
      const r = d.results.find(
        (x) => x.rule.rule.ruleKind === "prerequisite" && (x.rule.label === key || x.rule.clause.id === key),
      );
      // "absent" (no such prerequisite) never equals an expectation, so a
      // misspelt key fails instead of passing vacuously.
      const gotMet = !r
        ? "absent"
        : r.applicable === false
          ? "not_applicable"
          : isUnknown(r.applicable) || isUnknown(r.value)
            ? "unknown"
            : r.value === true
              ? "met"
              : "not_met";
      if (gotMet !== wantMet) wrongPrereqs.push(`${key}: expected ${wantMet}, got ${gotMet}`);
    }
    const ok = okDecision && okClauses && wrongPrereqs.length === 0;
    outcomes.push({
      name,
      ok,
      ...(ok
        ? {}
        : {
            detail: [
              `expected ${expect.decision} [${(want ?? []).join(", ")}], got ${d.decision} [${got.join(", ")}]`,
              ...wrongPrereqs,
            ].join("; "),
          }),
    });
  });
  const plans = (doc.plans ?? []) as Record<string, unknown>[];
  plans.forEach((pl, i) => {
    const at = `plans[${i}]`;
    const name = `${display} ${at} ${String(pl?.name ?? "")}`;
    const expect = pl?.expect as
      | {
          compliant?: boolean;
          violations?: { clause: string; subject?: { kind: string; id?: string } }[];
          undetermined?: { clause: string; subject?: { kind: string; id?: string } }[];
        }
      | undefined;
    if (!expect || typeof expect.compliant !== "boolean" || !Array.isArray(expect.violations)) {
      problems.push(
        diag("X001", { what: "`expect.compliant` and `expect.violations`" }, { file: display, path: `${at}.expect` }),
      );
      return;
    }
    const read = parseDatasetText(JSON.stringify(pl.dataset ?? {}), display, "json");
    if (!read.value) {
      for (const d of read.diagnostics)
        problems.push({ ...d, file: display, ...(d.path ? { path: `${at}.dataset.${d.path}` } : {}) });
      return;
    }
    const result = checkPlan(policy.program, read.value, params);
    const key = (v: { clause: string; subject?: { kind: string; id?: string } }) =>
      `${v.clause} ${v.subject?.kind ?? ""}:${v.subject?.id ?? ""}`;
    // Violations compare as sorted lists of `clause kind:id`, so the test pins
    // which clause failed for which subject, not only whether the plan complies.
    const got = result.violations.map((v) => key({ clause: v.clause.id, subject: v.subject })).sort();
    const want = expect.violations.map(key).sort();
    // Undetermined checks must be expected explicitly: a test never passes over a check it could not decide.
    // Without this, a plan whose must-check cannot be decided (compliance not
    // established) would still pass a test expecting `compliant: true`.
    const gotU = result.undetermined.map((u) => key({ clause: u.clause.id, subject: u.subject })).sort();
    const wantU = (expect.undetermined ?? []).map(key).sort();
    const ok =
      result.compliant === expect.compliant &&
      JSON.stringify(got) === JSON.stringify(want) &&
      JSON.stringify(gotU) === JSON.stringify(wantU);
    outcomes.push({
      name,
      ok,
      ...(ok
        ? {}
        : {
            detail:
              `expected compliant=${expect.compliant} [${want.join("; ")}]${wantU.length ? ` undetermined [${wantU.join("; ")}]` : ""}, ` +
              `got compliant=${result.compliant} [${got.join("; ")}]${gotU.length ? ` undetermined [${gotU.join("; ")}]` : ""}`,
          }),
    });
  });
}
