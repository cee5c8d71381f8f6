import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { InteractiveMark } from "@/components/providers/interactive-mark";
import { Providers } from "@/components/providers/providers";
import { ZoneCookieScript } from "@/components/shell/zone-cookie-script";
import { VendorColors } from "@/components/ui/vendor-colors";
import { mono, sans } from "@/lib/fonts";
import { vendorNames } from "@/lib/vendors/metas";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Touchline", template: "%s · Touchline" },
  description: `Every touch with every prospect, across ${vendorNames()}.`,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request CSP nonce (set in proxy.ts) lets next-themes' no-flash script run.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={`${sans.variable} ${mono.variable}`} suppressHydrationWarning>
      <head>
        <VendorColors />
        <ZoneCookieScript nonce={nonce} />
      </head>
      <body className="min-h-dvh font-sans antialiased">
        <Providers nonce={nonce}>{children}</Providers>
        <InteractiveMark />
      </body>
    </html>
  );
}
