import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { Answers } from "../../src/core/answers.js";
import { loadEngine } from "../../src/core/engine.js";
import { type EvalCase, readEvalSet } from "../support/eval-set.js";

// The questions in test/eval/ were written by people who never saw the knowledge files (first
// for the seed entries, then for the broadened base, then a third blind set across all
// entries), so these figures measure real paraphrases.
const bar = 0.9;
/** "Did you mean…" with the right entry among the choices counts, but may not become a habit. */
const maxClarifyShare = 0.1;

let answers: Answers;
beforeAll(async () => {
  answers = (await loadEngine("knowledge", loadConfig({}).matchThreshold)).answers;
});

type Outcome = { kind: "right" | "offered" | "wrong" | "fallback"; got: string };

function outcome(item: EvalCase): Outcome {
  const reply = answers.reply(item.q);
  if (reply.kind === "answer") {
    return { kind: reply.entryId === item.expect ? "right" : "wrong", got: reply.entryId };
  }
  if (reply.kind === "clarify") {
    const ids = reply.choices.map((choice) => choice.id);
    const offered = item.expect !== null && ids.includes(item.expect);
    return { kind: offered ? "offered" : "wrong", got: `one of ${ids.join(", ")}` };
  }
  return { kind: reply.kind === "fallback" ? "fallback" : "wrong", got: reply.kind };
}

const inScope = [
  ...readEvalSet("in-scope"),
  ...readEvalSet("in-scope-broad"),
  ...readEvalSet("in-scope-blind"),
];
const offTopic = [
  ...readEvalSet("off-topic"),
  ...readEvalSet("off-topic-broad"),
  ...readEvalSet("off-topic-blind"),
];

describe("evaluation set", () => {
  it("is big enough to mean something", () => {
    expect(inScope.length).toBeGreaterThanOrEqual(60 + 150 + 150);
    expect(offTopic.length).toBeGreaterThanOrEqual(20 + 40 + 60);
  });

  it(`answers at least ${bar * 100}% of in-scope paraphrases with the right entry`, () => {
    const results = inScope.map((item) => ({ ...item, ...outcome(item) }));
    const resolved = results.filter((r) => r.kind === "right" || r.kind === "offered").length;
    const clarified = results.filter((r) => r.kind === "offered").length;
    const misses = results.filter((r) => r.kind === "wrong" || r.kind === "fallback");
    const rate = resolved / results.length;
    const report = misses.map((m) => `  ${m.q} → ${m.got} (want ${m.expect})`).join("\n");
    expect(rate, `right ${(rate * 100).toFixed(1)}%; misses:\n${report}`).toBeGreaterThanOrEqual(
      bar,
    );
    expect(clarified / results.length).toBeLessThanOrEqual(maxClarifyShare);
  });

  it(`sends at least ${bar * 100}% of off-topic questions to the fallback`, () => {
    const answered = offTopic
      .map((item) => ({ ...item, ...outcome(item) }))
      .filter((item) => item.kind !== "fallback");
    const rate = 1 - answered.length / offTopic.length;
    const report = answered.map((m) => `  ${m.q} → ${m.got}`).join("\n");
    expect(
      rate,
      `fallback ${(rate * 100).toFixed(1)}%; answered:\n${report}`,
    ).toBeGreaterThanOrEqual(bar);
  });
});
