// The generator fills the facts a policy declares (bench/gen/declared.ts): generically from the
// declaration, deterministically from the seed, without touching any built-in field — a policy
// that declares nothing gets the very same dataset.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type GenDataset } from "../../bench/generate.js";
import { declaredFields, extendedSetValues } from "../../bench/gen/declared.js";
import { ROOT } from "../support/policy.js";
import { programOf } from "./support.js";

const schemaOf = (name: string) => programOf(join(ROOT, "policies", name)).policy.input;
const opts = { seed: 20261201, teachers: 240, schools: 6, asOf: "2025-09-01" } as const;

/** The dataset without the keys `keys` (the declared facts) and the values `values` (declared 情形). */
function strip(ds: GenDataset, keys: ReadonlySet<string>, values: ReadonlySet<string>): unknown {
  return JSON.parse(JSON.stringify(ds), (k, v: unknown) => {
    if (keys.has(k)) return undefined;
    if (k === "conditions" && Array.isArray(v)) {
      const kept = v.filter((c) => !values.has(c as string));
      return kept.length ? kept : undefined;
    }
    return v;
  });
}

describe("generated districts with a policy's declared facts", () => {
  it.each(["dalian", "changzhou", "beijing/haidian"])("%s declares none: the dataset is unchanged", (name) => {
    expect(JSON.stringify(generate({ ...opts, facts: schemaOf(name) }))).toBe(JSON.stringify(generate(opts)));
  });

  it("灞桥: every declared fact filled by its declaration, built-in fields as without it", () => {
    const schema = schemaOf("baqiao");
    const ds = generate({ ...opts, facts: schema });
    // Deterministic: the same seed, the same file.
    expect(JSON.stringify(generate({ ...opts, facts: schema }))).toBe(JSON.stringify(ds));
    const declared = new Set(
      (["school", "teacher", "move", "history"] as const).flatMap((r) => declaredFields(schema, r).map(([k]) => k)),
    );
    expect([...declared].sort()).toEqual(
      ["as_full_time_teacher", "exchange_form", "refused_exchange_on", "unfit_for_teaching"].sort(),
    );
    const added = new Set(extendedSetValues(schema, "teacher").flatMap(([, v]) => v));
    expect([...added]).toEqual(["otherwise_unsuitable"]);
    // Removing them gives back the dataset generated without the policy.
    expect(strip(ds, declared, added)).toEqual(JSON.parse(JSON.stringify(generate(opts))));

    const forms = Object.keys(schema.enumTable("exchange_form").labels);
    expect(ds.plan.moves.length).toBeGreaterThan(0);
    for (const m of ds.plan.moves as unknown as Record<string, unknown>[]) {
      // Optional enum and truth value: always present, one of the declared values.
      expect(forms).toContain(m.exchange_form);
      expect(typeof m.as_full_time_teacher).toBe("boolean");
    }
    const people = ds.teachers as unknown as Record<string, unknown>[];
    // Defaulted truth value: absent (false) for most, true for some.
    const unfit = people.filter((t) => t.unfit_for_teaching !== undefined);
    expect(unfit.length).toBeGreaterThan(0);
    expect(unfit.length).toBeLessThan(people.length / 4);
    for (const t of unfit) expect(t.unfit_for_teaching).toBe(true);
    // Optional date (an event's): absent — 已知(拒不服从交流日期) is false, BQ-5-4 does not apply.
    expect(people.filter((t) => t.refused_exchange_on !== undefined)).toEqual([]);
    // The added 情形 value on a few people.
    expect(people.some((t) => (t.conditions as string[] | undefined)?.includes("otherwise_unsuitable"))).toBe(true);
  });
});
