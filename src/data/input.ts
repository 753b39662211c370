// Input files — a path → its decoded text, for every reader (datasets, case
// files, rosters, policies). The size is checked with stat before a byte is
// read, then decode.ts decodes. Never throws: D001 unreadable, D081 too large,
// D080 not UTF-8 or GB18030.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-data.js";
import "../diagnostics/codes-limits.js";
import { decodeFile, type Decoded } from "./decode.js";

export interface InputLimit {
  /** Bytes the file may have. */
  readonly maxBytes: number;
  /** How the format is named in D081 (`YAML`, `JSON`, `policy`). */
  readonly format: string;
  /** What to do instead, in English and Chinese. */
  readonly what: string;
  readonly what_zh: string;
}

/** The file's text, or the diagnostic that says why not. `file` labels diagnostics as given. */
export function readInputFile(file: string, limit: InputLimit): Result<Decoded> {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const st = fstatSync(fd);
    if (st.isDirectory()) return { diagnostics: [diag("D001", { file, reason: "EISDIR" }, { file })] };
    if (st.size > limit.maxBytes) {
      const { maxBytes, format, what, what_zh } = limit;
      return {
        diagnostics: [diag("D081", { file, size: st.size, limit: maxBytes, format, what, what_zh }, { file })],
      };
    }
    // Read exactly what stat promised (a file growing meanwhile is cut at the limit, then decoded).
    const bytes = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return decodeFile(bytes.subarray(0, got), file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    return { diagnostics: [diag("D001", { file, reason }, { file })] };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
