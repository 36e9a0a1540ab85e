import { beforeAll, describe, expect, it } from "vitest";
import { checkSuggestion, checkUnderAnswer } from "../../src/core/check-suggestion.js";
import { loadRules, type Rules } from "../../src/rules/index.js";

let rules: Rules;
beforeAll(async () => {
  rules = await loadRules("knowledge");
});
const now = new Date("2026-12-05T10:00:00Z");
const tip = (text: string) => checkSuggestion(text, rules, now);

describe("how to check a client, under an answer about whether one can get a program", () => {
  it("gives the /credit-check line for what the question says of the client", () => {
    expect(tip("our client spends ~80k/mo direct w tiktok, can they get a jbp")).toBe(
      "To check this client program by program: `/credit-check advertiser=direct spend=80000` (add what else you know).",
    );
    expect(
      tip(
        "we're an agency with a partner agreement, client spends 40k a month. can we get agency credit?",
      ),
    ).toContain("`/credit-check advertiser=agency spend=40000 partner=yes`");
  });

  it("points to the check when the question says too little of the client for a line", () => {
    expect(tip("is our client eligible for monthly invoicing")).toMatch(/say \*\*credit check\*\*/);
  });

  it("says nothing under other questions, or eligibility of what the check does not cover", () => {
    expect(tip("what is a jbp")).toBeUndefined();
    expect(tip("can they get a refund of the balance?")).toBeUndefined();
    // "agency" describes the client here; rebates are no program the check covers.
    expect(tip("can we get a rebate as an agency")).toBeUndefined();
  });
});

describe("a client described right after an answer on one program's eligibility", () => {
  const under = (answered: string, text: string) => checkUnderAnswer(answered, text, rules, now);

  it("gives that program's verdict for what the message says", () => {
    const reply = under(
      "Who is eligible for the TikTok Credit Line?",
      "they spend 20k a month, agency",
    );
    expect(reply?.result.status === "ok" && reply.result.programs.map(({ id }) => id)).toEqual([
      "credit_line",
    ]);
    expect(reply?.result.status === "ok" && reply.result.input).toEqual({
      spend: 20000,
      advertiser: "agency",
    });
  });

  it("leaves questions, other answers and messages without details alone", () => {
    const credit = "Who is eligible for the TikTok Credit Line?";
    expect(under(credit, "do they need 6 months?")).toBeUndefined();
    expect(under(credit, "thanks that helps")).toBeUndefined();
    expect(
      under("How do I apply for monthly invoicing?", "they spend 20k a month"),
    ).toBeUndefined();
    // An answer naming two programs is about no one program's verdict.
    expect(
      under(
        "Can our client get the new-advertiser credit and a JBP at once?",
        "they spend 20k a month",
      ),
    ).toBeUndefined();
  });
});
