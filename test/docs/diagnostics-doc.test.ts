// Tests that docs/diagnostics.md documents exactly the registered diagnostic
// codes: it loads every src/diagnostics/codes-*.ts module (found by reading
// the directory, so a new phase's table is picked up without editing this
// file), then compares the registry with the `## CODE` sections — severity,
// message templates and doc text — and runs every example: a policy example
// must produce its code when checked, an evaluation example its reason.
// docs/diagnostics.zh.md, the Chinese version, is held to the same list of
// codes, severities and templates, with the English page's examples.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allCodes, type CodeInfo } from "../../src/diagnostics/registry.js";
import { loadPolicy } from "../../src/policy/load.js";
import { check } from "../../src/checker/check.js";
import { compile } from "../../src/interpreter/compile.js";
import { worldOf, newFrame } from "../../src/interpreter/frame.js";
import { parseCaseText } from "../../src/data/read.js";

const DIAG_DIR = fileURLToPath(new URL("../../src/diagnostics/", import.meta.url));
const DOC = readFileSync(new URL("../../docs/diagnostics.md", import.meta.url), "utf8");
const DOC_ZH = readFileSync(new URL("../../docs/diagnostics.zh.md", import.meta.url), "utf8");

/** The header the doc's policy snippets leave out (```lungang blocks). */
const HEADER = '政策 "示例" {\n  发文机关 "示例"\n}\n';

interface Section {
  readonly code: string;
  readonly text: string;
  readonly blocks: { readonly info: string; readonly body: string }[];
}

function sections(md: string): Section[] {
  // Headings count only outside fenced code (a YAML comment line also starts with `# `).
  const out: { code: string; lines: string[] }[] = [];
  let current: { code: string; lines: string[] } | undefined;
  let fenced = false;
  for (const line of md.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    if (!fenced && line.startsWith("## ")) {
      current = { code: line.slice(3).trim(), lines: [] };
      out.push(current);
    } else if (!fenced && line.startsWith("# "))
      current = undefined; // a group heading ends the section
    else current?.lines.push(line);
  }
  return out.map(({ code, lines }) => {
    const text = lines.join("\n");
    const blocks = [...text.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
      info: m[1]!.trim(),
      body: m[2]!,
    }));
    return { code, text, blocks };
  });
}

/** A page's sections against the registry: codes without a section, sections of no code, codes listed twice. */
function listing(ss: readonly Section[]) {
  const registered = new Set(codes.map(([c]) => c));
  const seen = ss.map((s) => s.code);
  return {
    missing: [...registered].filter((c) => !seen.includes(c)),
    unregistered: seen.filter((c) => !registered.has(c)),
    twice: seen.filter((c, i) => seen.indexOf(c) !== i),
  };
}

/** Codes a policy produces when loaded and checked (as `lungang lint` does). */
function lintCodes(dir: string): string[] {
  const loaded = loadPolicy(dir);
  const checked = loaded.unit ? check(loaded.unit) : undefined;
  return [...loaded.diagnostics, ...(checked?.diagnostics ?? [])].map((d) => d.code);
}

/** line:column–line:column of a span in the example's own file (other files: by name and offsets). */
function place(text: string, span: { file: string; start: number; end: number } | undefined): string {
  if (!span) return "-";
  if (!span.file.endsWith("example.policy"))
    return `${span.file.split("/").slice(-2).join("/")}@${span.start}-${span.end}`;
  const at = (o: number) => {
    const before = text.slice(0, o).split("\n");
    return `${before.length}:${before[before.length - 1]!.length + 1}`;
  };
  return `${at(span.start)}-${at(span.end)}`;
}

let codes: [string, CodeInfo][] = [];
const docSections = sections(DOC);
const byCode = new Map(docSections.map((s) => [s.code, s]));
let scratch = "";

beforeAll(async () => {
  const modules = readdirSync(DIAG_DIR).filter((f) => /^codes-.*\.ts$/.test(f));
  expect(modules.length).toBeGreaterThan(0);
  for (const m of modules) await import(pathToFileURL(join(DIAG_DIR, m)).href);
  codes = allCodes();
  scratch = mkdtempSync(join(tmpdir(), "lungang-diag-doc-"));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("docs/diagnostics.md", () => {
  it("has a `## CODE` section for every registered code", () => {
    expect(listing(docSections).missing).toEqual([]);
  });

  it("has no section for a code that is not registered, and none twice", () => {
    const { unregistered, twice } = listing(docSections);
    expect(unregistered).toEqual([]);
    expect(twice).toEqual([]);
  });

  it("states each code's severity, message templates and explanation as registered", () => {
    for (const [code, info] of codes) {
      const s = byCode.get(code);
      if (!s) continue; // reported above
      expect(s.text, `${code} severity`).toMatch(new RegExp(`^- Severity: ${info.severity}$`, "m"));
      const en = /^- en: `` (.*) ``$/m.exec(s.text)?.[1];
      const zh = /^- zh: `` (.*) ``$/m.exec(s.text)?.[1];
      expect(en, `${code} English template`).toBe(info.en);
      expect(zh, `${code} Chinese template`).toBe(info.zh);
      expect(s.text.includes(info.doc), `${code} doc text`).toBe(true);
    }
  });

  it("gives every policy-language code (P, N, T, W, S) an example", () => {
    const without = codes
      .map(([c]) => c)
      .filter((c) => /^[PNTWS]/.test(c))
      .filter((c) => !byCode.get(c)?.blocks.some((b) => b.info === "lungang" || b.info === "lungang-file"));
    expect(without).toEqual([]);
  });

  it("each policy example produces its code when linted", () => {
    const wrong: string[] = [];
    for (const s of docSections.filter((x) => /^[PNTWS]/.test(x.code))) {
      s.blocks.forEach((b, i) => {
        if (b.info !== "lungang" && b.info !== "lungang-file") return;
        // Each example in its own folder: a folder is one policy.
        const dir = mkdtempSync(join(scratch, `${s.code}-${i}-`));
        writeFileSync(join(dir, "example.policy"), b.info === "lungang" ? HEADER + b.body : b.body);
        const got = lintCodes(dir);
        if (!got.includes(s.code)) wrong.push(`${s.code} example ${i + 1}: got [${got.join(", ")}]`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it("each policy example's findings — message, place, help and related places — are as recorded", async () => {
    // A golden of every documented example's lint output (test/docs/__snapshots__): a change to a
    // message, a suggestion or a position shows up here, to be read and accepted (vitest -u) or fixed.
    const out: string[] = [];
    for (const s of docSections.filter((x) => /^[PNTWS]/.test(x.code))) {
      s.blocks.forEach((b, i) => {
        if (b.info !== "lungang" && b.info !== "lungang-file") return;
        const text = b.info === "lungang" ? HEADER + b.body : b.body;
        const dir = mkdtempSync(join(scratch, `${s.code}-golden-${i}-`));
        writeFileSync(join(dir, "example.policy"), text);
        const loaded = loadPolicy(dir);
        const checked = loaded.unit ? check(loaded.unit) : undefined;
        out.push(`## ${s.code} example ${i + 1}`);
        for (const d of [...loaded.diagnostics, ...(checked?.diagnostics ?? [])]) {
          out.push(`${d.severity} ${d.code} ${place(text, d.span)} ${d.message}`);
          if (d.help) out.push(`  help: ${d.help}`);
          for (const r of d.related ?? []) out.push(`  related ${place(text, r.span)} ${r.message}`);
        }
      });
    }
    // The examples' own folders are temporary: shown as <example>, wherever the machine keeps them.
    const golden = out
      .join("\n")
      .replace(/[^\s(),]*lungang-diag-doc-[^/\s]+\/[A-Z0-9]+-golden-\d+-[^/\s),]+/g, "<example>");
    await expect(golden + "\n").toMatchFileSnapshot("__snapshots__/diagnostics-doc-examples.txt");
  });

  it("each evaluation example (policy + case) gives its reason or conflict", () => {
    const wrong: string[] = [];
    let ran = 0;
    for (const s of docSections) {
      const policy = s.blocks.find((b) => b.info === "lungang");
      const kase = s.blocks.find((b) => b.info === "yaml case");
      if (!policy || !kase) continue;
      ran++;
      const dir = mkdtempSync(join(scratch, `${s.code}-case-`));
      writeFileSync(join(dir, "example.policy"), HEADER + policy.body);
      const loaded = loadPolicy(dir);
      const checked = loaded.unit ? check(loaded.unit) : undefined;
      const errors = [...loaded.diagnostics, ...(checked?.diagnostics ?? [])].filter((d) => d.severity === "error");
      if (!checked?.policy || errors.length) {
        wrong.push(`${s.code}: the policy does not check: ${errors.map((d) => d.code).join(", ")}`);
        continue;
      }
      const cf = parseCaseText(kase.body, "case.yaml", "yaml");
      if (!cf.value) {
        wrong.push(`${s.code}: the case does not read: ${cf.diagnostics.map((d) => d.code).join(", ")}`);
        continue;
      }
      const program = compile(checked.policy);
      const frame = newFrame(worldOf(checked.policy, { asOf: cf.value.asOf, schools: cf.value.schoolById }));
      const d = program.decide(cf.value.teacher, frame);
      const got = [...(d.unknown ?? []).map((r) => r.code), ...(d.conflict ? ["E006"] : [])];
      if (!got.includes(s.code)) wrong.push(`${s.code}: decision ${d.decision}, reasons [${got.join(", ")}]`);
    }
    expect(wrong).toEqual([]);
    expect(ran).toBeGreaterThanOrEqual(4);
  });
});

describe("docs/diagnostics.zh.md (the Chinese version)", () => {
  const zhSections = sections(DOC_ZH);
  const zhByCode = new Map(zhSections.map((s) => [s.code, s]));

  it("has a `## CODE` section for every registered code, none other and none twice", () => {
    expect(listing(zhSections)).toEqual({ missing: [], unregistered: [], twice: [] });
  });

  it("states each code's severity and message templates as registered, and explains it in Chinese", () => {
    for (const [code, info] of codes) {
      const s = zhByCode.get(code);
      if (!s) continue; // reported above
      expect(s.text, `${code} severity`).toMatch(new RegExp(`^- 严重程度: ${info.severity}（`, "m"));
      expect(/^- zh: `` (.*) ``$/m.exec(s.text)?.[1], `${code} Chinese template`).toBe(info.zh);
      expect(/^- en: `` (.*) ``$/m.exec(s.text)?.[1], `${code} English template`).toBe(info.en);
      // The explanation: prose after the templates, in Chinese.
      const prose = s.text
        .replace(/^```[\s\S]*?^```$/gm, "")
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("- "))
        .join("");
      expect((prose.match(/[\u4e00-\u9fff]/g) ?? []).length, `${code} explained in Chinese`).toBeGreaterThanOrEqual(8);
    }
  });

  it("shows the English page's examples (which the tests above run)", () => {
    const differ = docSections
      .filter((s) => zhByCode.has(s.code))
      .filter((s) => JSON.stringify(s.blocks) !== JSON.stringify(zhByCode.get(s.code)!.blocks))
      .map((s) => s.code);
    expect(differ).toEqual([]);
  });
});
