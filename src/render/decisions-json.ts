// Rendering — the decisions table as JSON: stable English codes (decision
// values, clause ids), the reason in the chosen language, and the counts.

import type { DecisionTable } from "./decisions.js";

export function decisionsJson(t: DecisionTable, warnings?: readonly unknown[]): Record<string, unknown> {
  return {
    policy: t.policy,
    as_of: t.asOf,
    counts: t.counts,
    ...(warnings ? { warnings } : {}),
    complete: t.counts.rejected === 0 && t.rows.every((r) => r.decision !== "indeterminate"),
    decisions: t.rows.map((r) => ({
      teacher: { id: r.id, ...(r.name !== undefined ? { name: r.name } : {}) },
      school: { id: r.school, ...(r.schoolName !== undefined ? { name: r.schoolName } : {}) },
      decision: r.decision,
      clauses: r.clauses,
      reason: r.reason,
      ...(r.amended_by.length ? { amended_by: r.amended_by } : {}),
    })),
    rejected: t.rejected,
  };
}
