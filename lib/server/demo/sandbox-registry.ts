import "server-only";
import type { Vendor } from "@/lib/model/vendor";

// Base URLs of the simulators this process started for the demo workspace (kept on
// globalThis so every module instance under Next sees the same registry).
const holder = globalThis as unknown as { __touchlineSandbox?: Partial<Record<Vendor, string>> };

export function setSandboxBaseUrls(urls: Partial<Record<Vendor, string>>): void {
  holder.__touchlineSandbox = { ...holder.__touchlineSandbox, ...urls };
}

export function sandboxBaseUrl(vendor: Vendor): string | undefined {
  return holder.__touchlineSandbox?.[vendor];
}
