// Proposal input — the bureau's own constraints (`propose --constraints FILE`):
// a YAML/JSON mapping with optional `must_move`, `must_not_move` (teacher ids)
// and `capacity` (school id → most people it can receive). Every id must be
// in the dataset; anything else is an R002 diagnostic, never a guess.

import { readFileSync } from "node:fs";
import YAML from "yaml";
import type { Dataset } from "../data/model.js";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-propose.js";
import type { BureauConstraints } from "./propose.js";

/** Read and validate a constraints file against the dataset it applies to. */
export function readConstraints(file: string, data: Dataset): Result<BureauConstraints> {
  const bad = (why: string): Result<BureauConstraints> => ({ diagnostics: [diag("R002", { file, why })] });
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    return bad((e as Error).message);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return bad("expected a mapping");
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r))
    if (!["must_move", "must_not_move", "capacity"].includes(k)) return bad(`unknown key \`${k}\``);
  const ids = (k: string): string[] | string => {
    const v = r[k];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) return `\`${k}\` must be a list of teacher ids`;
    const unknown = v.find((x) => !data.teacherById.has(x as string));
    return unknown ? `\`${k}\`: no teacher \`${unknown}\`` : (v as string[]);
  };
  const mustMove = ids("must_move");
  if (typeof mustMove === "string") return bad(mustMove);
  const mustNotMove = ids("must_not_move");
  if (typeof mustNotMove === "string") return bad(mustNotMove);
  const both = mustMove.find((x) => mustNotMove.includes(x));
  if (both) return bad(`\`${both}\` is in both must_move and must_not_move`);
  const capacity = new Map<string, number>();
  if (r.capacity !== undefined) {
    if (r.capacity === null || typeof r.capacity !== "object" || Array.isArray(r.capacity))
      return bad("`capacity` must map school ids to numbers");
    for (const [k, v] of Object.entries(r.capacity as Record<string, unknown>)) {
      if (!data.schoolById.has(k)) return bad(`\`capacity\`: no school \`${k}\``);
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
        return bad(`\`capacity.${k}\` must be a whole number ≥ 0`);
      capacity.set(k, v);
    }
  }
  const diagnostics: Diagnostic[] = [];
  return { value: { mustMove, mustNotMove, capacity }, diagnostics };
}
