// Test support for proposals and amendments: a compiled policy from a folder.

import { check } from "../../src/checker/check.js";
import { compile, type Program } from "../../src/interpreter/compile.js";
import { loadPolicy } from "../../src/policy/load.js";

export function programOf(path: string): Program {
  const c = check(loadPolicy(path).unit!);
  return compile(c.policy!);
}
