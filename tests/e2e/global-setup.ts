import type { FullConfig } from "@playwright/test";

// Waits (bounded) until the demo workspace's first syncs have finished, so every spec
// sees the same data. A failed sync is fine here; specs that need data will say so.
export default async function globalSetup(config: FullConfig) {
  const base = config.projects[0]!.use.baseURL!;
  const deadline = Date.now() + 6 * 60_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/api/v1/connections`).catch(() => null);
    if (res?.ok) {
      const { data } = (await res.json()) as { data: { lastSyncAt: string | null; sync: { state: string } }[] };
      if (data.length && data.every((c) => c.sync.state !== "running" && (c.lastSyncAt || c.sync.state === "failed"))) return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error("the demo workspace did not finish its first sync within 6 minutes");
}
