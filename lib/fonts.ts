import localFont from "next/font/local";

// Geist, self-hosted from the `geist` package's files: the build never fetches a font from the network.
// Declared here rather than through `geist/font/*` for two choices that package fixes:
//   - display "optional": the font is used only if it arrives within the browser's short
//     block period, else the fallback stays for that page's life. A cold load on a slow link
//     (the throttled bench: 150 ms RTT, 1.6 Mbps) otherwise painted in the fallback and then
//     swapped — on a machine without Arial the fallback is far wider, the header wrapped to
//     two lines and back, and CLS was 0.41. From the second load on, the font is cached.
//   - the mono face is not preloaded: it is for figures and zone offsets, never the first
//     view's largest text, and preloading it took 71 KB of a slow link from the page's code.
export const sans = localFont({
  src: "../node_modules/geist/dist/fonts/geist-sans/Geist-Variable.woff2",
  variable: "--font-geist-sans",
  weight: "100 900",
  display: "optional",
});

export const mono = localFont({
  src: "../node_modules/geist/dist/fonts/geist-mono/GeistMono-Variable.woff2",
  variable: "--font-geist-mono",
  weight: "100 900",
  display: "optional",
  preload: false,
  adjustFontFallback: false,
});
