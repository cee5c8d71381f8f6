import { request, type FullConfig } from "@playwright/test";
import { E2E_ADMIN, E2E_STORAGE_STATE } from "../../playwright.config";

// Signs in once as the e2e admin (created at start from TOUCHLINE_ADMIN_*) and saves the
// session cookie as the storage state every spec starts from. Then waits (bounded) until
// the demo workspace's first syncs have finished, so every spec sees the same data. A
// failed sync is fine here; specs that need data will say so.
export default async function globalSetup(config: FullConfig) {
  const base = config.projects[0]!.use.baseURL!;
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  try {
    const signIn = await api.post("/api/v1/session", { data: E2E_ADMIN });
    if (signIn.status() !== 204) throw new Error(`e2e sign-in failed: ${signIn.status()} ${await signIn.text()}`);
    await api.storageState({ path: E2E_STORAGE_STATE });

    const deadline = Date.now() + 6 * 60_000;
    while (Date.now() < deadline) {
      const res = await api.get("/api/v1/connections").catch(() => null);
      if (res?.ok()) {
        const { data } = (await res.json()) as { data: { lastSyncAt: string | null; sync: { state: string } }[] };
        if (data.length && data.every((c) => c.sync.state !== "running" && (c.lastSyncAt || c.sync.state === "failed")))
          return;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
    throw new Error("the demo workspace did not finish its first sync within 6 minutes");
  } finally {
    await api.dispose();
  }
}
