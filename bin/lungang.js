#!/usr/bin/env node
// Entry point for the `lungang` command: loads the compiled CLI — the bundle
// built by scripts/bundle.mjs when present (faster start), else dist/src.
let main;
try {
  ({ main } = await import("../dist/bundle/lungang.mjs"));
} catch (e) {
  if (e?.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("lungang.mjs")) throw e;
  ({ main } = await import("../dist/src/cli/main.js"));
}

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
