import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// No module may import itself back through others (madge's "circular"), written small
// because madge is not a dependency. Type-only imports are left out: they vanish at
// compile time and cannot make a load-order bug. A cycle is broken by moving what both
// sides share down into a module that imports neither.
const root = path.resolve(import.meta.dirname, "../..");
const DIRS = ["app", "components", "lib"];
const EXTS = [".ts", ".tsx"];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (EXTS.includes(path.extname(e.name)) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

// `import … from "x"`, `export … from "x"`, `import("x")`, `import "x"`: not `import type` / `export type`.
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, ...EXTS.map((e) => base + e), ...EXTS.map((e) => path.join(base, "index" + e))])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return null;
}

export function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    // Block and line comments out, so an example in a comment is not an import.
    const text = fs
      .readFileSync(f, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    const deps = new Set<string>();
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolve(f, (m[1] ?? m[2])!);
      if (target) deps.add(target);
    }
    graph.set(f, [...deps]);
  }
  return graph;
}

/** Strongly connected components of more than one module, or one that imports itself (Tarjan). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe("import cycles", () => {
  it("finds a cycle when there is one (the walker works)", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(cycles(g)).toEqual([["a", "b", "c"]]);
  });

  it("reads the tree's imports", () => {
    const graph = importGraph(DIRS.flatMap((d) => sourceFiles(path.join(root, d))));
    expect(graph.size).toBeGreaterThan(200);
    const registry = graph.get(path.join(root, "lib/vendors/metas.ts"));
    expect(registry).toContain(path.join(root, "lib/vendors/lemlist/meta.ts"));
  });

  it("app, components and lib have none", () => {
    const graph = importGraph(DIRS.flatMap((d) => sourceFiles(path.join(root, d))));
    const found = cycles(graph).map((c) => c.map((f) => path.relative(root, f)).join(" ⇄ "));
    expect(found).toEqual([]);
  });
});
