import "server-only";

/** `items` in slices of at most `size` (statement sizes stay bounded however large a batch is). */
export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
