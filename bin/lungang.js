#!/usr/bin/env node
// Entry point for the `lungang` command: loads the compiled CLI from dist/.
import { main } from "../dist/src/cli/main.js";
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
