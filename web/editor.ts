// The policy editor in the browser: CodeMirror 6 with lungang's highlighting
// (the real lexer, so both keyword spellings are coloured exactly as they
// parse), diagnostics as you type, hover, completion — each asked of the
// server's language service, the same one `lungang lint` and `lungang lsp` use.

import { EditorView, basicSetup } from "codemirror";
import { Decoration, ViewPlugin, hoverTooltip, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { RangeSetBuilder } from "@codemirror/state";
import { linter, type Diagnostic } from "@codemirror/lint";
import { autocompletion, type CompletionContext } from "@codemirror/autocomplete";
import type { TokenType } from "chevrotain";
import { lexer } from "../grammar/tokens.js";
// The language service's word table: the editor colours comparison words exactly as completion and the TextMate grammar class them.
import { isRelation } from "../src/language-service/keywords.js";

export interface EditorHost {
  /** POST to the server's API (JSON in, JSON out). */
  call<T>(path: string, body: Record<string, unknown>): Promise<T>;
  /** The policy and file being edited (read when each request is made). */
  target(): { policy: string; file: string };
  /** Told of every new set of diagnostics (the list under the editor). */
  onDiagnostics(ds: ServerDiagnostic[]): void;
}

export interface ServerDiagnostic {
  code: string;
  severity: "error" | "warning" | "note";
  message: string;
  help?: string;
  from: number;
  to: number;
}

// Token kinds → CSS classes (web/app.css colours them).
function classOf(t: TokenType): string | undefined {
  const name = t.name;
  if (name === "StringLit") return "lg-string";
  if (name === "ClauseId") return "lg-clause";
  if (["DateLit", "YearMonthLit", "DurationLit", "PercentLit", "AgeLit", "NumberLit"].includes(name))
    return "lg-number";
  if (isRelation(t)) return "lg-op";
  if (name === "Identifier") return undefined;
  if (
    /^[A-Z][A-Za-z]+$/.test(name) &&
    ![
      "LCurly",
      "RCurly",
      "LParen",
      "RParen",
      "Comma",
      "Colon",
      "Dot",
      "Equals",
      "Plus",
      "Minus",
      "Star",
      "Slash",
    ].includes(name)
  )
    return "lg-keyword";
  return undefined;
}

const marks = new Map<string, Decoration>();
const mark = (cls: string) => {
  let m = marks.get(cls);
  if (!m) marks.set(cls, (m = Decoration.mark({ class: cls })));
  return m;
};

function highlight(view: EditorView): DecorationSet {
  const text = view.state.doc.toString();
  const { tokens } = lexer.tokenize(text);
  const b = new RangeSetBuilder<Decoration>();
  let end = 0;
  for (const t of tokens) {
    // Comments are skipped by the lexer: whatever non-blank text lies between tokens.
    const gap = text.slice(end, t.startOffset);
    const c = gap.search(/#|\/\//);
    if (c >= 0) b.add(end + c, end + gap.length, mark("lg-comment"));
    const cls = classOf(t.tokenType);
    if (cls) b.add(t.startOffset, t.startOffset + t.image.length, mark(cls));
    end = t.startOffset + t.image.length;
  }
  const tail = text.slice(end);
  const c = tail.search(/#|\/\//);
  if (c >= 0) b.add(end + c, text.length, mark("lg-comment"));
  return b.finish();
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = highlight(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged) this.decorations = highlight(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);

export function createEditor(parent: HTMLElement, text: string, host: EditorHost, readOnly: boolean): EditorView {
  const lint = linter(
    async (view) => {
      const r = await host.call<{ diagnostics: ServerDiagnostic[] }>("/api/lint", {
        ...host.target(),
        text: view.state.doc.toString(),
      });
      host.onDiagnostics(r.diagnostics);
      const len = view.state.doc.length;
      return r.diagnostics.map((d): Diagnostic => ({
        from: Math.min(d.from, len),
        to: Math.min(Math.max(d.to, d.from + 1), len),
        severity: d.severity === "note" ? "info" : d.severity,
        source: d.code,
        message: d.help ? `${d.message}\n${d.help}` : d.message,
      }));
    },
    { delay: 300 },
  );
  const hover = hoverTooltip(async (view, pos) => {
    const h = await host.call<{ from: number; to: number; text: string } | null>("/api/hover", {
      ...host.target(),
      text: view.state.doc.toString(),
      offset: pos,
    });
    if (!h) return null;
    return {
      pos: h.from,
      end: h.to,
      create: () => {
        const dom = document.createElement("div");
        dom.className = "lg-hover";
        dom.textContent = h.text;
        return { dom };
      },
    };
  });
  const complete = async (ctx: CompletionContext) => {
    const word = ctx.matchBefore(/[\p{L}\p{N}_]+/u);
    if (!word && !ctx.explicit) return null;
    const r = await host.call<{ from: number; items: { label: string; kind: string; detail?: string }[] }>(
      "/api/complete",
      { ...host.target(), text: ctx.state.doc.toString(), offset: ctx.pos },
    );
    return {
      from: r.from,
      options: r.items.map((i) => ({
        label: i.label,
        type:
          i.kind === "define"
            ? "function"
            : i.kind === "param"
              ? "constant"
              : i.kind === "clause"
                ? "text"
                : i.kind === "field" || i.kind === "derived"
                  ? "property"
                  : "keyword",
        ...(i.detail ? { detail: i.detail } : {}),
      })),
      validFor: /^[\p{L}\p{N}_]*$/u,
    };
  };
  return new EditorView({
    doc: text,
    parent,
    extensions: [
      basicSetup,
      highlighter,
      lint,
      hover,
      autocompletion({ override: [complete] }),
      EditorView.lineWrapping,
      EditorView.editable.of(!readOnly),
    ],
  });
}
