import { describe, expect, it } from "vitest";
import { REPLY_KINDS } from "@/lib/model/plain/timeline";
import type { TimelineFacets } from "@/lib/model/timeline";
import type { TimelineParams } from "./search-params";
import { EMPTY_FILTERS } from "./timeline-toolbar";
import { neighbourPatches } from "./use-prefetch-neighbours";

// No filter on: the URL of a contact page opened from a link.
const params: TimelineParams = EMPTY_FILTERS;
const facets = (vendors: TimelineFacets["vendors"]): TimelineFacets => ({
  total: 10,
  vendors,
  kinds: {},
  campaigns: [],
  bots: 0,
});

describe("the views one click away", () => {
  it("toggles each vendor that has items here, or is chosen", () => {
    expect(neighbourPatches("vendor", params, facets({ lemlist: 4, close: 6, smartlead: 0 }))).toEqual([
      { vendors: ["lemlist"] },
      { vendors: ["close"] },
      { bots: "exclude" },
    ]);
    // A chosen vendor is unticked even when the other filters leave it no items.
    expect(
      neighbourPatches("vendor", { ...params, vendors: ["smartlead"] }, facets({ lemlist: 4, smartlead: 0 })),
    ).toEqual([{ vendors: ["smartlead", "lemlist"] }, { vendors: [] }, { bots: "exclude" }]);
  });

  it("tries every vendor while the counts are not in yet", () => {
    expect(neighbourPatches("vendor", params, undefined)).toHaveLength(5);
  });

  it("offers replies only, and back to all kinds when a kind is chosen", () => {
    expect(neighbourPatches("kind", params, undefined)).toEqual([{ kinds: [...REPLY_KINDS] }, { bots: "exclude" }]);
    expect(neighbourPatches("kind", { ...params, kinds: [...REPLY_KINDS] }, undefined)).toEqual([
      { kinds: [] },
      { bots: "exclude" },
    ]);
    expect(neighbourPatches("kind", { ...params, kinds: ["note"] }, undefined)).toEqual([
      { kinds: [...REPLY_KINDS] },
      { kinds: [] },
      { bots: "exclude" },
    ]);
  });

  it("with no panel open, only the machine-opens toggle, either way", () => {
    expect(neighbourPatches(null, params, undefined)).toEqual([{ bots: "exclude" }]);
    expect(neighbourPatches(null, { ...params, bots: "exclude" }, undefined)).toEqual([{ bots: "include" }]);
  });
});
