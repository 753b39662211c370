// The web app's page: three views — check a plan, answer an appeal, edit a
// policy — in Chinese with an English switch. All content comes from the
// local server (report and answer bodies are rendered there, by the same code
// as the HTML files); this script only lays it out and wires the clicks.

import type { EditorView } from "codemirror";
import { createEditor, type ServerDiagnostic } from "./editor.js";

type Lang = "zh" | "en";

const T = {
  zh: {
    app: "轮岗 · 交流轮岗政策工具",
    check: "核查方案",
    appeal: "个人申诉",
    edit: "编辑政策",
    switchLang: "English",
    policy: "政策",
    dataset: "名册与方案文件（xlsx、csv、yaml、json）",
    run: "核查",
    running: "正在核查…",
    downloadHtml: "下载 HTML 报告",
    downloadXlsx: "下载 Excel 报告",
    checkIntro: "选择政策，上传本区的名册和交流方案，查看是否合规。点击学校查看该校人员的判定，点击人员查看个人答复。",
    people: "人员判定",
    id: "工号",
    name: "姓名",
    decision: "判定",
    clauses: "条款",
    reason: "理由",
    moved: "已安排",
    open: "查看答复",
    back: "返回",
    appealIntro: "填写一位教师的情况，右侧即时给出结论、依据条款原文与理由。",
    asOf: "基准日",
    teacher: "教师",
    school: "学校",
    unknown: "未知",
    yes: "是",
    no: "否",
    file: "文件",
    save: "保存（自动格式化）",
    saved: "已保存",
    formatted: "已保存并格式化",
    tests: "运行本政策的测试",
    testing: "正在运行测试（按编辑器中的内容，未保存的修改也算）…",
    testsNotRun: "测试未能运行：政策或测试文件有错误",
    testWords: (passed: number, failed: number) =>
      failed ? `（${passed} 项通过，${failed} 项未通过，见下）` : `（全部 ${passed} 项通过）`,
    line: (n: number) => `第 ${n} 行`,
    listHint: "多项用顿号分隔，如：骨干教师、学科带头人",
    readOnly: "内置政策只读；用 lungang serve --policies 目录 打开可编辑的政策。",
    noProblems: "没有问题。",
    problems: "问题",
    editIntro: "输入时即时检查；鼠标停在条款编号或参数上可看原文与取值；Ctrl+空格 补全名称。",
    error: "错误",
    warning: "警告",
    note: "提示",
  },
  en: {
    app: "lungang · rotation policy tool",
    check: "Check a plan",
    appeal: "Appeal",
    edit: "Edit a policy",
    switchLang: "中文",
    policy: "Policy",
    dataset: "Roster and plan (xlsx, csv, yaml, json)",
    run: "Check",
    running: "Checking…",
    downloadHtml: "Download HTML report",
    downloadXlsx: "Download Excel report",
    checkIntro:
      "Pick a policy, upload the district's roster and plan, see whether it complies. Click a school for its people, a person for their answer.",
    people: "Decisions",
    id: "id",
    name: "name",
    decision: "decision",
    clauses: "clauses",
    reason: "reason",
    moved: "moved",
    open: "answer",
    back: "Back",
    appealIntro: "Enter one teacher's facts; the answer, the clauses quoted and the reasons appear as you type.",
    asOf: "Reference date",
    teacher: "Teacher",
    school: "School",
    unknown: "unknown",
    yes: "yes",
    no: "no",
    file: "File",
    save: "Save (formats)",
    saved: "Saved",
    formatted: "Saved and formatted",
    tests: "Run this policy's tests",
    testing: "Running the tests on the text in the editor (unsaved changes included)…",
    testsNotRun: "The tests could not run: the policy or a test file has errors",
    testWords: (passed: number, failed: number) =>
      failed ? `(${passed} passed, ${failed} failed: see below)` : `(all ${passed} passed)`,
    line: (n: number) => `line ${n}`,
    listHint: "several: separate with commas, e.g. backbone teacher, subject leader",
    readOnly: "Bundled policies are read-only; open an editable folder with lungang serve --policies DIR.",
    noProblems: "No problems.",
    problems: "Problems",
    editIntro:
      "Checked as you type; hover a clause id or parameter for its text and value; Ctrl+Space completes names.",
    error: "error",
    warning: "warning",
    note: "note",
  },
} as const;

type Words = {
  -readonly [K in keyof (typeof T)["zh"]]: (typeof T)["zh"][K] extends (...a: never[]) => string
    ? (typeof T)["zh"][K]
    : string;
};

let lang: Lang = localStorage.getItem("lungang.lang") === "en" ? "en" : "zh";
const w = (): Words => T[lang] as unknown as Words;

interface PolicyEntry {
  id: string;
  name: string;
  writable: boolean;
  files: string[];
  title?: string;
}

async function call<R>(
  path: string,
  body: Record<string, unknown> | Blob,
  query: Record<string, string> = {},
): Promise<R> {
  const qs = new URLSearchParams({ ...query, lang }).toString();
  const r = await fetch(`${path}?${qs}`, {
    method: "POST",
    headers: { "X-Lungang": "1", ...(body instanceof Blob ? {} : { "Content-Type": "application/json" }) },
    body: body instanceof Blob ? body : JSON.stringify(body),
  });
  const j = (await r.json()) as R & { error?: string[] };
  if (!r.ok) throw new Error((j.error ?? [r.statusText]).join("\n"));
  return j;
}

async function get<R>(path: string, query: Record<string, string> = {}): Promise<R> {
  const r = await fetch(`${path}?${new URLSearchParams({ ...query, lang }).toString()}`);
  const j = (await r.json()) as R & { error?: string[] };
  if (!r.ok) throw new Error((j.error ?? [r.statusText]).join("\n"));
  return j;
}

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

let policies: PolicyEntry[] = [];
let view: "check" | "appeal" | "edit" = "check";
const app = document.getElementById("app")!;

function policySelect(id: string, onlyOne?: (p: PolicyEntry) => boolean): HTMLSelectElement {
  const s = h("select", { id });
  for (const p of policies.filter(onlyOne ?? (() => true)))
    s.append(
      h(
        "option",
        { value: p.id },
        p.name + (p.title ? ` — ${p.title}` : "") + (p.writable ? "" : lang === "zh" ? "（内置）" : " (bundled)"),
      ),
    );
  const remembered = sessionStorage.getItem(`lungang.${id}`);
  if (remembered && [...s.options].some((o) => o.value === remembered)) s.value = remembered;
  s.addEventListener("change", () => sessionStorage.setItem(`lungang.${id}`, s.value));
  return s;
}

/** A view's top: what it is for, in a sentence, and its controls in a row. */
function toolbar(intro: string, ...controls: HTMLElement[]): HTMLElement[] {
  return [h("p", { class: "intro" }, intro), h("div", { class: "form-row" }, ...controls)];
}

function render(): void {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  app.replaceChildren();
  const nav = h("nav", { class: "tabs" });
  for (const v of ["check", "appeal", "edit"] as const) {
    const b = h("button", { class: v === view ? "tab active" : "tab", "data-view": v }, w()[v]);
    b.addEventListener("click", () => {
      view = v;
      render();
    });
    nav.append(b);
  }
  const switcher = h("button", { class: "lang", id: "lang-switch" }, w().switchLang);
  switcher.addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("lungang.lang", lang);
    render();
  });
  app.append(h("header", {}, h("h1", {}, w().app), nav, switcher));
  const main = h("div", { class: "view" });
  app.append(main);
  if (view === "check") checkView(main);
  else if (view === "appeal") appealView(main);
  else void editView(main);
}

// ------------------------------------------------------------------ check a plan

function checkView(root: HTMLElement): void {
  const policy = policySelect("check-policy");
  const file = h("input", { type: "file", id: "dataset", accept: ".xlsx,.csv,.yaml,.yml,.json", multiple: "" });
  const run = h("button", { id: "run-check", class: "primary" }, w().run);
  const status = h("div", { class: "status", id: "check-status" });
  const downloads = h("div", { class: "downloads" });
  const report = h("div", { id: "report" });
  const side = h("div", { id: "side", class: "side" });
  root.append(
    ...toolbar(w().checkIntro, h("label", {}, w().policy, " ", policy), h("label", {}, w().dataset, " ", file), run),
    status,
    downloads,
    h("div", { class: "check-layout" }, report, side),
  );
  run.addEventListener("click", async () => {
    const fs = [...(file.files ?? [])];
    if (!fs.length) return;
    status.textContent = w().running;
    status.className = "status";
    report.replaceChildren();
    side.replaceChildren();
    downloads.replaceChildren();
    try {
      // Several files (a CSV roster) travel in one body, listed as name:size.
      const r = await call<{ token: string; html: string; problems: string[] }>("/api/check", new Blob(fs), {
        policy: policy.value,
        files: fs.map((f) => `${encodeURIComponent(f.name)}:${f.size}`).join(","),
      });
      status.textContent = "";
      if (r.problems.length) {
        status.className = "status error";
        status.replaceChildren(h("ul", {}, ...r.problems.map((p) => h("li", {}, p))));
      }
      report.innerHTML = r.html;
      (window as unknown as { lungangCharts?: { init(root: Element): void } }).lungangCharts?.init(report);
      const q = new URLSearchParams({ token: r.token, lang }).toString();
      downloads.append(
        h(
          "a",
          { href: `/api/session/report.html?${q}`, download: "report.html", id: "download-html" },
          w().downloadHtml,
        ),
        h(
          "a",
          { href: `/api/session/report.xlsx?${q}`, download: "report.xlsx", id: "download-xlsx" },
          w().downloadXlsx,
        ),
      );
      wireReport(report, side, r.token);
    } catch (e) {
      status.textContent = (e as Error).message;
      status.className = "status error";
    }
  });
}

/** Schools in the report open their people; a person opens their answer. */
function wireReport(report: HTMLElement, side: HTMLElement, token: string): void {
  report.addEventListener("click", (ev) => {
    const target = ev.target as HTMLElement;
    const row = target.closest("[data-school]") as HTMLElement | null;
    const card = target.closest(".school-card") as HTMLElement | null;
    const id = row?.dataset.school ?? card?.id.replace(/^school-/, "");
    const group = target.closest(".subject-group") as HTMLElement | null;
    if (id) void openSchool(side, token, id);
    else if (group?.dataset.kind === "school" && group.dataset.id) void openSchool(side, token, group.dataset.id);
  });
  for (const el of report.querySelectorAll<HTMLElement>(
    "tr[data-school], .school-card h3, .subject-group[data-kind=school] h3",
  ))
    el.classList.add("clickable");
}

async function openSchool(side: HTMLElement, token: string, id: string): Promise<void> {
  const r = await get<{
    school: { id: string; name: string };
    people: {
      id: string;
      name: string;
      decision: string;
      decisionText: string;
      clauses: string;
      reason: string;
      moved: boolean;
    }[];
  }>("/api/session/school", { token, id });
  const rows = r.people.map((p) => {
    const b = h("button", { class: "link", "data-person": p.id }, w().open);
    b.addEventListener("click", () => void openPerson(side, token, p.id, () => openSchool(side, token, id)));
    return h(
      "tr",
      { class: `d-${p.decision}` },
      h("td", {}, p.id),
      h("td", {}, p.name),
      h("td", {}, p.decisionText),
      h("td", {}, p.clauses),
      h("td", {}, p.reason),
      h("td", {}, p.moved ? "✓" : ""),
      h("td", {}, b),
    );
  });
  side.replaceChildren(
    h("h2", {}, `${r.school.id} ${r.school.name} — ${w().people}`),
    h(
      "table",
      { class: "people" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...[w().id, w().name, w().decision, w().clauses, w().reason, w().moved, ""].map((c) => h("th", {}, c)),
        ),
      ),
      h("tbody", {}, ...rows),
    ),
  );
  side.scrollIntoView({ block: "start" });
}

async function openPerson(side: HTMLElement, token: string, id: string, back: () => void): Promise<void> {
  const r = await get<{ html: string }>("/api/session/person", { token, id });
  const b = h("button", { class: "link" }, `← ${w().back}`);
  b.addEventListener("click", back);
  const body = h("div", { class: "answer", id: "person-answer" });
  body.innerHTML = r.html;
  side.replaceChildren(b, body);
  side.scrollIntoView({ block: "start" });
}

// ------------------------------------------------------------------ appeal form

interface Field {
  name: string;
  zh: string;
  type: string;
  doc: string;
  options?: [string, string][];
  many?: boolean;
}

function appealView(root: HTMLElement): void {
  const policy = policySelect("appeal-policy");
  const form = h("form", { id: "appeal-form", class: "appeal-form" });
  const out = h("div", { id: "appeal-answer", class: "answer" });
  root.append(
    ...toolbar(w().appealIntro, h("label", {}, w().policy, " ", policy)),
    h("div", { class: "appeal-layout" }, form, out),
  );
  const asOf = h("input", { type: "date", name: "as_of", value: new Date().toISOString().slice(0, 10) });
  let built = 0;
  /** The form for the selected policy: its person and school facts (a district's declared ones too), what was typed kept. */
  const build = async () => {
    const mine = ++built;
    const fields = await get<{ teacher: Field[]; school: Field[] }>("/api/fields", { policy: policy.value }).catch(
      (e: Error) => {
        out.replaceChildren(h("ul", { class: "errors" }, h("li", {}, e.message)));
        return undefined;
      },
    );
    if (!fields || mine !== built) return;
    const typed = new Map<string, string>();
    const ticked = new Set<string>();
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) {
      if (el instanceof HTMLInputElement && el.type === "checkbox") {
        if (el.checked) ticked.add(`${el.name}=${el.value}`);
      } else if (el.name !== "as_of") typed.set(el.name, el.value);
    }
    form.replaceChildren(h("fieldset", {}, h("legend", {}, w().asOf), asOf));
    const section = (legend: string, prefix: string, list: Field[], skip: string[]) => {
      const fs = h("fieldset", {}, h("legend", {}, legend));
      for (const f of list.filter((x) => !skip.includes(x.name))) fs.append(fieldInput(prefix, f));
      form.append(fs);
    };
    section(w().teacher, "teacher", fields.teacher, ["school"]);
    section(w().school, "school", fields.school, []);
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) {
      if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = ticked.has(`${el.name}=${el.value}`);
      else if (typed.has(el.name)) el.value = typed.get(el.name)!;
    }
    form.dataset.policy = policy.value;
    update();
  };
  let timer: number | undefined;
  const update = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void answerNow(), 250);
  };
  const answerNow = async () => {
    const c = caseFrom(form);
    const r = await call<{ html?: string; errors?: { code: string; path: string; message: string }[] }>("/api/case", {
      policy: policy.value,
      case: c,
    });
    if (r.html) out.innerHTML = r.html;
    else
      out.replaceChildren(
        h("ul", { class: "errors" }, ...(r.errors ?? []).map((e) => h("li", {}, `${e.path}: ${e.message}`))),
      );
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  policy.addEventListener("change", () => void build());
  void build();
}

function fieldInput(prefix: string, f: Field): HTMLElement {
  const label = lang === "zh" ? `${f.zh}` : f.name;
  const name = `${prefix}.${f.name}`;
  let input: HTMLElement;
  if (f.options && f.many) {
    input = h(
      "span",
      { class: "choices" },
      ...f.options.map(([v, zh]) =>
        h("label", {}, h("input", { type: "checkbox", name, value: v }), lang === "zh" ? zh : v),
      ),
    );
  } else if (f.options) {
    input = h(
      "select",
      { name },
      h("option", { value: "" }, `（${w().unknown}）`),
      ...f.options.map(([v, zh]) => h("option", { value: v }, lang === "zh" ? zh : v)),
    );
  } else if (f.type === "bool") {
    input = h(
      "select",
      { name },
      h("option", { value: "" }, `（${w().unknown}）`),
      h("option", { value: "true" }, w().yes),
      h("option", { value: "false" }, w().no),
    );
  } else if (f.type === "date") input = h("input", { type: "date", name });
  else if (f.type === "duration") input = h("input", { type: "number", min: "0", step: "1", name, "data-kind": "int" });
  else if (f.type === "set") input = h("input", { type: "text", name, "data-kind": "list", placeholder: w().listHint });
  else
    input = h("input", {
      type: "text",
      name,
      ...(f.name === "id" ? { value: prefix === "teacher" ? "T1" : "S1" } : {}),
    });
  return h("label", { class: "field", title: f.doc }, h("span", {}, label), input);
}

/** The form as a case file (as_of, teacher, school); empty fields are left out (missing, never guessed). */
function caseFrom(form: HTMLFormElement): Record<string, unknown> {
  const c: Record<string, Record<string, unknown> | string> = { teacher: {}, school: {} };
  for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) {
    if (!el.name) continue;
    if (el.name === "as_of") {
      if (el.value) c.as_of = el.value;
      continue;
    }
    const [rec, key] = el.name.split(".") as [string, string];
    const target = c[rec] as Record<string, unknown>;
    if (el instanceof HTMLInputElement && el.type === "checkbox") {
      const list = (target[key] as string[] | undefined) ?? [];
      if (el.checked) list.push(el.value);
      target[key] = list;
    } else if (el.value === "") continue;
    else if (el.value === "true" || el.value === "false") target[key] = el.value === "true";
    else if (el.dataset.kind === "int") target[key] = Number(el.value);
    else if (el.dataset.kind === "list")
      target[key] = el.value
        .split(/[、,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
    else target[key] = el.value;
  }
  const teacher = c.teacher as Record<string, unknown>;
  const school = c.school as Record<string, unknown>;
  teacher.school = school.id;
  return c;
}

// ------------------------------------------------------------------ editor

let editor: EditorView | undefined;

async function editView(root: HTMLElement): Promise<void> {
  const policy = policySelect("edit-policy");
  const file = h("select", { id: "edit-file" });
  const save = h("button", { id: "save", class: "primary" }, w().save);
  const tests = h("button", { id: "run-tests" }, w().tests);
  const status = h("div", { class: "status", id: "edit-status" });
  const holder = h("div", { id: "editor", class: "editor" });
  const problems = h("div", { id: "problems", class: "problems" });
  root.append(
    ...toolbar(
      w().editIntro,
      h("label", {}, w().policy, " ", policy),
      h("label", {}, w().file, " ", file),
      save,
      tests,
    ),
    status,
    holder,
    h("h3", {}, w().problems),
    problems,
  );
  const entry = () => policies.find((p) => p.id === policy.value);
  const fillFiles = () => {
    file.replaceChildren(...(entry()?.files ?? []).map((f) => h("option", { value: f }, f)));
  };
  // Each problem says on which line it is; a click puts the cursor there.
  const showProblems = (ds: ServerDiagnostic[]) => {
    const items = ds.map((d) => {
      const line = editor ? editor.state.doc.lineAt(Math.min(d.from, editor.state.doc.length)).number : 0;
      const li = h(
        "li",
        { class: `p-${d.severity}`, "data-from": String(d.from) },
        h("span", { class: "where" }, w().line(line)),
        `${w()[d.severity]}[${d.code}] ${d.message}${d.help ? ` — ${d.help}` : ""}`,
      );
      li.addEventListener("click", () => {
        if (!editor) return;
        const at = Math.min(d.from, editor.state.doc.length);
        editor.dispatch({ selection: { anchor: at }, scrollIntoView: true });
        editor.focus();
      });
      return li;
    });
    problems.replaceChildren(ds.length ? h("ul", {}, ...items) : h("p", {}, w().noProblems));
  };
  const load = async () => {
    const r = await get<{ text: string; writable: boolean }>("/api/file", { policy: policy.value, file: file.value });
    editor?.destroy();
    holder.replaceChildren();
    editor = createEditor(
      holder,
      r.text,
      {
        call: (p, b) => call(p, b),
        target: () => ({ policy: policy.value, file: file.value }),
        onDiagnostics: showProblems,
      },
      !r.writable,
    );
    save.toggleAttribute("disabled", !r.writable);
    status.textContent = r.writable ? "" : w().readOnly;
  };
  policy.addEventListener("change", () => {
    fillFiles();
    void load();
  });
  file.addEventListener("change", () => void load());
  save.addEventListener("click", async () => {
    if (!editor) return;
    try {
      const r = await call<{ text: string; formatted: boolean }>("/api/save", {
        policy: policy.value,
        file: file.value,
        text: editor.state.doc.toString(),
      });
      if (r.text !== editor.state.doc.toString())
        editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: r.text } });
      status.textContent = r.formatted ? w().formatted : w().saved;
    } catch (e) {
      status.textContent = (e as Error).message;
    }
  });
  // The tests run on the text as it is in the editor (saved or not): what the policy would answer once saved.
  tests.addEventListener("click", async () => {
    if (!editor) return;
    status.textContent = w().testing;
    try {
      const r = await call<{ summary: string | null; output: string }>("/api/test", {
        policy: policy.value,
        file: file.value,
        text: editor.state.doc.toString(),
      });
      // The summary as `lungang test` prints it, then in words; the failures below (the summary line not again).
      const m = /^(\d+) passed, (\d+) failed$/.exec(r.summary ?? "");
      status.replaceChildren(
        h("b", { id: "test-summary" }, r.summary ?? w().testsNotRun),
        ...(m ? [h("span", { class: "test-words" }, w().testWords(Number(m[1]), Number(m[2])))] : []),
        h("pre", { id: "test-output" }, r.output.replace(/\n?\d+ passed, \d+ failed\s*$/, "")),
      );
    } catch (e) {
      status.textContent = (e as Error).message;
    }
  });
  fillFiles();
  await load();
}

void get<PolicyEntry[]>("/api/policies").then((p) => {
  policies = p;
  render();
});
