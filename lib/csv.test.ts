import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvFileName, toCsv } from "./csv";

describe("the one CSV writer", () => {
  it("starts with a UTF-8 BOM, quotes per RFC 4180, ends lines with CRLF, keeps accents", () => {
    const csv = toCsv(
      [{ a: 'say "hi", then\nbye', b: "López", c: -3, d: null }],
      [
        { header: "a", value: (r) => r.a },
        { header: "b", value: (r) => r.b },
        { header: "c", value: (r) => r.c },
        { header: "d", value: (r) => r.d },
      ],
    );
    expect(csv).toBe(`${CSV_BOM}a,b,c,d\r\n"say ""hi"", then bye",López,-3,\r\n`);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(toCsv([], [{ header: "x", value: () => 1 }], { bom: false })).toBe("x\r\n");
  });

  it.each([
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+SUM(A1)", "'+SUM(A1)"],
    ['-1+WEBSERVICE("http://x")', `"'-1+WEBSERVICE(""http://x"")"`],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["  =1+2", "'  =1+2"],
    ["＝1+2", "'＝1+2"],
    ["-12", "-12"],
    ["+3.5", "+3.5"],
    ["-1e-3", "-1e-3"],
    ["a-b", "a-b"],
  ])("defuses formulas: %j → %j", (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it("never writes a raw line break in a cell, so line-based tools count rows right", () => {
    expect(csvCell("one\r\ntwo\rthree\u2028four")).toBe("one two three four");
  });

  it("names files from readable parts", () => {
    expect(csvFileName("Q4 Outreach — APAC", "over-time", "2026-10-01", "Europe/Paris")).toBe(
      "q4-outreach-apac-over-time-2026-10-01-europe-paris.csv",
    );
  });
});
