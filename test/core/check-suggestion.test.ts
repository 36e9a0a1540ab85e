import { beforeAll, describe, expect, it } from "vitest";
import { checkSuggestion } from "../../src/core/check-suggestion.js";
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
