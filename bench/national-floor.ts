// The floor of `npm run bench:national`: the bare streaming read of a CSV
// folder — bytes split into lines and fields and stored as typed columns
// (dates as day numbers, labels as small integers, numbers as floats, ids and
// other text as strings), no validation, no diagnostics, no rules. A plain
// loop over the bytes, as a hand-written importer would do it: what reading
// the files costs at least. Prints {rows, cpu, rss} as JSON.
//
//   node dist/bench/national-floor.js bench/out/national

import { createReadStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { fromYmd } from "../src/time/date.js";

/** A growing column of one typed-array type. */
class Col<A extends Int32Array | Float64Array | Uint8Array> {
  n = 0;
  constructor(public a: A) {}
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new (this.a.constructor as new (n: number) => A)(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

const DIGIT = (b: number) => b - 48;

/** YYYY-MM-DD at bytes [a, b) → a day number (NaN when not that form). */
function day(buf: Uint8Array, a: number, b: number): number {
  if (b - a !== 10) return NaN;
  const y = DIGIT(buf[a]!) * 1000 + DIGIT(buf[a + 1]!) * 100 + DIGIT(buf[a + 2]!) * 10 + DIGIT(buf[a + 3]!);
  const m = DIGIT(buf[a + 5]!) * 10 + DIGIT(buf[a + 6]!);
  const d = DIGIT(buf[a + 8]!) * 10 + DIGIT(buf[a + 9]!);
  return fromYmd(y, m, d) ?? NaN;
}

/** One file: every field of every line into a column by the header's guess of its type. */
async function readFile(path: string): Promise<number> {
  const decoder = new TextDecoder();
  const labels = new Map<string, number>();
  let kinds: ("date" | "num" | "label" | "text")[] | undefined;
  let cols: (Col<Int32Array> | Col<Float64Array> | Col<Uint8Array> | string[])[] = [];
  let rows = 0;
  let rest: Buffer = Buffer.alloc(0);
  const line = (buf: Buffer, from: number, to: number) => {
    if (!kinds) {
      // The header: a column's kind by its name (dates end in 日期/时间/年月; counts are 年限).
      const names = decoder.decode(buf.subarray(from, to)).split(",");
      kinds = names.map((h) =>
        /日期|时间|年月/.test(h)
          ? "date"
          : /年限/.test(h)
            ? "num"
            : /^(工号|学校|调出学校|调入学校|姓名|学校名称|学校代码|区县)$/.test(h)
              ? "text"
              : "label",
      );
      cols = kinds.map((k) =>
        k === "date"
          ? new Col(new Int32Array(1024))
          : k === "num"
            ? new Col(new Float64Array(1024))
            : k === "label"
              ? new Col(new Uint8Array(1024))
              : [],
      );
      return;
    }
    rows++;
    let a = from;
    for (let i = 0; i < kinds.length; i++) {
      let b = a;
      while (b < to && buf[b] !== 44) b++;
      const k = kinds[i]!;
      const c = cols[i]!;
      if (k === "date") (c as Col<Int32Array>).push(day(buf, a, b));
      else if (k === "num") {
        let v = 0;
        for (let j = a; j < b; j++) v = v * 10 + DIGIT(buf[j]!);
        (c as Col<Float64Array>).push(b > a ? v : NaN);
      } else if (k === "label") {
        // The label's bytes as the key (latin1: one character a byte, no decoding).
        const s = b > a ? buf.toString("latin1", a, b) : "";
        let code = labels.get(s);
        if (code === undefined) labels.set(s, (code = labels.size));
        (c as Col<Uint8Array>).push(code);
      } else (c as string[]).push(buf.toString("utf8", a, b));
      a = b + 1;
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf: Buffer = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let p = 0;
    for (let e = buf.indexOf(10, p); e >= 0; e = buf.indexOf(10, p)) {
      line(buf, p, e > p && buf[e - 1] === 13 ? e - 1 : e);
      p = e + 1;
    }
    rest = buf.subarray(p);
  }
  if (rest.length) line(rest, 0, rest.length);
  return rows;
}

function peakMB(): number {
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024;
}

const dir = process.argv[2]!;
let rows = 0;
for (const f of ["schools.csv", "teachers.csv", "moves.csv", "history.csv"]) rows += await readFile(join(dir, f));
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ rows, cpu: (cpu.user + cpu.system) / 1e6, rss: peakMB() }) + "\n");
