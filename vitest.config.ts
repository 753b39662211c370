// Test runner configuration: every test under test/, generous timeouts for
// the property tests and the CLI runs over whole policies.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // `import … from "lungang"` in tests means the sources, as the package's
  // `exports` mean the built dist/ for everyone else.
  resolve: { alias: [{ find: /^lungang$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) }] },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
