// Runs once when a server process starts (never at build time, never per request).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/server/boot");
  try {
    await boot();
  } catch (err) {
    // Refuse to serve with a broken configuration; say what to fix.
    console.error(`\nTouchline could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
