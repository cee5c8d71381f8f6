import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("environment validation", () => {
  it("applies the documented defaults", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      PORT: 3000,
      TOUCHLINE_DATA_DIR: "./.data",
      TOUCHLINE_DEMO: "on",
      TOUCHLINE_SYNC_INTERVAL_MINUTES: 15,
    });
    expect(e.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it.each([
    ["PORT", "eighty"],
    ["DATABASE_URL", "mysql://x"],
    ["TOUCHLINE_DEMO", "maybe"],
    ["TOUCHLINE_SECRET_KEY", "short"],
    ["LEMLIST_API_URL", "ftp://example.com"],
    ["TOUCHLINE_ADMIN_EMAIL", "not-an-email"],
  ])("refuses a bad %s with a message naming it", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(name));
  });

  it("accepts a PostgreSQL URL and vendor overrides", () => {
    const e = parseEnv({
      DATABASE_URL: "postgres://u@127.0.0.1:5432/db",
      LEMLIST_API_URL: "http://127.0.0.1:4001/api",
    });
    expect(e.DATABASE_URL).toBe("postgres://u@127.0.0.1:5432/db");
    expect(e.LEMLIST_API_URL).toBe("http://127.0.0.1:4001/api");
  });
});
