// Rendering the short reports: a lint's summary line and a test run's
// failures and `N passed, M failed` line, in text and JSON.

import type { Lang } from "../diagnostics/registry.js";
import type { LintReport } from "../api/check.js";
import type { TestReport } from "../api/test.js";

/** `dalian: 0 个错误，2 个警告/提示`. */
export function lintSummary(r: LintReport, lang: Lang): string {
  return lang === "zh"
    ? `${r.name}: ${r.errors} 个错误，${r.warnings} 个警告/提示`
    : `${r.name}: ${r.errors} error(s), ${r.warnings} warning(s)/note(s)`;
}

/** Each failure with what was expected and what came, then the counts (the line `lungang test` ends with). */
export function renderTestsText(r: TestReport, verbose: boolean): string {
  const out: string[] = [];
  for (const o of r.outcomes) if (!o.ok) out.push(`✗ ${o.name}\n    ${o.detail ?? ""}`);
  if (verbose) for (const o of r.outcomes) if (o.ok) out.push(`✓ ${o.name}`);
  out.push(`${r.passed} passed, ${r.failed} failed`);
  return out.join("\n");
}

export function testsJson(r: TestReport): Record<string, unknown> {
  return { policy: r.policy, passed: r.passed, failed: r.failed, failures: r.outcomes.filter((o) => !o.ok) };
}
