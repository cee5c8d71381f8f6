import { VIEWER_TZ_COOKIE } from "@/components/overview/viewer-time-zone";

// Writes the browser's zone into the zone cookie before anything on the page runs, on
// every page the root layout serves — the sign-in page included. Pages rendered on the
// server (the overview, a campaign's figures) read it, so from the second page a person
// opens, the server's HTML is already in their zone and nothing repaints when the browser
// learns it. Inline, so it costs no request; the nonce lets it past the CSP.
const SOURCE = `try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z){var c=${JSON.stringify(`${VIEWER_TZ_COOKIE}=`)}+encodeURIComponent(z);if(document.cookie.split("; ").indexOf(c)<0)document.cookie=c+"; path=/; max-age=31536000; samesite=lax"}}catch(e){}`;

export function ZoneCookieScript({ nonce }: { nonce?: string }) {
  // The browser hides a nonce from the DOM once read: no mismatch worth a warning.
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SOURCE }} />;
}
