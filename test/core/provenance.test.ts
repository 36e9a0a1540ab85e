import { describe, expect, it } from "vitest";
import { asksOnlyProvenance, asksProvenance, provenance } from "../../src/core/provenance.js";

const helpCenter = {
  url: "https://ads.tiktok.com/help/article/how-to-manage-your-incentive?lang=en",
  publisher: "TikTok Business Help Center",
  kind: "official" as const,
  date: "2025-09-01",
};
const getAdCredit = {
  url: "https://getadcredit.com/question/do-high-volume-advertisers-qualify-for-custom-ad-credit-deals/",
  publisher: "GetAdCredit",
  kind: "third_party" as const,
  date: "2026-06-18",
};

describe("provenance", () => {
  it("hears a question about where an answer comes from", () => {
    for (const text of [
      "is that official?",
      "says who",
      "Source?",
      "is that confirmed by tiktok",
      "where is that from",
      "wheres that from",
      "is that offical",
      "is that tiktoks word?",
      "is this from tiktok or some blog",
      "is that number official?",
      "is that list legit",
      "is that official or just getadcredit",
      "are those official tiktok numbers?",
      "is that in tiktok's own docs anywhere",
    ]) {
      expect(asksOnlyProvenance(text), text).toBe(true);
    }
    expect(asksProvenance("is the 30 days official for the us or just thailand")).toBe(true);
    expect(asksOnlyProvenance("is the 30 days official for the us or just thailand")).toBe(false);
    expect(asksOnlyProvenance("is getadcredit official?")).toBe(false);
    expect(asksOnlyProvenance("is that rule official for agencies")).toBe(false);
    // A second question after "or" is no source.
    expect(asksOnlyProvenance("is that official or can we negotiate")).toBe(false);
    expect(asksOnlyProvenance("is that official or just for the us")).toBe(false);
    for (const text of [
      "who can apply for it",
      "how do we confirm the payout",
      "what docs do we need",
    ]) {
      expect(asksProvenance(text), text).toBe(false);
    }
  });

  it("names a publisher without the note in parentheses its source carries", () => {
    const mirror = { ...getAdCredit, publisher: "tt123.com (Chinese mirror of a TikTok page)" };
    expect(provenance([mirror])).toContain("third-party sources (tt123.com), which");
  });

  it("says whether an answer rests on TikTok's pages, a third party's, or both, naming them", () => {
    expect(provenance([helpCenter])).toBe(
      "**TikTok's own word:** my last answer rests only on TikTok's own pages (TikTok Business Help Center).",
    );
    expect(provenance([getAdCredit, getAdCredit])).toBe(
      "**Not TikTok's word:** my last answer rests only on third-party sources (GetAdCredit), which TikTok has not confirmed.",
    );
    expect(provenance([helpCenter, helpCenter, getAdCredit])).toMatch(
      /^\*\*Partly TikTok's word:\*\* .*TikTok's own pages \(TikTok Business Help Center\) and on third parties \(GetAdCredit\)/,
    );
  });
});
