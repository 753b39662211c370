// Command-line arguments: `lungang <command> <input…> [--policy p]
// [--format text|json] [--json] [--output FILE] [--lang zh|en]
// [--as-of YYYY-MM-DD] [--param name=value …] [--teacher ID] [--check|--write]
// [--help] [--version]`. Parsing only; each problem becomes a C-coded
// diagnostic in both languages, nothing throws.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag, type Lang, type Localized } from "../diagnostics/registry.js";
import "../diagnostics/codes-cli.js";
import { closest } from "../diagnostics/suggest.js";
import { parseIsoDate, type Day } from "../time/date.js";

/** The parsed command line. `positional` excludes the command (the first positional word). */
export interface Args {
  readonly command?: string;
  readonly positional: string[];
  readonly policy?: string;
  /** `--format` (`--json` is `--format json`); `text` by default. */
  readonly format: string;
  /** `--output FILE`: the answer goes into this file instead of stdout. */
  readonly output?: string;
  readonly lang: Lang;
  readonly asOf?: Day;
  /** `--param` values as written; typed against the parameter once the policy is loaded (C004). */
  readonly params: Map<string, string>;
  readonly help: boolean;
  readonly version: boolean;
  readonly verbose: boolean;
  /** `case` on a dataset: which person. */
  readonly teacher?: string;
  /** `diff`: the policy (or date, YYYY-MM-DD, of the same folder) compared with `--policy`. */
  readonly against?: string;
  /** `propose`: a YAML/JSON file of the bureau's own constraints. */
  readonly constraints?: string;
  /** `serve`: `--port N`. */
  readonly port?: number;
  /** `--policies DIR` (repeatable): further folders that `extends`/`uses` may reach. */
  readonly policies: string[];
  /** `fmt`: report files not in canonical form (`--check`) or rewrite them (`--write`). */
  readonly fmtMode?: "check" | "write";
}

/** Every option, for help and for "did you mean". */
export const OPTIONS = [
  "--policy",
  "--format",
  "--json",
  "--output",
  "--lang",
  "--as-of",
  "--param",
  "--teacher",
  "--policies",
  "--against",
  "--constraints",
  "--check",
  "--write",
  "--port",
  "--verbose",
  "--help",
  "--version",
] as const;

const why = (en: string, zh: string): Localized => ({ en, zh });

/** The options that take one text value, and the field of `Args` each sets. */
const TEXT_OPTIONS = {
  "--policy": "policy",
  "--format": "format",
  "--output": "output",
  "--against": "against",
  "--constraints": "constraints",
  "--teacher": "teacher",
} as const;
type TextOption = (typeof TEXT_OPTIONS)[keyof typeof TEXT_OPTIONS];

export function parseArgs(argv: readonly string[]): { args: Args; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const positional: string[] = [];
  const params = new Map<string, string>();
  // `--format` is checked against the registered formats once the command is known (C006).
  const text: { -readonly [K in TextOption]?: string } = {};
  // Chinese by default: the policies, their wording and their readers are Chinese.
  // `--lang` is looked up first, so even a problem found before it is worded in it.
  let lang: Lang = "zh";
  const langAt = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const langValue =
    langAt < 0 ? undefined : argv[langAt]!.includes("=") ? argv[langAt]!.split("=")[1] : argv[langAt + 1];
  if (langValue === "en" || langValue === "zh") lang = langValue;
  let asOf: Day | undefined;
  let help = false;
  let version = false;
  let verbose = false;
  let fmtMode: "check" | "write" | undefined;
  const policies: string[] = [];
  let port: number | undefined;
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
        diagnostics.push(diag("C003", { option: flag, why: why("needs a value", "需要一个值") }));
        return undefined;
      }
      i++;
      return v;
    };
    // Options that take one text value (a later one wins).
    if (flag in TEXT_OPTIONS) {
      const v = value();
      if (v !== undefined) text[TEXT_OPTIONS[flag as keyof typeof TEXT_OPTIONS]] = v;
      continue;
    }
    switch (flag) {
      case "--json":
        text.format = "json";
        break;
      case "--lang": {
        const v = value();
        if (v === "zh" || v === "en") lang = v;
        else if (v !== undefined)
          diagnostics.push(
            diag("C003", {
              option: "--lang",
              why: why(`expected zh or en, found "${v}"`, `应为 zh 或 en，实为“${v}”`),
            }),
          );
        break;
      }
      case "--as-of": {
        const v = value();
        if (v === undefined) break;
        // Validated here: a reference date that does not exist (2025-02-30) would
        // silently shift every tenure and age.
        const d = parseIsoDate(v);
        if (d === undefined)
          diagnostics.push(
            diag("C003", {
              option: "--as-of",
              why: why(`"${v}" is not a YYYY-MM-DD date`, `“${v}”不是 YYYY-MM-DD 格式的日期`),
            }),
          );
        else asOf = d;
        break;
      }
      case "--param": {
        const v = value();
        if (v === undefined) break;
        const eq = v.indexOf("=");
        // Split at the first `=`; repeatable, a later value for a name wins.
        if (eq <= 0)
          diagnostics.push(
            diag("C003", {
              option: "--param",
              why: why(`expected name=value, found "${v}"`, `应为 名称=值，实为“${v}”`),
            }),
          );
        else params.set(v.slice(0, eq), v.slice(eq + 1));
        break;
      }
      case "--help":
      case "-h":
        help = true;
        break;
      case "--version":
      case "-V":
        version = true;
        break;
      case "--verbose":
        verbose = true;
        break;
      case "--policies": {
        const v = value();
        if (v !== undefined) policies.push(v);
        break;
      }
      case "--port": {
        const v = value();
        if (v === undefined) break;
        // 0 lets the system choose a free port (the server prints it).
        if (/^\d{1,5}$/.test(v) && Number(v) <= 65535) port = Number(v);
        else
          diagnostics.push(
            diag("C003", { option: "--port", why: why(`"${v}" is not a port number`, `“${v}”不是端口号`) }),
          );
        break;
      }
      case "--check":
        fmtMode = "check";
        break;
      case "--write":
        fmtMode = "write";
        break;
      default:
        // An unknown option is an error, never ignored: a misspelt `--as-of`
        // would otherwise give an answer for the wrong date.
        if (a.startsWith("--") || /^-[A-Za-z]/.test(a)) {
          const best = closest(flag, OPTIONS);
          diagnostics.push(
            diag(
              "C003",
              { option: a, why: why("unknown option", "未知选项") },
              best ? { help: `did you mean \`${best}\`?` } : {},
            ),
          );
        } else positional.push(a);
    }
  }
  // The command is the first word that is not an option, wherever it stands
  // (`lungang --json case x.yaml` works too).
  const [command, ...rest] = positional;
  return {
    args: {
      ...(command ? { command } : {}),
      positional: rest,
      ...text,
      format: text.format ?? "text",
      lang,
      ...(asOf !== undefined ? { asOf } : {}),
      params,
      help,
      version,
      verbose,
      ...(fmtMode ? { fmtMode } : {}),
      policies,
      ...(port !== undefined ? { port } : {}),
    },
    diagnostics,
  };
}
