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
    },
  },
]);
