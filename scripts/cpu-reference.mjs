// A fixed single-thread workload, timed, so figures taken on different machines (or on one
// machine while something else ran) can be read side by side: `npm test` and `npm run bench`
// print it beside their times. Two sessions on machines of the same "2-core" kind saw the
// same commit's `npm test` take 1 008 s and 504 s; without a reference neither figure says
// which machine it came from.
import { createHash } from "node:crypto";
import zlib from "node:zlib";

/** One pass: hashing, compression and JSON over fixed data, about 0.35 s on one core of the 2-core machine that ran `npm test` in ~510 s. */
function pass() {
  const rows = Array.from({ length: 240_000 }, (_, i) => ({
    id: `act_${i}`,
    at: 1_700_000_000_000 + i * 977,
    n: i % 13,
  }));
  const text = JSON.stringify(rows);
  const parsed = JSON.parse(text);
  const gz = zlib.gzipSync(Buffer.from(text), { level: 6 });
  let h = createHash("sha256");
  for (let i = 0; i < 100; i++) h = h.update(gz);
  let sum = 0;
  for (const r of parsed) sum += r.n;
  return h.digest("hex").length + sum;
}

/**
 * The fastest of `runs` passes, in ms (the fastest is the least disturbed by other work).
 * Lower is a faster machine.
 */
export function cpuReferenceMs(runs = 5) {
  let best = Infinity;
  pass(); // warm the JIT
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    pass();
    best = Math.min(best, performance.now() - t0);
  }
  return Math.round(best);
}
