// The web app's operations, one function each, on plain values: check an
// uploaded plan, list a school's people, answer one person's case, lint /
// hover / complete / format a policy buffer, save it, run its tests. The HTTP
// layer (serve.ts) only routes and encodes; nothing here touches a socket.

import { readFileSync, writeFileSync } from "node:fs";
import type { CaseFile } from "../data/model.js";
import { parseCaseText } from "../data/read.js";
import type { Lang } from "../diagnostics/registry.js";
import { checkPlan } from "../plan/check-plan.js";
import { decisionJson } from "../render/case.js";
import { renderCaseBody } from "../render/html-case.js";
import { figuresScript, renderReportBody } from "../render/html-report.js";
import { personRows } from "../render/people.js";
import { planReport, planReportHtml, planReportXlsxBuffer } from "../render/report.js";
import type { Prepared } from "../render/report.js";
import { compilePolicy } from "../api/compile.js";
import { decide } from "../api/decide.js";
import { runTest } from "../cli/test.js";
import type { Args } from "../cli/args.js";
import { analyze, completions, format, hover } from "../language-service/service.js";
import { ENUMS, PERSON_FIELDS, SCHOOL_FIELDS } from "../semantics/facts.js";
import type { EnumName } from "../semantics/types.js";
import { policyDir, policyFile, type Root } from "./roots.js";
import { readUpload, Sessions, type Scratch, type Session, type UploadFile } from "./uploads.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { messageIn } from "../diagnostics/registry.js";

/** A failure the browser shows as is: a status and the messages (diagnostics rendered in the user's language). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join("\n"));
  }
}

/** The command line `lungang` would be given: the server's own policy folders may be extended or used. */
function args(lang: Lang, roots: readonly Root[], positional: string[] = []): Args {
  return {
    positional,
    lang,
    params: new Map(),
    help: false,
    verbose: false,
    version: false,
    format: "text",
    policies: roots.filter((r) => r.writable).map((r) => r.dir),
  };
}

/** Load, check and compile a policy folder through the facade; its errors become an ApiError. */
export function prepare(roots: readonly Root[], policyId: string, lang: Lang): Prepared {
  const p = policyDir(roots, policyId);
  if (!p) throw new ApiError(404, [lang === "zh" ? "找不到该政策" : "no such policy"]);
  const r = compilePolicy(p.dir, { roots: roots.filter((x) => x.writable).map((x) => x.dir) });
  if (!r.value)
    throw new ApiError(
      422,
      r.diagnostics.filter((d) => d.severity === "error").map((d) => diagnosticLine(d, lang)),
    );
  return { policy: r.value.checked, program: r.value.program, params: r.value.params, compiled: r.value };
}

export async function checkUpload(
  roots: readonly Root[],
  sessions: Sessions,
  scratch: Scratch,
  policyId: string,
  files: readonly UploadFile[],
  lang: Lang,
): Promise<Session> {
  const prepared = prepare(roots, policyId, lang);
  const read = await readUpload(scratch, files);
  // As `lungang check`: a roster with rejected rows still has a dataset (the
  // other rows are decided, the counts say how many were rejected); a
  // YAML/JSON dataset is all or nothing.
  const rejects = read.diagnostics.filter((d) => d.severity === "error");
  if (!read.value || (!read.value.intake && rejects.length))
    throw new ApiError(
      422,
      read.diagnostics.map((d) => diagnosticLine(d, lang)),
    );
  const result = checkPlan(prepared.program, read.value, prepared.params);
  const model = planReport(prepared, read.value, result, lang, countsOf(read.value));
  return sessions.add({
    policyId,
    prepared,
    data: read.value,
    result,
    model,
    lang,
    problems: read.diagnostics.map((d) => diagnosticLine(d, lang)),
  });
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
  const people = s.data.teachers.filter((t) => t.school === schoolId);
  return {
    school: { id: school.id, name: school.name ?? "" },
    people: [...personRows(s.prepared.program, s.data, s.prepared.params, s.lang, people)],
  };
}

/** One answered case as the page shows it (the printable body of `case --format html`) and its JSON. */
export function answer(prepared: Prepared, cf: CaseFile, lang: Lang): { html: string; decision: string } {
  const r = decide(prepared.compiled, cf);
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
  const teacher = s.data.teacherById.get(teacherId);
  if (!teacher) throw new ApiError(404, [s.lang === "zh" ? "找不到该人员" : "no such person"]);
  return answer(
    s.prepared,
    { asOf: s.data.asOf, teacher, schools: s.data.schools, schoolById: s.data.schoolById },
    s.lang,
  );
}

/** An appeal typed into the form: the case-file shape (as_of, teacher, school) as JSON. */
export function formCase(roots: readonly Root[], policyId: string, raw: unknown, lang: Lang) {
  const prepared = prepare(roots, policyId, lang);
  const read = parseCaseText(JSON.stringify(raw), lang === "zh" ? "表单" : "form", "json");
  if (!read.value || read.diagnostics.some((d) => d.severity === "error"))
    return { errors: read.diagnostics.map((d) => ({ code: d.code, path: d.path ?? "", message: d.message })) };
  return answer(prepared, read.value, lang);
}

/** The fields of the appeal form: the contract's person and school facts, each once, with both names. */
export function caseFields() {
  const once = (m: typeof PERSON_FIELDS) => [...new Map([...m.values()].map((f) => [f.name, f])).values()];
  return {
    teacher: once(PERSON_FIELDS).map((f) => ({ name: f.name, zh: f.zh, type: f.ty.k, doc: f.doc, ...enumOf(f.ty) })),
    school: once(SCHOOL_FIELDS).map((f) => ({ name: f.name, zh: f.zh, type: f.ty.k, doc: f.doc, ...enumOf(f.ty) })),
  };
}

/** An enum field's allowed values with their Chinese words, for the form's choices. */
function enumOf(ty: { k: string; enum?: string; elem?: unknown }): { options?: [string, string][]; many?: boolean } {
  const e = (ty.enum ?? (ty.elem as { enum?: string } | undefined)?.enum) as EnumName | undefined;
  return e ? { options: Object.entries(ENUMS[e]), ...(ty.k === "set" ? { many: true } : {}) } : {};
}

export async function downloadXlsx(s: Session): Promise<Buffer> {
  return planReportXlsxBuffer(s.prepared, s.data, s.model);
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

export function hoverAt(
  roots: readonly Root[],
  policyId: string,
  file: string,
  text: string,
  offset: number,
  lang: Lang,
) {
  const f = editable(roots, policyId, file, lang);
  return hover(analyze(f.path, text, lang), offset, lang) ?? null;
}

export function completeAt(
  roots: readonly Root[],
  policyId: string,
  file: string,
  text: string,
  offset: number,
  lang: Lang,
) {
  const f = editable(roots, policyId, file, lang);
  return completions(analyze(f.path, text, lang), offset);
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

/** `lungang test` on the policy as saved: its summary line `N passed, M failed` and each failure. */
export async function runPolicyTests(roots: readonly Root[], policyId: string, lang: Lang) {
  const p = policyDir(roots, policyId);
  if (!p) throw new ApiError(404, [lang === "zh" ? "找不到该政策" : "no such policy"]);
  const lines: string[] = [];
  const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
  const code = await runTest(io, { ...args(lang, roots, [p.dir]), format: "text" });
  const text = lines.join("\n");
  const summary = /(\d+) passed, (\d+) failed/.exec(text);
  return { code, summary: summary ? summary[0] : null, output: text };
}

/** Rows in = rows decided + rows rejected (the check JSON's counts). */
function countsOf(ds: import("../data/model.js").Dataset) {
  const i = ds.intake;
  const moves = ds.plan?.moves.length ?? 0;
  return {
    teachers_in: i ? i.teachersIn : ds.teachers.length,
    decided: ds.teachers.length,
    rejected: i ? i.teachersIn - ds.teachers.length : 0,
    moves_in: i ? i.movesIn : moves,
    moves_rejected: i ? i.movesIn - moves : 0,
  };
}
