import { describe, expect, it } from "vitest";
import { checkKnowledgeBase } from "../../src/knowledge/check.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import type { Matcher, MatchResult } from "../../src/knowledge/matcher.js";

// What kb check says of a curated phrasing that, left out, the ranking is unsure of: the
// bare "new advertiser credit" falls between the credit itself and its amounts.
const kb = await loadKnowledgeBase("knowledge");
const entry = (id: string) => {
  const found = kb.byId.get(id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
};
const own = entry("new-advertiser-credit");
const neighbour = entry("new-advertiser-amounts");
const onlyOwn = { ...kb, entries: [{ ...own, alternates: ["new advertiser credit"] }] };
const candidate = (id: string) => ({ entry: entry(id), confidence: 0.3 });

const checkWith = (result: MatchResult) => {
  const matcher: Pick<Matcher, "match"> = { match: () => result };
  return checkKnowledgeBase(onlyOwn, matcher, {
    now: new Date(own.checked),
    staleDays: 180,
    knowledgeDir: "knowledge",
  });
};
const fallback = (...ids: string[]): MatchResult => ({
  status: "fallback",
  confidence: 0.28,
  closest: ids.map(candidate),
  scope: 0.9,
});

describe("kb check on a phrasing the ranking is unsure of without it", () => {
  it("warns when its entry is among the fallback's suggestions, as among a Did you mean's choices", async () => {
    const report = await checkWith(fallback(neighbour.id, own.id));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/"new advertiser credit" is about as close to new-advertiser-amounts/),
    );
  });

  it("is an error when the suggestions leave its entry out: the words lead elsewhere", async () => {
    const report = await checkWith(fallback(neighbour.id, entry("spend-window").id));
    expect(report.errors).toContainEqual(
      expect.stringMatching(
        /"new advertiser credit" leads to new-advertiser-amounts, not to this entry/,
      ),
    );
  });

  it("is an error when another entry is answered with confidence", async () => {
    const report = await checkWith({
      status: "answered",
      confidence: 0.9,
      entry: neighbour,
    });
    expect(report.errors).toHaveLength(1);
  });
});
