import { afterAll, beforeAll } from "vitest";

/**
 * Runs the tests of the surrounding describe block with the host's time zone (TZ) set to
 * `tz`, and puts the previous one back after them. Date tests run under several host zones
 * so that the host's own never leaks into a result (STYLE.md).
 */
export function withHostTimeZone(tz: string): void {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = tz;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}
