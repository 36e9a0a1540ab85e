import { describe, expect, it } from "vitest";
import {
  focusedPassage,
  givesNoDuration,
  givesNoFigure,
  opening,
  passages,
  sentenceMatching,
  touchesOn,
} from "../../src/knowledge/passages.js";

// Shaped like the curated answers in knowledge/entries: a bold lead, then a list led by a line
// that says who says it.
const answer = [
  "**Refunds go back to the original payment method, and the account is closed** (TikTok Help Center).",
  "",
  "According to GetAdCredit, a third-party site:",
  "- only an admin can request it;",
  "- the money arrives within **60 days**.",
  "",
  "These pages do not cover promotional credit.",
].join("\n");

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

describe("passages", () => {
  it("keeps each list item with the line that says who says it", () => {
    expect(passages(answer)).toEqual([
      "**Refunds go back to the original payment method, and the account is closed** (TikTok Help Center).",
      "According to GetAdCredit, a third-party site:\n- only an admin can request it;",
      "According to GetAdCredit, a third-party site:\n- the money arrives within **60 days**.",
      "These pages do not cover promotional credit.",
    ]);
  });

  it("reads a list that follows its lead line without a blank line between", () => {
    expect(passages("Two ways:\n1. by hand;\n2. automatically.")).toEqual([
      "Two ways:\n1. by hand;",
      "Two ways:\n2. automatically.",
    ]);
  });

  it("keeps a list of alternatives whole, since one of them alone reads as the only way", () => {
    const paid =
      "It is paid one of three ways:\n- set-off;\n- top-up;\n- **cash** by bank transfer.";
    expect(passages(paid)).toEqual([paid]);
    const asked = { terms: ["cash"] };
    expect(focusedPassage(`**A rebate.**\n\n${paid}`, asked, words, evenly)).toBe(paid);
  });
});

const evenly = () => 1;

describe("focusedPassage", () => {
  it("finds the one passage that holds a word of the follow-up", () => {
    expect(focusedPassage(answer, { terms: ["admin"], aspect: "who" }, words, evenly)).toBe(
      "According to GetAdCredit, a third-party site:\n- only an admin can request it;",
    );
  });

  it("finds the one passage that shows what the follow-up asks for, a time", () => {
    const asked = { terms: ["long", "take"], aspect: "time" as const };
    expect(focusedPassage(answer, asked, words, evenly)).toContain("60 days");
  });

  it("reads a list item by its own words, and a word rare in the knowledge base over a common one", () => {
    const expiry = [
      "Managed credit lasts 90 days; self-serve credit about 30 days, per a third party:",
      "- Managed: the 90-day default can be changed.",
      "- Self-serve: the 30 days run from the deposit, not account creation.",
      "",
      "At expiry, unused credit is forfeited.",
    ].join("\n");
    // "managed" is in the line leading into the list, which both items share; "account" is
    // in the self-serve item only, but is said all over the knowledge base.
    const weight = (term: string) => (term === "account" ? 0.2 : 2);
    const asked = { terms: ["managed", "account"] };
    expect(focusedPassage(expiry, asked, words, weight)).toMatch(/- Managed: the 90-day default/);
  });

  it("gives a list whole when only the line leading into it holds the follow-up's word", () => {
    // "getadcredit" is in the lead-in both items share, and in no passage's own words.
    expect(focusedPassage(answer, { terms: ["getadcredit"] }, words, evenly)).toBe(
      "According to GetAdCredit, a third-party site:\n- only an admin can request it;\n- the money arrives within **60 days**.",
    );
  });

  it("gives the few passages that hold the follow-up's words alike, under their lead-in once", () => {
    const order = [
      "**Most pages say credit is used first, not all:**",
      "- Help Center: free credit before any balance;",
      "- Shopify credit, under manual payment: credit before balance;",
      "- Back to Business, under manual payment: balance before credit;",
      "- auto-allocation: the account's own funds before Business Center funds;",
      "- reservation ads: vouchers first, the rest billed monthly.",
    ].join("\n");
    const asked = { terms: ["manual", "payment"] };
    expect(focusedPassage(order, asked, words, evenly)).toBe(
      "**Most pages say credit is used first, not all:**\n" +
        "- Shopify credit, under manual payment: credit before balance;\n" +
        "- Back to Business, under manual payment: balance before credit;",
    );
    // Held by most of the list, a word tells no passage apart.
    expect(focusedPassage(order, { terms: ["before"] }, words, evenly)).toBeUndefined();
    // Tied on one word while another asked is in none ("managed"): nothing is shown for it.
    const tiedOnOne = { terms: ["managed", "credit"] };
    const items = order.replace("free credit before", "free funds before");
    expect(focusedPassage(items, tiedOnOne, words, evenly)).toBeUndefined();
  });

  it("shows passages of different paragraphs apart, each with its own lead-in", () => {
    const grounds = [
      "**Yes, TikTok can revoke credit.**",
      "",
      "Grounds GetAdCredit lists:",
      "- policy violations;",
      "- abuse of eligibility rules.",
      "",
      "In abuse cases, it says the spend may be billed.",
      "",
      "Nothing else is said.",
      "",
      "Contact support.",
    ].join("\n");
    expect(focusedPassage(grounds, { terms: ["abuse"] }, words, evenly)).toBe(
      "Grounds GetAdCredit lists:\n- abuse of eligibility rules.\n\nIn abuse cases, it says the spend may be billed.",
    );
  });

  it("gives nothing when no passage stands out", () => {
    // "admin" and "promotional" are each in one passage, alike; "weather" in none.
    const tied = { terms: ["admin", "promotional"] };
    expect(focusedPassage(answer, tied, words, evenly)).toBeUndefined();
    expect(focusedPassage(answer, { terms: ["weather"] }, words, evenly)).toBeUndefined();
  });

  it("gives nothing for an answer of one passage", () => {
    const single = "Only media charges are covered.";
    expect(focusedPassage(single, { terms: ["media"] }, words, evenly)).toBeUndefined();
  });
});

describe("touchesOn", () => {
  it("is whether the answer holds a word of the follow-up, or shows what it asks for", () => {
    expect(touchesOn(answer, { terms: ["admin"] }, words)).toBe(true);
    expect(touchesOn(answer, { terms: ["long"], aspect: "time" }, words)).toBe(true);
    expect(touchesOn(answer, { terms: ["weather"], aspect: "amount" }, words)).toBe(false);
  });

  it("does not read a year or a day count as an amount", () => {
    const dated = "Ended in 2020 (TikTok, 2020-06-01).\n\nIt ran for 30 days.";
    expect(touchesOn(dated, { terms: [], aspect: "amount" }, words)).toBe(false);
    expect(touchesOn("Spend $50 first.", { terms: [], aspect: "amount" }, words)).toBe(true);
  });
});

describe("opening", () => {
  it("is the answer's first lines, up to any list", () => {
    expect(opening(answer)).toBe(
      "**Refunds go back to the original payment method, and the account is closed** (TikTok Help Center).",
    );
    expect(opening("**No.** GetAdCredit says so.\n- one\n- two")).toBe(
      "**No.** GetAdCredit says so.",
    );
  });

  it("keeps the bold short answer when the lead-in is its only sentence, even inside the bold", () => {
    expect(opening("**Yes for new advertisers, per GetAdCredit**, plus:\n- one")).toBe(
      "**Yes for new advertisers, per GetAdCredit**",
    );
    expect(opening("**Most pages say credit goes first, but not all:**\n- one")).toBe("");
    expect(opening("Credit (free) goes first. It depends on the page (see E2):\n- one")).toBe(
      "Credit (free) goes first.",
    );
  });

  it("leaves out a closing sentence that leads into a list it does not show", () => {
    const revocation =
      "**Yes**, per GetAdCredit: TikTok can revoke credit. Grounds it lists:\n- fraud;";
    expect(opening(revocation)).toBe("**Yes**, per GetAdCredit: TikTok can revoke credit.");
    expect(opening("Its steps:\n1. sign up;")).toBe("");
  });
});

describe("givesNoDuration", () => {
  it("is true only for a how-long question of an answer with no time in it", () => {
    const noTime = "**Apply in Ads Manager under Tools → Finance → Payment** (TikTok Help Center).";
    expect(givesNoDuration(noTime, "how long does that take?")).toBe(true);
    expect(givesNoDuration(noTime, "how soon will we hear back")).toBe(true);
    expect(givesNoDuration(answer, "how long does that take?")).toBe(false);
    expect(givesNoDuration("Credit is applied immediately.", "how fast is it")).toBe(false);
    const live = "Ad group live **3 full consecutive days** from first impression.";
    expect(givesNoDuration(live, "how long does it need to run")).toBe(false);
    // "when" may be answered by an event ("at the billing date"), not a time frame.
    expect(givesNoDuration(noTime, "when does it happen?")).toBe(false);
    expect(givesNoDuration(noTime, "who applies?")).toBe(false);
  });
});

describe("sentenceMatching", () => {
  it("is the one sentence that matches, from a paragraph or a list item", () => {
    const text = [
      "**No amount is published.** The limit is set case by case. Ask your TikTok rep what applies.",
      "",
      "- Managed accounts should contact their rep.",
    ].join("\n");
    expect(sentenceMatching(text, /\bask\b/i)).toBe("Ask your TikTok rep what applies.");
    expect(sentenceMatching(text, /managed/i)).toBe("Managed accounts should contact their rep.");
    expect(sentenceMatching(text, /refund/i)).toBeUndefined();
  });

  it("gives the whole paragraph rather than cut through bold text", () => {
    const text = "**Ask the rep. They know the terms.** Nothing else.";
    expect(sentenceMatching(text, /rep/)).toBe(text);
  });
});

describe("givesNoFigure", () => {
  it("is whether an amount is asked of an answer with no number but dates, none in words and no bound", () => {
    const none =
      "**Amounts are negotiated with a TikTok account manager** (GetAdCredit, 2026-06-18).";
    expect(givesNoFigure(none, "is there a min spend")).toBe(true);
    expect(givesNoFigure(none, "how much is it")).toBe(true);
    // A figure in figures or in words, or a bound, is a figure.
    expect(givesNoFigure("Up to $2,000 a month.", "any minimum?")).toBe(false);
    expect(givesNoFigure("It can be used twice.", "any minimum?")).toBe(false);
    expect(givesNoFigure("No minimum is published.", "any minimum?")).toBe(false);
    // Not an amount: "how much of our spend", "is there a limit" on anything but money.
    expect(givesNoFigure(none, "how much of our spend can it cover")).toBe(false);
    expect(givesNoFigure(none, "is there a limit on which campaigns")).toBe(false);
  });
});
