// Test runner configuration for mutation testing (stryker.config.json): the
// tests of the semantic core — the fuzz suite, the browser tests and the
// documentation checks are left out by default (they add minutes per mutant).
// MUTATION_TESTS (comma-separated globs) names the tests instead, for a run of
// one folder on a slow machine (the score is then a lower bound); named globs
// run even where the default leaves them out (test/docs/diagnostics-doc runs
// every diagnostic's example, which is what kills src/checker mutants).
import { defineConfig } from "vitest/config";

const only = process.env.MUTATION_TESTS?.split(",").filter(Boolean);

export default defineConfig({
  test: {
    include: only ?? ["test/**/*.test.ts"],
    // Globs named in MUTATION_TESTS are run as named (the diagnostics doc's examples kill checker mutants).
    exclude: only
      ? ["**/node_modules/**"]
      : ["test/fuzz/**", "test/e2e/**", "test/docs/**", "test/hostile/input-limits.test.ts", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
