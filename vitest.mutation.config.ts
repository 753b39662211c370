// Test runner configuration for mutation testing (stryker.config.json): the
// tests of the semantic core only — the fuzz suite, the browser tests and the
// documentation checks add minutes per mutant and kill nothing there.
// MUTATION_TESTS (comma-separated globs) narrows the tests further for a run of
// one folder on a slow machine; the score is then a lower bound.
import { defineConfig } from "vitest/config";

const only = process.env.MUTATION_TESTS?.split(",").filter(Boolean);

export default defineConfig({
  test: {
    include: only ?? ["test/**/*.test.ts"],
    exclude: ["test/fuzz/**", "test/e2e/**", "test/docs/**", "test/hostile/input-limits.test.ts", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
