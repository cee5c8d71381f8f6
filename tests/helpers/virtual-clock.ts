/**
 * A clock for tests that simulate hours or days without waiting: `sleep` moves the time on
 * at once (a pacer waiting for the next minute window costs nothing), and the test moves it
 * between steps. Give the same clock to the simulator (`now`) and the connector (`clock`).
 */
export interface VirtualClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  set(ms: number): void;
  advance(ms: number): void;
  date(): Date;
}

export function virtualClock(startMs: number): VirtualClock {
  let t = startMs;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += Math.max(0, ms);
      await new Promise((r) => setImmediate(r));
    },
    set: (ms) => void (t = ms),
    advance: (ms) => void (t += ms),
    date: () => new Date(t),
  };
}
