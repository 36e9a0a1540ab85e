import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { Answers } from "../../src/core/answers.js";
import { loadEngine } from "../../src/core/engine.js";
import { type EvalCase, readEvalSet } from "../support/eval-set.js";

// The questions in test/eval/ were written by someone who never saw the knowledge files, so
// these figures measure real paraphrases, not the curated alternates.
const bar = 0.9;

let answers: Answers;
beforeAll(async () => {
  const config = loadConfig({});
  answers = (await loadEngine("knowledge", config.matchThreshold)).answers;
});

function outcome(item: EvalCase): string {
  const reply = answers.reply(item.q);
  return reply.kind === "answer" ? reply.entryId : reply.kind;
}

describe("evaluation set", () => {
  it(`answers at least ${bar * 100}% of in-scope paraphrases with the right entry`, () => {
    const cases = readEvalSet("in-scope");
    const misses = cases
      .map((item) => ({ ...item, got: outcome(item) }))
      .filter((item) => item.got !== item.expect);
    const rate = 1 - misses.length / cases.length;
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(
      rate,
      `right ${(rate * 100).toFixed(1)}%; misses:\n${misses.map((m) => `  ${m.q} → ${m.got} (want ${m.expect})`).join("\n")}`,
    ).toBeGreaterThanOrEqual(bar);
  });

  it(`sends at least ${bar * 100}% of off-topic questions to the fallback`, () => {
    const cases = readEvalSet("off-topic");
    const answered = cases
      .map((item) => ({ ...item, got: outcome(item) }))
      .filter((item) => item.got !== "fallback");
    const rate = 1 - answered.length / cases.length;
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(
      rate,
      `fallback ${(rate * 100).toFixed(1)}%; answered:\n${answered.map((m) => `  ${m.q} → ${m.got}`).join("\n")}`,
    ).toBeGreaterThanOrEqual(bar);
  });
});
