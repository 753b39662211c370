// The web app's operations, one function each, on plain values: check an
// uploaded plan, list a school's people, answer one person's case, lint /
// hover / complete / format a policy buffer, save it, run its tests. The HTTP
// layer (serve.ts) only routes and encodes; nothing here touches a socket.

import { readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import {
  caseOf,
  checkPlan,
  compilePolicy,
  decide,
  decideAll,
  readCase,
  render,
  runTests,
  type CaseFile,
  type CompiledPolicy,
  type Diagnostic,
  type Lang,
} from "../index.js";
import { messageIn } from "../diagnostics/registry.js";
import { decisionJson } from "../render/case.js";
import { renderCaseBody } from "../render/html-case.js";
import { figuresScript, renderReportBody } from "../render/html-report.js";
import { personRow } from "../render/people.js";
// The report files, shared with `lungang check --format html|xlsx` (one writer for both).
import { planReport, planReportHtml, planReportXlsxBuffer } from "../render/report.js";
import { analyze, completions, format, hover } from "../language-service/service.js";
// The types of a policy's fact table (names, types and words; no evaluation), for the appeal form.
import type { FactTable, FieldInfo } from "../semantics/facts.js";
import type { EnumName } from "../semantics/types.js";
import { policyDir, policyFile, type Root } from "./roots.js";
import { readUpload, Sessions, type Scratch, type Session, type UploadFile } from "./uploads.js";

/** A failure the browser shows as is: a status and the messages (diagnostics rendered in the user's language). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join("\n"));
  }
}

/** Load, check and compile a policy folder through the facade; its errors become an ApiError. */
export function prepare(
  roots: readonly Root[],
  policyId: string,
  lang: Lang,
  unsaved?: ReadonlyMap<string, string>,
): CompiledPolicy {
  const r = compileIn(roots, policyId, lang, unsaved);
  if (!r.value)
    throw new ApiError(
      422,
      r.diagnostics.filter((d) => d.severity === "error").map((d) => diagnosticLine(d, lang)),
    );
  return r.value;
}

/** The policy folder compiled through the facade (an editor's unsaved buffer in place of its file), with its folder. */
function compileIn(roots: readonly Root[], policyId: string, lang: Lang, unsaved?: ReadonlyMap<string, string>) {
  const p = policyDir(roots, policyId);
  if (!p) throw new ApiError(404, [lang === "zh" ? "找不到该政策" : "no such policy"]);
  const extra = roots.filter((x) => x.writable).map((x) => x.dir);
  return { ...compilePolicy(p.dir, { roots: extra, ...(unsaved ? { unsaved } : {}) }), dir: p.dir };
}

export async function checkUpload(
  roots: readonly Root[],
  sessions: Sessions,
  scratch: Scratch,
  policyId: string,
  files: readonly UploadFile[],
  lang: Lang,
): Promise<Session> {
  const policy = prepare(roots, policyId, lang);
  // Read against the selected policy's facts: its own columns and values are the roster's (ADR 0003).
  const read = await readUpload(scratch, files, policy);
  // As `lungang check`: a roster with rejected rows still has a dataset (the
  // other rows are decided, the counts say how many were rejected); a
  // YAML/JSON dataset is all or nothing.
  const rejects = read.diagnostics.filter((d) => d.severity === "error");
  if (!read.value || (!read.value.intake && rejects.length))
    throw new ApiError(
      422,
      read.diagnostics.map((d) => diagnosticLine(d, lang)),
    );
  // As `lungang check`: the facade's answer (its counts; a rule no plan could meet is not the plan's violation).
  const answer = (await checkPlan(policy, read.value)).value!;
  const model = planReport(reportPolicy(policy), read.value, answer.result, lang, answer.counts);
  return sessions.add({
    policyId,
    policy,
    data: read.value,
    model,
    lang,
    problems: read.diagnostics.map((d) => diagnosticLine(d, lang)),
  });
}

/** A compiled policy as the report writers take it. */
function reportPolicy(p: CompiledPolicy) {
  return { policy: p.checked, program: p.program, params: p.params, compiled: p };
}

function diagnosticLine(d: Diagnostic, lang: Lang): string {
  const where = [d.file, d.path].filter(Boolean).join(": ");
  return `[${d.code}] ${messageIn(d, lang)}${where ? ` (${where})` : ""}`;
}

/** What the page shows for a checked plan: the report body and its figures (the same as the HTML file). */
export function reportView(s: Session): { token: string; html: string; compliant: boolean; problems: string[] } {
  return {
    token: s.token,
    html: renderReportBody(s.model) + figuresScript(s.model),
    compliant: s.model.compliant,
    problems: s.problems,
  };
}

export function schoolPeople(s: Session, schoolId: string) {
  const school = s.data.schoolById.get(schoolId);
  if (!school) throw new ApiError(404, [s.lang === "zh" ? "找不到该学校" : "no such school"]);
  const teachers = s.data.teachers.filter((t) => t.school === schoolId);
  // Decided as `lungang decide` decides them: the school's people, the whole dataset for what they refer to.
  const decided = decideAll(s.policy, { ...s.data, teachers }).value!;
  const moved = new Set((s.data.plan?.moves ?? []).map((m) => m.teacher));
  return {
    school: { id: school.id, name: school.name ?? "" },
    people: decided.map((p) =>
      personRow(s.policy.checked, p.teacher, p.decision, s.data, moved.has(p.teacher.id), s.lang),
    ),
  };
}

/** One answered case as the page shows it (the printable body of `case --format html`) and its JSON. */
export function answer(policy: CompiledPolicy, cf: CaseFile, lang: Lang): { html: string; decision: string } {
  const r = decide(policy, cf);
  if (!r.value)
    throw new ApiError(
      422,
      r.diagnostics.map((d) => diagnosticLine(d, lang)),
    );
  const json = decisionJson(r.value, lang);
  const school = cf.schoolById.get(cf.teacher.school);
  const person = {
    id: cf.teacher.id,
    ...(cf.teacher.name ? { name: cf.teacher.name } : {}),
    school: { id: cf.teacher.school, ...(school?.name ? { name: school.name } : {}) },
  };
  return { html: renderCaseBody(json, person, lang), decision: r.value.decision.decision };
}

export function personAnswer(s: Session, teacherId: string) {
  const cf = caseOf(s.data, teacherId).value;
  if (!cf) throw new ApiError(404, [s.lang === "zh" ? "找不到该人员" : "no such person"]);
  return answer(s.policy, cf, s.lang);
}

/** An appeal typed into the form: the case-file shape (as_of, teacher, school) as JSON. */
export function formCase(roots: readonly Root[], policyId: string, raw: unknown, lang: Lang) {
  const policy = prepare(roots, policyId, lang);
  const read = readCase({ text: JSON.stringify(raw), name: lang === "zh" ? "表单" : "form", format: "json" }, policy);
  if (!read.value || read.diagnostics.some((d) => d.severity === "error"))
    return { errors: read.diagnostics.map((d) => ({ code: d.code, path: d.path ?? "", message: messageIn(d, lang) })) };
  return answer(policy, read.value, lang);
}

/**
 * The fields of the appeal form: the selected policy's person and school
 * facts — the standard ones and those its layers declare (ADR 0003) — each
 * once, with both names and the values of its enums (a value it adds too).
 */
export function caseFields(roots: readonly Root[], policyId: string, lang: Lang) {
  const facts = prepare(roots, policyId, lang).checked.facts;
  const once = (m: ReadonlyMap<string, FieldInfo>) => [...new Map([...m.values()].map((f) => [f.name, f])).values()];
  const field = (f: FieldInfo) => ({ name: f.name, zh: f.zh, type: f.ty.k, doc: f.doc, ...enumOf(facts, f.ty) });
  return { teacher: once(facts.fields("person")).map(field), school: once(facts.fields("school")).map(field) };
}

/** An enum field's allowed values with their Chinese words (the policy's), for the form's choices. */
function enumOf(
  facts: FactTable,
  ty: { k: string; enum?: string; elem?: unknown },
): { options?: [string, string][]; many?: boolean } {
  const e = (ty.enum ?? (ty.elem as { enum?: string } | undefined)?.enum) as EnumName | undefined;
  const labels = e ? facts.enumLabels(e) : undefined;
  return labels ? { options: Object.entries(labels), ...(ty.k === "set" ? { many: true } : {}) } : {};
}

export async function downloadXlsx(s: Session): Promise<Buffer> {
  return planReportXlsxBuffer(reportPolicy(s.policy), s.data, s.model);
}

export function downloadHtml(s: Session): string {
  return planReportHtml(s.model);
}

// ------------------------------------------------------------------ the editor

function editable(roots: readonly Root[], policyId: string, file: string, lang: Lang) {
  const f = policyFile(roots, policyId, file);
  if (!f)
    throw new ApiError(403, [
      lang === "zh" ? "只能读写政策目录内的 .policy 文件" : "only .policy files inside a policy root",
    ]);
  return f;
}

export function readPolicyFile(roots: readonly Root[], policyId: string, file: string, lang: Lang) {
  const f = editable(roots, policyId, file, lang);
  return { text: readFileSync(f.path, "utf8"), writable: f.root.writable };
}

export function lintBuffer(roots: readonly Root[], policyId: string, file: string, text: string, lang: Lang) {
  const f = editable(roots, policyId, file, lang);
  const a = analyze(f.path, text, lang);
  return { diagnostics: a.diagnostics, elsewhere: a.elsewhere };
}

/** The language service at an offset of an editor's buffer: hover (a clause's 原文, a value) or completion. */
export function atOffset(
  what: "hover" | "complete",
  roots: readonly Root[],
  at: { policy: string; file: string; text: string; offset: number },
  lang: Lang,
) {
  const a = analyze(editable(roots, at.policy, at.file, lang).path, at.text, lang);
  return what === "hover" ? (hover(a, at.offset, lang) ?? null) : completions(a, at.offset);
}

/** Format, then write — only into a writable root, only an existing policy folder's `.policy` file. */
export function savePolicyFile(roots: readonly Root[], policyId: string, file: string, text: string, lang: Lang) {
  const f = editable(roots, policyId, file, lang);
  if (!f.root.writable)
    throw new ApiError(403, [
      lang === "zh"
        ? "内置政策只读；请用 --policies 指定可编辑的政策目录"
        : "bundled policies are read-only; use --policies DIR",
    ]);
  const formatted = format(text, f.path);
  const out = formatted ?? text;
  writeFileSync(f.path, out);
  return { text: out, formatted: formatted !== undefined && formatted !== text };
}

/**
 * `lungang test` on the policy as the editor has it: the buffer of `file`
 * (unsaved) in place of the file, the other files as saved. The summary line
 * `N passed, M failed` and each failure; the policy's errors when it does not check.
 */
export async function runPolicyTests(
  roots: readonly Root[],
  at: { policy: string; file: string; text: string },
  lang: Lang,
) {
  const f = editable(roots, at.policy, at.file, lang);
  const compiled = compileIn(roots, at.policy, lang, new Map([[f.path, at.text]]));
  const problems = (ds: readonly Diagnostic[]) =>
    ds.filter((d) => d.severity === "error").map((d) => diagnosticLine(d, lang));
  if (!compiled.value) return { code: 2, summary: null, output: problems(compiled.diagnostics).join("\n") };
  const r = runTests(compiled.value, join(compiled.dir, "tests"));
  if (!r.value) return { code: 2, summary: null, output: problems(r.diagnostics).join("\n") };
  // Test files named from the policy folder (tests/teachers.yaml), not from wherever the server was started.
  const text = ((await render({ kind: "tests", report: r.value }, { format: "text", lang })).value as string)
    .split(`${relative(process.cwd(), compiled.dir) || "."}${sep}`)
    .join("");
  const summary = /(\d+) passed, (\d+) failed/.exec(text);
  // The warnings reading the tests' data gave come first, as on the command line's stderr.
  const noted = r.diagnostics.map((d) => diagnosticLine(d, lang));
  return {
    code: r.value.failed > 0 ? 1 : 0,
    summary: summary ? summary[0] : null,
    output: [...noted, text].join("\n"),
  };
}
