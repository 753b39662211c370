// Build step: bundles the web app's client (web/app.ts, with CodeMirror and the
// lungang lexer) into dist/web/app.js and copies web/app.css, so the package
// ships a ready page and `lungang serve` needs no bundler at run time.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(root, "dist/web"), { recursive: true });
await build({
  entryPoints: [join(root, "web/app.ts")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outfile: join(root, "dist/web/app.js"),
  logLevel: "warning",
  legalComments: "none",
});
copyFileSync(join(root, "web/app.css"), join(root, "dist/web/app.css"));
