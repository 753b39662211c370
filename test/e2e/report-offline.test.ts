// End-to-end: a generated HTML report opened from disk (file://) in Chromium
// with every network request blocked renders completely — its charts draw
// (the canvas has coloured pixels), the screenshot is not blank — and it asks
// for nothing from the network. Also the printable appeal answer.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";
import { IMG, launch } from "./browser.js";

const dir = mkdtempSync(join(tmpdir(), "lungang-e2e-report-"));
let browser: Awaited<ReturnType<typeof launch>>;

beforeAll(async () => {
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Open a file with the network cut off; returns the page and every non-file request it tried. */
async function openOffline(file: string) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(90_000);
  const attempts: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    attempts.push(url);
    return route.abort();
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, attempts, errors };
}

/** `lungang <command> <input> --policy policies/dalian --format html --output FILE`: the file written. */
async function htmlOf(command: "check" | "case", input: string): Promise<string> {
  const out = join(dir, `${command}.html`);
  const args = ["--policy", join(ROOT, "policies/dalian"), "--format", "html", "--output", out];
  await runCli([command, join(ROOT, input), ...args]);
  return out;
}

// A generous ceiling per test (the suite shares a loaded machine); no test asserts how long anything takes.
describe("an HTML report opened offline", { timeout: 300_000 }, () => {
  it("draws its charts and requests nothing from the network", async () => {
    const { page, attempts, errors } = await openOffline(await htmlOf("check", "examples/dalian/district.yaml"));
    await page.locator(".chart").first().scrollIntoViewIfNeeded();
    await page.waitForSelector(".chart[data-drawn] canvas");
    // Coloured pixels on the first chart's canvas: the bars were drawn.
    const drawn = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>(".chart[data-drawn] canvas")!;
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let coloured = 0;
      for (let i = 0; i < d.length; i += 4)
        if (d[i + 3]! > 0 && !(d[i] === d[i + 1] && d[i + 1] === d[i + 2])) coloured++;
      return coloured;
    });
    expect(drawn).toBeGreaterThan(500);
    const shot = await page.screenshot({ fullPage: false });
    expect(shot.length).toBeGreaterThan(20_000);
    await page
      .locator(".school-card")
      .first()
      .screenshot({ path: join(IMG, "report-chart.png") });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(IMG, "report-summary.png") });
    // Print layout: A4, one school per page.
    await page.emulateMedia({ media: "print" });
    const breaks = await page.evaluate(() => getComputedStyle(document.querySelector(".school-card")!).breakBefore);
    expect(breaks).toBe("page");
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(50_000);
    expect(attempts).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a printable appeal answer", async () => {
    const { page, attempts } = await openOffline(await htmlOf("case", "examples/cases/dalian-teacher.yaml"));
    expect(await page.textContent(".decision")).toContain("应交流轮岗");
    await page.screenshot({ path: join(IMG, "case-answer.png") });
    expect(attempts).toEqual([]);
    await page.close();
  });
});
