import { describe, expect, it } from "vitest";
import { loadKnowledgeBase, loadRanker } from "../../src/knowledge/loader.js";
import { createMatcher } from "../../src/knowledge/matcher.js";
import {
  countsRecord,
  countWords,
  likeliest,
  phrasingWords,
  wordingTable,
} from "../../src/knowledge/wording.js";

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
    // A word no entry was asked with says nothing either way.
    const plain = table.shares(["agency", "rebate"], ids);
    table.shares(["agency", "rebate", "zebra"], ids).forEach((share, k) => {
      expect(share).toBeCloseTo(plain[k] ?? 0, 6);
    });
    expect(table.shares(["rebate"], [])).toEqual([]);
    // No word known at all: no entry is the likeliest.
    expect(likeliest(table.shares(["zebra"], ids))).toBe(-1);
    expect(likeliest(table.shares(["rebate"], ids))).toBe(1);
  });

  it("leaves a question out of its own reading when asked to (a phrasing checked by kb check)", () => {
    const phrasing = { terms: ["agency", "rebate", "quarter"], ids: ["agency-rebates"] };
    const ids = ["agency-negotiated-credit", "agency-rebates"];
    const withIt = wordingTable([countWords([phrasing], new Map()), asked], 0.1);
    const withoutIt = wordingTable([asked], 0.1);
    const question = ["agency", "quarter"];
    withIt.shares(question, ids, phrasing).forEach((share, k) => {
      expect(share).toBeCloseTo(withoutIt.shares(question, ids)[k] ?? 0, 6);
    });
    expect(withIt.shares(question, ids)[1]).toBeGreaterThan(
      withoutIt.shares(question, ids)[1] ?? 0,
    );
  });

  it("adds the fitted model's questions to the curated phrasings when matching", async () => {
    const kb = await loadKnowledgeBase("knowledge");
    const model = await loadRanker("knowledge");
    // A word no curated phrasing uses, counted as if the fitted questions asked one entry with it.
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

  it("counts the curated phrasings itself: a word only one entry's phrasings use makes it the likeliest", async () => {
    const kb = await loadKnowledgeBase("knowledge");
    const model = await loadRanker("knowledge");
    const matcher = createMatcher(kb, {
      model: { ...model, wording: { ...model.wording, counts: {} } },
    });
    const owners = new Map<string, Set<string>>();
    for (const { terms, ids } of phrasingWords(kb.entries, matcher.analyzer.terms)) {
      for (const term of terms) owners.set(term, new Set([...(owners.get(term) ?? []), ...ids]));
    }
    const own = [...owners].filter(([term, ids]) => ids.size === 1 && term.length > 5).slice(0, 10);
    expect(own.length).toBe(10);
    for (const [term, ids] of own) {
      const [id] = [...ids];
      const candidates = matcher.features(term)?.candidates ?? [];
      const first = candidates.find((c) => c.features.wordingFirst === 1);
      expect(first?.entry.id, term).toBe(id);
    }
  });

  it("ships counts only for entries the knowledge base answers with", async () => {
    const kb = await loadKnowledgeBase("knowledge");
    const model = await loadRanker("knowledge");
    const ids = new Set(kb.entries.map((entry) => entry.id));
    expect(Object.keys(model.wording.counts).filter((id) => !ids.has(id))).toEqual([]);
  });
});
