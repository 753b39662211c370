// Test runner configuration: every test under test/, generous timeouts for
// the property tests and the CLI runs over whole policies.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
