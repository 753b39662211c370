// `npm run gen:facts` — regenerates policies/national/facts.policy, the standard
// facts restated in the language, from src/data/fields.ts (ADR 0003). The file
// is checked in; test/data/declared.test.ts fails when it is out of step.

import { writeFileSync } from "node:fs";

const { restatement } = await import("../dist/src/data/declare-text.js");
const target = new URL("../policies/national/facts.policy", import.meta.url);
writeFileSync(target, restatement());
console.log(`wrote ${target.pathname}`);
