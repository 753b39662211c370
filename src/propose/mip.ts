// Proposal, stage 3: a small mixed-integer model and its solution by HiGHS
// (WebAssembly, the `highs` package). Input: columns (bounds, integrality,
// cost) and rows (Σ coef·col ≥ lo); output: the column values, or the
// solver's status when it found none. The model is written as CPLEX LP text,
// the format HiGHS reads; names are generated (c0, r0), never user text.

export interface Col {
  readonly lb: number;
  readonly ub: number;
  readonly int: boolean;
  cost: number;
}

/** Σ coef·col ≥ lo. */
export interface Row {
  readonly terms: ReadonlyMap<number, number>;
  readonly lo: number;
}

export class Mip {
  readonly cols: Col[] = [];
  readonly rows: Row[] = [];

  col(lb: number, ub: number, int: boolean, cost = 0): number {
    this.cols.push({ lb, ub, int, cost });
    return this.cols.length - 1;
  }

  /** Add Σ terms ≥ lo (an empty row that holds is dropped). */
  ge(terms: ReadonlyMap<number, number>, lo: number): void {
    if (terms.size === 0 && lo <= 0) return;
    this.rows.push({ terms, lo });
  }

  /** The smallest value Σ terms can take within the columns' bounds. */
  minOf(terms: ReadonlyMap<number, number>): number {
    let min = 0;
    for (const [c, k] of terms) min += k * (k > 0 ? this.cols[c]!.lb : this.cols[c]!.ub);
    return min;
  }

  /** CPLEX LP text of the model (minimisation). */
  toLp(): string {
    const num = (k: number) => (Number.isInteger(k) ? String(k) : k.toPrecision(12).replace(/\.?0+$/, ""));
    const sum = (terms: Iterable<[number, number]>) => {
      let s = "";
      let n = 0;
      for (const [c, k] of terms) {
        if (k === 0) continue;
        s += `${k < 0 ? " - " : " + "}${num(Math.abs(k))} c${c}`;
        if (++n % 8 === 0) s += "\n";
      }
      return s || " 0 c0";
    };
    const lines: string[] = ["Minimize", ` obj:${sum(this.cols.map((c, i) => [i, c.cost] as [number, number]))}`];
    lines.push("Subject To");
    this.rows.forEach((r, i) => lines.push(` r${i}:${sum(r.terms)} >= ${num(r.lo)}`));
    lines.push("Bounds");
    this.cols.forEach((c, i) => lines.push(` ${num(c.lb)} <= c${i} <= ${c.ub === Infinity ? "+inf" : num(c.ub)}`));
    const ints = this.cols.flatMap((c, i) => (c.int ? [`c${i}`] : []));
    if (ints.length) {
      lines.push("General");
      for (let i = 0; i < ints.length; i += 16) lines.push(" " + ints.slice(i, i + 16).join(" "));
    }
    lines.push("End");
    return lines.join("\n");
  }
}

export interface MipSolution {
  /** `Optimal` when a best solution was proved; anything else means no usable plan from this model. */
  readonly status: string;
  readonly values?: Float64Array;
}

let loaded: Promise<{ solve(lp: string, o?: object): unknown }> | undefined;

/** Solve the model. The same model always gives the same solution (HiGHS is deterministic, one thread). */
export async function solveMip(m: Mip, timeLimitSeconds = 120): Promise<MipSolution> {
  if (m.cols.length === 0) return { status: "Optimal", values: new Float64Array(0) };
  // The package is CommonJS with a default-export type: load it the way Node resolves it.
  loaded ??= import("highs").then((mod) => {
    const loader = ((mod as { default?: unknown }).default ?? mod) as () => Promise<{
      solve(lp: string, o?: object): unknown;
    }>;
    return loader();
  });
  const highs = await loaded;
  const res = highs.solve(m.toLp(), {
    output_flag: false,
    time_limit: timeLimitSeconds,
    mip_rel_gap: 1e-6,
    random_seed: 0,
  }) as { Status: string; Columns: Record<string, { Primal: number }> };
  if (res.Status !== "Optimal" && res.Status !== "Time limit reached") return { status: res.Status };
  const values = new Float64Array(m.cols.length);
  for (const [name, c] of Object.entries(res.Columns)) values[Number(name.slice(1))] = c.Primal;
  return { status: res.Status, values };
}
