// Proposal input — the bureau's own constraints (`propose --constraints FILE`):
// a YAML/JSON mapping with optional `must_move`, `must_not_move` (teacher ids),
// `capacity` (school id → most people it can receive) and `requests` (school
// id → the people it asks for: a headcount `count` and/or `subjects`, 任教学科
// → number). Every id and subject must be in the dataset. A file that cannot
// be read or parsed, or is not a mapping, is one R002; every wrong field is
// its own R005 with its position and path, all reported at once — never a
// guess, never only the first.

import { readFileSync } from "node:fs";
import YAML, { type Document } from "yaml";
import type { Dataset } from "../data/model.js";
import { formatPath, lineCol, spanAt, type Segment } from "../data/read.js";
import { MAX_YAML_ALIASES } from "../data/limits.js";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { diag, type Localized } from "../diagnostics/registry.js";
import { closest } from "../diagnostics/suggest.js";
import "../diagnostics/codes-propose.js";
import type { BureauConstraints, BureauRequest } from "./propose.js";

/** The keys of a constraints file, and of one school's request. */
export const CONSTRAINT_KEYS = ["must_move", "must_not_move", "capacity", "requests"] as const;
export const REQUEST_KEYS = ["count", "subjects"] as const;

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const isCount = (v: unknown, least: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= least;
const words = (en: string, zh: string): Localized => ({ en, zh });

/** The file as a whole is unusable (unreadable, not YAML/JSON, not a mapping): one R002. */
const whole = (file: string, why: string): Result<BureauConstraints> => ({
  diagnostics: [diag("R002", { file, why })],
});

/** Read and validate a constraints file against the dataset it applies to. */
export function readConstraints(file: string, data: Dataset): Result<BureauConstraints> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return whole(file, (e as Error).message);
  }
  return parseConstraintsText(text, file, data);
}

/** The same, from the file's text (the positions are offsets into it). */
export function parseConstraintsText(text: string, file: string, data: Dataset): Result<BureauConstraints> {
  // The yaml library reads JSON too, skips a byte-order mark and reports offsets into the original text.
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) return whole(file, (doc.errors[0]!.message.split("\n")[0] ?? "").trim());
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    return whole(file, (e as Error).message);
  }
  if (!isMapping(raw)) return whole(file, "expected a mapping");
  const found = new Fields(doc, text, file);
  const value = validate(raw, data, found);
  // In the order of the file (a field's findings in the order they were found).
  const diagnostics = found.diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.span?.start ?? 0) - (b.d.span?.start ?? 0) || a.i - b.i)
    .map((x) => x.d);
  return diagnostics.length ? { diagnostics } : { value, diagnostics: [] };
}

/** The R005 findings of one file, each at the node its path names. */
class Fields {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly file: string,
  ) {}

  /** `segs` is wrong because `why`; `key`: point at the key itself (an unknown id or key), not its value. */
  bad(segs: readonly Segment[], why: Localized, opts: { key?: boolean; help?: string } = {}): void {
    const path = formatPath(segs);
    const span = spanAt(this.doc, this.text, this.file, segs, opts.key ? "key" : "value");
    const { line, col } = span ? lineCol(this.text, span.start) : { line: 1, col: 1 };
    this.diagnostics.push(
      diag(
        "R005",
        { file: this.file, line, col, path, why },
        { file: this.file, path, ...(span ? { span } : {}), ...(opts.help ? { help: opts.help } : {}) },
      ),
    );
  }

  /** An unknown key of a mapping, with the closest known one. */
  unknownKey(segs: readonly Segment[], known: readonly string[]): void {
    const key = String(segs[segs.length - 1]);
    const near = closest(key, known);
    this.bad(
      segs,
      words(`unknown key (expected one of: ${known.join(", ")})`, `未知的键（可用的键：${known.join("、")}）`),
      { key: true, ...(near ? { help: `did you mean \`${near}\`?` } : {}) },
    );
  }
}

function validate(r: Record<string, unknown>, data: Dataset, found: Fields): BureauConstraints {
  for (const k of Object.keys(r))
    if (!(CONSTRAINT_KEYS as readonly string[]).includes(k)) found.unknownKey([k], CONSTRAINT_KEYS);
  const teacherIds = (k: "must_move" | "must_not_move"): string[] => {
    const v = r[k];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      found.bad([k], words("must be a list of teacher ids", "应为教师工号的列表"));
      return [];
    }
    const out: string[] = [];
    v.forEach((x, i) => {
      if (typeof x !== "string" && typeof x !== "number") {
        found.bad([k, i], words("must be a teacher id", "应为教师工号"));
        return;
      }
      const id = String(x);
      if (!data.teacherById.has(id)) {
        const near = closest(id, data.teacherById.keys());
        found.bad([k, i], words(`no teacher \`${id}\` in the dataset`, `数据集中没有教师 \`${id}\``), {
          ...(near ? { help: `did you mean \`${near}\`?` } : {}),
        });
        return;
      }
      out.push(id);
    });
    return out;
  };
  const mustMove = teacherIds("must_move");
  const mustNotMove = teacherIds("must_not_move");
  if (Array.isArray(r.must_not_move))
    r.must_not_move.forEach((x, i) => {
      if (mustMove.includes(String(x)))
        found.bad(
          ["must_not_move", i],
          words(
            `\`${String(x)}\` is in both must_move and must_not_move`,
            `\`${String(x)}\` 同时在 must_move 和 must_not_move 中`,
          ),
        );
    });

  const school = (segs: readonly Segment[], id: string): boolean => {
    if (data.schoolById.has(id)) return true;
    const near = closest(id, data.schoolById.keys());
    found.bad(segs, words(`no school \`${id}\` in the dataset`, `数据集中没有学校 \`${id}\``), {
      key: true,
      ...(near ? { help: `did you mean \`${near}\`?` } : {}),
    });
    return false;
  };

  const capacity = new Map<string, number>();
  if (r.capacity !== undefined && r.capacity !== null) {
    if (!isMapping(r.capacity))
      found.bad(["capacity"], words("must map school ids to numbers", "应为学校代码到人数的映射"));
    else
      for (const [k, v] of Object.entries(r.capacity)) {
        const known = school(["capacity", k], k);
        if (!isCount(v, 0)) found.bad(["capacity", k], words("must be a whole number ≥ 0", "应为不小于 0 的整数"));
        else if (known) capacity.set(k, v);
      }
  }

  const requests = new Map<string, BureauRequest>();
  if (r.requests !== undefined && r.requests !== null) {
    if (!isMapping(r.requests))
      found.bad(
        ["requests"],
        words("must map school ids to what each school asks for", "应为学校代码到该校调入需求的映射"),
      );
    else {
      const subjectsTaught = new Set<string>();
      for (const t of data.teachers) if (t.subject) subjectsTaught.add(t.subject);
      for (const [id, v] of Object.entries(r.requests)) {
        const at = ["requests", id];
        const known = school(at, id);
        const req = request(v, at, subjectsTaught, found);
        if (known && req) requests.set(id, req);
      }
    }
  }
  return {
    mustMove,
    mustNotMove,
    capacity,
    ...(requests.size ? { requests } : {}),
  };
}

/** One school's request: `{count: 2}`, `{subjects: {数学: 1}}` or both. */
function request(
  v: unknown,
  at: readonly Segment[],
  subjectsTaught: ReadonlySet<string>,
  found: Fields,
): BureauRequest | undefined {
  if (!isMapping(v)) {
    found.bad(
      at,
      words("must be a mapping with `count` and/or `subjects`", "应为包含 `count` 和/或 `subjects` 的映射"),
    );
    return undefined;
  }
  let ok = true;
  for (const k of Object.keys(v))
    if (!(REQUEST_KEYS as readonly string[]).includes(k)) {
      found.unknownKey([...at, k], REQUEST_KEYS);
      ok = false;
    }
  if (v.count === undefined && v.subjects === undefined) {
    found.bad(
      at,
      words("asks for nothing: give `count` and/or `subjects`", "没有提出需求：请写 `count` 和/或 `subjects`"),
    );
    return undefined;
  }
  let count: number | undefined;
  if (v.count !== undefined) {
    if (isCount(v.count, 1)) count = v.count;
    else {
      found.bad(
        [...at, "count"],
        words("must be a whole number ≥ 1 (the people asked for)", "应为不小于 1 的整数（需求人数）"),
      );
      ok = false;
    }
  }
  const subjects = new Map<string, number>();
  if (v.subjects !== undefined) {
    if (!isMapping(v.subjects) || Object.keys(v.subjects).length === 0) {
      found.bad(
        [...at, "subjects"],
        words("must map subjects (任教学科) to the people asked for", "应为任教学科到需求人数的映射"),
      );
      ok = false;
    } else
      for (const [s, n] of Object.entries(v.subjects)) {
        if (!subjectsTaught.has(s)) {
          const near = closest(s, subjectsTaught);
          found.bad(
            [...at, "subjects", s],
            words(`nobody in the dataset teaches \`${s}\` (任教学科)`, `数据集中没有任教学科为 \`${s}\` 的人员`),
            { key: true, ...(near ? { help: `did you mean \`${near}\`?` } : {}) },
          );
          ok = false;
        }
        if (!isCount(n, 1)) {
          found.bad(
            [...at, "subjects", s],
            words("must be a whole number ≥ 1 (the people asked for)", "应为不小于 1 的整数（需求人数）"),
          );
          ok = false;
        } else subjects.set(s, n);
      }
  }
  if (!ok) return undefined;
  return { ...(count !== undefined ? { count } : {}), ...(subjects.size ? { subjects } : {}) };
}
