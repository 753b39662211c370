// End-to-end: the web app (`lungang serve`) in a real Chromium. Upload the
// example district and see the violations with clause text and school names;
// open a school and a person and see the decision; type an error into a policy
// and see its diagnostic underlined, then fix it and see it go. Screenshots go
// to docs/img/ (the guides show them).

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ROOT } from "../support/policy.js";
import { startServer } from "../../src/server/serve.js";
import { format } from "../../src/language-service/service.js";
import { IMG, launch } from "./browser.js";

const DISTRICT = join(ROOT, "examples/dalian/district.yaml");
const WORKBOOK = join(ROOT, "examples/dalian/district.xlsx");
const CSV = join(ROOT, "examples/dalian/district-csv");

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Awaited<ReturnType<typeof launch>>;
let base = "";
let policies = "";
const logged: string[] = [];

beforeAll(async () => {
  // The page's script is the bundle the package ships: build it from the current source.
  execFileSync(process.execPath, [join(ROOT, "scripts/build-web.mjs")], { cwd: ROOT });
  // An editable copy of the policies (the bundled ones are read-only).
  policies = mkdtempSync(join(tmpdir(), "lungang-e2e-policies-"));
  cpSync(join(ROOT, "policies/dalian"), join(policies, "policies/dalian"), { recursive: true });
  cpSync(join(ROOT, "policies/national"), join(policies, "policies/national"), { recursive: true });
  // A district that declares a school fact (山区学校) and adds a value to 情形 (援派支教), ADR 0003.
  cpSync(
    join(ROOT, "examples/local-deferral/district.policy"),
    join(policies, "policies/local-deferral/district.policy"),
  );
  mkdirSync(join(policies, "policies/mini"));
  writeFileSync(join(policies, "policies/mini/mini.policy"), MESSY);
  server = await startServer({ port: 0, policies: [join(policies, "policies")], log: (l) => logged.push(l) });
  base = `http://127.0.0.1:${server.port}/`;
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(policies, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.context.newPage();
  // Generous: the suite shares a loaded machine; a slow answer is not a wrong one.
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The page must not reach anything but its own server.
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) errors.push(`request to ${r.url()}`);
  });
  (page as unknown as { errors: string[] }).errors = errors;
  // Each page starts in Chinese, whatever another test's page chose (the profile's storage is shared).
  await page.addInitScript(() => localStorage.setItem("lungang.lang", "zh"));
  await page.goto(base);
  await page.waitForSelector("nav.tabs");
  return page;
}

const errorsOf = (p: Page) => (p as unknown as { errors: string[] }).errors;

/** A new page on the editor, with a policy file open and its first diagnostics listed. */
async function openEditor(policy: string, file: string): Promise<Page> {
  const page = await open();
  await page.click('button[data-view="edit"]');
  await page.selectOption("#edit-policy", `0:${policy}`);
  await page.selectOption("#edit-file", file);
  await page.waitForSelector(".cm-content");
  await page.waitForSelector("#problems p, #problems ul");
  return page;
}

/** Through CodeMirror's own search-and-replace panel, as a user would. */
async function replaceAll(page: Page, from: string, to: string): Promise<void> {
  if (!(await page.locator(".cm-search").count())) {
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+f");
  }
  await page.fill(".cm-search input[name=search]", from);
  await page.fill(".cm-search input[name=replace]", to);
  await page.click(".cm-search button[name=replaceAll]");
}

/** A small policy laid out by hand, without comments: saving it gives the formatter's layout. */
const MESSY = `政策 "示例" {
发文机关 "示例"
}
条款 X-1 应
原文 "在同一所学校任教满9年的教师应交流。"
{
参数 门槛: 期限 = 9年
应交流 满九年:   当 本校任教年限 满 门槛
}
`;

// A generous ceiling per test (the suite shares a loaded machine); no test asserts how long anything takes.
describe("lungang serve in Chromium", { timeout: 300_000 }, () => {
  it("checks an uploaded workbook: violations with clause text and school names; a school's people; a person's answer", async () => {
    const page = await open();
    await page.selectOption("#check-policy", "0:dalian");
    await page.setInputFiles("#dataset", WORKBOOK);
    await page.click("#run-check");
    await page.waitForSelector("#report .verdict");
    expect(await page.textContent("#report .verdict")).toContain("不合规");
    const first = page.locator(".subject-group").first();
    const heading = await first.locator("h3").textContent();
    // School id with its name beside it.
    expect(heading).toMatch(/学校 S\d+ \S+/);
    expect(await first.locator("blockquote.source").first().textContent()).toContain("原文");
    expect(await page.textContent("#report")).toContain("城镇学校或优质学校每学年教师交流轮岗的比例");
    await page.screenshot({ path: join(IMG, "web-check.png") });
    // Charts are drawn as they come into view.
    await page.locator(".chart").first().scrollIntoViewIfNeeded();
    await page.waitForSelector(".chart[data-drawn] canvas");
    await page
      .locator(".school-card")
      .first()
      .screenshot({ path: join(IMG, "web-chart.png") });

    await page.click('tr[data-school="S001"]');
    await page.waitForSelector("table.people tbody tr");
    expect(await page.textContent("#side h2")).toMatch(/^S001 \S+/);
    const rows = await page.locator("table.people tbody tr").count();
    expect(rows).toBeGreaterThan(5);
    await page.screenshot({ path: join(IMG, "web-school.png") });

    const required = page.locator("table.people tbody tr.d-required").first();
    const id = await required.locator("td").first().textContent();
    await required.locator("button").click();
    await page.waitForSelector("#person-answer .decision");
    expect(await page.textContent("#person-answer .decision")).toContain("应交流轮岗");
    expect(await page.textContent("#person-answer .person")).toContain(id!);
    expect(await page.textContent("#person-answer")).toContain("依据条款");
    await page.screenshot({ path: join(IMG, "web-person.png") });

    // The downloads are there and are what the CLI writes.
    const html = await page.evaluate(async () => {
      const a = document.querySelector<HTMLAnchorElement>("#download-html")!;
      return (await fetch(a.href)).text();
    });
    expect(html).toContain("default-src 'none'");
    const xlsx = await page.evaluate(async () => {
      const a = document.querySelector<HTMLAnchorElement>("#download-xlsx")!;
      const r = await fetch(a.href);
      return { type: r.headers.get("content-type"), size: (await r.arrayBuffer()).byteLength };
    });
    expect(xlsx.type).toContain("spreadsheetml");
    expect(xlsx.size).toBeGreaterThan(10_000);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("switches to English and keeps two tabs' uploads apart", async () => {
    const a = await open();
    const b = await open();
    await a.click("#lang-switch");
    expect(await a.textContent("nav.tabs")).toContain("Check a plan");
    await a.setInputFiles("#dataset", DISTRICT);
    await a.click("#run-check");
    await b.setInputFiles("#dataset", join(ROOT, "examples/dalian/district-fixed.yaml"));
    await b.click("#run-check");
    await a.waitForSelector("#report .verdict");
    await b.waitForSelector("#report .verdict");
    expect(await a.textContent("#report .verdict")).toContain("NOT compliant");
    expect(await b.textContent("#report .verdict")).toContain("合规");
    await a.click("#lang-switch");
    await a.close();
    await b.close();
  });

  it("reads a roster of CSV files uploaded together, like a folder given to lungang check", async () => {
    const page = await open();
    await page.selectOption("#check-policy", "0:dalian");
    await page.setInputFiles(
      "#dataset",
      readdirSync(CSV).map((f) => join(CSV, f)),
    );
    await page.click("#run-check");
    await page.waitForSelector("#report .verdict");
    expect(await page.textContent("#report .verdict")).toContain("不合规");
    expect(await page.textContent("#report table.counts")).toContain("3000");
    await page.close();
  });

  it("answers an appeal as the form is filled in", async () => {
    const page = await open();
    await page.click('button[data-view="appeal"]');
    await page.waitForSelector("#appeal-form fieldset");
    await page.selectOption("#appeal-policy", "0:dalian");
    await page.fill('input[name="as_of"]', "2024-09-01");
    await page.selectOption('select[name="teacher.sex"]', "male");
    await page.fill('input[name="teacher.birth_date"]', "1975-03-15");
    await page.selectOption('select[name="teacher.role"]', "teacher");
    await page.selectOption('select[name="teacher.established"]', "true");
    await page.selectOption('select[name="teacher.on_post"]', "true");
    await page.selectOption('select[name="teacher.full_time"]', "true");
    await page.fill('input[name="teacher.school_since"]', "2016-09-01");
    await page.selectOption('select[name="school.location"]', "urban");
    await page.selectOption('select[name="school.tier"]', "general");
    await page.selectOption('select[name="school.rotation_feasible"]', "true");
    await page.waitForFunction(() => document.querySelector("#appeal-answer .decision")?.textContent?.includes("无需"));
    // Nine years at the school reached (满9年 includes the ninth anniversary): the answer changes as the date is typed.
    await page.fill('input[name="teacher.school_since"]', "2015-09-01");
    await page.waitForFunction(() =>
      document.querySelector("#appeal-answer .decision")?.textContent?.includes("应交流轮岗"),
    );
    expect(await page.textContent("#appeal-answer")).toContain("在同一所学校任教满9年及以上的教师");
    await page.screenshot({ path: join(IMG, "web-appeal.png") });
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("lists the selected policy's declared facts in the appeal form and reads uploads against them", async () => {
    const page = await open();
    // An upload read against the district's facts: its own field is no "unknown field", its value no error.
    await page.selectOption("#check-policy", "0:local-deferral");
    await page.setInputFiles("#dataset", join(ROOT, "examples/local-deferral/district.yaml"));
    await page.click("#run-check");
    await page.waitForSelector("#report .verdict");
    expect(await page.textContent("#check-status")).not.toMatch(/D007|mountain_school|aid_assignment/);

    await page.click('button[data-view="appeal"]');
    await page.selectOption("#appeal-policy", "0:local-deferral");
    await page.waitForSelector('#appeal-form[data-policy="0:local-deferral"]');
    // The school fact the district declares, under its Chinese name, a yes/no choice.
    const mountain = page.locator('label.field:has(select[name="school.mountain_school"])');
    expect(await mountain.locator("span").first().textContent()).toBe("山区学校");
    expect(await mountain.getAttribute("title")).toBe("学校地处山区");
    // 情形 offers the value it adds, by its Chinese label.
    const conditions = page.locator('label.field:has(input[name="teacher.conditions"])');
    expect(await conditions.textContent()).toContain("援派支教");
    await page.fill('input[name="as_of"]', "2025-09-01");
    await page.selectOption('select[name="teacher.sex"]', "male");
    await page.fill('input[name="teacher.birth_date"]', "1980-05-01");
    await page.selectOption('select[name="teacher.role"]', "teacher");
    await page.selectOption('select[name="teacher.established"]', "true");
    await page.selectOption('select[name="teacher.on_post"]', "true");
    await page.fill('input[name="teacher.school_since"]', "2010-09-01");
    await page.selectOption('select[name="school.location"]', "urban");
    await page.selectOption('select[name="school.tier"]', "general");
    await page.selectOption('select[name="school.mountain_school"]', "false");
    await page.waitForFunction(() =>
      document.querySelector("#appeal-answer .decision")?.textContent?.includes("应交流轮岗"),
    );
    // Ticking the district's value defers the person by its clause XQ-1.
    await page.check('input[name="teacher.conditions"][value="aid_assignment"]');
    await page.waitForFunction(() => document.querySelector("#appeal-answer .decision")?.textContent?.includes("暂缓"));
    expect(await page.textContent("#appeal-answer")).toContain("XQ-1");
    await page.screenshot({ path: join(IMG, "web-appeal-declared.png") });
    // dalian declares neither: its form has no such field nor value, and what was typed stays.
    await page.selectOption("#appeal-policy", "0:dalian");
    await page.waitForSelector('#appeal-form[data-policy="0:dalian"]');
    expect(await page.locator('select[name="school.mountain_school"]').count()).toBe(0);
    expect(await page.locator('input[name="teacher.conditions"][value="aid_assignment"]').count()).toBe(0);
    expect(await page.inputValue('input[name="teacher.school_since"]')).toBe("2010-09-01");
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("edits a policy: an error is underlined with its code as you type, and goes when fixed; save formats; tests run", async () => {
    const page = await openEditor("dalian", "dalian.policy");
    expect(await page.locator(".cm-lintRange-error").count()).toBe(0);
    // Misspell a parameter where it is used: N001, underlined.
    const text = await page.evaluate(() => document.querySelector(".cm-content")!.textContent!);
    expect(text).toContain("本校任教年限 满 任教年限门槛");
    await replaceAll(page, "满 任教年限门槛", "满 任教年线门槛");
    await page.waitForSelector(".cm-lintRange-error");
    expect(await page.textContent("#problems")).toContain("N001");
    expect(await page.locator(".cm-lintRange-error").first().textContent()).toContain("任教年线门槛");
    await page.screenshot({ path: join(IMG, "web-editor-error.png") });
    // Fix the typo: the diagnostic goes.
    await replaceAll(page, "满 任教年线门槛", "满 任教年限门槛");
    await page.waitForFunction(() => !document.querySelector("#problems")!.textContent!.includes("N001"));
    expect(await page.locator(".cm-lintRange-error").count()).toBe(0);
    expect(await page.textContent("#problems")).not.toContain("N001");
    // Hover on a clause id shows its 原文.
    const clause = page.locator(".lg-clause", { hasText: "DL-T1" }).first();
    await clause.hover();
    await page.waitForSelector(".lg-hover");
    expect(await page.textContent(".lg-hover")).toContain("在同一所学校任教满9年及以上的教师");
    await page.screenshot({ path: join(IMG, "web-editor-hover.png") });
    // Tests of the policy: `N passed, M failed`.
    await page.click("#run-tests");
    await page.waitForSelector("#test-summary", { timeout: 60_000 });
    expect(await page.textContent("#test-summary")).toMatch(/^\d+ passed, 0 failed$/);
    // They run on the text in the editor, unsaved: ten years instead of nine fails the 满9年 tests …
    const onDisk = readFileSync(join(policies, "policies/dalian/dalian.policy"), "utf8");
    await replaceAll(page, "期限 = 9年", "期限 = 10年");
    await page.click("#run-tests");
    await page.waitForFunction(() =>
      /[1-9]\d* failed$/.test(document.querySelector("#test-summary")?.textContent ?? ""),
    );
    const output = await page.textContent("#test-output");
    expect(output).toContain("DL-T1");
    // Test files are named from the policy folder, not from where the server runs.
    expect(output).toContain("tests/teachers.yaml");
    expect(output).not.toContain(policies);
    await page.screenshot({ path: join(IMG, "web-editor-tests.png") });
    // … while the file on disk is untouched; back to nine, they pass again.
    expect(readFileSync(join(policies, "policies/dalian/dalian.policy"), "utf8")).toBe(onDisk);
    await replaceAll(page, "期限 = 10年", "期限 = 9年");
    await page.click("#run-tests");
    await page.waitForFunction(() => / 0 failed$/.test(document.querySelector("#test-summary")?.textContent ?? ""));
    // Save writes inside the policy root only.
    await page.click("#save");
    await page.waitForFunction(() => /已保存/.test(document.querySelector("#edit-status")!.textContent!));
    expect(readFileSync(join(policies, "policies/dalian/dalian.policy"), "utf8")).toContain("任教年限门槛");
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("formats on save: the file written is the language service's layout, shown in the editor", async () => {
    const page = await openEditor("mini", "mini.policy");
    expect(await page.textContent("#problems")).toContain("没有问题");
    await page.click("#save");
    await page.waitForFunction(() => /已保存并格式化/.test(document.querySelector("#edit-status")!.textContent!));
    const written = readFileSync(join(policies, "policies/mini/mini.policy"), "utf8");
    expect(written).toBe(format(MESSY, join(policies, "policies/mini/mini.policy")));
    expect(written).toContain('\n  发文机关 "示例"\n');
    // The editor shows what was written.
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll(".cm-line")].map((l) => l.textContent).join("\n"),
    );
    expect(shown.trim()).toBe(written.trim());
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("logs requests without names, birth dates or conditions", () => {
    const log = logged.join("\n");
    expect(log).toContain("POST /api/check 200");
    expect(log).not.toMatch(/19\d\d-\d\d-\d\d|孕期|哺乳期|nursing|pregnant/);
    // No query strings either (ids, tokens).
    expect(log).not.toContain("?");
  });
});
