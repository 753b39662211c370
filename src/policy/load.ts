// Loading: a policy path → parsed files, with the policies it extends and
// uses, recursively. A policy is a folder (all its `.policy` files form one
// policy) or a single `.policy` file. Reads the file system; never throws.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-syntax.js";
import type { PolicyFile } from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";

export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly ast: PolicyFile;
}

/** One policy and, below it, the policies it builds on. */
export interface PolicyUnit {
  /** Display name: the folder path under `policies/` (e.g. `beijing/haidian`), else the folder's name. */
  readonly name: string;
  readonly dir: string;
  readonly files: SourceFile[];
  /** The policy this one refines (`extends`): its rules apply underneath this one's. */
  readonly parent?: PolicyUnit;
  /** Policies whose declarations (parameters, definitions, retirement tracks) this one uses. */
  readonly uses: PolicyUnit[];
}

export interface Loaded {
  readonly unit?: PolicyUnit;
  readonly diagnostics: Diagnostic[];
  /** Every file read, by path, for rendering diagnostics with their source lines. */
  readonly sources: Map<string, string>;
}

function policyName(dir: string): string {
  const parts = resolve(dir).split(sep);
  const i = parts.lastIndexOf("policies");
  return i >= 0 && i < parts.length - 1 ? parts.slice(i + 1).join("/") : basename(dir);
}

/**
 * Where a reference from `extends`/`uses` points: relative to the referring
 * folder, else a folder under the nearest `policies/` ancestor (so `"national"` works anywhere).
 */
function resolveRef(fromDir: string, ref: string): string | undefined {
  const direct = resolve(fromDir, ref);
  if (existsSync(direct)) return direct;
  let d = resolve(fromDir);
  for (;;) {
    if (basename(d) === "policies") {
      const p = join(d, ref);
      if (existsSync(p)) return p;
    }
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export function loadPolicy(path: string): Loaded {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const cache = new Map<string, PolicyUnit>();

  const load = (target: string, stack: string[], at?: Span): PolicyUnit | undefined => {
    const abs = resolve(target);
    if (stack.includes(abs)) {
      diagnostics.push(
        diag(
          "P021",
          { cycle: [...stack, abs].map((s) => relative(process.cwd(), s) || ".").join(" → ") },
          at ? { span: at } : {},
        ),
      );
      return undefined;
    }
    const cached = cache.get(abs);
    if (cached) return cached;
    let files: string[];
    let dir: string;
    try {
      if (!existsSync(abs)) throw new Error("missing");
      if (statSync(abs).isDirectory()) {
        dir = abs;
        files = readdirSync(abs)
          .filter((f) => f.endsWith(".policy"))
          .sort()
          .map((f) => join(abs, f));
      } else {
        dir = dirname(abs);
        files = [abs];
      }
    } catch {
      diagnostics.push(diag("P020", { path: target }, at ? { span: at } : {}));
      return undefined;
    }
    if (files.length === 0) {
      diagnostics.push(diag("P020", { path: target }, at ? { span: at } : {}));
      return undefined;
    }
    const parsed: SourceFile[] = [];
    for (const f of files) {
      const display = relative(process.cwd(), f) || f;
      let text: string;
      try {
        text = readFileSync(f, "utf8");
      } catch {
        diagnostics.push(diag("P020", { path: display }));
        continue;
      }
      sources.set(display, text);
      const out = parse(text, display);
      diagnostics.push(...out.diagnostics);
      parsed.push({ path: display, text, ast: out.ast });
    }
    const next = [...stack, abs];
    let parent: PolicyUnit | undefined;
    const uses: PolicyUnit[] = [];
    for (const sf of parsed) {
      const h = sf.ast.header;
      if (!h) continue;
      if (h.extends) {
        const p = resolveRef(dir, h.extends.value);
        if (!p) diagnostics.push(diag("P020", { path: h.extends.value }, { span: h.extends.span }));
        else parent = load(p, next, h.extends.span);
      }
      for (const u of h.uses) {
        const p = resolveRef(dir, u.value);
        if (!p) diagnostics.push(diag("P020", { path: u.value }, { span: u.span }));
        else {
          const unit = load(p, next, u.span);
          if (unit) uses.push(unit);
        }
      }
    }
    const unit: PolicyUnit = { name: policyName(dir), dir, files: parsed, ...(parent ? { parent } : {}), uses };
    cache.set(abs, unit);
    return unit;
  };

  const unit = load(path, []);
  return { ...(unit ? { unit } : {}), diagnostics, sources };
}
