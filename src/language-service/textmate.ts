// The TextMate grammar for text editors (VS Code, Sublime, …), made from the
// lexer's own words (keywords and comparison words in both spellings), so it
// cannot drift from the parser. editors/lungang.tmLanguage.json is this
// output (`npm run gen:textmate`); a test keeps the file in step.

import { languageWords } from "./keywords.js";

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");

/** Alternation of words, longest first (so 及以上 wins over 以上), not inside a longer name. */
function words(list: readonly string[]): string {
  const sorted = [...new Set(list)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const alt = sorted.map(escape).join("|");
  // ASCII words need word boundaries; Chinese ones stand between any characters, as in the lexer.
  return `(?<![A-Za-z0-9_])(?:${alt})(?![A-Za-z0-9_])|(?:${alt})`;
}

export function textMateGrammar(): Record<string, unknown> {
  const all = languageWords();
  const kw = all.filter((w) => w.cls === "keyword").map((w) => w.word);
  const ops = all.filter((w) => w.cls === "operator").map((w) => w.word);
  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "lungang",
    scopeName: "source.lungang",
    fileTypes: ["policy"],
    patterns: [
      { name: "comment.line.lungang", match: "(#|//).*$" },
      {
        name: "string.quoted.double.lungang",
        begin: '"',
        end: '"',
        patterns: [{ name: "constant.character.escape.lungang", match: "\\\\." }],
      },
      { name: "entity.name.tag.clause-id.lungang", match: "\\b[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+\\b" },
      { name: "constant.numeric.date.lungang", match: "\\b\\d{4}-\\d{2}(?:-\\d{2})?\\b" },
      { name: "constant.numeric.lungang", match: "\\d+(?:\\.\\d+)?(?:%|周岁|年|个月|天|日|years?|months?|days?)?" },
      { name: "keyword.operator.comparison.lungang", match: words(ops) },
      { name: "keyword.other.lungang", match: words(kw) },
      { name: "keyword.operator.symbol.lungang", match: ">=|<=|!=|==|≥|≤|≠|[<>+\\-*/×÷=]" },
    ],
  };
}
