import type { Rng } from "@/lib/sandbox/shared/prng";

/** One value of `items`, drawn with the weight beside it (one `rng.next()` per draw). */
export function weighted(rng: Rng, items: [string, number][]): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}
