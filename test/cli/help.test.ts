// Every command the CLI runs has its own help, in both languages, and the
// overview lists it: `lungang serve --help` and `lungang lsp --help` once
// answered "unknown command" although both commands run.

import { describe, expect, it } from "vitest";
import { RUN } from "../../src/cli/main.js";
import { runCli } from "../support/policy.js";

describe("help for every command", () => {
  for (const name of Object.keys(RUN))
    it(`${name} --help and lungang help ${name}, in Chinese and English`, async () => {
      for (const lang of ["zh", "en"]) {
        const a = await runCli([name, "--help", "--lang", lang]);
        expect(a.code, a.err).toBe(0);
        expect(a.out).toMatch(lang === "zh" ? /^用法: lungang / : /^Usage: lungang /);
        expect(a.out).toContain(`lungang ${name}`);
        expect((await runCli(["help", name, "--lang", lang])).out).toBe(a.out);
      }
    });

  it("the overview lists every command", async () => {
    const { out } = await runCli(["help"]);
    for (const name of Object.keys(RUN)) expect(out).toMatch(new RegExp(`lungang ${name}\\b`));
  });
});
