// HTML rendering of a plan-check report (ReportModel → one self-contained
// page): summary, violations grouped by subject with clause, 原文 and the
// numbers, a chart per school of each share against its threshold, and the
// per-school table. The same body is shown by the web app; the file form
// inlines its styles, ECharts and the chart script, so it opens offline.

import { SCHOOL_COLUMNS, type ReportModel, type SchoolRow, type ViolationRow } from "./report-model.js";
import { pct } from "./values.js";
import { amendmentCitation } from "./amendments.js";
import type { Lang } from "../diagnostics/registry.js";

/** Escape text for HTML element content and attribute values. */
export function esc(s: string | number | undefined): string {
  return String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** JSON inside a `<script type="application/json">`: `</script>` and `<!--` must not end it early. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const T = {
  zh: {
    title: "交流轮岗方案合规核查报告",
    policy: "政策",
    asOf: "基准日",
    verdict: "结论",
    compliant: "合规",
    notCompliant: "不合规",
    incomplete: "无法确认合规（有必须项无法判定）",
    errors: "违规（必须/应）",
    warnings: "警告（原则上/一般）",
    undetermined: "无法判定",
    teachersIn: "读入教师",
    decided: "已判定",
    rejected: "未能读取",
    movesIn: "交流安排",
    movesRejected: "未能读取的安排",
    schools: "学校",
    violations: "违规清单",
    noViolations: "没有违规。",
    error: "违规",
    warning: "警告",
    expected: "要求",
    actual: "实际",
    source: "原文",
    amendedBy: "修改条款",
    perSchool: "各校概况",
    checks: "各项检查",
    passed: "通过",
    failed: "违规",
    na: "不适用",
    charts: "各校交流比例与规定比例",
    chartNote: "柱为本方案的比例，竖线为条款规定的比例；红色柱表示未达到要求。",
    largeNote: "学校较多：下面只为有违规的学校逐校绘图，其余学校见“各校概况”表。",
    kind: {
      school: "学校",
      district: "区",
      group: "教育集团",
      teacher: "教师",
      move: "交流",
      plan: "方案",
      location: "地域",
      tier: "层次",
    } as Record<string, string>,
    ratioNote: "交流率＝应交流者中已安排交流的比例；“—”表示该校无人应交流。",
    noFigures: "本校没有可绘制的比例检查（不适用或分母为0）。",
    reasons: "原因",
    colon: "：",
    flaggedSchools: "有违规的学校",
    allSchools: "全部学校（按区县，点击展开）",
    schoolsUnit: "所学校",
    clauseCol: "条款",
    checkCol: "检查",
    comma: "，",
  },
  en: {
    title: "Rotation plan compliance report",
    policy: "Policy",
    asOf: "Reference date",
    verdict: "Verdict",
    compliant: "compliant",
    notCompliant: "NOT compliant",
    incomplete: "compliance not established (a must-check is undetermined)",
    errors: "violations (must)",
    warnings: "warnings (should)",
    undetermined: "undetermined",
    teachersIn: "teachers read",
    decided: "decided",
    rejected: "rejected",
    movesIn: "moves",
    movesRejected: "moves rejected",
    schools: "schools",
    violations: "Violations",
    noViolations: "No violations.",
    error: "violation",
    warning: "warning",
    expected: "expected",
    actual: "actual",
    source: "Original text",
    amendedBy: "Amended by",
    perSchool: "Per school",
    checks: "Checks",
    passed: "passed",
    failed: "failed",
    na: "n/a",
    charts: "Each school's shares against the required shares",
    chartNote: "Bars: the plan's share; vertical mark: the share the clause requires; red bars miss it.",
    largeNote: "Many schools: only schools with violations are charted below; all schools are in the table.",
    kind: {
      school: "school",
      district: "district",
      group: "group",
      teacher: "teacher",
      move: "move",
      plan: "plan",
      location: "location",
      tier: "tier",
    } as Record<string, string>,
    ratioNote: "Ratio = share of the teachers due who are moved; “—”: nobody at the school is due.",
    noFigures: "No share to chart for this school (not applicable or empty).",
    reasons: "reasons",
    colon: ": ",
    flaggedSchools: "Schools with violations",
    allSchools: "All schools, by district (click to unfold)",
    schoolsUnit: "schools",
    clauseCol: "clause",
    checkCol: "check",
    comma: ", ",
  },
} as const;

type Words = (typeof T)["zh"];
const words = (lang: Lang): Words => T[lang] as unknown as Words;

/** Above this many schools the report charts only the schools with violations. */
export const CHART_ALL_LIMIT = 300;

/** `S01 大连市第一中学`: the id with the name beside it. */
function idName(s: { id: string; name?: string }): string {
  return s.name ? `${esc(s.id)} ${esc(s.name)}` : esc(s.id);
}

function verdictOf(m: ReportModel, w: Words): { text: string; cls: string } {
  if (!m.compliant) return { text: w.notCompliant, cls: "bad" };
  if (!m.complete) return { text: w.incomplete, cls: "unsure" };
  return { text: w.compliant, cls: "good" };
}

function violationHtml(v: ViolationRow, w: Words): string {
  return `<li class="violation ${v.severity}">
<div class="vhead"><span class="badge ${v.severity}">${v.severity === "error" ? w.error : w.warning}</span> <b class="clause">${esc(v.clause.id)}</b> ${esc(v.message)}</div>
<div class="numbers">${w.expected} <b>${esc(v.expected)}</b>${w.comma}${w.actual} <b>${esc(v.actual)}</b></div>
<blockquote class="source"><span class="label">${w.source}</span>「${esc(v.clause.source)}」</blockquote>
${(v.clause.amended_by ?? []).map((a) => `<blockquote class="source amendment"><span class="label">${w.amendedBy}</span>${esc(amendmentCitation(a))}</blockquote>`).join("\n")}
</li>`;
}

function schoolTable(m: ReportModel, w: Words): string {
  const withBackbone = m.schools.some((s) => s.backboneOut !== undefined);
  const cols = SCHOOL_COLUMNS[m.lang].filter((_, i) => i !== 10 || withBackbone);
  const row = (s: SchoolRow) =>
    `<tr data-school="${esc(s.id)}"${s.violations ? ' class="has-violations"' : ""}><td>${esc(s.id)}</td><td>${esc(s.name)}</td><td>${esc(s.district)}</td><td>${s.teachers}</td><td>${s.due}</td><td>${s.deferred}</td><td>${s.dueMoved}</td><td>${s.due ? pct(s.dueMoved / s.due) : "—"}</td><td>${s.movedOut}</td><td>${s.movedIn}</td>${withBackbone ? `<td>${s.backboneOut ?? ""}</td>` : ""}<td>${s.violations || ""}</td></tr>`;
  const table = (rows: readonly SchoolRow[]) =>
    `<table class="schools"><thead><tr>${cols.map((c) => `<th>${c}</th>`).join("")}</tr></thead><tbody>
${rows.map(row).join("\n")}
</tbody></table>`;
  if (m.schools.length <= CHART_ALL_LIMIT) return `${table(m.schools)}<p class="note">${w.ratioNote}</p>`;
  // Many schools (a city's 10,000): the schools with violations in the open, every
  // school by district in folded sections. A closed <details> is not laid out, so
  // the page opens at once; printing unfolds them all (CHART_SCRIPT).
  const byDistrict = new Map<string, SchoolRow[]>();
  for (const s of m.schools) {
    const k = s.district ?? "—";
    let l = byDistrict.get(k);
    if (!l) byDistrict.set(k, (l = []));
    l.push(s);
  }
  const flagged = m.schools.filter((s) => s.violations > 0);
  return `<h3>${w.flaggedSchools}（${flagged.length}）</h3>${flagged.length ? table(flagged) : `<p>${w.noViolations}</p>`}
<h3>${w.allSchools}</h3>
${[...byDistrict]
  .map(
    ([d, rows]) =>
      `<details class="district-schools"><summary>${esc(d)}${w.colon}${rows.length} ${w.schoolsUnit}${
        rows.some((r) => r.violations) ? `${w.comma}${w.error} ${rows.reduce((n, r) => n + r.violations, 0)}` : ""
      }</summary>${table(rows)}</details>`,
  )
  .join("\n")}<p class="note">${w.ratioNote}</p>`;
}

/** The schools that get a chart card: all of them, or only those with violations when there are many. */
export function chartedSchools(m: ReportModel): readonly SchoolRow[] {
  return m.schools.length <= CHART_ALL_LIMIT ? m.schools : m.schools.filter((s) => s.violations > 0);
}

function schoolCard(s: SchoolRow, groups: ReadonlyMap<string, readonly ViolationRow[]>, w: Words): string {
  const vs = groups.get(s.id) ?? [];
  return `<section class="school-card" id="school-${esc(s.id)}">
<h3>${idName(s)}${s.district ? ` <span class="district">${esc(s.district)}</span>` : ""}</h3>
${s.figures.length ? `<div class="chart" data-school="${esc(s.id)}" style="height:${70 + 46 * s.figures.length}px"></div>` : `<p class="note">${w.noFigures}</p>`}
${vs.length ? `<ul class="violations">${vs.map((v) => violationHtml(v, w)).join("\n")}</ul>` : ""}
</section>`;
}

/**
 * The report's body (no `<html>`, no scripts): what the file shows and what
 * the web app inserts. Charts are empty `.chart` boxes filled by CHART_SCRIPT
 * from the figures JSON (`reportFigures`).
 */
export function renderReportBody(m: ReportModel): string {
  const w = words(m.lang);
  const verdict = verdictOf(m, w);
  const c = m.counts;
  const bySchool = new Map<string, ViolationRow[]>();
  for (const g of m.groups) if (g.subject.kind === "school") bySchool.set(g.subject.id, [...g.violations]);
  const charted = chartedSchools(m);
  const summary = `<section class="summary">
<h1>${w.title}</h1>
<p class="meta">${w.policy}${w.colon}<b>${esc(m.policy)}</b>　${w.asOf}${w.colon}<b>${esc(m.asOf)}</b></p>
<div class="verdict ${verdict.cls}">${w.verdict}${w.colon}${verdict.text}</div>
<table class="counts"><tbody>
<tr><th>${w.errors}</th><td class="n-errors">${m.errors}</td><th>${w.warnings}</th><td>${m.warnings}</td><th>${w.undetermined}</th><td>${m.undetermined.length}</td></tr>
<tr><th>${w.teachersIn}</th><td>${c.teachers_in}</td><th>${w.decided}</th><td>${c.decided}</td><th>${w.rejected}</th><td>${c.rejected}</td></tr>
<tr><th>${w.movesIn}</th><td>${c.moves_in}</td><th>${w.movesRejected}</th><td>${c.moves_rejected}</td><th>${w.schools}</th><td>${m.schools.length}</td></tr>
</tbody></table>
</section>`;
  const violations = `<section class="violations-section">
<h2>${w.violations}</h2>
${
  m.groups.length
    ? m.groups
        .map(
          (g) =>
            `<div class="subject-group" data-kind="${esc(g.subject.kind)}" data-id="${esc(g.subject.id)}"><h3>${esc(w.kind[g.subject.kind] ?? g.subject.kind)} ${idName(g.subject)}${m.lang === "zh" ? `（${g.violations.length}）` : ` (${g.violations.length})`}</h3><ul class="violations">${g.violations.map((v) => violationHtml(v, w)).join("\n")}</ul></div>`,
        )
        .join("\n")
    : `<p>${w.noViolations}</p>`
}
</section>`;
  const undetermined = m.undetermined.length
    ? `<section class="undetermined"><h2>${w.undetermined}</h2><ul>${m.undetermined
        .map(
          (u) =>
            `<li><b>${esc(u.clause)}</b> ${esc(w.kind[u.subject.kind] ?? u.subject.kind)} ${idName(u.subject)}${w.colon}${esc(u.reasons.join("；"))}<blockquote class="source">「${esc(u.source)}」</blockquote></li>`,
        )
        .join("")}</ul></section>`
    : "";
  const checks = `<section class="checks"><h2>${w.checks}</h2><table><thead><tr><th>${w.clauseCol}</th><th>${w.checkCol}</th><th>${w.passed}</th><th>${w.failed}</th><th>${w.na}</th><th>${w.undetermined}</th></tr></thead><tbody>${m.checks
    .map(
      (k) =>
        `<tr><td>${esc(k.clause)}</td><td>${esc(k.label)}</td><td>${k.passed}</td><td>${k.failed}</td><td>${k.notApplicable}</td><td>${k.undetermined}</td></tr>`,
    )
    .join("")}</tbody></table></section>`;
  const table = `<section class="per-school"><h2>${w.perSchool}</h2>${schoolTable(m, w)}</section>`;
  const cards = `<section class="charts"><h2>${w.charts}</h2><p class="note">${w.chartNote}</p>${
    charted.length < m.schools.length ? `<p class="note">${w.largeNote}</p>` : ""
  }${charted.map((s) => schoolCard(s, bySchool, w)).join("\n")}</section>`;
  return `<main class="report" lang="${m.lang === "zh" ? "zh-CN" : "en"}">${summary}${violations}${undetermined}${checks}${table}${cards}</main>`;
}

/** The figures of the charted schools, by school id, with the words the chart shows. */
export function reportFigures(m: ReportModel): Record<string, unknown> {
  const w = words(m.lang);
  const figures: Record<string, unknown> = {};
  for (const s of chartedSchools(m)) if (s.figures.length) figures[s.id] = s.figures;
  return { words: { expected: w.expected, actual: w.actual }, figures };
}

/** Styles of the report, for screen and for A4 print (a page per school card). */
export const REPORT_CSS = `
.report{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;color:#1d2733;max-width:1100px;margin:0 auto;padding:16px;line-height:1.55}
.report h1{font-size:24px;margin:0 0 4px}.report h2{font-size:19px;border-bottom:2px solid #1f4e8c;padding-bottom:3px;margin-top:28px;color:#1f4e8c}
.report h3{font-size:16px;margin:14px 0 6px}.report .meta{color:#555;margin:0 0 10px}
.verdict{font-size:22px;font-weight:bold;padding:10px 14px;border-radius:6px;display:inline-block;margin-bottom:10px}
.verdict.good{background:#e3f4e6;color:#17602a}.verdict.bad{background:#fde5e3;color:#9c1c12}.verdict.unsure{background:#fff3d6;color:#7a5200}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #c9d2dc;padding:3px 7px;text-align:left}th{background:#eef2f7}
table.counts td{font-weight:bold;min-width:60px}
ul.violations{list-style:none;padding:0;margin:0}
li.violation{border-left:4px solid #c0392b;background:#fff7f6;margin:6px 0;padding:6px 10px}li.violation.warning{border-left-color:#d4a017;background:#fffaf0}
.badge{font-size:12px;padding:1px 6px;border-radius:3px;color:#fff;background:#c0392b}.badge.warning{background:#b8860b}
.clause{font-family:ui-monospace,monospace}.numbers{margin:2px 0}
blockquote.source{margin:4px 0 0;padding:4px 8px;background:#f4f6f9;border-left:3px solid #8aa0b8;color:#333;font-family:"Noto Serif CJK SC","Songti SC",serif}
blockquote.source .label{font-size:12px;color:#667;margin-right:4px;font-family:sans-serif}
.note{color:#667;font-size:12.5px}.district{font-weight:normal;color:#667;font-size:13px}
table.schools tr.has-violations td{background:#fff1f0}table.schools tbody tr{cursor:default}
details.district-schools{margin:4px 0}details.district-schools summary{cursor:pointer;padding:3px 0;font-weight:600}
.school-card{border:1px solid #d5dde6;border-radius:6px;padding:6px 12px;margin:12px 0;break-inside:avoid}
.chart{width:100%;max-width:900px}
@media print{@page{size:A4;margin:14mm}.report{max-width:none;padding:0;font-size:11pt}
.school-card{break-before:page;border:none}.charts>h2{break-before:page}
.verdict{border:2px solid currentColor}li.violation,blockquote.source{break-inside:avoid}.no-print{display:none}}
`;

/**
 * Fills every `.chart` box from the figures JSON: one horizontal bar per
 * share with a mark at its threshold. Charts are drawn when they come near
 * the screen (a 10,000-school report opens at once) and all before printing.
 * Plain ES5-level JavaScript: inlined in the file and served to the web app.
 */
export const CHART_SCRIPT = `(function(){
function draw(el,data){
  if(el.getAttribute('data-drawn'))return;el.setAttribute('data-drawn','1');
  var fs=data.figures[el.getAttribute('data-school')];if(!fs||!window.echarts)return;
  var w=data.words;
  var cats=fs.map(function(f){return f.clause+' '+f.label;});
  var chart=echarts.init(el,null,{renderer:'canvas'});
  chart.setOption({animation:false,grid:{left:8,right:70,top:24,bottom:24,containLabel:true},
    tooltip:{trigger:'item'},
    xAxis:{type:'value',min:0,max:Math.max(100,Math.ceil(Math.max.apply(null,fs.map(function(f){return Math.max(f.value,f.threshold)*100;}))/10)*10),axisLabel:{formatter:'{value}%'}},
    yAxis:{type:'category',data:cats,inverse:true,axisLabel:{width:220,overflow:'truncate'}},
    series:[{type:'bar',barWidth:18,data:fs.map(function(f){return{value:Math.round(f.value*10000)/100,itemStyle:{color:f.ok?'#2e8b57':'#c0392b'},
        tooltip:{formatter:w.actual+' '+Math.round(f.value*10000)/100+'% ('+f.num+'/'+f.den+')'}};}),
      label:{show:true,position:'right',formatter:function(p){var f=fs[p.dataIndex];return p.value+'% ('+f.num+'/'+f.den+')';}}},
      {type:'scatter',symbol:'rect',symbolSize:[3,30],itemStyle:{color:'#1f4e8c'},z:5,
       data:fs.map(function(f){return{value:[Math.round(f.threshold*10000)/100,cats[fs.indexOf(f)]],tooltip:{formatter:w.expected+' '+f.op+' '+Math.round(f.threshold*10000)/100+'%'}};}),
       label:{show:true,position:'top',color:'#1f4e8c',formatter:function(p){var f=fs[p.dataIndex];return w.expected+f.op+p.value[0]+'%';}}}]});
  el.__chart=chart;
}
function init(root){
  root=root||document;var node=root.querySelector('#report-figures');if(!node)return;
  var data=JSON.parse(node.textContent);var els=[].slice.call(root.querySelectorAll('.chart[data-school]'));
  if('IntersectionObserver' in window){var io=new IntersectionObserver(function(es){es.forEach(function(e){if(e.isIntersecting){io.unobserve(e.target);draw(e.target,data);}});},{rootMargin:'400px'});
    els.forEach(function(el){io.observe(el);});}else els.forEach(function(el){draw(el,data);});
  window.addEventListener('beforeprint',function(){[].forEach.call(root.querySelectorAll('details.district-schools'),function(d){d.open=true;});els.forEach(function(el){draw(el,data);if(el.__chart)el.__chart.resize();});});
}
window.lungangCharts={init:init};
if(document.readyState!=='loading')init();else document.addEventListener('DOMContentLoaded',function(){init();});
})();`;

/** Where the figures travel: a JSON script element the chart script reads. */
export function figuresScript(m: ReportModel): string {
  return `<script type="application/json" id="report-figures">${scriptJson(reportFigures(m))}</script>`;
}

/**
 * The whole file. `echarts` is the library's minified source, inlined; the
 * Content-Security-Policy forbids every fetch, so the page cannot reach the network.
 */
export function renderReportHtml(m: ReportModel, echarts: string): string {
  const w = words(m.lang);
  return `<!DOCTYPE html>
<html lang="${m.lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)} — ${esc(m.policy)} ${esc(m.asOf)}</title>
<style>${REPORT_CSS}</style></head><body>
${renderReportBody(m)}
${figuresScript(m)}
<script>${echarts.replace(/<\/script/gi, "<\\/script")}</script>
<script>${CHART_SCRIPT}</script>
</body></html>
`;
}
