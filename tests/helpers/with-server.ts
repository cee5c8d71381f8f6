/**
 * Runs `test` against what `started` opens (a simulator and its HTTP server, say), and
 * closes that server whatever happens, so a failing test leaves no port open.
 */
export async function withServer<T extends { server: { close(): Promise<unknown> } }>(
  started: Promise<T>,
  test: (opened: T) => Promise<void>,
): Promise<void> {
  const opened = await started;
  try {
    await test(opened);
  } finally {
    await opened.server.close();
  }
}
