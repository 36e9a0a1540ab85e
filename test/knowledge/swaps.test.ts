import { describe, expect, it } from "vitest";
import { createSwaps } from "../../src/knowledge/swaps.js";
import { createAnalyzer } from "../../src/knowledge/text.js";

const kinds = {
  programs: ["ad credit", "credit", "coupon", "balance"],
  places: ["japan", "thailand"],
  audiences: ["agency"],
};
const analyzer = createAnalyzer({
  synonyms: { "business center": ["bc"], "ad credit": ["ad credits"] },
  domain_terms: ["credit"],
  out_of_scope: [],
  not_credits: [],
  other_senses: [],
  ads_terms: [],
  stopwords: [
    "is",
    "the",
    "what",
    "about",
    "in",
    "and",
    "for",
    "a",
    "can",
    "be",
    "how",
    "does",
    "it",
    "to",
  ],
  general_terms: [],
  mixed_in: {},
  swaps: kinds,
});
const swaps = createSwaps(kinds, analyzer);

describe("swapping a follow-up's words into the question before", () => {
  // Questions come back as the analyzer's terms: stemmed, filler dropped.
  it("puts the follow-up's program or place in place of the one the question named", () => {
    expect(
      swaps.swapped("is ad credit transferable between ad accounts", "same for coupons?"),
    ).toEqual({
      question: "coupon transferabl between ad account",
      swappedIn: ["coupon"],
    });
    expect(swaps.swapped("coupon activation in thailand", "what about in japan?")?.question).toBe(
      "japan coupon activat",
    );
  });

  it("takes a phrase as one: 'ad credit' is swapped out whole, 'bc' stays", () => {
    expect(
      swaps.swapped("can bc auto allocate ad credits to accounts", "what about balance")?.question,
    ).toBe("balanc business center auto allocat account");
  });

  it("lets the follow-up echo the question's own words, whatever their ending", () => {
    expect(
      swaps.swapped("can credit be moved automatically", "wait can coupons be moved automatic")
        ?.question,
    ).toBe("coupon mov automatically");
  });

  it("adds a program to a question that names none", () => {
    expect(swaps.swapped("does tax count toward the spend", "same for coupons?")).toEqual({
      question: "coupon tax count toward spend",
      swappedIn: ["coupon"],
    });
    // Only a program: "and in japan?" of a question that names no place is no swap.
    expect(swaps.swapped("does tax count toward the spend", "what about japan?")).toBeUndefined();
  });

  it("swaps nothing when the follow-up says more, or the question has nothing of its kind", () => {
    expect(
      swaps.swapped("is credit transferable", "and when does the coupon land"),
    ).toBeUndefined();
    expect(swaps.swapped("what is a jbp", "and for agencies?")).toBeUndefined();
    expect(swaps.swapped("how does credit work", "thanks")).toBeUndefined();
    // Nothing left to ask of coupons once credit is swapped out.
    expect(swaps.swapped("credit?", "and coupons?")).toBeUndefined();
  });
});
