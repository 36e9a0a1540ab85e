import { describe, expect, it } from "vitest";
import { loadKnowledgeBase, loadRanker } from "../../src/knowledge/loader.js";
import { createMatcher } from "../../src/knowledge/matcher.js";
import { countsRecord, countWords, wordingTable } from "../../src/knowledge/wording.js";

describe("the wording of the questions asked for each entry", () => {
  const asked = countWords([
    { terms: ["agency", "rebate", "rebate"], ids: ["agency-rebates"] },
    { terms: ["agency", "rebate", "quarter"], ids: ["agency-rebates"] },
    { terms: ["agency", "deal", "negotiate"], ids: ["agency-negotiated-credit"] },
    { terms: ["agency", "credit"], ids: ["agency-rebates", "agency-negotiated-credit"] },
  ]);

  it("counts a word once a question, and shares a question asked for two entries", () => {
    expect(countsRecord(asked)).toEqual({
      "agency-negotiated-credit": { agency: 1.5, credit: 0.5, deal: 1, negotiate: 1 },
      "agency-rebates": { agency: 2.5, credit: 0.5, quarter: 1, rebate: 2 },
    });
  });

  it("makes the entry asked with a question's telling word the likeliest", () => {
    const table = wordingTable([asked], 0.1);
    const ids = ["agency-negotiated-credit", "agency-rebates"];
    const [negotiated, rebates] = table.shares(["agency", "rebate"], ids);
    expect(rebates).toBeGreaterThan(0.9);
    expect((negotiated ?? 0) + (rebates ?? 0)).toBeCloseTo(1);
    expect(table.shares(["agency", "negotiate"], ids)[0]).toBeGreaterThan(0.9);
    // Words no entry was asked with say nothing: both stay as likely as the shared word makes them.
    const unknown = table.shares(["zebra"], ids);
    expect(unknown[0]).toBeCloseTo(unknown[1] ?? 0, 1);
    expect(table.shares(["rebate"], [])).toEqual([]);
  });

  it("adds the fitted model's questions to the curated phrasings when matching", async () => {
    const kb = await loadKnowledgeBase("knowledge");
    const model = await loadRanker("knowledge");
    // A word no curated phrasing uses, which the fitted questions ask one entry with.
    const question = "zorbling for our agency clients";
    const wordingOf = (counts: typeof model.wording.counts, id: string) => {
      const matcher = createMatcher(kb, {
        model: { ...model, wording: { ...model.wording, counts } },
      });
      const found = matcher.features(question)?.candidates.find((c) => c.entry.id === id);
      return found?.features.wording ?? 0;
    };
    const target = "agency-rebates";
    const terms = createMatcher(kb, { model }).analyzer.terms("zorbling");
    const without = wordingOf({}, target);
    const withWord = wordingOf({ [target]: Object.fromEntries(terms.map((t) => [t, 5])) }, target);
    expect(withWord).toBeGreaterThan(without);
    expect(withWord).toBeGreaterThan(0.5);
  });
});
