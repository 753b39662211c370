// `lungang serve`: the local web app over HTTP, bound to 127.0.0.1 only.
// Routes requests to api.ts, serves the page and its bundled script, and
// guards the edges: a strict Content-Security-Policy (the page reaches no
// network), Host and custom-header checks (no other site can drive it),
// upload size limits, and logs that carry method, path and status only.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../diagnostics/registry.js";
import { CHART_SCRIPT, REPORT_CSS } from "../render/html-report.js";
import { CASE_CSS } from "../render/html-case.js";
import { echartsMin } from "../render/report.js";
import * as api from "./api.js";
import { listPolicies, packageDir, rootsFor, type Root } from "./roots.js";
import { MAX_UPLOAD, Scratch, Sessions, type UploadFile } from "./uploads.js";

export interface ServeOptions {
  readonly port: number;
  readonly policies: readonly string[];
  /** Where a line per request goes (method, path without query, status, time); never a person's data. */
  readonly log?: (line: string) => void;
}

/** JSON request bodies other than uploads (a policy file, a case form) stay small. */
const MAX_JSON = 2 * 1024 * 1024;

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

function page(): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>轮岗 lungang</title><link rel="stylesheet" href="/app.css"><link rel="stylesheet" href="/report.css"></head>
<body><div id="app"></div>
<script src="/echarts.min.js"></script><script src="/report-charts.js"></script><script src="/app.js"></script></body></html>`;
}

/** The bundled client (esbuild, at build time): dist/web/app.js and app.css in the package. */
function asset(name: string): Buffer | undefined {
  const p = join(packageDir(), "dist", "web", name);
  return existsSync(p) ? readFileSync(p) : undefined;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((res, rej) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      rej(new BodyTooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        rej(new BodyTooLarge());
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => res(Buffer.concat(chunks)));
    req.on("error", rej);
  });
}

export function startServer(o: ServeOptions): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const roots: Root[] = rootsFor(o.policies);
  const sessions = new Sessions();
  const scratch = new Scratch();
  const log = o.log ?? (() => {});
  const server = createServer((req, res) => {
    const t0 = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    res.on("finish", () => log(`${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - t0}ms`));
    handle(req, res, url).catch((e: unknown) => fail(res, e));
  });

  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      "Content-Type": type,
      "Content-Security-Policy": CSP,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
      ...extra,
    });
    res.end(body);
  };
  const json = (res: ServerResponse, v: unknown, status = 200) =>
    send(res, status, "application/json; charset=utf-8", JSON.stringify(v));
  const fail = (res: ServerResponse, e: unknown) => {
    if (res.headersSent) return res.end();
    if (e instanceof api.ApiError) return json(res, { error: e.messages }, e.status);
    if (e instanceof BodyTooLarge) return json(res, { error: ["upload too large / 上传文件过大"] }, 413);
    // A bug: say so without the request's content (it may hold a roster).
    log(`internal error: ${(e as Error).message}`);
    json(res, { error: ["internal error (a bug in lungang)"] }, 500);
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // DNS rebinding: a page elsewhere that resolves its name to 127.0.0.1 still sends its own Host.
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    if (host !== "127.0.0.1" && host !== "localhost") return json(res, { error: ["bad host"] }, 403);
    const path = url.pathname;
    const lang: Lang = url.searchParams.get("lang") === "en" ? "en" : "zh";
    if (req.method === "GET") {
      switch (path) {
        case "/":
          return send(res, 200, "text/html; charset=utf-8", page());
        case "/app.js":
        case "/app.css": {
          const a = asset(path.slice(1));
          if (!a) return send(res, 500, "text/plain", "the web client is not built: run `npm run build`");
          return send(res, 200, path.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8", a);
        }
        case "/report.css":
          return send(res, 200, "text/css; charset=utf-8", REPORT_CSS + CASE_CSS);
        case "/echarts.min.js":
          return send(res, 200, "text/javascript; charset=utf-8", echartsMin(), { "Cache-Control": "max-age=3600" });
        case "/report-charts.js":
          return send(res, 200, "text/javascript; charset=utf-8", CHART_SCRIPT);
        case "/api/policies":
          return json(res, listPolicies(roots));
        case "/api/fields":
          return json(res, api.caseFields(roots, q(url, "policy"), lang));
        case "/api/file":
          return json(res, api.readPolicyFile(roots, q(url, "policy"), q(url, "file"), lang));
      }
      const s = sessions.get(url.searchParams.get("token"));
      if (path.startsWith("/api/session/") && !s)
        return json(
          res,
          { error: [lang === "zh" ? "数据已失效，请重新上传" : "this upload has expired; upload again"] },
          410,
        );
      switch (path) {
        case "/api/session/school":
          return json(res, api.schoolPeople(s!, q(url, "id")));
        case "/api/session/person":
          return json(res, api.personAnswer(s!, q(url, "id")));
        case "/api/session/report.html":
          return send(res, 200, "text/html; charset=utf-8", api.downloadHtml(s!), {
            "Content-Disposition": `attachment; filename="report.html"`,
          });
        case "/api/session/report.xlsx":
          return send(
            res,
            200,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            await api.downloadXlsx(s!),
            { "Content-Disposition": `attachment; filename="report.xlsx"` },
          );
      }
      return json(res, { error: ["not found"] }, 404);
    }
    // Writes need the page's own header: a form or image on another site cannot set it.
    if (req.method !== "POST" || req.headers["x-lungang"] !== "1") return json(res, { error: ["forbidden"] }, 403);
    if (path === "/api/check") {
      const body = await readBody(req, MAX_UPLOAD);
      const s = await api.checkUpload(
        roots,
        sessions,
        scratch,
        q(url, "policy"),
        splitFiles(q(url, "files"), body),
        lang,
      );
      return json(res, api.reportView(s));
    }
    const b = JSON.parse((await readBody(req, MAX_JSON)).toString("utf8") || "{}") as Record<string, unknown>;
    const str = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
    const num = (k: string) => (typeof b[k] === "number" ? (b[k] as number) : 0);
    // Where in which editor buffer: the policy, its file, the text as typed (unsaved) and an offset.
    const at = () => ({ policy: str("policy"), file: str("file"), text: str("text"), offset: num("offset") });
    switch (path) {
      case "/api/case":
        return json(res, api.formCase(roots, str("policy"), b.case, lang));
      case "/api/lint":
        return json(res, api.lintBuffer(roots, str("policy"), str("file"), str("text"), lang));
      case "/api/hover":
      case "/api/complete":
        return json(res, api.atOffset(path === "/api/hover" ? "hover" : "complete", roots, at(), lang));
      case "/api/save":
        return json(res, api.savePolicyFile(roots, str("policy"), str("file"), str("text"), lang));
      case "/api/test":
        return json(res, await api.runPolicyTests(roots, at(), lang));
    }
    return json(res, { error: ["not found"] }, 404);
  }

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // 127.0.0.1 and nothing else: a roster never leaves the machine.
    server.listen(o.port, "127.0.0.1", () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : o.port;
      resolve({
        server,
        port,
        close: () =>
          new Promise<void>((r) => {
            sessions.clear();
            scratch.dispose();
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/**
 * Several files in one body: `files` lists `name:size` pairs (names URL-encoded)
 * and the body is their bytes one after another. Sizes that do not add up are
 * refused rather than guessed.
 */
function splitFiles(list: string, body: Buffer): UploadFile[] {
  const out: UploadFile[] = [];
  let at = 0;
  for (const part of list.split(",").filter(Boolean)) {
    const i = part.lastIndexOf(":");
    const size = Number(part.slice(i + 1));
    if (i <= 0 || !Number.isInteger(size) || size < 0 || at + size > body.length)
      throw new api.ApiError(400, ["malformed upload"]);
    out.push({ name: decodeURIComponent(part.slice(0, i)), bytes: body.subarray(at, at + size) });
    at += size;
  }
  if (at !== body.length || out.length === 0) throw new api.ApiError(400, ["malformed upload"]);
  return out;
}

function q(url: URL, k: string): string {
  return url.searchParams.get(k) ?? "";
}
