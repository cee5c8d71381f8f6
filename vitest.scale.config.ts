import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The scale-out test (tests/scale): two `next start` processes from the production build
// on one PostgreSQL. It needs `next build` first, so `npm test` runs it after the build
// stage, apart from the main suite (vitest.config.ts does not include tests/scale). It keeps
// the main suite's aliases, store setup and environment; only what it runs and how long differ.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/scale/**/*.test.ts"],
    testTimeout: 120_000,
    maxWorkers: 1,
  },
});
