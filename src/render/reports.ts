// Rendering the short reports: a lint's summary line and a test run's
// failures and `N passed, M failed` line, in text and JSON.

import type { Lang } from "../diagnostics/registry.js";
import type { LintReport } from "../api/check.js";
import type { CaseMismatch, PlanFindings, PlanMismatch, TestReport } from "../api/test.js";
import { decisionWord } from "./case.js";

/** `dalian: 0 个错误，2 个警告/提示`. */
export function lintSummary(r: LintReport, lang: Lang): string {
  return lang === "zh"
    ? `${r.name}: ${r.errors} 个错误，${r.warnings} 个警告/提示`
    : `${r.name}: ${r.errors} error(s), ${r.warnings} warning(s)/note(s)`;
}

/**
 * Each failure with what was expected and what came, then the counts. The
 * last line is `N passed, M failed` in either language: the contract fixes it
 * (scripts and the web app read it); every line above it is in the reader's.
 */
export function renderTestsText(r: TestReport, verbose: boolean, lang: Lang): string {
  const out: string[] = [];
  for (const o of r.outcomes)
    if (!o.ok) out.push(`✗ ${o.name}\n    ${o.mismatch ? mismatchText(o.mismatch, lang) : ""}`);
  if (verbose) for (const o of r.outcomes) if (o.ok) out.push(`✓ ${o.name}`);
  out.push(`${r.passed} passed, ${r.failed} failed`);
  return out.join("\n");
}

/** `expected required [DL-T1], got not_required [DL-P1]` / `应为 应交流轮岗 [DL-T1]，实为 无需交流轮岗 [DL-P1]`. */
export function mismatchText(m: CaseMismatch | PlanMismatch, lang: Lang): string {
  const zh = lang === "zh";
  const said = (expected: string, got: string) =>
    zh ? `应为 ${expected}，实为 ${got}` : `expected ${expected}, got ${got}`;
  switch (m.kind) {
    case "case": {
      const one = (x: { decision: string; clauses: readonly string[] }) =>
        `${zh ? decisionWord(x.decision, lang) : x.decision} [${x.clauses.join(", ")}]`;
      return [
        said(one(m.expected), one(m.got)),
        ...m.prerequisites.map(
          (p) =>
            `${p.key}${zh ? "：" : ": "}${said(prerequisiteWord(p.expected, lang), prerequisiteWord(p.got, lang))}`,
        ),
      ].join(zh ? "；" : "; ");
    }
    case "plan":
      return said(findings(m.expected, lang), findings(m.got, lang));
  }
}

function findings(f: PlanFindings, lang: Lang): string {
  const zh = lang === "zh";
  const undetermined = f.undetermined.length
    ? zh
      ? ` 无法判定 [${f.undetermined.join("; ")}]`
      : ` undetermined [${f.undetermined.join("; ")}]`
    : "";
  return zh
    ? `${f.compliant ? "合规" : "不合规"} [${f.violations.join("; ")}]${undetermined}`
    : `compliant=${f.compliant} [${f.violations.join("; ")}]${undetermined}`;
}

const PREREQUISITE_ZH: Readonly<Record<string, string>> = {
  met: "已满足",
  not_met: "未满足",
  unknown: "无法判断",
  not_applicable: "不适用于此人",
  absent: "没有这项晋升条件",
};

function prerequisiteWord(state: string, lang: Lang): string {
  return lang === "zh" ? (PREREQUISITE_ZH[state] ?? state) : state;
}

/** The JSON of `lungang test --json`: counts and each failure with its `detail` (in the reader's language), expected and got. */
export function testsJson(r: TestReport, lang: Lang): Record<string, unknown> {
  return {
    policy: r.policy,
    passed: r.passed,
    failed: r.failed,
    failures: r.outcomes
      .filter((o) => !o.ok)
      .map((o) => ({ ...o, ...(o.mismatch ? { detail: mismatchText(o.mismatch, lang) } : {}) })),
  };
}
