// Test support: Debian's Chromium driven by playwright-core, launched the way
// the e2e tests require (headless, no sandbox, a fresh profile each time).
// A missing browser is a failure, never a skip: `.ci/run` installs it.

import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Where the tests save their screenshots: a temporary folder, or docs/img
 * with `npm run screenshots` (LUNGANG_SCREENSHOTS=docs/img) to refresh the
 * guides' pictures — a plain `npm test` never rewrites tracked files.
 */
export const IMG = process.env.LUNGANG_SCREENSHOTS
  ? resolve(process.env.LUNGANG_SCREENSHOTS)
  : mkdtempSync(join(tmpdir(), "lungang-screenshots-"));
mkdirSync(IMG, { recursive: true });

export { CHROMIUM, launch } from "../support/chromium.js";
