// Command-line arguments: `lungang <command> <input> [--policy p] [--json]
// [--lang zh|en] [--as-of YYYY-MM-DD] [--param name=value …]`. Parsing only;
// each problem becomes a C-coded diagnostic, nothing throws.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag, type Lang } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import { parseIsoDate, type Day } from "../time/date.js";

/** The parsed command line. `positional` excludes the command (the first positional word). */
export interface Args {
  readonly command?: string;
  readonly positional: string[];
  readonly policy?: string;
  readonly json: boolean;
  readonly lang: Lang;
  readonly asOf?: Day;
  /** `--param` values as written; typed against the parameter once the policy is loaded (C004). */
  readonly params: Map<string, string>;
  readonly help: boolean;
  readonly verbose: boolean;
  /** `case` on a dataset: which person. */
  readonly teacher?: string;
  /** `--policies DIR` (repeatable): further folders that `extends`/`uses` may reach. */
  readonly policies: string[];
  /** `--format text|json|…` (`--json` is `--format json`). */
  readonly format?: string;
  /** `--output FILE`: where a command writes its document (propose: the plan). */
  readonly output?: string;
  /** `diff`: the policy (or date, YYYY-MM-DD, of the same folder) compared with `--policy`. */
  readonly against?: string;
  /** `propose`: a YAML/JSON file of the bureau's own constraints. */
  readonly constraints?: string;
}

export function parseArgs(argv: readonly string[]): { args: Args; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const positional: string[] = [];
  const params = new Map<string, string>();
  let policy: string | undefined;
  let json = false;
  // Chinese by default: the policies, their wording and their readers are Chinese.
  let lang: Lang = "zh";
  let asOf: Day | undefined;
  let help = false;
  let verbose = false;
  let teacher: string | undefined;
  const policies: string[] = [];
  const strings: Record<"format" | "output" | "against" | "constraints", string | undefined> = {
    format: undefined,
    output: undefined,
    against: undefined,
    constraints: undefined,
  };
  // Every problem is collected and parsing goes on, so all are reported at once.
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // Both `--opt value` and `--opt=value`.
    const [flag, inline] =
      a.startsWith("--") && a.includes("=")
        ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
        : [a, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      // `--policy --json` is a missing value, not a policy named "--json".
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
        else if (v !== undefined)
          diagnostics.push(diag("C003", { option: "--lang", why: `expected zh or en, found "${v}"` }));
        break;
      }
      case "--as-of": {
        const v = value();
        if (v === undefined) break;
        // Validated here: a reference date that does not exist (2025-02-30) would
        // silently shift every tenure and age.
        const d = parseIsoDate(v);
        if (d === undefined)
          diagnostics.push(diag("C003", { option: "--as-of", why: `"${v}" is not a YYYY-MM-DD date` }));
        else asOf = d;
        break;
      }
      case "--param": {
        const v = value();
        if (v === undefined) break;
        const eq = v.indexOf("=");
        // Split at the first `=`; repeatable, a later value for a name wins.
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
      case "--policies": {
        const v = value();
        if (v !== undefined) policies.push(v);
        break;
      }
      case "--teacher": {
        const v = value();
        if (v !== undefined) teacher = v;
        break;
      }
      case "--format":
      case "--output":
      case "--against":
      case "--constraints": {
        const v = value();
        if (v !== undefined) strings[flag.slice(2) as keyof typeof strings] = v;
        break;
      }
      default:
        // An unknown option is an error, never ignored: a misspelt `--as-of`
        // would otherwise give an answer for the wrong date.
        if (a.startsWith("--")) diagnostics.push(diag("C003", { option: a, why: "unknown option" }));
        else positional.push(a);
    }
  }
  // The command is the first word that is not an option, wherever it stands
  // (`lungang --json case x.yaml` works too).
  const [command, ...rest] = positional;
  return {
    args: {
      ...(command ? { command } : {}),
      positional: rest,
      ...(policy ? { policy } : {}),
      json: json || strings.format === "json",
      lang,
      ...(asOf !== undefined ? { asOf } : {}),
      params,
      help,
      verbose,
      ...(teacher !== undefined ? { teacher } : {}),
      policies,
      ...Object.fromEntries(Object.entries(strings).filter(([, v]) => v !== undefined)),
    },
    diagnostics,
  };
}
