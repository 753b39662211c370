// Build step: the command line as one ESM entry (dist/bundle/lungang.mjs, with its chunks), so a
// one-person `lungang case` does not resolve and compile hundreds of modules
// (chevrotain alone brings lodash-es as ~600 files). Packages only some commands
// need stay external and are imported where they are used. bin/lungang.js
// prefers the bundle and falls back to dist/src/cli/main.js.

import { build } from "esbuild";

import { rmSync } from "node:fs";

// Code splitting: a module the CLI imports dynamically (the language server,
// the web server, the XLSX writers, the solver) becomes its own chunk, so its
// packages load only when that command runs — without it the bundle's top
// level imported vscode-languageserver for every `lungang case` (~0.3 s).
rmSync("dist/bundle", { recursive: true, force: true });
await build({
  // The reading and solving threads of src/columnar/ (parallel.ts, solve.ts) start from their own entries (sharing the chunks).
  entryPoints: {
    lungang: "dist/src/cli/main.js",
    "read-worker": "dist/src/columnar/read-worker.js",
    "solve-worker": "dist/src/columnar/solve-worker.js",
  },
  outdir: "dist/bundle",
  outExtension: { ".js": ".mjs" },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
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
