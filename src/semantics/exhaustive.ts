// Exhaustiveness for switches over closed sets (AST kinds, table columns,
// rule kinds): the `default` of a switch that handles every member calls
// `unreachable`, so a new member is a compile error at each such switch
// instead of a silent fallback at run time.

/** Reached only if the type system was bypassed: a bug, never user input. */
export function unreachable(x: never): never {
  throw new Error(`internal error: unhandled case ${JSON.stringify(x)}`);
}
