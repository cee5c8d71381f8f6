import { describe, expect, it } from "vitest";
import { classifyReply } from "@/lib/model/plain/reply-class";
import { smartleadCategoryVerdict } from "./reply-category";

const classify = (body: string, category: string) =>
  classifyReply({ body, categoryVerdict: smartleadCategoryVerdict(category) });

describe("Smartlead's lead category comes before the text", () => {
  it("Out Of Office / Do Not Contact / bounce decide whatever the text", () => {
    const body = "Yes, let's talk.";
    expect(classify(body, "Out Of Office")).toBe("auto_reply");
    expect(classify(body, "Do Not Contact")).toBe("opt_out");
    expect(classify(body, "Sender Originated Bounce")).toBe("bounce_notice");
  });

  it("a person's category is human, unless the text asks to be removed", () => {
    expect(classify("I am out of the office until Monday", "Interested")).toBe("human");
    expect(classify("Not now, thanks.", "Not Interested")).toBe("human");
    expect(classify("Please remove me from your list.", "Not Interested")).toBe("opt_out");
  });

  it("an unknown or missing category says nothing: the text decides", () => {
    expect(smartleadCategoryVerdict("Something new")).toBeNull();
    expect(smartleadCategoryVerdict(null)).toBeNull();
    expect(classify("Out of office until Monday", "Something new")).toBe("auto_reply");
  });
});
