// `lungang test <policy>`: runs the test cases kept beside a policy
// (`<policy>/tests/*.yaml`) through the facade, prints each failure, then
// `N passed, M failed`. Exit 0 all passed, 1 some failed, 2 when the policy
// or a test file is invalid.

import { join } from "node:path";
import { diag } from "../diagnostics/registry.js";
import { runTests } from "../index.js";
import type { Args } from "./args.js";
import { emit, extraArguments, policyPath, preparePolicy, report, type IO } from "./common.js";

export async function runTest(io: IO, args: Args): Promise<number> {
  const path = args.positional[0] ?? args.policy;
  if (!path) {
    await report(io, args, [diag("C002", { what: "<policy>" })]);
    return 2;
  }
  if (await extraArguments(io, args, 1, { en: "one policy", zh: "一个政策" })) return 2;
  const policy = await preparePolicy(io, args, path);
  if (!policy) return 2;
  // The policy's own tests, beside it and run by the command users run, so a
  // policy edit that changes an answer shows up where the policy lives.
  const r = runTests(policy, join(policyPath(path), "tests"));
  if (!r.value) {
    await report(io, args, r.diagnostics, new Map(), "invalid test file");
    return 2;
  }
  if (!(await emit(io, args, { kind: "tests", report: r.value, verbose: args.verbose, diagnostics: r.diagnostics })))
    return 2;
  return r.value.failed > 0 ? 1 : 0;
}
