// Runs once when a server process starts (never at build time, never per request).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootOrExit } = await import("./lib/server/boot");
  await bootOrExit();
}
