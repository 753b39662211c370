// Rendering — what can be rendered and how a format plugs in: the documents
// (a case, a plan check, every person's decision, a lint, a test run,
// diagnostics alone) and the Renderer interface each format implements
// (text.ts, json.ts, csv.ts, html.ts, xlsx.ts).

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lang } from "../diagnostics/registry.js";
import type { CaseAnswer, DecisionsAnswer, PlanAnswer } from "../api/answers.js";
import type { LintReport } from "../api/check.js";
import type { TestReport } from "../api/test.js";
import type { DiffAnswer, ProposalAnswer } from "../api/propose.js";

/** An answer to render, with the warnings that accompany it and the texts they point into. */
export interface Answered<K extends string, A> {
  readonly kind: K;
  readonly answer: A;
  readonly diagnostics?: readonly Diagnostic[];
  readonly sources?: ReadonlyMap<string, string>;
}

/**
 * One thing to render. `diagnostics` are what accompanies it (a case's or a
 * plan's warnings, a lint's findings); `sources` are the texts they point
 * into, so their lines can be shown.
 */
export type Document =
  | Answered<"case", CaseAnswer>
  | Answered<"plan", PlanAnswer>
  /** Every person of a dataset decided (`decideEach`, `lungang decide`). */
  | Answered<"decisions", DecisionsAnswer>
  | {
      readonly kind: "lint";
      readonly report: LintReport;
      readonly diagnostics: readonly Diagnostic[];
      readonly sources?: ReadonlyMap<string, string>;
    }
  /** A drafted plan (`lungang propose`). */
  | Answered<"proposal", ProposalAnswer>
  /** An amendment's effect on a roster (`lungang diff`). */
  | Answered<"diff", DiffAnswer>
  /** `verbose`: list the tests that passed too. */
  | {
      readonly kind: "tests";
      readonly report: TestReport;
      readonly verbose?: boolean;
      /** Warnings reading the tests' data gave. */
      readonly diagnostics?: readonly Diagnostic[];
      readonly sources?: ReadonlyMap<string, string>;
    }
  /**
   * Diagnostics on their own: why a command could not answer. `error` says
   * what failed in one phrase (JSON `error`, e.g. "invalid dataset").
   */
  | {
      readonly kind: "diagnostics";
      readonly diagnostics: readonly Diagnostic[];
      readonly sources?: ReadonlyMap<string, string>;
      readonly error?: string;
    };

/** The kinds of document. */
export type DocumentKind = Document["kind"];

/** Text (a string) or a binary file (bytes, e.g. a workbook). */
export type Rendered = string | Uint8Array;

/** How to render: the format's name and the language of the words shown to people. */
export interface RenderOptions {
  /** A registered format: `text`, `json`, `csv`, `html`, `xlsx` (see `formats()`). */
  readonly format: string;
  /** `zh` (default) or `en`. */
  readonly lang?: Lang;
}

/**
 * A format. A new format is one file implementing this and one line in
 * formats.ts; `kinds` lists the documents it can render (any other is a C007
 * error, not a guess).
 */
export interface Renderer {
  /** The name `--format` selects it by. */
  readonly format: string;
  /** The documents it renders. */
  readonly kinds: readonly DocumentKind[];
  /** Render a document of one of `kinds` in the language. */
  render(doc: Document, lang: Lang): Rendered | Promise<Rendered>;
}
