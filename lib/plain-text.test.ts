import { describe, expect, it } from "vitest";
import { excerpt, htmlToText } from "./plain-text";

describe("htmlToText", () => {
  it("turns an HTML email body into plain text, keeping line breaks", () => {
    expect(htmlToText("<p>Hi Ada,</p><p>Are you free <b>Tuesday</b>?<br>Best, Sam</p>")).toBe(
      "Hi Ada,\nAre you free Tuesday?\nBest, Sam",
    );
    expect(htmlToText("<div>one</div>\n\n\n\n<div>two</div>")).toBe("one\n\ntwo");
    expect(htmlToText("<ul><li>a</li><li>b</li></ul>")).toBe("• a\n• b");
  });

  it("decodes named and numeric entities after dropping tags, so escaped markup stays text", () => {
    expect(htmlToText("Fish &amp; chips &lt;3 &#39;yes&#39; &#x41; &apos;")).toBe("Fish & chips <3 'yes' A '");
    expect(htmlToText("<p>a &lt;b&gt; c</p>")).toBe("a <b> c");
    expect(htmlToText("<p>odd &#0; &bogus; end</p>")).toBe("odd &#0; &bogus; end");
  });

  it("folds runs of spaces and tabs, keeps line breaks (at most one blank line)", () => {
    expect(htmlToText("<p>Hello&nbsp;&nbsp;<b>Jane</b>  \t there</p>\n   <p>  bye</p>")).toBe(
      "Hello Jane there\n\nbye",
    );
    expect(htmlToText("<p>a</p>\n\n\n\n<p>b</p>")).toBe("a\n\nb");
  });

  it("drops scripts, styles and comments entirely and never yields markup", () => {
    const text = htmlToText(
      '<style>p{color:red}</style><script>alert("x")</script><!-- hidden --><img src=x onerror=alert(1)>Hello',
    );
    expect(text).toBe("Hello");
  });

  it("leaves plain text alone", () => {
    expect(htmlToText("  a < b and c > d  ")).toBe("a < b and c > d");
    expect(htmlToText("line one\n   indented")).toBe("line one\n   indented");
    expect(htmlToText(null)).toBe("");
  });
});

describe("excerpt", () => {
  it("is one line of at most max characters, cut with an ellipsis", () => {
    expect(excerpt("a\n\n  b\tc")).toBe("a b c");
    const long = excerpt("word ".repeat(100))!;
    expect(long).toHaveLength(200);
    expect(long.endsWith("…")).toBe(true);
    expect(excerpt("word ".repeat(10), 12)).toBe("word word w…");
    expect(excerpt("  ")).toBeNull();
    expect(excerpt(null)).toBeNull();
  });
});
