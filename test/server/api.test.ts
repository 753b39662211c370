// The web app's operations (src/server/api.ts) without a browser: a checked
// upload counts rows as `lungang check` does; "run this policy's tests" runs
// them on the editor's buffer, not on the saved file; save formats with the
// language service's formatter and writes only an existing .policy file
// inside a writable root — never through a link out of it, never into the
// bundled policies.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/policy.js";
import * as api from "../../src/server/api.js";
import { format } from "../../src/language-service/service.js";
import { listPolicies, rootsFor, type Root } from "../../src/server/roots.js";
import { Scratch, Sessions } from "../../src/server/uploads.js";

let dir = "";
let roots: Root[] = [];
let dalian = "";
let bundled = "";
const FILE = "dalian.policy";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lungang-server-"));
  cpSync(join(ROOT, "policies/dalian"), join(dir, "policies/dalian"), { recursive: true });
  cpSync(join(ROOT, "policies/national"), join(dir, "policies/national"), { recursive: true });
  writeFileSync(join(dir, "outside.policy"), "# not a policy of the root\n");
  // A folder whose only policy file is a link out of the root.
  mkdirSync(join(dir, "policies/linked"));
  symlinkSync(join(dir, "outside.policy"), join(dir, "policies/linked/link.policy"));
  roots = rootsFor([join(dir, "policies")]);
  const all = listPolicies(roots);
  dalian = all.find((p) => p.writable && p.name === "dalian")!.id;
  bundled = all.find((p) => !p.writable && p.name === "dalian")!.id;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const saved = () => readFileSync(join(dir, "policies/dalian", FILE), "utf8");

describe("the server's operations", () => {
  it("checks an upload as `lungang check` does: the same counts and verdict", async () => {
    const district = join(ROOT, "examples/dalian/district.yaml");
    const scratch = new Scratch();
    try {
      const s = await api.checkUpload(
        roots,
        new Sessions(),
        scratch,
        dalian,
        [{ name: "district.yaml", bytes: readFileSync(district) }],
        "en",
      );
      const cli = JSON.parse(
        (await runCli(["check", district, "--policy", join(dir, "policies/dalian"), "--format", "json"])).out,
      ) as { compliant: boolean; counts: Record<string, number> };
      expect(s.model.compliant).toBe(cli.compliant);
      expect(s.model.counts).toEqual(expect.objectContaining(cli.counts));
    } finally {
      scratch.dispose();
    }
  });

  it("runs the policy's tests on the editor's unsaved buffer, not on the saved file", async () => {
    const before = saved();
    const good = await api.runPolicyTests(roots, { policy: dalian, file: FILE, text: before }, "en");
    expect(good.summary).toMatch(/^\d+ passed, 0 failed$/);
    // Ten years instead of nine: tests that expect 满9年 now fail — in the buffer only.
    const edited = before.replace("参数 任教年限门槛: 期限 = 9年", "参数 任教年限门槛: 期限 = 10年");
    expect(edited).not.toBe(before);
    const bad = await api.runPolicyTests(roots, { policy: dalian, file: FILE, text: edited }, "en");
    expect(bad.summary).toMatch(/^\d+ passed, [1-9]\d* failed$/);
    expect(bad.code).toBe(1);
    expect(saved()).toBe(before);
    // A buffer that does not check: its errors, and no summary.
    const broken = await api.runPolicyTests(
      roots,
      { policy: dalian, file: FILE, text: before.replace("满 任教年限门槛", "满 任教年线门槛") },
      "en",
    );
    expect(broken.summary).toBeNull();
    expect(broken.output).toContain("N001");
  });

  it("saves through the language service's formatter", () => {
    const mini = join(dir, "policies/mini");
    cpSync(join(ROOT, "policies/national"), mini, { recursive: true });
    const id = listPolicies(roots).find((p) => p.writable && p.name === "mini")!;
    const file = id.files[0]!;
    const messy = readFileSync(join(mini, file), "utf8").replace(/\n {2}/g, "\n      ");
    const r = api.savePolicyFile(roots, id.id, file, messy, "en");
    const expected = format(messy, join(mini, file)) ?? messy;
    expect(r.text).toBe(expected);
    expect(readFileSync(join(mini, file), "utf8")).toBe(expected);
  });

  it("writes only an existing .policy file inside a writable root", () => {
    const refused = (policy: string, file: string) => {
      try {
        api.savePolicyFile(roots, policy, file, "x", "en");
        return undefined;
      } catch (e) {
        return (e as api.ApiError).status;
      }
    };
    expect(refused(dalian, "../outside.policy")).toBe(403);
    expect(refused(dalian, "tests/teachers.yaml")).toBe(403);
    expect(refused(dalian, "README.md")).toBe(403);
    expect(refused(dalian, "new.policy")).toBe(403);
    // A link inside the root that leads out of it.
    const linked = listPolicies(roots).find((p) => p.name === "linked")!.id;
    expect(refused(linked, "link.policy")).toBe(403);
    expect(readFileSync(join(dir, "outside.policy"), "utf8")).toBe("# not a policy of the root\n");
    // The bundled policies are read-only.
    expect(refused(bundled, FILE)).toBe(403);
    expect(refused("0:../..", FILE)).toBe(403);
  });
});
