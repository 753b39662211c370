// Keeps docs/diagnostics.md in step with the message registry: rewrites each
// code's severity, message templates and explanation from the registry, keeps
// the hand-written examples, and adds a section for a code the doc lacks.
// Run with `npm run docs:diagnostics` (it builds first); the doc test fails
// until the doc and the registry agree.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const diagDir = join(root, "dist/src/diagnostics");
for (const f of readdirSync(diagDir).filter((f) => /^codes-.*\.js$/.test(f)))
  await import(pathToFileURL(join(diagDir, f)).href);
const { allCodes } = await import(pathToFileURL(join(diagDir, "registry.js")).href);

const docPath = join(root, "docs/diagnostics.md");
let text = readFileSync(docPath, "utf8");
const header = (code, info) =>
  `## ${code}\n\n- Severity: ${info.severity}\n- en: \`\` ${info.en} \`\`\n- zh: \`\` ${info.zh} \`\`\n\n${info.doc}\n`;
for (const [code, info] of allCodes()) {
  // A section runs from its heading up to the line before the next heading of any level.
  const re = new RegExp(`## ${code}\\n\\n- Severity: [^\\n]*\\n- en: [^\\n]*\\n- zh: [^\\n]*\\n\\n[^\\n]*\\n`);
  if (re.test(text)) text = text.replace(re, header(code, info));
  else text = text.trimEnd() + "\n\n" + header(code, info);
}
writeFileSync(docPath, text);
console.log(`docs/diagnostics.md: ${allCodes().length} codes in step with the registry`);
