// The policy formatter (src/syntax/format.ts): for every bundled policy file
// and for random policies, formatting is idempotent, keeps every comment's
// text, and the formatted text parses to the same tree; the canonical form
// does not depend on how the input was spaced or indented; text with errors
// is refused with its diagnostics, never changed.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lexer } from "../../grammar/tokens.js";
import { formatText, sameTokens } from "../../src/syntax/format.js";
import { parse } from "../../src/syntax/parse.js";
import { ROOT } from "../support/policy.js";
import { policyArb } from "../support/random-policy.js";

function policyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? policyFiles(p) : e.endsWith(".policy") ? [p] : [];
  });
}

/** The tree without positions and node ids (a counter across parses): the formatter moves tokens, nothing else. */
function shape(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(shape);
  if (x && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== "span" && k !== "id") out[k] = shape(v);
    return out;
  }
  return x;
}

/** Every comment's text, in order (trailing blanks aside), read between the tokens. */
function comments(text: string): string[] {
  const { tokens } = lexer.tokenize(text);
  const out: string[] = [];
  let end = 0;
  for (const gap of [...tokens.map((t) => t.startOffset), text.length].map((start, i) => {
    const g = text.slice(end, start);
    end = i < tokens.length ? tokens[i]!.startOffset + tokens[i]!.image.length : end;
    return g;
  }))
    for (const m of gap.matchAll(/(?:#|\/\/)[^\n]*/g)) out.push(m[0].trimEnd());
  return out;
}

/** The three properties, for one text that parses. */
function formatsWell(text: string, file: string): string {
  const out = formatText(text, file);
  expect(out.diagnostics).toEqual([]);
  const formatted = out.text!;
  expect(formatText(formatted, file).text, "idempotent").toBe(formatted);
  expect(comments(formatted)).toEqual(comments(text));
  const before = parse(text, file);
  const after = parse(formatted, file);
  expect(after.diagnostics.map((d) => d.code)).toEqual(before.diagnostics.map((d) => d.code));
  expect(shape(after.ast)).toEqual(shape(before.ast));
  return formatted;
}

/**
 * The same tokens and comments, laid out at random: spaces become runs of
 * blanks and tabs, line breaks gain blank lines, indentation and trailing
 * blanks, Windows line ends. Comments are kept as they are, and tokens the
 * canonical text joins may be joined or not.
 */
function scramble(canonical: string, seed: number[]): string {
  const { tokens } = lexer.tokenize(canonical);
  let k = 0;
  const pick = <T>(xs: readonly T[]): T => xs[(seed[k++ % seed.length] ?? 0) % xs.length]!;
  let out = "";
  let end = 0;
  const gaps = [...tokens.map((t) => t.startOffset), canonical.length];
  gaps.forEach((start, i) => {
    const gap = canonical.slice(end, start);
    out += gap.replace(/((?:#|\/\/)[^\n]*)|[ \n]+/g, (ws, comment?: string) => {
      if (comment) return comment;
      const lines = ws.split("\n").length - 1;
      if (lines === 0) return pick([" ", "  ", "\t", " \u3000"]);
      // A single break before a token may go (statements and closing braces start lines anyway).
      const nl = pick(["\n", "\r\n", " \n", "\n\t"]);
      const blank = lines > 1 ? pick([nl + nl, nl + "\n\n"]) : nl;
      const indent = pick(["", " ", "    ", "\t  ", "          "]);
      return blank + indent;
    });
    if (gap === "" && i < tokens.length && i > 0) out += pick(["", "", " "]);
    if (i < tokens.length) {
      out += tokens[i]!.image;
      end = start + tokens[i]!.image.length;
    }
  });
  return out;
}

const bundled = [...policyFiles(join(ROOT, "policies")), ...policyFiles(join(ROOT, "test"))];

describe("lungang fmt: every bundled policy file", () => {
  it("finds the policy files", () => {
    expect(bundled.length).toBeGreaterThan(20);
  });
  for (const f of bundled) {
    it(`${f.slice(ROOT.length + 1)}: idempotent, every comment kept, the same tree; any spacing gives the same canonical form`, () => {
      const text = readFileSync(f, "utf8");
      const formatted = formatsWell(text, f);
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), (seed) => {
          const messy = scramble(formatted, seed);
          expect(sameTokens(formatted, messy)).toBe(true);
          expect(formatText(messy, f).text).toBe(formatted);
        }),
        { numRuns: 10 },
      );
    });
  }
});

describe("lungang fmt: random policies", () => {
  it("formats them well, with comments after any line", () => {
    fc.assert(
      fc.property(policyArb, fc.array(fc.nat(), { maxLength: 8 }), (text, where) => {
        const lines = text.split("\n");
        for (const w of where) {
          const at = w % lines.length;
          lines[at] = w % 2 ? `${lines[at]} # 注释 ${w}` : `# note ${w}\n${lines[at]}`;
        }
        const commented = lines.join("\n");
        const formatted = formatsWell(commented, "random.policy");
        expect(formatText(scramble(formatted, where.length ? where : [0]), "random.policy").text).toBe(formatted);
      }),
      { numRuns: 100 },
    );
  });

  it("never throws on any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const out = formatText(s, "x.policy");
        expect(out.text !== undefined || out.diagnostics.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("lungang fmt: the canonical layout", () => {
  it("indents bodies and continuations, spaces words, keeps spellings and comments", () => {
    const messy = [
      "# 头注释",
      "",
      "",
      '政策   "示例"{发文机关 "示例局"   施行日期 2024-01-01}',
      '条款 X-1 必须 依据 "满"',
      '      原文 "男55周岁以上" 出处 "一" {   # 正文',
      "",
      "参数 年龄上限 :整数=55周岁",
      "  # 关于规则",
      '应交流 r1 :当 周岁 年龄上限 以上 且( 性别 是 "男" ,',
      '或 计数 ( 任职经历 其中 学校 . 地域 属于 {"农村" ，"海岛" } ) > - 1 )',
      "",
      "}",
      '条款 X-2 可 原文 "x"{ }',
      "// 尾注释  ",
    ].join("\r\n");
    // (The `,` inside the parentheses is a syntax error; the same text without it is formatted below.)
    expect(formatText(messy, "x.policy").text).toBeUndefined();
    const out = formatText(messy.replace('"男" ,', '"男"'), "x.policy");
    expect(out.diagnostics).toEqual([]);
    expect(out.text).toBe(
      [
        "# 头注释",
        "",
        '政策 "示例" {',
        '  发文机关 "示例局"',
        "  施行日期 2024-01-01",
        "}",
        '条款 X-1 必须 依据 "满"',
        '  原文 "男55周岁以上" 出处 "一" { # 正文',
        "  参数 年龄上限: 整数 = 55周岁",
        "  # 关于规则",
        '  应交流 r1: 当 周岁 年龄上限 以上 且 (性别 是 "男"',
        '    或 计数(任职经历 其中 学校.地域 属于 {"农村"，"海岛"}) > -1)',
        "}",
        '条款 X-2 可 原文 "x" {}',
        "// 尾注释",
        "",
      ].join("\n"),
    );
  });

  it("lays out brackets over several lines from the line that opened them (4 deeper from a part's line)", () => {
    const text = [
      '政策 "示例" {',
      '  发文机关 "示例局"',
      "}",
      '条款 X-1 必须 原文 "x" {',
      "  定义 名单 = {",
      '"a", "b",',
      '              "c"',
      "      }",
      "  应交流 r1: 当 岗位 属于 名单",
      '         且 (岗位 是 "a"',
      '   或 岗位 是 "b")',
      "  应交流 r2:",
      "  当 较大值(1,",
      "2) > 0",
      "  且 真",
      "}",
    ].join("\n");
    expect(formatText(text, "x.policy").text).toBe(
      [
        '政策 "示例" {',
        '  发文机关 "示例局"',
        "}",
        '条款 X-1 必须 原文 "x" {',
        "  定义 名单 = {",
        '    "a", "b",',
        '    "c"',
        "  }",
        "  应交流 r1: 当 岗位 属于 名单",
        '      且 (岗位 是 "a"',
        '        或 岗位 是 "b")',
        "  应交流 r2:",
        // A bracket opened on a part's line: its contents 4 deeper, clear of the part's continuation (2 deeper).
        "    当 较大值(1,",
        "        2) > 0",
        "      且 真",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("refuses a text with errors, with their diagnostics", () => {
    const out = formatText('条款 X-1 必须 原文 "x" { 参数 : }', "x.policy");
    expect(out.text).toBeUndefined();
    expect(out.diagnostics.map((d) => d.code)).toContain("P001");
  });

  it("its guard tells a changed token or comment from a change of layout", () => {
    expect(sameTokens("a  满 b # c", "a 满\n  b # c")).toBe(true);
    expect(sameTokens("a 满 b # c", "a 以上 b # c")).toBe(false);
    expect(sameTokens("a 满 b # c", "a 满 b # d")).toBe(false);
    expect(sameTokens("a 满 b # c", "a 满 b")).toBe(false);
    expect(sameTokens("岗位 属于 x", "岗位属于 x")).toBe(false);
  });
});
