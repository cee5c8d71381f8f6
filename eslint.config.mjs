import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    ".data/**",
    "node_modules/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "bench/reports/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Client code takes only zod-free values from the model: a module that defines zod
    // schemas at its top level brings all of zod (~32 KB gzip) into every page that reaches
    // it. Types may come from anywhere.
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(zod|@/lib/model(/(?!plain/|vendor$|deep-links$).*)?)$",
              allowTypeImports: true,
              message:
                "Import values from @/lib/model/plain/* (or vendor, deep-links), which are zod-free; `import type` for types.",
            },
          ],
        },
      ],
      // A client component may import nothing of lib/server, nor of a vendor's connector
      // (server components under components/ may).
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "Program:has(ExpressionStatement[directive='use client']) ImportDeclaration[importKind!='type'][source.value=/^@\\/lib\\/(server|vendors\\/(?!metas$|meta$|[^/]+\\/meta$))/]",
          message:
            "A client component imports nothing of lib/server or lib/vendors but the browser-safe meta.ts files and metas.ts (`import type` for types).",
        },
      ],
    },
  },
  {
    // Everything under lib/server and lib/vendors is privileged and starts with
    // `import "server-only"`, so a client import fails the build. Excepted: each vendor's
    // browser-safe meta.ts, its type (lib/vendors/meta.ts) and their list (metas.ts), which
    // the browser imports by design; and the store's schema (schema.ts and schema/), which drizzle-kit loads
    // outside Next (it holds table definitions, no keys or queries).
    files: ["lib/server/**/*.ts", "lib/vendors/**/*.ts"],
    ignores: [
      "**/*.test.ts",
      "lib/vendors/meta.ts",
      "lib/vendors/metas.ts",
      "lib/vendors/*/meta.ts",
      "lib/server/store/schema.ts",
      "lib/server/store/schema/*.ts",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Program:not(:has(ImportDeclaration[source.value='server-only']))",
          message:
            'Files under lib/server and lib/vendors start with `import "server-only"` (browser-safe meta.ts files excepted).',
        },
      ],
    },
  },
]);
