// Test runner configuration for mutation testing (stryker.config.json): the
// tests of the semantic core only — the fuzz suite, the browser tests and the
// documentation checks add minutes per mutant and kill nothing there.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/fuzz/**", "test/e2e/**", "test/docs/**", "test/hostile/input-limits.test.ts", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
