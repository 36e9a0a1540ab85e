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
    ]) {
      expect(asksOnlyProvenance(text), text).toBe(true);
    }
    expect(asksProvenance("is the 30 days official for the us or just thailand")).toBe(true);
    expect(asksOnlyProvenance("is the 30 days official for the us or just thailand")).toBe(false);
    expect(asksOnlyProvenance("is getadcredit official?")).toBe(false);
    expect(asksProvenance("who can apply for it")).toBe(false);
  });

  it("says whether an answer rests on TikTok's pages, a third party's, or both", () => {
    expect(provenance([helpCenter])).toMatch(/^\*\*Yes:\*\* .*TikTok's own pages only/);
    expect(provenance([getAdCredit, getAdCredit])).toBe(
      "**Not from TikTok:** my last answer rests only on third-party sources (GetAdCredit), which TikTok has not confirmed.",
    );
    expect(provenance([helpCenter, helpCenter, getAdCredit])).toMatch(
      /^\*\*Partly:\*\* .*2 of TikTok's own pages and on third parties \(GetAdCredit\)/,
    );
  });
});
