// Synthetic data generator — writing a dataset: JSON streamed record by
// record (a 1M-teacher file is far beyond what one JSON.stringify should
// build); YAML with one record per line.

import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import YAML from "yaml";
import type { GenDataset } from "./types.js";

export function writeJson(ds: GenDataset, file: string): number {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  let bytes = 0;
  let buf: string[] = [];
  let size = 0;
  const put = (s: string) => {
    buf.push(s);
    size += s.length;
    if (size > 1 << 20) flush();
  };
  const flush = () => {
    if (!buf.length) return;
    bytes += writeSync(fd, buf.join(""));
    buf = [];
    size = 0;
  };
  const list = (name: string, items: readonly unknown[], last = false) => {
    put(`${JSON.stringify(name)}:[\n`);
    for (let i = 0; i < items.length; i++) put((i ? ",\n" : "") + JSON.stringify(items[i]));
    put(`\n]${last ? "" : ","}\n`);
  };
  try {
    put(`{"as_of":${JSON.stringify(ds.as_of)},\n`);
    list("schools", ds.schools);
    list("teachers", ds.teachers);
    put(`"plan":{"school_year":${JSON.stringify(ds.plan.school_year)},"start":${JSON.stringify(ds.plan.start)},\n`);
    list("moves", ds.plan.moves, true);
    put("}}\n");
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export function toYaml(ds: GenDataset, header: readonly string[] = []): string {
  const line = (v: unknown) => YAML.stringify(v, { collectionStyle: "flow", lineWidth: 0 }).trimEnd();
  const out: string[] = header.map((h) => (h ? `# ${h}` : "#"));
  out.push(`as_of: ${ds.as_of}`, "schools:");
  for (const s of ds.schools) out.push(`  - ${line(s)}`);
  out.push("teachers:");
  for (const t of ds.teachers) out.push(`  - ${line(t)}`);
  out.push("plan:", `  school_year: ${ds.plan.school_year}`, `  start: ${ds.plan.start}`, "  moves:");
  for (const m of ds.plan.moves) out.push(`    - ${line(m)}`);
  return out.join("\n") + "\n";
}
