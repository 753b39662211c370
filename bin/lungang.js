#!/usr/bin/env node
// Entry point for the `lungang` command: loads the compiled CLI from dist/.
import { main } from "../dist/src/cli/main.js";

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
