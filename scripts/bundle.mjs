// Build step: the command line as one ESM file (dist/bundle/lungang.mjs), so a
// one-person `lungang case` does not resolve and compile hundreds of modules
// (chevrotain alone brings lodash-es as ~600 files). Packages only some commands
// need stay external and are imported where they are used. bin/lungang.js
// prefers the bundle and falls back to dist/src/cli/main.js.

import { build } from "esbuild";

await build({
  entryPoints: ["dist/src/cli/main.js"],
  outfile: "dist/bundle/lungang.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  external: [
    "exceljs",
    "csv-parse",
    "highs",
    "vscode-languageserver",
    "vscode-languageserver/*",
    "vscode-languageserver-textdocument",
    "playwright-core",
    "echarts",
    "esbuild",
  ],
  // yaml and others are CommonJS and `require` Node's modules: give the ESM bundle a require.
  banner: {
    js: "import { createRequire as __lungangRequire } from 'node:module'; const require = __lungangRequire(import.meta.url);",
  },
});
