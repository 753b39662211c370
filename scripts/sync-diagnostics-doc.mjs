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

// The Chinese page (docs/diagnostics.zh.md): the same severities and templates;
// a code it lacks gets a section with the English explanation, marked for translation.
const zhPath = join(root, "docs/diagnostics.zh.md");
let zh = readFileSync(zhPath, "utf8");
const SEV_ZH = { error: "错误", warning: "警告", note: "提示" };
const zhHeader = (code, info) =>
  `## ${code}\n\n- 严重程度: ${info.severity}（${SEV_ZH[info.severity]}）\n- zh: \`\` ${info.zh} \`\`\n- en: \`\` ${info.en} \`\`\n`;
for (const [code, info] of allCodes()) {
  const re = new RegExp(`## ${code}\\n\\n- 严重程度: [^\\n]*\\n- zh: [^\\n]*\\n- en: [^\\n]*\\n`);
  if (re.test(zh)) zh = zh.replace(re, zhHeader(code, info));
  else zh = zh.trimEnd() + "\n\n" + zhHeader(code, info) + `\n（待译）${info.doc}\n`;
}
writeFileSync(zhPath, zh);
console.log(`docs/diagnostics.zh.md: ${allCodes().length} codes in step with the registry`);
