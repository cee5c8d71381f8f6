import type { Config } from "tailwindcss";

// Thin on purpose: the design tokens live in app/globals.css (@theme); this file
// only tells Tailwind where class names are used and how dark mode is switched.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  darkMode: "class",
} satisfies Config;
