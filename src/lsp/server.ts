// `lungang lsp`: a Language Server Protocol server over stdio for text
// editors (VS Code, Neovim, Emacs …). A thin adapter from LSP requests to the
// language service, which the web editor uses too: the same diagnostics as
// `lungang lint`, hover with a clause's 原文, definition, completion, formatting.

// A CommonJS package: imported whole, then taken apart (named ESM imports of it are not guaranteed).
import lsp from "vscode-languageserver/node";
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import type { Lang } from "../diagnostics/registry.js";
import { analyze, completions, definition, formatEdits, hover, type Analysis } from "../language-service/service.js";

const {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  CompletionItemKind,
} = lsp;

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};
const KIND = {
  keyword: CompletionItemKind.Keyword,
  param: CompletionItemKind.Constant,
  define: CompletionItemKind.Function,
  clause: CompletionItemKind.Reference,
  field: CompletionItemKind.Field,
  derived: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
};

/** Serve LSP over the given streams (stdio for `lungang lsp`; in-memory pipes in the tests). */
export function runLsp(
  lang: Lang,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, input, output);
  const documents = new TextDocuments(TextDocument);
  const analysisOf = (doc: TextDocument): Analysis | undefined => {
    if (!doc.uri.startsWith("file:")) return undefined;
    return analyze(fileURLToPath(doc.uri), doc.getText(), lang);
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: ["."] },
      documentFormattingProvider: true,
    },
  }));

  const publish = (doc: TextDocument) => {
    const a = analysisOf(doc);
    if (!a) return;
    const diagnostics: LspDiagnostic[] = a.diagnostics.map((d) => ({
      range: { start: doc.positionAt(d.from), end: doc.positionAt(d.to) },
      severity: SEVERITY[d.severity],
      code: d.code,
      source: "lungang",
      message: d.help ? `${d.message}\n${lang === "zh" ? "帮助" : "help"}: ${d.help}` : d.message,
    }));
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics });
  };
  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidOpen((e) => publish(e.document));

  connection.onHover((p) => {
    const doc = documents.get(p.textDocument.uri);
    const a = doc && analysisOf(doc);
    const h = a && hover(a, doc.offsetAt(p.position), lang);
    return h
      ? {
          contents: { kind: "plaintext", value: h.text },
          range: { start: doc.positionAt(h.from), end: doc.positionAt(h.to) },
        }
      : null;
  });
  connection.onDefinition((p) => {
    const doc = documents.get(p.textDocument.uri);
    const a = doc && analysisOf(doc);
    const loc = a && definition(a, doc.offsetAt(p.position));
    if (!loc) return null;
    // The target may be another file (the city layer): positions from its own text.
    const target = TextDocument.create(pathToFileURL(loc.file).href, "lungang", 0, readFileSync(loc.file, "utf8"));
    return { uri: target.uri, range: { start: target.positionAt(loc.from), end: target.positionAt(loc.to) } };
  });
  connection.onCompletion((p) => {
    const doc = documents.get(p.textDocument.uri);
    const a = doc && analysisOf(doc);
    if (!a) return [];
    return completions(a, doc.offsetAt(p.position)).items.map((c) => ({
      label: c.label,
      kind: KIND[c.kind],
      ...(c.detail ? { detail: c.detail } : {}),
    }));
  });
  connection.onDocumentFormatting((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    // Only the whitespace that changes, so the editor keeps its cursor and marks.
    return formatEdits(doc.getText(), fileURLToPath(doc.uri)).map((e) => ({
      range: { start: doc.positionAt(e.from), end: doc.positionAt(e.to) },
      newText: e.insert,
    }));
  });

  documents.listen(connection);
  connection.listen();
  return new Promise((resolve) => connection.onExit(() => resolve(0)));
}
