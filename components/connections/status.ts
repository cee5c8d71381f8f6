import type { ConnectionStatus } from "@/lib/model/connection";
import { byVendor } from "@/lib/vendors/metas";

export const STATUS_LABEL: Record<ConnectionStatus, string> = {
  ok: "Connected",
  syncing: "Syncing",
  key_rejected: "Key rejected",
  key_unreadable: "Key unreadable",
  unreachable: "Unreachable",
};

export const STATUS_VARIANT: Record<ConnectionStatus, "success" | "default" | "destructive" | "warning"> = {
  ok: "success",
  syncing: "default",
  key_rejected: "destructive",
  key_unreadable: "destructive",
  unreachable: "warning",
};

/** What to do about a status, in words; null when nothing is needed. */
export function statusAdvice(status: ConnectionStatus, vendorName: string): string | null {
  switch (status) {
    case "key_rejected":
      return `${vendorName} no longer accepts this key (revoked, expired or changed). Paste a current key to resume syncing.`;
    case "key_unreadable":
      return "The stored key could not be decrypted, so it was not used. Enter the key again.";
    case "unreachable":
      return `${vendorName} did not answer the last sync. Touchline retries on the next scheduled sync, or you can sync now.`;
    default:
      return null;
  }
}

/** Where each vendor shows its API key (from its meta.ts). */
export const KEY_HELP = byVendor((m) => m.keyHelp);

export const formatDuration = (ms: number) => {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60 ? `${s % 60} s` : ""}`.trim() : `${Math.floor(m / 60)} h ${m % 60} min`;
};

export const numberFormat = new Intl.NumberFormat("en");
