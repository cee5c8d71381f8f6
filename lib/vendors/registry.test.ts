import { describe, expect, it } from "vitest";
import { VENDOR_COLORS_CSS } from "@/components/ui/vendor-colors";
import { envSchema } from "@/lib/env";
import { identityUrl, safeExternalUrl } from "@/lib/model/deep-links";
import { sandboxVendors } from "@/lib/sandbox/registry";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { VendorMeta } from "./meta";
import { VENDOR_METAS, VENDORS } from "./metas";
import { connectors } from "./registry";

// Every vendor of the browser's list (metas.ts) must bring everything the app needs: a
// complete meta, a connector, a simulator, deep links and colours. A vendor added to one
// list and not the others, or with a half-filled meta, fails here by name.
const world = createWorld({ seed: 1, now: new Date("2026-03-01T12:00:00Z"), people: 20, activities: 50, tasks: 10 });

describe.each(VENDOR_METAS.map((m) => [m.id, m] as const))("vendor %s", (id, meta) => {
  it("has a complete meta", () => {
    expect(meta.label.trim()).not.toBe("");
    expect(meta.appUrl).toMatch(/^https:\/\/[^/]+$/);
    expect(meta.keyHelp.where).toContain(meta.label);
    expect(meta.limits.trim()).not.toBe("");
    expect(meta.campaignNotes.length).toBeGreaterThan(0);
    expect(meta.raw.threadKeys.length).toBeGreaterThan(0);
    // A vendor without a tasks API can neither write tasks nor have any in the demo.
    if (!meta.hasTasks) {
      expect(meta.canWriteTasks).toBe(false);
      expect(meta.demoShare.tasks).toBe(0);
    }
  });

  it("has a colour for both themes, set once as a CSS variable", () => {
    for (const c of [meta.color.light, meta.color.dark])
      expect(c).toMatch(/^(oklch|rgb|hsl)\([^;{}]+\)$|^#[0-9a-f]{3,8}$/i);
    expect(VENDOR_COLORS_CSS).toContain(`--vendor-${id}: ${meta.color.light};`);
    expect(VENDOR_COLORS_CSS).toContain(`--vendor-${id}: ${meta.color.dark};`);
  });

  it("builds deep links into its app for a contact and a lead", () => {
    for (const kind of ["contact", "lead"]) {
      const url = identityUrl(id, "rec 1/2", kind);
      expect(safeExternalUrl(url)).toBe(new URL(url).toString());
      expect(url.startsWith(meta.appUrl + "/")).toBe(true);
      expect(url).not.toContain("rec 1/2"); // the id is encoded
    }
  });

  it("has a server-side base URL override the env accepts", () => {
    expect(Object.keys(envSchema.shape)).toContain(meta.baseUrlEnv);
  });

  it("has a connector", () => {
    const c = connectors[id];
    expect(c, `lib/vendors/registry.ts has no connector for ${id}`).toBeDefined();
    expect(c.vendor).toBe(id);
    expect(c.defaultBaseUrl).toMatch(/^https:\/\//);
    expect(typeof c.open).toBe("function");
    // Tasks: a vendor that writes tasks has a writer; a daily quota in the meta has a budget view.
    if (meta.canWriteTasks) expect(c.tasks?.open, `${id} says it writes tasks but has no writer`).toBeDefined();
    const quota = (meta as VendorMeta).dailyQuota;
    expect(typeof c.dailyBudget, `${id}: meta.dailyQuota and connector.dailyBudget go together`).toBe(
      quota ? "function" : "undefined",
    );
    if (quota) {
      expect(quota.plans.map((p) => p.id)).toContain(quota.assumedPlan);
      // A fresh connection (nothing stored yet) reads as a whole day of the assumed plan.
      const day = c.dailyBudget!({}, Date.parse("2026-12-06T12:00:00Z"));
      expect(day).toMatchObject({ used: 0, planSetting: "auto", resetAt: "2026-12-07T00:00:00.000Z" });
      expect(day.limit).toBe(quota.plans.find((p) => p.id === quota.assumedPlan)!.perDay);
    }
  });

  it("has a simulator that answers over its base path", async () => {
    const s = sandboxVendors[id];
    expect(s, `lib/sandbox/registry.ts has no simulator for ${id}`).toBeDefined();
    expect(s.vendor).toBe(id);
    expect(s.basePath).toMatch(/^\//);
    expect(s.demoApiKey.length).toBeGreaterThan(8);
    const sim = s.create(world);
    // No key: the vendor's own refusal (a 4xx), not a crash.
    const res = await sim.handler(new Request(`http://127.0.0.1${s.basePath}/`));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("the vendor lists", () => {
  it("name the same vendors in the same order", () => {
    expect(Object.keys(connectors)).toEqual(VENDORS);
    expect(Object.keys(sandboxVendors)).toEqual(VENDORS);
    expect(new Set(VENDORS).size).toBe(VENDORS.length);
  });

  it("give each vendor a share of the demo workspace", () => {
    for (const m of VENDOR_METAS)
      for (const share of Object.values(m.demoShare)) expect(share).toSatisfy((s: number) => s >= 0 && s <= 1);
    expect(VENDOR_METAS.some((m) => m.demoShare.activities > 0)).toBe(true);
  });
});
