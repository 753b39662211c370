#!/usr/bin/env node
// Entry point for the `lungang` command: loads the compiled CLI — the bundle
// built by scripts/bundle.mjs (faster start), or dist/src; in a git checkout
// only a build newer than the sources (bin/entry.js says which, and warns
// when every build is older).
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chooseEntry } from "./entry.js";

const choice = chooseEntry(join(dirname(fileURLToPath(import.meta.url)), ".."));
if (choice.warning) process.stderr.write(choice.warning + "\n");
const { main } = await import(pathToFileURL(choice.entry).href);

// Output piped into a command that stops reading early (`| head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
