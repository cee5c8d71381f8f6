import path from "node:path";
import { defineConfig } from "vitest/config";

// The scale-out test (tests/scale): two `next start` processes from the production build
// on one PostgreSQL. It needs `next build` first, so `npm test` runs it after the build
// stage, apart from the main suite (vitest.config.ts does not include tests/scale).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/setup/empty.ts"),
    },
  },
  test: {
    include: ["tests/scale/**/*.test.ts"],
    globalSetup: ["tests/setup/postgres.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 1,
    env: { TOUCHLINE_LOG_LEVEL: "warn" },
  },
});
