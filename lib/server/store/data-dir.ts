import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * The data directory holds the PGlite database and, by default, the master key: it is
 * created owner-only (0700), and an existing one that others can read is made owner-only
 * with a warning on stderr (no import of the logger: the key loader and the store both
 * call this before anything else is set up).
 */
export function ensureDataDir(dir: string): string {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs)) fs.mkdirSync(abs, { recursive: true, mode: 0o700 });
  try {
    const st = fs.statSync(abs);
    const mine = typeof process.getuid !== "function" || st.uid === process.getuid();
    if ((st.mode & 0o077) !== 0 && mine) {
      fs.chmodSync(abs, 0o700);
      process.stderr.write(
        `${JSON.stringify({ t: new Date().toISOString(), level: "warn", msg: "the data directory was readable by other users; made it owner-only (0700)", dir: abs })}\n`,
      );
    }
  } catch {
    /* a directory we cannot stat is reported by whoever opens it next */
  }
  return abs;
}

/** True when others (group or world) can read or write `file`. */
export function readableByOthers(file: string): boolean {
  try {
    return (fs.statSync(file).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}
