// Facade of the checker: a loaded policy (with the policies it extends and
// uses) → a CheckedPolicy, plus every diagnostic. Merges the layers (national
// declarations, then the city, then the district), resolves rule priorities,
// then types every expression and runs the policy lints. Never throws.

import type { Diagnostic, Related } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-check.js";
import { closest as suggest } from "../diagnostics/suggest.js";
import type * as A from "../syntax/ast.js";
import type { PolicyUnit } from "../policy/load.js";
import { COLLECTIONS, DERIVED, TRACK_SELECTOR_NAMES, type FactTable } from "../semantics/facts.js";
import { declareFacts } from "./facts.js";

/**
 * Names the language resolves before any declaration: facts (built-in and
 * declared), derived facts, collections. Facts come first in name lookup
 * (language.md §17), so a declaration with such a name could never be
 * reached: N012, not shadowing.
 */
function isFactName(n: string, facts: FactTable): boolean {
  return (
    (["person", "school", "move", "service"] as const).some((r) => facts.fields(r).has(n)) ||
    DERIVED.has(n) ||
    Object.hasOwn(COLLECTIONS, n)
  );
}
import { DURATION, ERROR, INT, TRACK, compatible, showType, typeOfName } from "../semantics/types.js";
import { RULE_KINDS, outcomeOf } from "../semantics/rule-kinds.js";
import { unreachable } from "../semantics/exhaustive.js";
import type {
  CheckInfo,
  CheckedPolicy,
  ClauseInfo,
  DefInfo,
  ParamInfo,
  RuleInfo,
  SelectionOrderInfo,
  TrackInfo,
} from "./checked.js";
import { parseIsoDate } from "../time/date.js";
import { TypeChecker, type Ctx } from "./typecheck.js";
import { lintPolicy } from "./lint.js";
import { attachAmendments } from "./amendments.js";

export interface CheckOutput {
  /** Present whenever the policy could be built, also with errors (for tooling); evaluate only without errors. */
  readonly policy?: CheckedPolicy;
  readonly diagnostics: Diagnostic[];
}

interface Layer {
  readonly unit: PolicyUnit;
  /** `full`: rules and checks apply (the policy itself and what it extends); `decls`: only declarations (what it uses). */
  readonly mode: "full" | "decls";
}

/** Bottom-up layers: used policies' declarations first, then the parent chain, then the policy. */
function layersOf(unit: PolicyUnit): Layer[] {
  const out: Layer[] = [];
  const seen = new Set<string>();
  // Post-order: a layer comes after everything it stands on. Whatever a used
  // policy uses or extends is declarations too; the parent chain keeps `mode`.
  const visit = (u: PolicyUnit, mode: "full" | "decls") => {
    for (const used of u.uses) visit(used, "decls");
    if (u.parent) visit(u.parent, mode);
    // A policy reached twice (national, used by both the city and its district)
    // is one layer; the first visit fixes its mode. Cycles never get here: the
    // loader rejects them (P021).
    if (seen.has(u.dir)) return;
    seen.add(u.dir);
    out.push({ unit: u, mode });
  };
  visit(unit, "full");
  return out;
}

export function check(unit: PolicyUnit): CheckOutput {
  const diagnostics: Diagnostic[] = [];
  const layers = layersOf(unit);
  const top = unit;
  // Declared facts first (ADR 0003): every layer's, bottom-up, so names and types below see them.
  const { input, facts } = declareFacts(
    layers.flatMap((l) => l.unit.files),
    diagnostics,
  );

  const params = new Map<string, ParamInfo>();
  const defs = new Map<string, DefInfo>();
  const tracks = new Map<string, TrackInfo>();
  // Which layer last declared each name: `覆盖` is legal only across layers.
  const declLayer = new Map<string, { dir: string; span: A.NodeBase["span"] }>();
  const clauses: ClauseInfo[] = [];
  const clauseIds = new Map<string, ClauseInfo>();
  // Labels in force after replacements; `rules` keeps declaration order.
  const rulesByLabel = new Map<string, RuleInfo>();
  const rules: RuleInfo[] = [];
  const checks: CheckInfo[] = [];
  const orders: SelectionOrderInfo[] = [];
  let header: A.Header | undefined;
  let rounding: A.RoundingMode | undefined;

  /**
   * One namespace for parameters, definitions and tracks. Reusing a name is
   * N003 unless the declaration says `覆盖` and the earlier one is in a lower
   * layer: a district must not change a threshold by accident, and a policy
   * may not override itself. `覆盖` of a name nobody declared is N004 (likely a
   * typo), but the declaration is still recorded so that its uses resolve and
   * the typo is not followed by a cascade of N001s.
   */
  const declare = (name: A.Ident, override: boolean, layerDir: string, put: () => void): void => {
    if (isFactName(name.name, facts)) {
      diagnostics.push(diag("N012", { name: name.name }, { span: name.span }));
      return;
    }
    // Every parameter, definition and track is declared here, so this table knows them all.
    const prior = declLayer.get(name.name);
    if (prior) {
      if (override && prior.dir !== layerDir) {
        put();
        declLayer.set(name.name, { dir: layerDir, span: name.span });
        return;
      }
      const related: Related[] = [{ message: "first defined here", span: prior.span }];
      diagnostics.push(
        diag(
          "N003",
          { name: name.name },
          {
            span: name.span,
            related,
            ...(prior.dir !== layerDir
              ? { help: "write `override` (覆盖) to replace the value of the policy below" }
              : {}),
          },
        ),
      );
      return;
    }
    if (override) {
      diagnostics.push(diag("N004", { name: name.name }, { span: name.span }));
    }
    put();
    declLayer.set(name.name, { dir: layerDir, span: name.span });
  };

  // Merge bottom-up (national declarations, the city, the district): a later
  // layer's `覆盖` replaces the entry in the shared tables, so every rule —
  // including a parent's — reads the top-most value (language.md §8).
  for (const layer of layers) {
    const u = layer.unit;
    const hdrs = u.files.map((f) => f.ast.header).filter((h): h is A.Header => !!h);
    if (hdrs.length === 0 && u.files.length > 0) {
      diagnostics.push(diag("W009", {}, { span: { file: u.files[0]!.path, start: 0, end: 0 } }));
    }
    // Only the policy itself supplies the header shown to users; lower layers
    // contribute their rounding declaration and the in-force date of their tracks.
    if (u === top) header = hdrs[0];
    // A date literal that is not a calendar date is reported (T015) when typed; here it just sets no date.
    const effectiveText = hdrs.find((h) => h.effective)?.effective?.text;
    const effective = effectiveText !== undefined ? parseIsoDate(effectiveText) : undefined;
    // Rounding is inherited: the nearest declaring layer wins.
    for (const h of hdrs) if (h.rounding) rounding = h.rounding.mode;
    for (const f of u.files) {
      for (const item of f.ast.stray) {
        const [what, what_zh] =
          item.kind === "Rule" || item.kind === "Check"
            ? ["a rule", "规则"]
            : item.kind === "Param"
              ? ["a parameter", "参数"]
              : item.kind === "Define"
                ? ["a definition", "定义"]
                : item.kind === "Order"
                  ? ["a selection order", "选择顺序"]
                  : ["a track", "退休轨道"];
        diagnostics.push(diag("W002", { what, what_zh }, { span: item.span }));
      }
      for (const c of f.ast.clauses) {
        const info: ClauseInfo = { clause: c, policy: u.name, id: c.clauseId.text, source: c.source?.value ?? "" };
        if (!c.source || c.source.value.trim() === "")
          diagnostics.push(diag("W001", { id: c.clauseId.text }, { span: c.clauseId.span }));
        // Clause ids are unique across every layer, used ones included, so that a
        // cited id names exactly one clause; only applying layers' clauses are cited.
        const dup = clauseIds.get(info.id);
        if (dup)
          diagnostics.push(
            diag(
              "N005",
              { id: info.id },
              { span: c.clauseId.span, related: [{ message: "first used here", span: dup.clause.clauseId.span }] },
            ),
          );
        else clauseIds.set(info.id, info);
        if (layer.mode === "full") clauses.push(info);
        for (const item of c.items) {
          switch (item.kind) {
            case "Param":
              declare(item.name, item.override, u.dir, () => {
                const ty = typeOfName(item.type.name);
                const prev = params.get(item.name.name);
                // `覆盖` without a value keeps the value below (only the declaration changes).
                const value = item.value ?? (item.override ? prev?.value : undefined);
                params.set(item.name.name, {
                  name: item.name.name,
                  decl: item,
                  clause: info,
                  ty,
                  ...(value ? { value } : {}),
                  // Kept so that what rests on the new value can cite both clauses (amendments.ts).
                  ...(item.override && prev ? { amends: prev } : {}),
                });
              });
              break;
            case "Define":
              declare(item.name, item.override, u.dir, () => {
                const prev = defs.get(item.name.name);
                defs.set(item.name.name, {
                  name: item.name.name,
                  decl: item,
                  clause: info,
                  ty: ERROR,
                  needsPerson: false,
                  needsPlan: false,
                  ...(item.override && prev ? { amends: prev } : {}),
                });
              });
              break;
            case "Track":
              // Tracks have no `覆盖` form. A track is in force from its own policy's
              // `施行日期`, not from the date of the policy that uses it.
              declare(item.name, false, u.dir, () => {
                tracks.set(item.name.name, {
                  name: item.name.name,
                  decl: item,
                  clause: info,
                  ...(effective !== undefined ? { inForceFrom: effective } : {}),
                });
              });
              break;
            case "Rule": {
              // `uses` imports declarations only: the used policy's rules and checks are
              // its own obligations (national's, say), not the using policy's. `extends`
              // imports them, since a district's teachers are bound by the city's rules.
              if (layer.mode !== "full") break;
              let replaced: RuleInfo | undefined;
              if (item.replaces) {
                const target = rulesByLabel.get(item.replaces.name);
                // Only a parent's rule can be replaced (N008): within one policy, edit
                // the rule itself.
                if (!target || target.clause.policy === u.name) {
                  diagnostics.push(diag("N008", { name: item.replaces.name }, { span: item.replaces.span }));
                } else {
                  // The old rule leaves the policy entirely, and its label is freed, so the
                  // replacement may reuse it. The replacement does not inherit the old
                  // rule's `优先于` list: it states its own (this is also how a district
                  // gives a parent's exception priority over one the district adds).
                  replaced = target;
                  rulesByLabel.delete(target.label);
                  rules.splice(rules.indexOf(target), 1);
                }
              }
              const dupRule = rulesByLabel.get(item.label.name);
              if (dupRule) {
                diagnostics.push(
                  diag(
                    "N006",
                    { name: item.label.name },
                    {
                      span: item.label.span,
                      related: [{ message: "first defined here", span: dupRule.rule.label.span }],
                    },
                  ),
                );
                break;
              }
              const r: RuleInfo = {
                rule: item,
                clause: info,
                label: item.label.name,
                overrides: [],
                ...(replaced ? { replaced } : {}),
              };
              rulesByLabel.set(r.label, r);
              rules.push(r);
              break;
            }
            case "Check":
              if (layer.mode !== "full") break;
              if (rulesByLabel.has(item.label.name) || checks.some((c2) => c2.label === item.label.name)) {
                diagnostics.push(diag("N006", { name: item.label.name }, { span: item.label.span }));
                break;
              }
              checks.push({ check: item, clause: info, label: item.label.name });
              break;
            case "Order":
              // Like rules, an order is the policy's own (and its parents'), not a used policy's.
              if (layer.mode !== "full") break;
              if (
                rulesByLabel.has(item.label.name) ||
                checks.some((c2) => c2.label === item.label.name) ||
                orders.some((o) => o.label === item.label.name)
              ) {
                diagnostics.push(diag("N006", { name: item.label.name }, { span: item.label.span }));
                break;
              }
              orders.push({ order: item, clause: info, label: item.label.name });
              break;
            default:
              unreachable(item);
          }
        }
      }
    }
  }

  // Priorities: resolve `overrides`, moving references to a replaced rule onto its replacement.
  // Resolved only after all layers are merged, so the order of files and
  // clauses does not matter, and a label whose rule a district replaced
  // still resolves — to the replacement.
  const replacementOf = new Map<RuleInfo, RuleInfo>();
  for (const r of rules) if (r.replaced) replacementOf.set(r.replaced, r);
  for (const r of rules) {
    const kind = r.rule.ruleKind;
    // Only kinds with an outcome take part in priorities (src/semantics/rule-kinds.ts).
    if (outcomeOf(kind) === undefined && r.rule.overrides.length > 0) {
      diagnostics.push(diag("T011", { kind, kind_zh: RULE_KINDS[kind].zh }, { span: r.rule.overrides[0]!.span }));
      continue;
    }
    // An exception is engaged only when a rule it overrides is engaged
    // (decide.ts), so an exemption or deferral naming nothing could never
    // apply: T010 rather than a silently dead rule.
    if (RULE_KINDS[kind].exception && r.rule.overrides.length === 0) {
      diagnostics.push(
        diag("T010", { kind, kind_zh: RULE_KINDS[kind].zh, name: r.label }, { span: r.rule.label.span }),
      );
    }
    for (const o of r.rule.overrides) {
      let target = rulesByLabel.get(o.name);
      if (!target) {
        // The label may belong to a rule a district replaced: point at the replacement.
        const replacedOne = [...replacementOf.keys()].find((x) => x.label === o.name);
        target = replacedOne ? replacementOf.get(replacedOne) : undefined;
      }
      if (!target) {
        // N007 when the name exists but is not a rule (a check or a
        // declaration), N001 when it is unknown altogether.
        const isOther = params.has(o.name) || defs.has(o.name) || checks.some((c) => c.label === o.name);
        const best = suggest(o.name, rulesByLabel.keys());
        diagnostics.push(
          diag(
            isOther ? "N007" : "N001",
            { name: o.name },
            { span: o.span, ...(best ? { help: `did you mean \`${best}\`?` } : {}) },
          ),
        );
        continue;
      }
      if (outcomeOf(target.rule.ruleKind) === undefined) {
        diagnostics.push(diag("T012", { name: o.name }, { span: o.span }));
        continue;
      }
      r.overrides.push(target);
    }
  }
  // Rules of the parent that overrode a replaced rule now override its replacement.
  for (const r of rules) r.overrides = r.overrides.map((t) => replacementOf.get(t) ?? t);
  // Invariant from here on: `overrides` holds only decision rules (require,
  // exempt, defer), and unless N010 is reported the priority graph is acyclic.
  detectPriorityCycles(rules, diagnostics);

  // Types.
  const tc = new TypeChecker({ params, defs, tracks, facts }, diagnostics);
  const state = new Map<string, "doing" | "done">();
  const defOrder: DefInfo[] = [];
  // Definitions may be used before they are declared, so they are typed on
  // demand: the type checker calls back here (`onDefinition`) when it meets a
  // reference. `defOrder` is thus a post-order — every definition after the
  // ones it uses. A reference back into a "doing" definition is a cycle.
  const typeDef = (d: DefInfo) => {
    const s = state.get(d.name);
    if (s === "done") return;
    if (s === "doing") return; // reported by the cycle check below
    state.set(d.name, "doing");
    const { ty, needsPerson, needsPlan } = tc.checkDefinition(d);
    d.ty = ty;
    d.needsPerson = needsPerson;
    d.needsPlan = needsPlan;
    if (d.decl.type) {
      const want = typeOfName(d.decl.type.name);
      if (!compatible(want, ty))
        diagnostics.push(
          diag(
            "T004",
            {
              expected: showType(want),
              expected_zh: showType(want, "zh"),
              found: showType(ty),
              found_zh: showType(ty, "zh"),
            },
            { span: d.decl.value.span },
          ),
        );
    }
    state.set(d.name, "done");
    defOrder.push(d);
  };
  tc.onDefinition = typeDef;
  // Parameter values, track fields and deferral limits are constants, numbers
  // the text sets; reading a person's facts there is T014 (use a definition).
  const constant: Ctx = { plan: false, constant: true };
  for (const p of params.values()) {
    if (p.value) tc.expect(p.value, p.ty, constant);
    // A redacted value (“20xx”) is legitimate; say so once, where it is declared.
    else if (p.clause.policy === top.name) {
      // Redacted in this text (“20xx”), or set by another document the declaration names.
      const setIn = p.decl.setIn;
      if (setIn) diagnostics.push(diag("W011", { name: p.name, document: setIn.value }, { span: p.decl.name.span }));
      else diagnostics.push(diag("W008", { name: p.name }, { span: p.decl.name.span }));
    }
  }
  for (const d of defs.values()) typeDef(d);
  detectDefinitionCycles(defs, tc.defDeps, diagnostics);
  for (const t of tracks.values()) {
    tc.expect(t.decl.originalAge, INT, constant);
    tc.expect(t.decl.step, DURATION, constant);
    tc.expect(t.decl.maxDelay, DURATION, constant);
  }
  // Individual rules see one person and no plan: plan-only facts (个人决定,
  // 已安排交流) in a rule are T006, since a decision cannot depend on a plan
  // that is itself judged against decisions.
  const person: Ctx = { rec: "person", plan: false };
  for (const r of rules) {
    tc.condition(r.rule.when, person);
    if (r.rule.applicable) {
      if (!RULE_KINDS[r.rule.ruleKind].applicable) diagnostics.push(diag("T016", {}, { span: r.rule.applicable.span }));
      tc.condition(r.rule.applicable, person);
    }
    if (r.rule.limit) {
      if (!RULE_KINDS[r.rule.ruleKind].limit) diagnostics.push(diag("T013", {}, { span: r.rule.limit.span }));
      tc.expect(r.rule.limit, DURATION, constant);
    }
  }
  for (const c of checks) {
    const s = c.check.subject.kind;
    // Move and teacher checks have a record in context; aggregate subjects
    // (school, district, group …) reach people only inside aggregates (T006).
    const ctx: Ctx =
      s === "move"
        ? { rec: "move", plan: true }
        : s === "teacher"
          ? { rec: "person", plan: true }
          : { subject: s, plan: true };
    if (c.check.where) tc.condition(c.check.where, ctx);
    if (c.check.applicable) tc.condition(c.check.applicable, ctx);
    if (c.check.mode === "report") {
      // A statistic is a figure, not a condition.
      const t = tc.expr(c.check.body, ctx);
      if (!["int", "percent", "duration", "error"].includes(t.k)) {
        diagnostics.push(
          diag(
            "T004",
            {
              expected: "a count, a percentage or a duration",
              expected_zh: "人数、百分比或期限",
              found: showType(t),
              found_zh: showType(t, "zh"),
            },
            { span: c.check.body.span },
          ),
        );
      }
    } else tc.condition(c.check.body, ctx);
  }
  // Selection keys are facts of one person, compared between people: each must
  // have an order (a number, share, duration, date, title or truth value), T017 otherwise.
  for (const o of orders) {
    for (const k of o.order.keys) {
      const t = tc.expr(k.key, person);
      const ordered =
        ["int", "percent", "duration", "date", "bool", "error"].includes(t.k) || (t.k === "text" && t.enum === "title");
      if (!ordered)
        diagnostics.push(diag("T017", { found: showType(t), found_zh: showType(t, "zh") }, { span: k.key.span }));
    }
  }
  // The track selector (适用退休轨道 / retirement_track) is an ordinary
  // definition that the derived retirement facts call implicitly: it must be a
  // track, counts as used (no W003), and is required once those facts are read.
  const selector = TRACK_SELECTOR_NAMES.map((n) => defs.get(n)).find((d) => d);
  if (selector && selector.ty.k !== "track" && selector.ty.k !== "error") {
    diagnostics.push(
      diag(
        "T004",
        {
          expected: showType(TRACK),
          expected_zh: showType(TRACK, "zh"),
          found: showType(selector.ty),
          found_zh: showType(selector.ty, "zh"),
        },
        { span: selector.decl.value.span },
      ),
    );
  }
  if (selector) tc.used.add("def:" + selector.name);
  if (tc.retirementUse && !selector) diagnostics.push(diag("N011", {}, { span: tc.retirementUse }));
  // Which `覆盖`/`取代` each rule and check rests on, now that every name is resolved.
  attachAmendments(rules, checks, tc.resolutions, selector);

  const policy: CheckedPolicy = {
    name: top.name,
    input,
    facts,
    ...(header ? { header } : {}),
    ...(rounding ? { rounding } : {}),
    clauses,
    rules,
    checks,
    orders,
    params,
    defs,
    tracks,
    ...(selector ? { trackSelector: selector } : {}),
    types: tc.types,
    resolutions: tc.resolutions,
    enumLiterals: tc.enumLiterals,
    paramEnums: tc.paramEnums,
    members: tc.members,
    defOrder,
    // Every layer's text: diagnostics may point into a parent or a used policy.
    sources: new Map(layers.flatMap((l) => l.unit.files.map((f) => [f.path, f.text] as const))),
  };
  // Lints are advice about a well-formed policy; on a broken one they would
  // mostly echo the errors, so they run only when there are none.
  if (!hasErrors(diagnostics)) lintPolicy(policy, top, tc.used, diagnostics);
  return { policy, diagnostics };
}

/**
 * N010 for a cycle in `优先于`: priorities must form a hierarchy, or "the
 * winners" is undefined. Reports the first cycle found and stops; decide.ts
 * still caps its recursion so evaluation stays total regardless.
 */
function detectPriorityCycles(rules: RuleInfo[], diagnostics: Diagnostic[]): void {
  const color = new Map<RuleInfo, 0 | 1 | 2>();
  const stack: RuleInfo[] = [];
  const visit = (r: RuleInfo): boolean => {
    const c = color.get(r) ?? 0;
    if (c === 2) return false;
    if (c === 1) {
      const cycle = [...stack.slice(stack.indexOf(r)), r].map((x) => x.label).join(" → ");
      diagnostics.push(diag("N010", { cycle }, { span: r.rule.label.span }));
      return true;
    }
    color.set(r, 1);
    stack.push(r);
    for (const o of r.overrides) if (visit(o)) return true;
    stack.pop();
    color.set(r, 2);
    return false;
  };
  for (const r of rules) if (visit(r)) return;
}

/**
 * N009 for definitions that use each other in a cycle. Unlike priorities,
 * every distinct cycle is reported once, at the definition where the walk
 * closed it; its members are not reported again.
 */
function detectDefinitionCycles(
  defs: Map<string, DefInfo>,
  deps: Map<string, Set<string>>,
  diagnostics: Diagnostic[],
): void {
  const color = new Map<string, 0 | 1 | 2>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (n: string): void => {
    const c = color.get(n) ?? 0;
    if (c === 2) return;
    if (c === 1) {
      const cycle = [...stack.slice(stack.indexOf(n)), n];
      if (!reported.has(n)) {
        cycle.forEach((x) => reported.add(x));
        const d = defs.get(n)!;
        diagnostics.push(diag("N009", { name: n, cycle: cycle.join(" → ") }, { span: d.decl.name.span }));
      }
      return;
    }
    color.set(n, 1);
    stack.push(n);
    for (const m of deps.get(n) ?? []) visit(m);
    stack.pop();
    color.set(n, 2);
  };
  for (const n of defs.keys()) visit(n);
}
