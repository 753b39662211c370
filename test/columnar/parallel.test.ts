// The columnar reader on several threads (src/columnar/parallel.ts): a CSV
// file cut into parts gives exactly the one-thread reading — the same rows,
// the same diagnostics with the same lines and byte offsets — also where a
// part cannot be read on its own (a quoted line break across a cut, a byte
// that does not decode, a construct only csv-parse reads), in GB18030, with
// CRLF, a byte-order mark and a title row above the header. The property test
// (columnar.test.ts, via test/support/columnar.ts) holds cut readings of
// damaged generated folders to the same; here the cases are made to hit the
// cuts. Without a worker script (these sources under the test runner) the
// parts are read here; the last test runs the built reader with real threads.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.js";
import { readColumnar, type ColumnarResult } from "../../src/columnar/read.js";
import { readInParallel, type ReadStats } from "../../src/columnar/parallel.js";
import { Pool } from "../../src/columnar/pool.js";
import { BUILTIN_SCHEMA, Sink } from "../../src/data/tabular/read.js";
import { parseDatasetText } from "../../src/data/read.js";
import { gb18030Encode, writeDatasetCsv } from "../../src/data/tabular/write.js";
import { ROOT } from "../support/policy.js";

/** A generated folder (CRLF, UTF-8 with the writer's BOM), its teachers.csv then edited line by line. */
function folder(seed: number, teachers: number, edit?: (lines: string[]) => void): string {
  const raw = generate({ seed, teachers, schools: Math.max(2, Math.round(teachers / 40)), violations: true });
  const ds = parseDatasetText(JSON.stringify(raw), "generated.json", "json").value!;
  const dir = mkdtempSync(join(tmpdir(), "lungang-parallel-"));
  writeDatasetCsv(ds, dir, "utf-8");
  if (edit) {
    const path = join(dir, "teachers.csv");
    const lines = readFileSync(path, "utf8").split("\r\n");
    edit(lines);
    writeFileSync(path, lines.join("\r\n"));
  }
  return dir;
}

/** Everything a reading gives, as comparable data: diagnostics, intake, every teacher's and move's values. */
function shown(r: ColumnarResult): unknown {
  if (r.irregular) return "irregular";
  const v = r.value;
  const rows = (t: { rows: number; load(r: number, into: Record<string, unknown>): Record<string, unknown> }) =>
    Array.from({ length: t.rows }, (_, i) => JSON.stringify(t.load(i, {})));
  return {
    diagnostics: r.diagnostics.map((d) => `${d.code} ${d.path ?? ""} ${d.message}`),
    ...(v
      ? {
          intake: v.intake,
          teachers: rows(v.teachers),
          moves: v.moves ? rows(v.moves) : [],
          history: v.history ? [...v.history.order].map((i) => JSON.stringify(v.history!.cols.load(i, {}))) : [],
        }
      : {}),
  };
}

async function sameInParts(dir: string, partBytes = 1024): Promise<{ stats: ReadStats; one: unknown }> {
  const one = shown(await readColumnar(dir, { threads: 1 }));
  const stats: ReadStats = { workers: 0, parts: 0, rereads: 0 };
  const cut = shown(await readColumnar(dir, { threads: 2, partBytes, stats }));
  expect(cut).toEqual(one);
  return { stats, one };
}

describe("a CSV folder read in parts ≡ read on one thread", () => {
  it("damaged rows: the same values and diagnostics, lines counted across the cuts", async () => {
    const dir = folder(3, 400, (lines) => {
      for (let i = 5; i < lines.length - 1; i += 23) lines[i] = lines[i]!.replace(/\d{4}-\d{2}-\d{2}/, "1980-13-01");
    });
    const { stats, one } = await sameInParts(dir);
    expect(stats.parts).toBeGreaterThan(20);
    expect(stats.rereads).toBe(0);
    // The diagnostics name lines of every part, not only the first.
    const lines = (one as { diagnostics: string[] }).diagnostics.map((d) =>
      Number(/teachers\.csv!\D*(\d+)/.exec(d)?.[1]),
    );
    expect(Math.max(...lines)).toBeGreaterThan(300);
  });

  it("a quoted line break across a cut: that file is read again whole", async () => {
    const dir = folder(4, 300, (lines) => {
      for (let i = 3; i < lines.length - 1; i += 2) {
        const cells = lines[i]!.split(",");
        cells[2] = `"${cells[1]}\n${cells[1]}，${cells[1]}"`;
        lines[i] = cells.join(",");
      }
    });
    const { stats, one } = await sameInParts(dir);
    expect(one).not.toBe("irregular");
    expect(stats.rereads).toBeGreaterThan(0);
  });

  it("a byte that does not decode in a late part: the same D080, offset and line", async () => {
    // Past the first MiB (where the encoding is decided, as the one-thread reading decides it).
    const dir = folder(5, 12_000);
    const path = join(dir, "teachers.csv");
    const bytes = readFileSync(path);
    const at = bytes.lastIndexOf(0x0a, bytes.length - 200) + 3;
    bytes[at] = 0xff;
    writeFileSync(path, bytes);
    const { stats, one } = await sameInParts(dir, 1 << 16);
    expect(stats.rereads).toBe(1);
    const d080 = (one as { diagnostics: string[] }).diagnostics.find((d) => d.startsWith("D080"));
    expect(d080).toContain(String(at));
  });

  it("a quote inside an unquoted field in a late part: irregular either way (csv-parse reads the folder)", async () => {
    const dir = folder(6, 300, (lines) => {
      const i = lines.length - 10;
      lines[i] = lines[i]!.replace(",", ',a"b');
    });
    expect((await sameInParts(dir)).one).toBe("irregular");
  });

  it("GB18030, LF line breaks, no byte-order mark, a title row above the header", async () => {
    const dir = folder(7, 400);
    for (const f of ["teachers.csv", "schools.csv", "moves.csv", "history.csv"]) {
      const p = join(dir, f);
      let text = readFileSync(p, "utf8")
        .replace(/^\uFEFF/, "")
        .replace(/\r\n/g, "\n");
      if (f === "teachers.csv") text = "2025年教师花名册\n" + text;
      writeFileSync(p, gb18030Encode(text));
    }
    const { stats } = await sameInParts(dir);
    expect(stats.parts).toBeGreaterThan(20);
    expect(stats.rereads).toBe(0);
  });
});

describe("the built reader with worker threads", () => {
  it("`lungang check` answers the same with LUNGANG_THREADS=2 (files in parts, districts solved apart) and =1", () => {
    expect(existsSync(join(ROOT, "dist", "bundle", "read-worker.mjs"))).toBe(true);
    const dir = folder(13, 2000, (lines) => {
      for (const i of [1990, 1995]) lines[i] = lines[i]!.replace(/\d{4}-\d{2}-\d{2}/, "2099-01-01");
    });
    const run = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        [
          join(ROOT, "bin", "lungang.js"),
          "check",
          dir,
          "--policy",
          join(ROOT, "policies", "dalian"),
          "--format",
          "json",
        ],
        { encoding: "utf8", env: { ...process.env, ...env } },
      );
    const one = run({ LUNGANG_THREADS: "1" });
    // Files cut into parts read by the reading threads, the districts dealt to the solving threads a district at a time.
    const two = run({
      LUNGANG_THREADS: "2",
      LUNGANG_PART_BYTES: "8192",
      LUNGANG_SOLVE_MIN: "0",
      LUNGANG_SEARCH_BATCH: "1",
    });
    expect(one.stderr).toBe("");
    expect(two.stderr).toBe("");
    expect(two.status).toBe(one.status);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).counts.rejected).toBeGreaterThan(0);
    expect(JSON.parse(one.stdout).infeasible.length).toBeGreaterThan(0);
  }, 60_000);

  it("the built module starts worker threads and reads the parts on them", async () => {
    const built = join(ROOT, "dist", "src", "columnar", "read.js");
    const { readColumnar: builtRead } = (await import(built)) as typeof import("../../src/columnar/read.js");
    const dir = folder(9, 800);
    const stats: ReadStats = { workers: 0, parts: 0, rereads: 0 };
    const cut = shown(await builtRead(dir, { threads: 2, partBytes: 4096, stats }));
    expect(stats.workers).toBe(2);
    expect(stats.parts).toBeGreaterThan(10);
    expect(cut).toEqual(shown(await readColumnar(dir, { threads: 1 })));
  }, 60_000);

  it("a thread that dies fails the reading (no hang): every task queued behind it too", async () => {
    const dir = folder(10, 300);
    const script = join(mkdtempSync(join(tmpdir(), "lungang-worker-")), "dies.mjs");
    writeFileSync(script, 'throw new Error("worker died");\n');
    const jobs = (["school", "teacher", "move", "history"] as const).map((kind, i) => {
      const name = ["schools.csv", "teachers.csv", "moves.csv", "history.csv"][i]!;
      return { kind, name, path: join(dir, name) };
    });
    await expect(
      readInParallel(jobs, BUILTIN_SCHEMA, new Sink(dir), { threads: 2, partBytes: 1024, onRows: () => {}, script }),
    ).rejects.toThrow("worker died");
  }, 60_000);

  it("a thread is given its next task while it works on one, never more than two, answered in order; poll() takes answers", async () => {
    // A thread working serially: each answer says how many tasks it had been given by then.
    const script = join(mkdtempSync(join(tmpdir(), "lungang-worker-")), "serial.mjs");
    writeFileSync(
      script,
      [
        'import { parentPort, workerData } from "node:worker_threads";',
        "let given = 0;",
        "let last = Promise.resolve();",
        'parentPort.on("message", (n) => {',
        "  given++;",
        "  last = last",
        "    .then(() => new Promise((r) => setTimeout(r, 200)))",
        "    .then(() => workerData.answers.postMessage({ result: [n, given] }));",
        "});",
        "",
      ].join("\n"),
    );
    const pool = new Pool<number, [number, number]>(script, 1, undefined, async (n) => [n, 0], undefined, 2, true);
    try {
      const answers = await Promise.all([1, 2, 3, 4].map((n) => pool.run(n)));
      // Task 1 is answered with task 2 waiting at the thread (2 given), not tasks 3 and 4 too.
      expect(answers.map(([n]) => n)).toEqual([1, 2, 3, 4]);
      expect(answers[0]![1]).toBe(2);
      expect(answers.every(([n, given]) => given <= n + 1)).toBe(true);
      // poll(): an answer already there is taken while this thread is busy (no event loop turn).
      const more = [pool.run(5), pool.run(6)];
      expect(pool.room).toBe(false);
      const until = Date.now() + 900;
      while (Date.now() < until);
      expect(pool.room).toBe(false);
      pool.poll();
      expect(pool.room).toBe(true);
      expect((await Promise.all(more)).map(([n]) => n)).toEqual([5, 6]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("a task given after every thread died fails at once; without a script the tasks run one after another", async () => {
    const script = join(mkdtempSync(join(tmpdir(), "lungang-worker-")), "dies.mjs");
    writeFileSync(script, 'throw new Error("worker died");\n');
    const dead = new Pool<number, number>(script, 1, undefined, async (n) => n);
    await expect(dead.run(1)).rejects.toThrow("worker died");
    await expect(dead.run(2)).rejects.toThrow("has died");
    await dead.close();
    const order: string[] = [];
    const here = new Pool<number, number>(undefined, 2, undefined, async (n) => {
      order.push(`start ${n}`);
      await new Promise((r) => setTimeout(r, 5));
      order.push(`end ${n}`);
      return n;
    });
    expect(await Promise.all([here.run(1), here.run(2)])).toEqual([1, 2]);
    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });
});
