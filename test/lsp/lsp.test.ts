// `lungang lsp`: the Language Server Protocol adapter, spoken to over a pair
// of in-memory streams exactly as an editor would over stdio — initialize,
// open a policy with an error (the lint's code and span arrive as a
// diagnostic), hover a clause id (its 原文), go to a parameter's definition,
// complete a name, format (edits of whitespace only, comments kept).

import { PassThrough } from "node:stream";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/policy.js";
import { runLsp } from "../../src/lsp/server.js";
import { formatPolicy } from "../../src/index.js";
import { sameTokens } from "../../src/syntax/format.js";

const input = new PassThrough();
const output = new PassThrough();
void runLsp("zh", input, output);

let buffer = Buffer.alloc(0);
const waiting: ((m: Record<string, unknown>) => boolean)[] = [];
output.on("data", (c: Buffer) => {
  buffer = Buffer.concat([buffer, c]);
  for (;;) {
    const head = buffer.indexOf("\r\n\r\n");
    if (head < 0) return;
    const len = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, head).toString())![1]);
    if (buffer.length < head + 4 + len) return;
    const msg = JSON.parse(buffer.subarray(head + 4, head + 4 + len).toString("utf8")) as Record<string, unknown>;
    buffer = buffer.subarray(head + 4 + len);
    for (let i = 0; i < waiting.length; i++) if (waiting[i]!(msg)) waiting.splice(i--, 1);
  }
});
function send(m: Record<string, unknown>): void {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...m }), "utf8");
  input.write(`Content-Length: ${body.length}\r\n\r\n`);
  input.write(body);
}
function next(pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((res) =>
    waiting.push((m) => {
      if (!pred(m)) return false;
      res(m);
      return true;
    }),
  );
}
let id = 0;
async function request(method: string, params: unknown): Promise<unknown> {
  const n = ++id;
  const reply = next((m) => m.id === n);
  send({ id: n, method, params });
  return ((await reply) as { result: unknown }).result;
}

const FILE = join(ROOT, "policies/dalian/dalian.policy");
const URI = pathToFileURL(FILE).href;
const TEXT = readFileSync(FILE, "utf8");
/** Line and character of an offset (LSP positions; the texts here are in the BMP, so UTF-16 = code units). */
function pos(text: string, offset: number) {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

// The streams stay open to the end: closing them makes the library exit the process, as an editor's exit would.

describe("lungang lsp", () => {
  it("initializes with hover, definition, completion and formatting", async () => {
    const r = (await request("initialize", { processId: null, rootUri: null, capabilities: {} })) as {
      capabilities: Record<string, unknown>;
    };
    send({ method: "initialized", params: {} });
    expect(r.capabilities).toMatchObject({
      hoverProvider: true,
      definitionProvider: true,
      documentFormattingProvider: true,
    });
  });

  it("publishes the lint's diagnostic (code N001, the misspelt name's span) for an unsaved buffer", async () => {
    const broken = TEXT.replace("满 任教年限门槛", "满 任教年线门槛");
    const published = next((m) => m.method === "textDocument/publishDiagnostics");
    send({
      method: "textDocument/didOpen",
      params: { textDocument: { uri: URI, languageId: "lungang", version: 1, text: broken } },
    });
    const d = (
      (await published) as {
        params: { diagnostics: { code: string; range: { start: { line: number; character: number } } }[] };
      }
    ).params.diagnostics;
    const n001 = d.find((x) => x.code === "N001")!;
    expect(n001).toBeTruthy();
    expect(n001.range.start).toEqual(pos(broken, broken.indexOf("任教年线门槛")));
    // (didOpen may publish twice; the fixed text's publication is the one without N001.)
    const fixed = next(
      (m) =>
        m.method === "textDocument/publishDiagnostics" &&
        !(m.params as { diagnostics: { code: string }[] }).diagnostics.some((x) => x.code === "N001"),
    );
    send({
      method: "textDocument/didChange",
      params: { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: TEXT }] },
    });
    const after = ((await fixed) as { params: { diagnostics: { code: string }[] } }).params.diagnostics;
    expect(after.map((x) => x.code)).not.toContain("N001");
  });

  it("hovers a clause id with its 原文 and a parameter with its value; finds the parameter's definition", async () => {
    const clauseAt = TEXT.indexOf("DL-T1");
    const h = (await request("textDocument/hover", {
      textDocument: { uri: URI },
      position: pos(TEXT, clauseAt + 2),
    })) as {
      contents: { value: string };
    };
    expect(h.contents.value).toContain("在同一所学校任教满9年及以上的教师");
    const use = TEXT.indexOf("满 任教年限门槛") + 2;
    const hp = (await request("textDocument/hover", { textDocument: { uri: URI }, position: pos(TEXT, use + 1) })) as {
      contents: { value: string };
    };
    expect(hp.contents.value).toContain("9年");
    const def = (await request("textDocument/definition", {
      textDocument: { uri: URI },
      position: pos(TEXT, use + 1),
    })) as {
      uri: string;
      range: { start: unknown };
    };
    expect(def.uri).toBe(URI);
    expect(def.range.start).toEqual(pos(TEXT, TEXT.indexOf("参数 任教年限门槛") + 3));
  });

  it("formats with edits of the whitespace only: the writer's comments stay", async () => {
    // dalian.policy (canonical) with its indentation lost: every comment must come back where it was.
    const canonical = formatPolicy(TEXT, FILE).value!;
    const messy = canonical.replace(/\n +/g, "\n");
    expect(sameTokens(canonical, messy)).toBe(true);
    send({
      method: "textDocument/didChange",
      params: { textDocument: { uri: URI, version: 3 }, contentChanges: [{ text: messy }] },
    });
    const edits = (await request("textDocument/formatting", {
      textDocument: { uri: URI },
      options: { tabSize: 2, insertSpaces: true },
    })) as {
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      newText: string;
    }[];
    expect(edits.length).toBeGreaterThan(10);
    expect(edits.every((e) => e.newText.trim() === "")).toBe(true);
    // Applied from the last (offsets of the buffer as sent), they give the canonical text.
    const starts = [0, ...[...messy.matchAll(/\n/g)].map((m) => m.index + 1)];
    const offset = (p: { line: number; character: number }) => starts[p.line]! + p.character;
    let out = messy;
    for (const e of [...edits].reverse())
      out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
    expect(out).toBe(canonical);
    send({
      method: "textDocument/didChange",
      params: { textDocument: { uri: URI, version: 4 }, contentChanges: [{ text: TEXT }] },
    });
  });

  it("completes names of both spellings and the policy's own", async () => {
    const items = (await request("textDocument/completion", {
      textDocument: { uri: URI },
      position: pos(TEXT, TEXT.length),
    })) as {
      label: string;
    }[];
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["条款", "clause", "任教年限门槛", "DL-T1", "本校任教年限"]));
  });

  it("hovers a district's declared fact with its declaration; completes its facts and the values it adds", async () => {
    const file = join(ROOT, "examples/local-deferral/district.policy");
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, "utf8");
    const published = next(
      (m) => m.method === "textDocument/publishDiagnostics" && (m.params as { uri: string }).uri === uri,
    );
    send({
      method: "textDocument/didOpen",
      params: { textDocument: { uri, languageId: "lungang", version: 1, text } },
    });
    await published;
    // `当 学校.山区学校`: the school fact this district declares.
    const use = text.indexOf("学校.山区学校") + "学校.".length + 1;
    const h = (await request("textDocument/hover", { textDocument: { uri }, position: pos(text, use) })) as {
      contents: { value: string };
    } | null;
    const shown = h!.contents.value;
    expect(shown).toContain("山区学校 / mountain_school");
    expect(shown).toContain(
      '事实 学校 山区学校 (mountain_school): 布尔 表头 "是否山区学校", "山区学校" 说明 "学校地处山区"',
    );
    // `情形`: a built-in enum the district extends — the declaration lists its value 援派支教 with its other spelling.
    const cond = text.indexOf("当 情形") + 3;
    const hc = (await request("textDocument/hover", { textDocument: { uri }, position: pos(text, cond) })) as {
      contents: { value: string };
    };
    expect(hc.contents.value).toMatch(/事实 人员 情形 \(conditions\): 枚举集合 \{/);
    expect(hc.contents.value).toContain('"援派支教" (aid_assignment) 又称 "援疆援藏支教"');
    // Completion at the end of the file: the declared fact and the added value, besides the built-in ones.
    const items = (await request("textDocument/completion", {
      textDocument: { uri },
      position: pos(text, text.length),
    })) as { label: string; kind: number; detail?: string }[];
    const byLabel = new Map(items.map((i) => [i.label, i]));
    expect(byLabel.get("山区学校")?.detail).toContain("mountain_school");
    expect(byLabel.get("mountain_school")).toBeDefined();
    expect(byLabel.get("援派支教")?.detail).toContain("aid_assignment");
    expect(byLabel.get("aid_assignment")?.detail).toContain("援派支教");
    expect(byLabel.get("本校任教年限")).toBeDefined();
    // dalian does not declare them: its completion offers neither.
    const dalian = (await request("textDocument/completion", {
      textDocument: { uri: URI },
      position: pos(TEXT, TEXT.length),
    })) as { label: string }[];
    expect(dalian.map((i) => i.label)).not.toContain("山区学校");
    expect(dalian.map((i) => i.label)).not.toContain("援派支教");
    expect(dalian.map((i) => i.label)).toContain("哺乳期");
  });
});
