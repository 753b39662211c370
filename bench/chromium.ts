// Bench and test support (test/support/chromium.ts re-exports it): Debian's Chromium driven by playwright-core,
// launched as issue 11 requires (headless, no sandbox, no GPU, no first-run,
// background networking, component updates or sync) with a fresh profile
// each time. Used by the e2e tests (test/e2e/browser.ts) and by the
// report-opening benchmark (bench/report-open.ts).

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = process.env.LUNGANG_CHROMIUM ?? "/usr/bin/chromium";

/**
 * A browser with a fresh profile folder (playwright passes it as
 * `--user-data-dir`; it refuses that flag in `args`), removed on close. A
 * missing browser is an error, never a skip: `.ci/run` installs it.
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
