// Test support: Debian's Chromium driven by playwright-core, launched the way
// the e2e tests require (headless, no sandbox, a fresh profile each time).
// A missing browser is a failure, never a skip: `.ci/run` installs it.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/**
 * Where the tests save their screenshots: a temporary folder, or docs/img
 * with `npm run screenshots` (LUNGANG_SCREENSHOTS=docs/img) to refresh the
 * guides' pictures — a plain `npm test` never rewrites tracked files.
 */
export const IMG = process.env.LUNGANG_SCREENSHOTS
  ? resolve(process.env.LUNGANG_SCREENSHOTS)
  : mkdtempSync(join(tmpdir(), "lungang-screenshots-"));
mkdirSync(IMG, { recursive: true });

export const CHROMIUM = process.env.LUNGANG_CHROMIUM ?? "/usr/bin/chromium";

/**
 * A browser with a fresh profile folder (playwright passes it as
 * `--user-data-dir`; it refuses that flag in `args`), removed on close.
 */
export async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) — the e2e tests need a real browser`,
    );
  const profile = mkdtempSync(join(tmpdir(), "lungang-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
