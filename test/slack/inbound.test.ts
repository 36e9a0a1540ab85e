import { describe, expect, it } from "vitest";
import {
  interactionSchema,
  interactionTarget,
  plainText,
  speakerOf,
} from "../../src/slack/inbound.js";
import { fieldsFromState } from "../../src/slack/listeners/views/credit-check-submission.js";

describe("inbound text", () => {
  it.each([
    ["<@U0BOT> what is a JBP?", "what is a JBP?"],
    ["<@U0BOT|credit-desk>   hi", "hi"],
    ["ask <@U0ANNA> about <#C0MEDIA|media-buying>", "ask about #media-buying"],
    [
      "see <https://ads.tiktok.com/help|the help page> &amp; <https://x.test>",
      "see the help page & https://x.test",
    ],
    ["spend &lt; 10k &gt; 5k <!here>", "spend < 10k > 5k"],
    ["<https://a.test|one> <not a link <https://b.test>", "one <not a link https://b.test"],
  ])("%s", (slack, plain) => {
    expect(plainText(slack)).toBe(plain);
  });
});

describe("speaker", () => {
  it("is the Enterprise Grid org and the user when the request names an org, else the workspace", () => {
    expect(speakerOf({ enterpriseId: "E1", teamId: "T1" }, "W1")).toEqual({
      teamId: "E1",
      userId: "W1",
    });
    expect(speakerOf({ teamId: "T1" }, "U1")).toEqual({ teamId: "T1", userId: "U1" });
    expect(speakerOf({}, "U1")).toBeUndefined();
    expect(speakerOf({ teamId: "T1" }, undefined)).toBeUndefined();
  });
});

describe("interaction target", () => {
  const base = {
    user: { id: "U1", team_id: "T1" },
    team: { id: "T1" },
    container: { type: "message" },
  };
  const target = (body: object) => interactionTarget(interactionSchema.parse({ ...base, ...body }));

  it("a click in a channel thread answers in that thread", () => {
    expect(
      target({ channel: { id: "C1", name: "ads" }, message: { ts: "2.0", thread_ts: "1.0" } }),
    ).toEqual({ kind: "message", channel: "C1", threadTs: "1.0", messageTs: "2.0", dm: false });
  });

  it("a click on a top-level DM message answers in the DM, not in a new thread", () => {
    expect(
      target({ channel: { id: "D1", name: "directmessage" }, message: { ts: "2.0" } }),
    ).toEqual({
      kind: "message",
      channel: "D1",
      threadTs: undefined,
      messageTs: "2.0",
      dm: true,
    });
  });

  it("App Home clicks answer in the DM; ephemeral ones ephemerally", () => {
    expect(target({ container: { type: "view" } })).toEqual({ kind: "home", channel: "U1" });
    expect(
      target({ container: { type: "message", is_ephemeral: true }, channel: { id: "C1" } }),
    ).toEqual({
      kind: "ephemeral",
    });
  });
});

describe("form fields", () => {
  it("reads selects and text inputs by key, leaving out empty ones and unknown blocks", () => {
    const state = {
      values: {
        advertiser: { value: { type: "static_select", selected_option: { value: "agency" } } },
        months: { value: { type: "plain_text_input", value: " 8 " } },
        spend: { value: { type: "plain_text_input", value: "" } },
        payments: { value: { type: "static_select", selected_option: null } },
        other: { value: { type: "plain_text_input", value: "x" } },
      },
    };
    expect(fieldsFromState(state)).toEqual({ advertiser: "agency", months: "8" });
    expect(fieldsFromState({ values: "nope" })).toBeUndefined();
  });
});
