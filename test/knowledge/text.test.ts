import { describe, expect, it } from "vitest";
import {
  createAnalyzer,
  createMixedInReader,
  isNearTerm,
  normalize,
  stem,
} from "../../src/knowledge/text.js";

const vocabulary = {
  synonyms: {
    "credit line": ["cl", "monthly invoicing", "net 30"],
    "joint business plan": ["jbp", "jbps"],
    tiktok: ["tt"],
  },
  domain_terms: ["credit", "coupon", "credit line", "ad account"],
  out_of_scope: ["google", "meta", "amazon ads", "credit score"],
  not_credits: ["creator rewards"],
  other_senses: ["card limit", "loan", "cashback"],
  ads_terms: ["tiktok", "tt", "ad", "monthly invoicing", "rebate"],
  stopwords: ["what", "is", "a", "the", "tiktok", "for", "my", "do", "at all"],
  general_terms: ["credit", "ads", "help"],
  mixed_in: {},
  swaps: {},
};
const analyzer = createAnalyzer(vocabulary);

describe("reading a question", () => {
  it("folds case, accents, curly quotes and punctuation", () => {
    expect(normalize("What’s a JBP?!")).toBe("what a jbp");
    expect(normalize("Smart+ crédit")).toBe("smart plus credit");
  });

  it("reads US in capitals as the country, and us in lower case as the pronoun", () => {
    expect(normalize("new advertiser credit for a US client?")).toBe(
      "new advertiser credit for a usa client",
    );
    expect(normalize("U.S. and UK accounts")).toBe("usa and uk accounts");
    expect(normalize("can you tell us, in USD")).toBe("can you tell us in usd");
  });

  it("brings word endings together", () => {
    expect(stem("invoices")).toBe(stem("invoicing"));
    expect(stem("negotiation")).toBe(stem("negotiates"));
    expect(stem("eligibility")).toBe(stem("eligible"));
    expect(stem("credits")).toBe("credit");
    expect(stem("25k")).toBe("25k");
  });

  it("expands abbreviations and synonyms, longest phrase first, and drops filler", () => {
    expect(analyzer.terms("what is a JBP")).toEqual(["joint", "business", "plan"]);
    expect(analyzer.terms("monthly invoicing for my client")).toEqual(["credit", "line", "client"]);
    expect(analyzer.terms("do we get net 30 on TT")).toEqual(
      expect.arrayContaining(["credit", "line"]),
    );
    expect(analyzer.terms("is the CL for tt")).toEqual(["credit", "line"]);
  });

  it("drops filler of more than one word, whole words only", () => {
    expect(analyzer.terms("so no jbp at all?")).toEqual(analyzer.terms("so no jbp?"));
    expect(analyzer.terms("credit for all accounts")).toContain("all");
    expect(analyzer.terms("what is a hat alliance")).toEqual(["hat", "allianc"]);
  });

  it("does not expand an abbreviation inside another word", () => {
    expect(analyzer.terms("clients")).toEqual(["client"]);
  });

  it("treats another ad platform or another sense of credit as out of scope unless TikTok is named", () => {
    expect(analyzer.isOutOfScope("google ads promo credit?")).toBe(true);
    expect(analyzer.isOutOfScope("Amazon Ads coupon")).toBe(true);
    expect(analyzer.isOutOfScope("how do I fix my credit score")).toBe(true);
    expect(analyzer.isOutOfScope("is TT credit like google credit")).toBe(false);
    expect(analyzer.isOutOfScope("amazon sellers on tiktok shop")).toBe(false);
  });

  it("treats a bank's or a phone's sense of credit as out of scope unless the question names advertising", () => {
    expect(analyzer.isOutOfScope("company card limit is full, how long does the bank take?")).toBe(
      true,
    );
    expect(analyzer.isOutOfScope("which bank gives the best business loans")).toBe(true);
    expect(analyzer.isOutOfScope("card limit too low for the ad spend, monthly invoicing?")).toBe(
      false,
    );
    expect(analyzer.isOutOfScope("is the TT credit line a loan?")).toBe(false);
    // Read before synonyms fold: "cashback" would otherwise fold into the "rebate" it lists.
    expect(
      createAnalyzer({
        ...vocabulary,
        synonyms: { rebate: ["cashback"] },
      }).isOutOfScope("company card with cashback, which bank?"),
    ).toBe(true);
  });

  it("treats a TikTok program that pays something other than ad credit as out of scope, TikTok named or not", () => {
    expect(analyzer.isOutOfScope("tiktok creator rewards program payout minimum")).toBe(true);
    expect(analyzer.isOutOfScope("Creator Reward payouts, when?")).toBe(true);
    expect(analyzer.isOutOfScope("tiktok promo credit rewards for creators")).toBe(false);
  });

  it("needs a word of the domain, matching multi-word terms only as a whole", () => {
    const domain = (text: string) => analyzer.hasDomainTerm(analyzer.terms(text));
    expect(domain("coupons for my client")).toBe(true);
    expect(domain("is the CL for us")).toBe(true);
    expect(domain("when does payroll go out")).toBe(false);
    expect(domain("my account got banned")).toBe(false);
  });

  it("knows the words that name the subject as a whole, read as questions are", () => {
    const general = (text: string) => analyzer.terms(text).map(analyzer.isGeneral);
    expect(general("credits ads help")).toEqual([true, true, true]);
    expect(general("credit line")).toEqual([true, false]);
    // "jbp" folds to "joint business plan": a topic, word by word.
    expect(general("jbp")).toEqual([false, false, false]);
  });

  it("reaches a term through a typo only within the allowed number of edits", () => {
    // Up to 7 letters: one edit; 8 to 12 letters: two.
    expect(isNearTerm("coupon", "coupno")).toBe(false);
    expect(isNearTerm("coupon", "cuopon")).toBe(false);
    expect(isNearTerm("coupon", "coupun")).toBe(true);
    expect(isNearTerm("allocation", "alocaton")).toBe(true);
    expect(isNearTerm("allocation", "alcatin")).toBe(false);
    expect(isNearTerm("eligibility", "eligiblity")).toBe(true);
    expect(isNearTerm("advertiser", "advertise")).toBe(true);
    // Short terms only match exactly; longer than the reused table still works.
    expect(isNearTerm("jbp", "jbq")).toBe(false);
    const long = "internationalisationprogrammeagreements";
    expect(isNearTerm(long, `${long.slice(0, 20)}x${long.slice(21)}`)).toBe(true);
    expect(isNearTerm(long, `${long.slice(0, 10)}xxxxxxxxx${long.slice(19)}`)).toBe(false);
    expect(isNearTerm("coupon", "coupon")).toBe(true);
  });
});

describe("words mixed in from another language", () => {
  const inEnglish = createMixedInReader({ und: "and", wann: "when", läuft: "running" });

  it("reads each listed word as its English, with or without accents, and leaves the rest as typed", () => {
    expect(inEnglish("Und wann kommt der Credit?")).toBe("and when kommt der Credit?");
    expect(inEnglish("still läuft?")).toBe("still running?");
    expect(inEnglish("still lauft?")).toBe("still running?");
  });

  it("reads whole words only", () => {
    expect(inEnglish("undo the wannabe campaign")).toBe("undo the wannabe campaign");
  });

  it("changes nothing when no word is listed", () => {
    expect(createMixedInReader({})("und wann")).toBe("und wann");
  });

  it("leaves out the particles it reads as nothing, but not a message of them alone", () => {
    const taglish = createMixedInReader({ po: "", ba: "", sa: "", pano: "how" });
    expect(taglish("pano po mag apply ba?")).toBe("how mag apply?");
    expect(taglish("post the report")).toBe("post the report");
    expect(taglish("po?")).toBe("po?");
  });

  it("keeps a word typed in capitals: an abbreviation", () => {
    const taglish = createMixedInReader({ po: "", sa: "" });
    expect(taglish("what about SA?")).toBe("what about SA?");
    expect(taglish("the PO number sa invoice")).toBe("the PO number invoice");
  });
});
