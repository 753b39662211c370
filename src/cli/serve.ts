// `lungang serve [--port N] [--policies DIR …]`: starts the local web app on
// 127.0.0.1 and prints its address; runs until interrupted (Ctrl+C), then
// drops every upload held in memory. Exit 0 after a clean stop, 2 when the
// port cannot be opened.

import { diag } from "../diagnostics/registry.js";
import { startServer } from "../server/serve.js";
import type { Args } from "./args.js";
import { report, type IO } from "./common.js";

export async function runServe(io: IO, args: Args): Promise<number> {
  const zh = args.lang === "zh";
  let started;
  try {
    started = await startServer({
      port: args.port ?? 8080,
      policies: [...args.policies, ...args.positional],
      // Method, path, status, time: no query strings, no bodies, so no names, dates or conditions.
      ...(args.verbose ? { log: (l: string) => io.err(l) } : {}),
    });
  } catch (e) {
    report(io, args, [diag("C003", { option: "--port", why: (e as Error).message })]);
    return 2;
  }
  const url = `http://127.0.0.1:${started.port}/`;
  io.out(
    zh
      ? `lungang 网页版已启动：${url}\n（只在本机可访问；按 Ctrl+C 停止）`
      : `lungang is running at ${url}\n(this machine only; Ctrl+C to stop)`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await started.close();
  return 0;
}
