// Benchmark (not a test): how long an HTML report takes to open in Chromium —
// navigation start to the load event, and to the first chart drawn — with the
// network blocked. Usage: node bench/report-open.mjs report.html [runs]
// (generate the 1M-teacher report first; see bench/README.md).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const file = resolve(process.argv[2] ?? "bench/out/big.html");
const runs = Number(process.argv[3] ?? 3);
const times = [];
for (let i = 0; i < runs; i++) {
  const profile = mkdtempSync(join(tmpdir(), "lungang-bench-chromium-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.LUNGANG_CHROMIUM ?? "/usr/bin/chromium",
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
  const page = await ctx.newPage();
  await page.route("**/*", (r) => (r.request().url().startsWith("file:") ? r.continue() : r.abort()));
  const t0 = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 120_000 });
  const load = Date.now() - t0;
  await page.locator(".chart").first().scrollIntoViewIfNeeded();
  await page.waitForSelector(".chart[data-drawn] canvas", { timeout: 120_000 });
  const chart = Date.now() - t0;
  const schools = await page.locator("table.schools tbody tr").count();
  times.push({ load, chart, schools });
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
const mb = (statSync(file).size / 1e6).toFixed(1);
for (const t of times)
  console.log(`${file} (${mb} MB, ${t.schools} schools): load ${t.load} ms, first chart drawn ${t.chart} ms`);
