// Facade — a policy's own test cases (`<policy>/tests/*.yaml`): individual
// cases (a person + the expected decision and clauses) and plan cases (a
// dataset + the expected violations) → one outcome per test, or the problems
// that make a test file invalid. What `lungang test` runs. Never throws.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml, parseDocument } from "yaml";
import type { Diagnostic, Result, Span } from "../diagnostics/diagnostic.js";
import { parseCaseText, parseDatasetText, parsePath, spanAt } from "../data/read.js";
import { newFrame, worldOf } from "../interpreter/frame.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-test.js";
import { checkPlan } from "../plan/check-plan.js";
import { withParams, type CompiledPolicy } from "./compile.js";
import { ruleOutcome, type RuleOutcome } from "../render/case.js";

/** A prerequisite's state as a test file writes it. */
const PREREQUISITE_STATE: Readonly<Record<RuleOutcome, string>> = {
  applies: "met",
  does_not_apply: "not_met",
  unknown: "unknown",
  not_applicable: "not_applicable",
};

/** One test's result; `name` locates it (`file cases[i] name`), `mismatch` says what was expected and what came. */
export interface TestOutcome {
  readonly name: string;
  readonly ok: boolean;
  /** Absent when the test passed. Rendered in the reader's language by src/render/reports.ts. */
  readonly mismatch?: CaseMismatch | PlanMismatch;
}

/** A promotion prerequisite's expected and actual state: met | not_met | unknown | not_applicable | absent. */
export interface PrerequisiteMismatch {
  readonly key: string;
  readonly expected: string;
  readonly got: string;
}

/** A case test that failed: the decision and clauses expected and given, and the prerequisites that differ. */
export interface CaseMismatch {
  readonly kind: "case";
  readonly expected: { readonly decision: string; readonly clauses: readonly string[] };
  readonly got: { readonly decision: string; readonly clauses: readonly string[] };
  readonly prerequisites: readonly PrerequisiteMismatch[];
}

/** A plan test that failed: compliance, violations and undetermined checks (`clause kind:id`) expected and found. */
export interface PlanMismatch {
  readonly kind: "plan";
  readonly expected: PlanFindings;
  readonly got: PlanFindings;
}

/** What a plan test found or expected: compliance and the `clause kind:id` of each violation and undetermined check, sorted. */
export interface PlanFindings {
  readonly compliant: boolean;
  readonly violations: readonly string[];
  readonly undetermined: readonly string[];
}

/** The keys a test file, a case, a plan and their `expect` may have (anything else but `x-…` is X002). */
const KEYS = {
  file: ["params", "as_of", "schools", "cases", "plans"],
  case: ["name", "as_of", "teacher", "schools", "expect"],
  caseExpect: ["decision", "clauses", "prerequisites"],
  plan: ["name", "dataset", "expect"],
  planExpect: ["compliant", "violations", "undetermined"],
} as const;

/**
 * Where a path (`cases[0].teacher.history[0].school`) lies in a test file's
 * text, by the data reader's own locator; the file is parsed with positions
 * only when a diagnostic needs one.
 */
type Locate = (path: string) => Span | undefined;

function locator(file: string, text: string): Locate {
  let doc: ReturnType<typeof parseDocument> | undefined;
  return (path) => spanAt((doc ??= parseDocument(text)), text, file, parsePath(path));
}

/** X002 for each key of `obj` not in `known`, at `at` (a path prefix, "" for the file). */
function unknownKeys(obj: unknown, known: readonly string[], at: string, file: string, locate: Locate): Diagnostic[] {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return [];
  return (
    Object.keys(obj)
      // `x-…` keys hold YAML anchors for the file's cases to share (`x-teachers: &base …`).
      .filter((k) => !known.includes(k) && !k.startsWith("x-"))
      .map((k) => {
        const path = at ? `${at}.${k}` : k;
        const span = locate(path);
        return diag("X002", { path, key: k, known: known.join(", ") }, { file, path, ...(span ? { span } : {}) });
      })
  );
}

/**
 * What reading a test's data said, sorted into the test file's problems and
 * its warnings: an unknown field (D007, a warning in a dataset) is X002 in a
 * test, since a misspelt fact would quietly leave the test checking less than
 * it says; the other warnings (a history school outside the district, …) are
 * legitimate in a test and reported beside its results.
 */
function sortReading(
  ds: readonly Diagnostic[],
  file: string,
  prefix: string,
  locate: Locate,
  problems: Diagnostic[],
  warnings: Diagnostic[],
) {
  for (const found of ds) {
    // The data was read from JSON made of the test file's values, so a span would point into that text,
    // not the file: the path locates it in the file instead.
    const { span: _span, ...d } = found;
    const path = d.path ? `${prefix}.${d.path}` : prefix;
    if (d.code === "D007") {
      // D007 is located at the field itself: its name is the path's last step.
      const key = (d.path ?? "")
        .split(".")
        .pop()!
        .replace(/\[\d+\]$/, "");
      const span = locate(path);
      problems.push(diag("X002", { path, key, known: "lungang template" }, { file, path, ...(span ? { span } : {}) }));
      continue;
    }
    const span = locate(path);
    (d.severity === "error" ? problems : warnings).push({ ...d, file, path, ...(span ? { span } : {}) });
  }
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
 * broken test file cannot turn into a green run. With a `value`,
 * `diagnostics` holds the warnings reading the tests' data gave.
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
  const warnings: Diagnostic[] = [];
  for (const file of files) runFile(file, policy, outcomes, problems, warnings);
  if (problems.length) return { diagnostics: problems };
  const passed = outcomes.filter((o) => o.ok).length;
  return {
    value: { policy: policy.checked.name, outcomes, passed, failed: outcomes.length - passed },
    diagnostics: warnings,
  };
}

/** A test's outcome: what differed is kept only when it failed. */
function outcome(name: string, ok: boolean, mismatch: CaseMismatch | PlanMismatch): TestOutcome {
  return ok ? { name, ok } : { name, ok, mismatch };
}

/**
 * Run one test file: its `cases` (one person each) and `plans` (one dataset
 * each). Problems with the file itself go to `problems`, results to
 * `outcomes`; a file-level problem (YAML, params) stops the file.
 */
function runFile(
  file: string,
  policy: CompiledPolicy,
  outcomes: TestOutcome[],
  problems: Diagnostic[],
  warnings: Diagnostic[],
): void {
  const display = relative(process.cwd(), file) || file;
  let doc: Record<string, unknown>;
  let locate: Locate = () => undefined;
  try {
    const text = readFileSync(file, "utf8");
    doc = parseYaml(text) as Record<string, unknown>;
    locate = locator(display, text);
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
    problems.push(
      diag(
        "X001",
        { what: { en: "a mapping with `cases` or `plans`", zh: "含 `cases` 或 `plans` 的映射" } },
        { file: display },
      ),
    );
    return;
  }
  const unknown = unknownKeys(doc, KEYS.file, "", display, locate);
  if (unknown.length) {
    problems.push(...unknown);
    return;
  }
  /** X002 for the unknown keys of a case or plan and of its `expect`, into `problems`: true when there are any. */
  const strange = (item: unknown, expect: unknown, kind: "case" | "plan", at: string): boolean => {
    const found = [
      ...unknownKeys(item, KEYS[kind], at, display, locate),
      ...unknownKeys(expect, KEYS[`${kind}Expect`], `${at}.expect`, display, locate),
    ];
    problems.push(...found);
    return found.length > 0;
  };
  // `params:` gives values for parameters (e.g. redacted “20xx” numbers) for every test of the file.
  // Layered on the command line's --param values; the file's own win.
  let withFileParams = policy;
  for (const [name, raw] of Object.entries((doc.params ?? {}) as Record<string, unknown>)) {
    const r = withParams(withFileParams, { [name]: String(raw) });
    if (!r.value) {
      problems.push(
        diag(
          "X001",
          { what: { en: `a valid value for parameter \`${name}\``, zh: `参数 \`${name}\` 的有效值` } },
          { file: display, path: `params.${name}` },
        ),
      );
      return;
    }
    withFileParams = r.value;
  }
  const params = withFileParams.params;
  const cases = (doc.cases ?? []) as Record<string, unknown>[];
  if (!Array.isArray(cases)) {
    problems.push(
      diag("X001", { what: { en: "`cases` as a list", zh: "列表形式的 `cases`" } }, { file: display, path: "cases" }),
    );
    return;
  }
  cases.forEach((c, i) => {
    const at = `cases[${i}]`;
    const name = `${display} ${at} ${String(c?.name ?? "")}`;
    const expect = c?.expect as
      { decision?: string; clauses?: string[]; prerequisites?: Record<string, string> } | undefined;
    if (strange(c, expect, "case", at)) return;
    if (!expect || typeof expect.decision !== "string") {
      problems.push(
        diag(
          "X001",
          { what: { en: "`expect.decision`", zh: "`expect.decision`" } },
          { file: display, path: `${at}.expect` },
        ),
      );
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
    const read = parseCaseText(JSON.stringify(raw), display, "json", { schema: policy.checked.input });
    const before = problems.length;
    sortReading(read.diagnostics, display, at, locate, problems, warnings);
    if (!read.value || problems.length > before) return;
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
    const wrongPrereqs: PrerequisiteMismatch[] = [];
    for (const [key, wantMet] of Object.entries(expect.prerequisites ?? {})) {
      const r = d.results.find(
        (x) => x.rule.rule.ruleKind === "prerequisite" && (x.rule.label === key || x.rule.clause.id === key),
      );
      // "absent" (no such prerequisite) never equals an expectation, so a
      // misspelt key fails instead of passing vacuously.
      const gotMet = r ? PREREQUISITE_STATE[ruleOutcome(r)] : "absent";
      if (gotMet !== wantMet) wrongPrereqs.push({ key, expected: String(wantMet), got: gotMet });
    }
    outcomes.push(
      outcome(name, okDecision && okClauses && wrongPrereqs.length === 0, {
        kind: "case",
        expected: { decision: expect.decision, clauses: want ?? [] },
        got: { decision: d.decision, clauses: got },
        prerequisites: wrongPrereqs,
      }),
    );
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
    if (strange(pl, expect, "plan", at)) return;
    if (!expect || typeof expect.compliant !== "boolean" || !Array.isArray(expect.violations)) {
      problems.push(
        diag(
          "X001",
          {
            what: { en: "`expect.compliant` and `expect.violations`", zh: "`expect.compliant` 与 `expect.violations`" },
          },
          { file: display, path: `${at}.expect` },
        ),
      );
      return;
    }
    const read = parseDatasetText(JSON.stringify(pl.dataset ?? {}), display, "json", { schema: policy.checked.input });
    const before = problems.length;
    sortReading(read.diagnostics, display, `${at}.dataset`, locate, problems, warnings);
    if (!read.value || problems.length > before) return;
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
    outcomes.push(
      outcome(name, ok, {
        kind: "plan",
        expected: { compliant: expect.compliant, violations: want, undetermined: wantU },
        got: { compliant: result.compliant, violations: got, undetermined: gotU },
      }),
    );
  });
}
