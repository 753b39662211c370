// Command-line arguments: `lungang <command> <input> [--policy p] [--json]
// [--lang zh|en] [--as-of YYYY-MM-DD] [--param name=value …]`. Parsing only;
// each problem becomes a C-coded diagnostic, nothing throws.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag, type Lang } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import { parseIsoDate, type Day } from "../time/date.js";

export interface Args {
  readonly command?: string;
  readonly positional: string[];
  readonly policy?: string;
  readonly json: boolean;
  readonly lang: Lang;
  readonly asOf?: Day;
  readonly params: Map<string, string>;
  readonly help: boolean;
  readonly verbose: boolean;
}

export function parseArgs(argv: readonly string[]): { args: Args; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const positional: string[] = [];
  const params = new Map<string, string>();
  let policy: string | undefined;
  let json = false;
  let lang: Lang = "zh";
  let asOf: Day | undefined;
  let help = false;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) {
        diagnostics.push(diag("C003", { option: flag, why: "needs a value" }));
        return undefined;
      }
      i++;
      return v;
    };
    switch (flag) {
      case "--policy": {
        const v = value();
        if (v !== undefined) policy = v;
        break;
      }
      case "--json":
        json = true;
        break;
      case "--lang": {
        const v = value();
        if (v === "zh" || v === "en") lang = v;
        else if (v !== undefined) diagnostics.push(diag("C003", { option: "--lang", why: `expected zh or en, found "${v}"` }));
        break;
      }
      case "--as-of": {
        const v = value();
        if (v === undefined) break;
        const d = parseIsoDate(v);
        if (d === undefined) diagnostics.push(diag("C003", { option: "--as-of", why: `"${v}" is not a YYYY-MM-DD date` }));
        else asOf = d;
        break;
      }
      case "--param": {
        const v = value();
        if (v === undefined) break;
        const eq = v.indexOf("=");
        if (eq <= 0) diagnostics.push(diag("C003", { option: "--param", why: `expected name=value, found "${v}"` }));
        else params.set(v.slice(0, eq), v.slice(eq + 1));
        break;
      }
      case "--help":
      case "-h":
        help = true;
        break;
      case "--verbose":
        verbose = true;
        break;
      default:
        if (a.startsWith("--")) diagnostics.push(diag("C003", { option: a, why: "unknown option" }));
        else positional.push(a);
    }
  }
  const [command, ...rest] = positional;
  return {
    args: { ...(command ? { command } : {}), positional: rest, ...(policy ? { policy } : {}), json, lang, ...(asOf !== undefined ? { asOf } : {}), params, help, verbose },
    diagnostics,
  };
}
