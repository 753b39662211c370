// The `lungang` command line: dispatches to one file per subcommand. Returns
// the exit code (0 ok, 1 not compliant / failed / lint errors, 2 could not
// answer). Any exception reaching here is a bug in lungang, reported as such
// in one line — never a stack trace for the user's input.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type Args } from "./args.js";
import { processIO, report, type IO } from "./common.js";
import { diag } from "../diagnostics/registry.js";
import { closest } from "../diagnostics/suggest.js";
import { formatProblem, type DocumentKind } from "../index.js";
import { COMMANDS, commandHelp, overview } from "./help.js";
import { runLint } from "./lint.js";
import { runCase } from "./case.js";
import { runCheck } from "./check.js";
import { runTest } from "./test.js";
import { runPropose } from "./propose.js";
import { runDiff } from "./diff.js";
import { runDecide } from "./decide.js";
import { runTemplate } from "./template.js";
import { runFmt } from "./fmt.js";

/** The document each command renders: its `--format` must be one that renders it (C007 before any work). */
const DOCUMENT: Readonly<Record<string, DocumentKind>> = {
  lint: "lint",
  case: "case",
  check: "plan",
  test: "tests",
  decide: "decisions",
  propose: "proposal",
  diff: "diff",
};

/** The formats of the commands that render no document of the registry (template, fmt, …). */
const OWN_FORMATS = ["text", "json"];

/** Every command and what runs it (exported for the test that each has its help). */
export const RUN: Readonly<Record<string, (io: IO, args: Args) => Promise<number>>> = {
  lint: runLint,
  case: runCase,
  check: runCheck,
  test: runTest,
  propose: runPropose,
  diff: runDiff,
  decide: runDecide,
  template: runTemplate,
  fmt: runFmt,
  // Loaded only when asked for: other commands need none of the server or the LSP library.
  serve: async (io, args) => (await import("./serve.js")).runServe(io, args),
  lsp: async (_io, args) => (await import("../lsp/server.js")).runLsp(args.lang),
};

/** The package's version, from the package.json above this file (src/cli or dist/src/cli). */
function version(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = join(d, "package.json");
    if (existsSync(p)) {
      const j = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version?: string };
      if (j.name === "lungang") return j.version ?? "?";
    }
    const up = dirname(d);
    if (up === d) return "?";
    d = up;
  }
}

export async function main(argv: readonly string[], io: IO = processIO): Promise<number> {
  const { args, diagnostics } = parseArgs(argv);
  if (args.version) {
    io.out(`lungang ${version()}`);
    return 0;
  }
  // `lungang help check`, `lungang check --help`, `lungang --help`.
  const helpFor = args.command === "help" ? args.positional[0] : args.help ? args.command : undefined;
  if (args.command === "help" || args.help || !args.command) {
    const text = helpFor ? commandHelp(helpFor, args.lang) : overview(args.lang);
    if (text === undefined) {
      await unknownCommand(io, args, helpFor!);
      return 2;
    }
    io.out(text);
    return args.command ? 0 : 2;
  }
  if (!RUN[args.command]) {
    await unknownCommand(io, args, args.command);
    return 2;
  }
  // An unknown format fails before any work (C006), naming those available; so
  // does a format that cannot render this command's answer (C007).
  const kind = DOCUMENT[args.command];
  const problem = kind
    ? formatProblem(args.format, kind)
    : OWN_FORMATS.includes(args.format)
      ? undefined
      : diag("C006", { format: args.format, formats: OWN_FORMATS.join(", ") });
  if (problem) diagnostics.push(problem);
  if (diagnostics.length) {
    await report(io, args, diagnostics);
    return 2;
  }
  try {
    return await RUN[args.command]!(io, args);
  } catch (e) {
    io.err(
      args.lang === "zh"
        ? `lungang：内部错误（lungang 的缺陷，请报告）：${(e as Error).message}`
        : `lungang: internal error (a bug in lungang, please report it): ${(e as Error).message}`,
    );
    if (args.verbose) io.err(String((e as Error).stack));
    return 3;
  }
}

async function unknownCommand(io: IO, args: Args, name: string): Promise<void> {
  const best = closest(name, Object.keys(COMMANDS));
  await report(io, args, [diag("C001", { name }, best ? { help: `did you mean \`${best}\`?` } : {})]);
}
