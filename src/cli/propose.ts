// `lungang propose <dataset> --policy <p> [--constraints FILE] [--output FILE]`:
// a draft plan that meets every must-rule of the policy on this roster, or
// the rules no plan can meet. Exit 0 compliant plan found, 1 some rule cannot
// be met on this roster, 2 could not answer (bad input, or no plan derived).

import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import YAML from "yaml";
import { readDataset } from "../data/read.js";
import type { Dataset } from "../data/model.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/registry.js";
import "../diagnostics/codes-propose.js";
import { propose, type BureauConstraints } from "../propose/propose.js";
import { planJson, proposalJson, proposalText } from "../render/propose.js";
import type { Args } from "./args.js";
import { preparePolicy, report, warnings, type IO } from "./common.js";
import { resolveVersion } from "../policy/versions.js";

export async function runPropose(io: IO, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file || !args.policy) {
    await report(io, args, [diag("C002", { what: !file ? "<dataset>" : "--policy <policy>" })]);
    return 2;
  }
  const read = readDataset(file, args.asOf !== undefined ? { asOf: args.asOf } : {});
  if (!read.value || read.diagnostics.some((d) => d.severity === "error")) {
    await report(io, args, read.diagnostics, new Map(), "invalid dataset");
    return 2;
  }
  const data = read.value;
  const version = resolveVersion(args.policy, data.asOf);
  if (!version.path) {
    await report(io, args, version.diagnostics);
    return 2;
  }
  const prepared = await preparePolicy(io, args, version.path);
  if (!prepared) return 2;
  const constraints = args.constraints
    ? readConstraints(args.constraints, data)
    : { value: undefined, diagnostics: [] };
  if (constraints.diagnostics.length) {
    await report(io, args, constraints.diagnostics);
    return 2;
  }
  const result = await propose(prepared.program, data, {
    params: prepared.params,
    ...(constraints.value ? { constraints: constraints.value } : {}),
  });
  const notes = [...read.diagnostics, ...result.notes];
  const warned = await warnings(io, args, notes);
  if (args.output) {
    const written = writePlan(file, args.output, result.plan.moves.length ? planJson(result) : planJson(result));
    if (written) {
      await report(io, args, [written]);
      return 2;
    }
  }
  if (args.format === "json")
    io.out(
      JSON.stringify(
        {
          ...proposalJson(prepared.checked, data, result, args.lang, version.label),
          ...(warned ? { warnings: warned } : {}),
          ...(args.output ? { output: args.output } : {}),
        },
        null,
        2,
      ),
    );
  else io.out(proposalText(prepared.checked, data, result, args.lang, version.label));
  return result.status === "compliant" ? 0 : result.status === "infeasible" ? 1 : 2;
}

/** The dataset file with its `plan` replaced, in the file's own format; a diagnostic when that cannot be done. */
function writePlan(input: string, output: string, plan: Record<string, unknown>): Diagnostic | undefined {
  const ext = extname(input).toLowerCase();
  if (![".yaml", ".yml", ".json"].includes(ext))
    return diag("R001", {
      file: output,
      why: `plans are written into YAML or JSON datasets (input is ${ext || "a folder"})`,
    });
  try {
    const text = readFileSync(input, "utf8").replace(/^\uFEFF/, "");
    if (ext === ".json") {
      const raw = JSON.parse(text) as Record<string, unknown>;
      writeFileSync(output, JSON.stringify({ ...raw, plan }, null, 2) + "\n");
    } else {
      // Keep the roster as written (comments, order): only the plan changes.
      const doc = YAML.parseDocument(text);
      doc.set("plan", doc.createNode(plan));
      writeFileSync(output, doc.toString({ lineWidth: 0 }));
    }
    return undefined;
  } catch (e) {
    return diag("R001", { file: output, why: (e as Error).message });
  }
}

/** `--constraints FILE`: must_move, must_not_move (teacher ids) and capacity (school → most received). */
function readConstraints(file: string, data: Dataset): { value?: BureauConstraints; diagnostics: Diagnostic[] } {
  const bad = (why: string) => ({ diagnostics: [diag("R002", { file, why })] });
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
  return { value: { mustMove, mustNotMove, capacity }, diagnostics: [] };
}
