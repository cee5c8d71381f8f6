import { describe, expect, it } from "vitest";
import { replyThread } from "./text";

describe("reply threads from raw vendor payloads", () => {
  it("reads Smartlead's reply_details and thread_replies, oldest first", () => {
    const thread = replyThread(
      {
        email_body: "<p>First touch</p>",
        reply_details: { time: "2026-10-04T11:00:00Z", reply_email_body: "<div>Sounds good</div>", message_id: "m2" },
        thread_replies: [
          { time: "2026-10-05T09:00:00Z", email_body: "Following up", type: "SENT", from_email: "sam@us.example" },
        ],
      },
      "<p>First touch</p>",
    );
    expect(thread).toEqual([
      { at: "2026-10-04T11:00:00Z", from: null, subject: null, body: "Sounds good", inbound: true },
      { at: "2026-10-05T09:00:00Z", from: "sam@us.example", subject: null, body: "Following up", inbound: false },
    ]);
  });

  it("reads a message history and skips the item's own body", () => {
    const thread = replyThread(
      {
        history: [
          { type: "SENT", time: "2026-10-01T08:00:00Z", email_body: "Hi" },
          { type: "REPLY", time: "2026-10-02T08:00:00Z", email_body: "Hello back" },
        ],
      },
      "Hi",
    );
    expect(thread.map((m) => [m.body, m.inbound])).toEqual([["Hello back", true]]);
  });

  it("answers nothing for payloads without a conversation", () => {
    expect(replyThread(null)).toEqual([]);
    expect(replyThread({ id: 1, note: "x" })).toEqual([]);
    expect(replyThread({ history: "not a list", reply_details: null })).toEqual([]);
  });
});
