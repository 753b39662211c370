// The command line's usage text, per command and overall, in Chinese and
// English: what each command takes, every option it accepts and the exit
// codes. Printed by `lungang help [command]` and `<command> --help`.

import type { Lang } from "../diagnostics/registry.js";
import { formats as registered, type DocumentKind } from "../index.js";

/** The formats the render registry has for a command's answer, as `--format` lists them. */
const formatsOf = (kind: DocumentKind) => registered(kind).join("|");

interface CommandHelp {
  readonly usage: string;
  readonly zh: string;
  readonly en: string;
  /** Options the command accepts, beyond the common ones. */
  readonly options: readonly string[];
  /** Formats of `--format`. */
  readonly formats?: string;
}

export const COMMANDS: Readonly<Record<string, CommandHelp>> = {
  lint: {
    usage: "lungang lint <policy> [<policy> …]",
    zh: "解析并检查政策（可一次检查多个），列出所有错误与警告",
    en: "parse and check one or more policies, print every error and warning",
    options: ["--policies"],
    formats: formatsOf("lint"),
  },
  case: {
    usage: "lungang case <case-file> --policy <policy>\n  lungang case <dataset> --teacher ID --policy <policy>",
    zh: "单个人员：是否应交流轮岗？给出依据条款、理由和什么会改变结论",
    en: "one person: must this teacher rotate? With the clauses, the reasons and what would change the answer",
    options: ["--policy", "--teacher", "--param", "--as-of", "--policies"],
    formats: formatsOf("case"),
  },
  check: {
    usage: "lungang check <dataset> --policy <policy>",
    zh: "交流轮岗方案是否合规：逐项列出违规、无法判定项和各校概况（html、xlsx 为报告文件）",
    en: "is a draft rotation plan compliant? Every violation, what is undetermined, a per-school summary (html, xlsx: report files)",
    options: ["--policy", "--param", "--as-of", "--policies"],
    formats: formatsOf("plan"),
  },
  decide: {
    usage: "lungang decide <dataset> --policy <policy>",
    zh: "数据集中每个人的判定（应交流名单），含依据条款与理由",
    en: "every person's decision in a dataset (the list of those due), with clauses and reasons",
    options: ["--policy", "--param", "--as-of", "--policies"],
    formats: formatsOf("decisions"),
  },
  template: {
    usage: "lungang template --policy <policy> [--output FILE.xlsx]",
    zh: "写出政策的空白花名册模板（表头、下拉列表、示例行、说明）",
    en: "write the policy's empty roster workbook (headers, drop-down lists, an example row, notes)",
    options: ["--policy", "--policies"],
    formats: "text|json",
  },
  test: {
    usage: "lungang test <policy>",
    zh: "运行政策自带的测试用例（<policy>/tests/*.yaml），以“N passed, M failed”结尾",
    en: "run the policy's own test cases (<policy>/tests/*.yaml); ends with `N passed, M failed`",
    options: ["--param", "--verbose", "--policies"],
    formats: formatsOf("tests"),
  },
  propose: {
    usage: "lungang propose <dataset> --policy <policy> [--constraints FILE] [--output FILE]",
    zh: "按政策生成合规的交流方案草案（或说明哪条规定无法满足）；--output 以数据集自身的格式写出带方案的数据集（YAML/JSON、工作簿的“交流方案”表、CSV 文件夹）",
    en: "a draft plan that complies, or the rules no plan can meet; --output writes the dataset with the plan in its own format (YAML/JSON, the workbook's 交流方案 sheet, a CSV folder)",
    options: ["--policy", "--constraints", "--param", "--as-of", "--policies"],
    formats: "text|json",
  },
  diff: {
    usage: "lungang diff <dataset> --policy <old> --against <new|YYYY-MM-DD> [--format html|xlsx --output FILE]",
    zh: "修订前后：谁的判定改变、各校应交流人数与比例的变化（HTML 报告或 Excel 工作簿）",
    en: "an amendment: whose decision changes, and the numbers due per school and district (an HTML page or a workbook)",
    options: ["--policy", "--against", "--param", "--as-of", "--policies"],
    formats: "text|json|html|xlsx",
  },
  fmt: {
    usage: "lungang fmt <policy-file|folder> [<policy> …] [--check|--write]",
    zh: "政策文件的规范排版：默认输出一个文件排版后的文本；--check 列出排版不规范的文件；--write 就地改写（只改空白，词语、写法与注释都保留）",
    en: "policy files in canonical layout: prints one file formatted; --check lists the files not in canonical form; --write rewrites them (only whitespace changes: every word, spelling and comment is kept)",
    options: ["--check", "--write"],
    formats: "text|json",
  },
  serve: {
    usage: "lungang serve [--port N] [--policies DIR …]",
    zh: "在本机（127.0.0.1）启动网页应用：检查方案、答复申诉、编辑政策；按 Ctrl+C 停止，上传的数据随之清除",
    en: "the local web app on 127.0.0.1: check a plan, answer an appeal, edit a policy; Ctrl+C stops it and drops every upload",
    options: ["--port", "--policies"],
    formats: "text",
  },
  lsp: {
    usage: "lungang lsp",
    zh: "语言服务器（Language Server Protocol，经标准输入输出）：供文本编辑器使用的诊断、悬停、跳转、补全与排版",
    en: "the language server (Language Server Protocol over standard input and output): diagnostics, hover, definition, completion and formatting for a text editor",
    options: [],
    formats: "text",
  },
  help: {
    usage: "lungang help [<command>]",
    zh: "显示帮助",
    en: "show help",
    options: [],
  },
};

const OPTION_TEXT: Readonly<Record<string, { zh: string; en: string }>> = {
  "--policy": {
    zh: "--policy <policy>     政策文件夹（如 policies/dalian）或 .policy 文件",
    en: "--policy <policy>     policy folder (e.g. policies/dalian) or .policy file",
  },
  "--port": {
    zh: "--port N              网页应用的端口（默认 8080；0 为任选一个空闲端口）",
    en: "--port N              the web app's port (default 8080; 0 picks a free one)",
  },
  "--teacher": {
    zh: "--teacher ID          数据集中要判定的教师工号",
    en: "--teacher ID          the teacher of the dataset to decide",
  },
  "--policies": {
    zh: "--policies DIR        引用/细化可以解析到的其他政策目录（可重复；亦可用环境变量 LUNGANG_POLICIES）",
    en: "--policies DIR        a further folder `extends`/`uses` may resolve into (repeatable; also LUNGANG_POLICIES)",
  },
  "--against": {
    zh: "--against <policy|YYYY-MM-DD>  与之比较的新政策（或同一目录在该日期施行的版本）",
    en: "--against <policy|YYYY-MM-DD>  the policy compared (or the version of the same folder in force on the date)",
  },
  "--constraints": {
    zh: "--constraints FILE    教育局的约束：must_move、must_not_move、capacity、requests（调入需求）",
    en: "--constraints FILE    the bureau's constraints: must_move, must_not_move, capacity, requests",
  },
  "--param": {
    zh: "--param 名称=值       为参数赋值（如原文隐去的数字），可重复",
    en: "--param name=value    a value for a parameter (e.g. a number the text redacts); repeatable",
  },
  "--as-of": {
    zh: "--as-of YYYY-MM-DD    基准日（覆盖文件中的 as_of）",
    en: "--as-of YYYY-MM-DD    reference date (overrides the file's as_of)",
  },
  "--verbose": {
    zh: "--verbose             同时列出通过的测试",
    en: "--verbose             list the tests that passed too",
  },
  "--check": {
    zh: "--check               只检查：有不规范的文件时退出码 1",
    en: "--check               check only: exit 1 when a file is not in canonical form",
  },
  "--write": {
    zh: "--write               就地改写为规范排版",
    en: "--write               rewrite the files in canonical form",
  },
};

function common(lang: Lang, formats?: string): string[] {
  const zh = lang === "zh";
  return [
    ...(formats
      ? [
          `${`--format ${formats}`.padEnd(22)}${zh ? "输出格式（默认 text）" : "output format (default text)"}`,
          zh ? "--json                即 --format json" : "--json                same as --format json",
          zh
            ? "--output FILE         输出写入文件而不是标准输出"
            : "--output FILE         write the answer to FILE instead of stdout",
        ]
      : []),
    zh ? "--lang zh|en          显示语言（默认 zh）" : "--lang zh|en          language of the output (default zh)",
    zh ? "--help, -h            显示本帮助" : "--help, -h            show this help",
    zh ? "--version             显示版本" : "--version             show the version",
  ];
}

function exitCodes(lang: Lang): string[] {
  return lang === "zh"
    ? [
        "退出码:",
        "  0  完成且无问题（已判定、方案合规、测试全部通过、无 lint 错误、排版规范）",
        "  1  不合规 / 测试失败 / lint 有错误 / 排版不规范（--check）",
        "  2  无法回答（参数错误、输入无法读取或无效、政策检查不通过、判定取决于缺失的数据）",
        "  3  lungang 内部错误（请报告）",
      ]
    : [
        "Exit codes:",
        "  0  done and nothing wrong (decided, compliant, all tests passed, no lint errors, canonical layout)",
        "  1  not compliant / tests failed / lint errors / not in canonical form (--check)",
        "  2  could not answer (bad arguments, unreadable or invalid input, a policy that does not check, a missing fact)",
        "  3  internal error in lungang (please report it)",
      ];
}

/** The usage of one command, or undefined for an unknown one. */
export function commandHelp(name: string, lang: Lang): string | undefined {
  const c = COMMANDS[name];
  if (!c) return undefined;
  const zh = lang === "zh";
  return [
    `${zh ? "用法" : "Usage"}: ${c.usage}`,
    "",
    `  ${zh ? c.zh : c.en}`,
    "",
    zh ? "选项:" : "Options:",
    ...c.options.map((o) => "  " + OPTION_TEXT[o]![lang]),
    ...common(lang, c.formats).map((l) => "  " + l),
    "",
    ...exitCodes(lang),
  ].join("\n");
}

/** The overview: every command, the common options, the exit codes. */
export function overview(lang: Lang): string {
  const zh = lang === "zh";
  const lines = Object.entries(COMMANDS).map(
    ([, c]) =>
      `  ${c.usage.split("\n")[0]!.padEnd(56)} ${zh ? c.zh.split("：")[0]!.split("，")[0] : c.en.split(":")[0]!.split(";")[0]}`,
  );
  return [
    zh
      ? "lungang — 义务教育学校校长教师交流轮岗政策检查工具"
      : "lungang — checks teachers and rotation plans against China's teacher rotation policies",
    "",
    ...lines,
    "",
    zh
      ? "各命令的选项：lungang help <命令>（或 <命令> --help）"
      : "Options of each command: lungang help <command> (or <command> --help)",
    zh ? "通用选项:" : "Common options:",
    ...common(lang, "text|json").map((l) => "  " + l),
    "",
    ...exitCodes(lang),
  ].join("\n");
}
