// Diagnostics — the one error/warning type shared by every phase (lexing,
// parsing, name resolution, types, lint, evaluation, input data). Stages never
// throw on bad user input: they return `{ value?, diagnostics }`.

/** A half-open range of character offsets into one source text (0-based, end-exclusive). */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** How serious a diagnostic is. */
export type Severity = "error" | "warning" | "note";

/** A secondary location that helps explain a diagnostic ("first defined here"). */
export interface Related {
  readonly message: string;
  readonly span: Span;
}

/**
 * One finding. `code` is stable and phase-prefixed (P parse, N names, T types,
 * W lint, E evaluation, D data, C command line); tests assert codes and spans,
 * never the prose, which lives in the message registry (`messages.ts`).
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where in a source file. Data diagnostics use `path` instead when the input is not our text. */
  readonly span?: Span;
  /** A field path into structured input, e.g. `teachers[3].birth_date`. */
  readonly path?: string;
  /** The file a path-located diagnostic refers to. */
  readonly file?: string;
  readonly help?: string;
  readonly related?: readonly Related[];
}

/** The result of every stage: a value when one could be produced, and all findings. */
export interface Result<T> {
  readonly value?: T;
  readonly diagnostics: Diagnostic[];
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === "error");
}
