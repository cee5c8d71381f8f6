// base64url of UTF-8 text without padding (RFC 4648 §5), for opaque cursors in URLs. Works
// in the browser and on the server (btoa/atob, TextEncoder), zod-free.
const B64URL = /^[A-Za-z0-9_-]+$/;

export function base64urlEncode(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The text, or null when `s` is not base64url of valid UTF-8. */
export function base64urlDecode(s: string): string | null {
  if (!B64URL.test(s) || s.length % 4 === 1) return null;
  try {
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
