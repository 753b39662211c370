// Writes editors/lungang.tmLanguage.json (the TextMate grammar for text
// editors) from the lexer's words; run with `npm run gen:textmate` (builds
// first). test/lsp/textmate.test.ts fails until the file is in step.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { textMateGrammar } = await import(pathToFileURL(join(root, "dist/src/language-service/textmate.js")).href);
writeFileSync(join(root, "editors/lungang.tmLanguage.json"), JSON.stringify(textMateGrammar(), null, 2) + "\n");
