/** Seeded PRNG (mulberry32) and helpers: same seed → same world, byte for byte. */
export class Rng {
  private s: number;
  private readonly seed0: number;
  constructor(seed: number | string) {
    this.s = this.seed0 = typeof seed === "number" ? seed >>> 0 : hashString(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  /** An id-like string of `len` chars from [A-Za-z0-9]. */
  id(len = 17): string {
    const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let out = "";
    for (let i = 0; i < len; i++) out += a[Math.floor(this.next() * a.length)];
    return out;
  }
  uuid(): string {
    const h = () => Math.floor(this.next() * 16).toString(16);
    const part = (n: number) => Array.from({ length: n }, h).join("");
    return `${part(8)}-${part(4)}-4${part(3)}-${"89ab"[this.int(0, 3)]}${part(3)}-${part(12)}`;
  }
  /** A child generator derived from the seed alone, so adding draws in one vendor never shifts another. */
  fork(label: string): Rng {
    return new Rng((this.seed0 ^ hashString(label)) >>> 0);
  }
}

export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
