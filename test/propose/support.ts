// Test support for proposals and amendments: a compiled policy from a folder,
// and the test values of the parameters a text redacts (章贡's “20xx年”, as the
// policy's own tests use them: test values, not the text's).

import { check } from "../../src/checker/check.js";
import { compile, type Program } from "../../src/interpreter/compile.js";
import { loadPolicy } from "../../src/policy/load.js";
import { compilePolicy, type CompiledPolicy } from "../../src/api/compile.js";

export function programOf(path: string): Program {
  const c = check(loadPolicy(path).unit!);
  return compile(c.policy!);
}

/** Redacted thresholds, by jurisdiction folder: without them nobody is due and a proposal is vacuous. */
export const TEST_PARAMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  zhanggong: { 校长任职年限门槛: "6年", 教师任教年限门槛: "6年", 内部调整规定年限: "6年" },
};

/** The policy compiled with its test parameter values. */
export function compiledOf(root: string, name: string): CompiledPolicy {
  return compilePolicy(`${root}/${name}`, { params: TEST_PARAMS[name] ?? {} }).value!;
}
