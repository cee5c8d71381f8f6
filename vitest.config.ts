import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The real package throws outside a React Server environment; tests run server code directly.
      "server-only": path.resolve(import.meta.dirname, "tests/setup/empty.ts"),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.{ts,tsx}",
      "tests/unit/**/*.test.ts",
      "tests/integration/**/*.test.ts",
    ],
    globalSetup: ["tests/setup/postgres.ts", "tests/setup/pglite-template.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Three on a two-core machine: the slowest files spend much of their time waiting
    // (vendor pacing, Retry-After, backoff, syncs, servers starting); a third worker fills
    // those waits (issue 17).
    maxWorkers: 3,
    env: { TOUCHLINE_LOG_LEVEL: "warn" },
  },
});
