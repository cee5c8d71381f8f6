import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openStore } from "@/lib/server/store/db";

// One migrated PGlite data directory for the whole run, which every PGlite store of the
// tests starts as a copy of (tests/helpers/pglite-dir.ts). A new PGlite directory runs
// initdb inside WebAssembly and then every migration: ≈ 3.5 s and 4.4 s of CPU each, which
// over the suite's stores was most of Vitest's time on two cores. A copy opens in ≈ 0.7 s.
// The stores still open through the app's openStore, migrations checked as on any start.

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-pglite-template-"));
  const store = await openStore({ kind: "pglite", dataDir: dir });
  await store.close();
  project.provide("pgliteTemplate", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
