// Policy versions: a folder may hold several versions of one jurisdiction's
// policy, one sub-folder each, told apart by their headers (施行日期 effective,
// 废止日期 expires, 取代 supersedes). Input: a policy path and a reference
// date; output: the path of the version in force on that date and its label
// (named in every answer), or a diagnostic when none is. A path that is not
// such a folder is returned as it is.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-propose.js";
import { parse } from "../syntax/parse.js";
import { formatDate, parseIsoDate, type Day } from "../time/date.js";

/** One version of a folder of policy versions: its sub-folder and its header (title, 文号, 施行/废止日期, 取代). */
export interface PolicyVersion {
  /** The sub-folder's name. */
  readonly name: string;
  readonly path: string;
  readonly title?: string;
  readonly number?: string;
  readonly effective?: Day;
  readonly expires?: Day;
  readonly supersedes: readonly string[];
}

export interface Resolved {
  readonly path?: string;
  /** `name（施行 2025-01-01）` when a version was chosen; absent for a plain policy. */
  readonly label?: string;
  readonly version?: PolicyVersion;
  readonly diagnostics: Diagnostic[];
}

/** The versions a folder holds, or undefined when it is a plain policy (it has `.policy` files of its own). */
export function versionsOf(path: string): PolicyVersion[] | undefined {
  if (!existsSync(path) || !statSync(path).isDirectory()) return undefined;
  const entries = readdirSync(path).sort();
  if (entries.some((f) => f.endsWith(".policy"))) return undefined;
  const out: PolicyVersion[] = [];
  for (const e of entries) {
    const dir = join(path, e);
    if (!statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".policy"))
      .sort();
    let header: PolicyVersion | undefined;
    for (const f of files) {
      const h = parse(readFileSync(join(dir, f), "utf8"), join(dir, f)).ast.header;
      if (!h) continue;
      const eff = h.effective ? parseIsoDate(h.effective.text) : undefined;
      const exp = h.expires ? parseIsoDate(h.expires.text) : undefined;
      header = {
        name: e,
        path: dir,
        title: h.title.value,
        ...(h.number ? { number: h.number.value } : {}),
        ...(eff !== undefined ? { effective: eff } : {}),
        ...(exp !== undefined ? { expires: exp } : {}),
        supersedes: h.supersedes.map((s) => s.value),
      };
      break;
    }
    if (header && header.effective !== undefined) out.push(header);
  }
  return out.length ? out : undefined;
}

/**
 * The version in force on `date`: effective on or before it, not expired,
 * and not superseded (取代, by folder name, title or document number) by
 * another version in force; of several, the latest effective.
 */
export function resolveVersion(path: string, date: Day): Resolved {
  const versions = versionsOf(path);
  if (!versions) return { path, diagnostics: [] };
  const inForce = versions.filter((v) => v.effective! <= date && (v.expires === undefined || date <= v.expires));
  const superseded = (v: PolicyVersion) =>
    inForce.some(
      (w) =>
        w !== v &&
        w.supersedes.some((s) => s === v.name || s === v.title || (v.number !== undefined && s === v.number)),
    );
  const live = inForce
    .filter((v) => !superseded(v))
    .sort((a, b) => b.effective! - a.effective! || (a.name < b.name ? 1 : -1));
  const chosen = live[0];
  if (!chosen) return { diagnostics: [diag("R003", { policy: basename(path), date: formatDate(date) })] };
  return {
    path: chosen.path,
    version: chosen,
    label: `${basename(path)}/${chosen.name}（施行 ${formatDate(chosen.effective!)}）`,
    diagnostics: [],
  };
}
