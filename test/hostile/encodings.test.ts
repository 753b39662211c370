// Finding 4 of issue 9 and item 8 of issue 7: input encodings. UTF-8 with or
// without BOM and GB18030 read alike; a file in neither is refused (D080) with
// the byte offset and line, never decoded into U+FFFD.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/data/decode.js";
import { readDataset } from "../../src/data/read.js";
import { gb18030Encode } from "../../src/data/tabular/write.js";
import { ROOT, runCli } from "../support/policy.js";

const DISTRICT = join(ROOT, "examples/dalian/district.yaml");
const DALIAN = join(ROOT, "policies/dalian");

/** GB18030 bytes of a text: the encoder the roster writer uses (TextEncoder only writes UTF-8). */
const gb18030 = gb18030Encode;

function tmpFile(name: string, bytes: Uint8Array): string {
  const f = join(mkdtempSync(join(tmpdir(), "lungang-enc-")), name);
  writeFileSync(f, bytes);
  return f;
}

describe("encodings (issue 9 finding 4, issue 7 item 8)", () => {
  it("GB18030 district.yaml gives the same check result as the UTF-8 file", async () => {
    const utf8 = readFileSync(DISTRICT, "utf8");
    const gb = gb18030(utf8);
    expect(gb.equals(Buffer.from(utf8))).toBe(false); // really re-encoded
    const a = await runCli(["check", DISTRICT, "--policy", DALIAN, "--json"]);
    const b = await runCli(["check", tmpFile("district.yaml", gb), "--policy", DALIAN, "--json"]);
    expect(b.code).toBe(a.code);
    expect(b.err).toBe("");
    expect(JSON.parse(b.out).violations).toEqual(JSON.parse(a.out).violations);
    // 4 errors and 1 warning, as examples/dalian/README.md says (the planted per-school DL-R4
    // breach is no longer one: DL-R4 counts the district, issue 7.2).
    expect(JSON.parse(b.out).violations.length).toBe(5);
  });

  it("UTF-8 with a byte-order mark reads like UTF-8 without", () => {
    const text = readFileSync(DISTRICT);
    const plain = readDataset(tmpFile("d.yaml", text));
    const bom = readDataset(tmpFile("d.yaml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text])));
    expect(bom.diagnostics).toEqual(plain.diagnostics);
    expect(bom.value?.schools).toEqual(plain.value?.schools);
  });

  it("invalid bytes in a UTF-8 file are refused with the byte offset and line (D080), not read as U+FFFD", () => {
    const text = readFileSync(DISTRICT, "utf8").replace("schools:\n", "schools:\n").split("\n");
    // `district: \xff\xfe` on the 6th line of a UTF-8 file with Chinese names.
    const head = Buffer.from(text.slice(0, 5).join("\n") + "\n");
    const bytes = Buffer.concat([head, Buffer.from("district: "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]);
    const r = readDataset(tmpFile("d.yaml", bytes));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["D080"]);
    const args = (r.diagnostics[0] as unknown as { args: Record<string, number> }).args;
    expect(args.offset).toBe(head.length + "district: ".length);
    expect(args.line).toBe(6);
  });

  it("an ASCII file with a stray byte, UTF-16 and binary files are refused (D080)", () => {
    const ascii = decodeBytes(Buffer.from("as_of: 2024-09-01\ndistrict: \xff\xfe\n", "latin1"));
    expect(ascii.ok).toBe(false);
    if (!ascii.ok) expect(ascii.failure).toEqual({ reason: "invalid", offset: 28, line: 2 });
    const lone80 = decodeBytes(Buffer.from("name: \x80\n", "latin1"));
    expect(lone80.ok).toBe(false);
    const u16 = decodeBytes(Buffer.from("\ufeffas_of: 2024-09-01", "utf16le"));
    expect(u16.ok ? undefined : u16.failure.reason).toBe("utf16");
    const zip = decodeBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    expect(zip.ok ? undefined : zip.failure).toEqual({ reason: "binary", offset: 5, line: 1 });
  });

  it("never yields a replacement character for text that is either encoding", () => {
    for (const s of ["大连市中山区", "教师 T001：张三", "ASCII only"]) {
      const u = decodeBytes(Buffer.from(s));
      const g = decodeBytes(gb18030(s));
      expect(u.ok && u.value.text).toBe(s);
      expect(g.ok && g.value.text).toBe(s);
    }
  });
});
