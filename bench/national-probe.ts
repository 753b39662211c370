// Loaded with `node --import` into a `lungang check` process by bench/national.ts:
// at exit it appends the process's CPU time (all threads) and peak resident
// memory (VmHWM) as one JSON line to the file named by LUNGANG_PROBE.

import { appendFileSync, readFileSync } from "node:fs";

const out = process.env.LUNGANG_PROBE;
if (out)
  process.on("exit", (code) => {
    const cpu = process.cpuUsage();
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    const rss = m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024;
    appendFileSync(out, JSON.stringify({ code, cpu: (cpu.user + cpu.system) / 1e6, rss }) + "\n");
  });
