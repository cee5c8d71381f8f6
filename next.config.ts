import type { NextConfig } from "next";
import { parseEnv } from "./lib/env";

// Fail at boot, naming the variable, rather than on the first request.
parseEnv(process.env);

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite ships a WASM Postgres and its data files; bundling it breaks both.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  typedRoutes: false,
  // `npm run typecheck` (tsc --noEmit, part of npm test) is the type gate; not type-checking
  // again inside `next build` saves half a minute per build.
  typescript: { ignoreBuildErrors: true },
  // Separate build folders let several builds coexist (parallel work, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The icon sprite is asked for with its content's hash (components/ui/icon-sprite.ts), so a
  // browser may keep it: a new sprite is a new URL.
  async headers() {
    return [
      { source: "/icons.svg", headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }] },
    ];
  },
};

export default nextConfig;
