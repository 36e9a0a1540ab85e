import { describe, expect, it } from "vitest";
import { answerableOnly, loadKnowledgeBase, loadRanker } from "../../src/knowledge/loader.js";
import { fitScope, inScope } from "../../src/knowledge/scope.js";
import { createAnalyzer } from "../../src/knowledge/text.js";
import { readEvalSet, tuningSets } from "../support/eval-set.js";

describe("the scope model", () => {
  it("learns which words mark a near-miss, and gives unseen words no say", () => {
    const model = fitScope(
      [
        { terms: ["credit", "line", "apply"], inScope: true },
        { terms: ["credit", "expire"], inScope: true },
        { terms: ["coupon", "code"], inScope: true },
        { terms: ["credit", "card", "declin"], inScope: false },
        { terms: ["coupon", "starbuck"], inScope: false },
      ],
      0.001,
    );
    expect(inScope(model, ["credit", "line"])).toBeGreaterThan(0.5);
    expect(inScope(model, ["credit", "card"])).toBeLessThan(0.5);
    expect(inScope(model, ["coupon", "starbuck"])).toBeLessThan(inScope(model, ["coupon", "code"]));
    expect(inScope(model, ["zebra"])).toBe(inScope(model, []));
  });

  it("ships fitted: the tuning sets' in-scope questions read as in scope, their near-misses mostly not", async () => {
    const kb = answerableOnly(await loadKnowledgeBase("knowledge"));
    const { scope } = await loadRanker("knowledge");
    const analyzer = createAnalyzer(kb.vocabulary);
    // A near-miss that names another platform never reaches the ranking (vocabulary.yml's
    // out_of_scope): the scope model neither learns from nor judges it.
    const shareAbove = (names: readonly string[]) => {
      const questions = names
        .flatMap((name) => readEvalSet(name))
        .map((item) => item.q)
        .filter((q) => !analyzer.isOutOfScope(q));
      const above = questions.filter((q) => inScope(scope, analyzer.terms(q)) > 0.5).length;
      return above / questions.length;
    };
    expect(shareAbove(tuningSets.inScope)).toBeGreaterThan(0.9);
    // In sample: the shipped model learnt from these (npm run fit prints its out-of-fold log-loss).
    expect(shareAbove(tuningSets.offTopic)).toBeLessThan(0.1);
  });
});
