// A word looked up in a fixed table of words. Tables are plain objects, and a
// word a user wrote — a cell of a roster, a name in a policy — may be one of
// Object.prototype's own names (`constructor`, `toString`, `__proto__`): read
// as a property it would find the prototype's function and take it for an
// entry of the table. Only the table's own entries count.

/** `table[key]` when `key` is an entry of the table itself; undefined otherwise. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
