import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

/**
 * Puts a copy of the run's migrated PGlite store (tests/setup/pglite-template.ts) into the
 * data directory `dir`, which `openStore` or a spawned CLI or server then opens without
 * initdb and the migrations (≈ 3.5 s each). Nothing else goes in (no key file).
 */
export function addMigratedPglite(dir: string): string {
  fs.cpSync(path.join(inject("pgliteTemplate"), "pglite"), path.join(dir, "pglite"), { recursive: true });
  return dir;
}

/** A new data directory (mkdtemp with `prefix`) holding a migrated PGlite store (addMigratedPglite). */
export function pgliteDataDir(prefix = "touchline-pglite-"): string {
  return addMigratedPglite(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}
