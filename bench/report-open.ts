// Benchmark (not a test): how long an HTML report takes to open in Chromium —
// navigation start to the load event, and to the first chart drawn — with the
// network blocked. Usage (after npm run build): node dist/bench/report-open.js
// report.html [runs] (generate the 1M-teacher report first; see bench/README.md).
// The browser is launched as the e2e tests launch it (bench/chromium.ts).

import { statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./chromium.js";

const file = resolve(process.argv[2] ?? "bench/out/big.html");
const runs = Number(process.argv[3] ?? 3);
const times: { load: number; chart: number; schools: number }[] = [];
for (let i = 0; i < runs; i++) {
  const browser = await launch();
  const page = await browser.context.newPage();
  await page.route("**/*", (r) => (r.request().url().startsWith("file:") ? r.continue() : r.abort()));
  const t0 = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 120_000 });
  const load = Date.now() - t0;
  await page.locator(".chart").first().scrollIntoViewIfNeeded();
  await page.waitForSelector(".chart[data-drawn] canvas", { timeout: 120_000 });
  const chart = Date.now() - t0;
  const schools = await page.locator("table.schools tbody tr").count();
  times.push({ load, chart, schools });
  await browser.close();
}
const mb = (statSync(file).size / 1e6).toFixed(1);
for (const t of times)
  console.log(`${file} (${mb} MB, ${t.schools} schools): load ${t.load} ms, first chart drawn ${t.chart} ms`);
