// Facade, stage 3 — compile: a checked policy (and parameter values given as
// text, e.g. a redacted “20xx” threshold) → a compiled policy ready to decide
// people and check plans. `compilePolicy` runs load, check and compile in one
// call. Never throws.

import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import type { CheckedPolicy } from "../checker/checked.js";
import { compile as compileProgram, type Program } from "../interpreter/compile.js";
import type { Value } from "../interpreter/values.js";
import { decodeDuration } from "../syntax/cst-to-ast.js";
import { parseIsoDate } from "../time/date.js";
import { allowedValues, memberOf } from "../semantics/facts.js";
import { check } from "./check.js";
import { load, type LoadOptions, type PolicyResult, type PolicySource } from "./load.js";

/** A policy ready to evaluate: its checked form, its compiled program and the parameter values supplied. */
export interface CompiledPolicy {
  readonly checked: CheckedPolicy;
  /** @internal The compiled program (closures); callers use `decide`, `decideAll`, `checkPlan`. */
  readonly program: Program;
  /** Values for the policy's parameters, by name, typed by the parameter's declaration. */
  readonly params: ReadonlyMap<string, Value>;
  /**
   * @internal How `compilePolicy` made it (plain data): another thread
   * compiles the same policy from it, and compares the texts it read.
   */
  readonly recipe?: PolicyRecipe;
}

/** @internal What compiling a policy again takes: its source, the options, and the texts read (to compare). */
export interface PolicyRecipe {
  readonly source: PolicySource;
  readonly roots?: readonly string[];
  readonly unsaved?: ReadonlyMap<string, string>;
  readonly params?: Readonly<Record<string, string>>;
  /** Every policy text read, by path, sorted and joined: equal when another compilation read the same. */
  readonly texts: string;
}

/** Parameter texts as a plain record (a recipe crosses threads). */
function paramRecord(p: ParamTexts): Record<string, string> {
  return p instanceof Map ? Object.fromEntries(p) : { ...(p as Readonly<Record<string, string>>) };
}

/** The texts a compilation read, as one comparable string. */
export function textsOf(sources: ReadonlyMap<string, string>): string {
  return JSON.stringify([...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Parameter values as a person writes them (`任教年限门槛` → `"9年"`), by parameter name. */
export type ParamTexts = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** Options of `compile` and `compilePolicy`. */
export interface CompileOptions extends LoadOptions {
  /** Values for parameters, e.g. numbers the source text redacts; each is parsed by its parameter's type (C004). */
  readonly params?: ParamTexts;
}

/** Compile a checked policy; a parameter value that names no parameter or does not parse is a C004 error. */
export function compile(checked: CheckedPolicy, options: CompileOptions = {}): Result<CompiledPolicy> {
  const parsed = parseParams(checked, options.params ?? new Map());
  if (!parsed.value) return { diagnostics: parsed.diagnostics };
  return { value: { checked, program: compileProgram(checked), params: parsed.value }, diagnostics: [] };
}

/**
 * Load, check and compile in one step. `value` is present only when the
 * policy has no errors; `diagnostics` holds its warnings too.
 */
export function compilePolicy(source: PolicySource, options: CompileOptions = {}): PolicyResult<CompiledPolicy> {
  const loaded = load(source, {
    ...(options.roots ? { roots: options.roots } : {}),
    ...(options.unsaved ? { unsaved: options.unsaved } : {}),
  });
  const checked = loaded.value ? check(loaded.value) : undefined;
  const diagnostics = [...loaded.diagnostics, ...(checked?.diagnostics ?? [])];
  if (!checked?.value || hasErrors(diagnostics)) return { diagnostics, sources: loaded.sources };
  const compiled = compile(checked.value, options);
  const recipe: PolicyRecipe = {
    source,
    ...(options.roots ? { roots: options.roots } : {}),
    ...(options.unsaved ? { unsaved: options.unsaved } : {}),
    ...(options.params ? { params: paramRecord(options.params) } : {}),
    texts: textsOf(loaded.sources),
  };
  return {
    ...(compiled.value ? { value: { ...compiled.value, recipe } } : {}),
    diagnostics: [...diagnostics, ...compiled.diagnostics],
    sources: loaded.sources,
  };
}

/** The same compiled policy with more parameter values (a later value for a name wins). */
export function withParams(policy: CompiledPolicy, texts: ParamTexts): Result<CompiledPolicy> {
  const parsed = parseParams(policy.checked, texts);
  if (!parsed.value) return { diagnostics: parsed.diagnostics };
  const params = new Map([...policy.params, ...parsed.value]);
  // The recipe compiles it again with these values too (a later value for a name wins there as well).
  const recipe = policy.recipe && { ...policy.recipe, params: { ...policy.recipe.params, ...paramRecord(texts) } };
  return { value: { ...policy, params, ...(recipe ? { recipe } : {}) }, diagnostics: [] };
}

/** A parameter type as a Chinese message names it. */
const TYPE_ZH: Readonly<Record<string, string>> = {
  int: "整数",
  percent: "百分比",
  duration: "期限",
  date: "日期",
  bool: "真假值",
  text: "文本",
  set: "集合",
};

function parseParams(p: CheckedPolicy, texts: ParamTexts): Result<Map<string, Value>> {
  const values = new Map<string, Value>();
  const diagnostics: Diagnostic[] = [];
  for (const [name, text] of texts instanceof Map ? texts : Object.entries(texts)) {
    const info = p.params.get(name);
    if (!info) {
      diagnostics.push(
        diag("C004", { name, why: { en: "no such parameter in the policy", zh: "政策中没有这个参数" } }),
      );
      continue;
    }
    let v = parseParamValue(info.ty.k, String(text));
    // A text (or set) parameter compared with an enumerated fact takes its values, in either language.
    const e = p.paramEnums.get(name);
    const written = typeof v === "string" ? [v] : v instanceof Set ? [...(v as Set<string>)] : undefined;
    if (e && written) {
      const canonical = written.map((x) => memberOf(e.table, x));
      const bad = written.filter((_, i) => canonical[i] === undefined);
      if (bad.length > 0) {
        const allowed = allowedValues(e.table);
        diagnostics.push(
          diag("C004", {
            name,
            why: {
              en: `"${bad.join(", ")}" is not a ${e.enum} value (allowed: ${allowed})`,
              zh: `“${bad.join("、")}”不是${e.zh ?? e.enum}的取值（可取：${allowed}）`,
            },
          }),
        );
        continue;
      }
      v = typeof v === "string" ? canonical[0]! : new Set(canonical as string[]);
    }
    if (v === undefined)
      diagnostics.push(
        diag("C004", {
          name,
          why: {
            en: `"${text}" is not a valid ${info.ty.k}`,
            zh: `“${text}”不是有效的${TYPE_ZH[info.ty.k] ?? info.ty.k}`,
          },
        }),
      );
    else values.set(name, v);
  }
  return diagnostics.length ? { diagnostics } : { value: values, diagnostics };
}

/** A parameter value from its text, by the parameter's type; undefined when it does not parse. */
function parseParamValue(kind: string, text: string): Value | undefined {
  const t = text.trim();
  switch (kind) {
    case "int":
      return /^-?\d+(周岁)?$/.test(t) ? parseInt(t, 10) : undefined;
    case "percent":
      return /^\d+(\.\d+)?%$/.test(t) ? Number(t.slice(0, -1)) / 100 : undefined;
    case "duration": {
      if (!/^\d/.test(t)) return undefined;
      const d = decodeDuration(t);
      return d.months === 0 && d.days === 0 && !/^0/.test(t) ? undefined : d;
    }
    case "date":
      return parseIsoDate(t);
    case "bool":
      return ["true", "真"].includes(t) ? true : ["false", "假"].includes(t) ? false : undefined;
    case "text":
      return t;
    case "set":
      // 孕期,哺乳期 (also ，or 、): a set of texts; nothing written is the empty set.
      return new Set(
        t
          .split(/[,，、]/)
          .map((x) => x.trim())
          .filter(Boolean),
      );
    default:
      return undefined;
  }
}
