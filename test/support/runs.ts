// How many cases a property test runs. `LUNGANG_PROPERTY_SCALE` scales every
// count (at least one case): mutation testing runs the suite once per mutant,
// and a surviving mutant costs the whole property, so a mutation run of the
// interpreter may ask for a fifth of the cases (`npm run mutation` documents
// it; a score measured so is a lower bound). Unset, the counts are as written.
export function runs(n: number): number {
  const scale = Number(process.env.LUNGANG_PROPERTY_SCALE ?? "1");
  return Number.isFinite(scale) && scale > 0 ? Math.max(1, Math.round(n * scale)) : n;
}
