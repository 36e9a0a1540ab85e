import { beforeAll, describe, expect, it } from "vitest";
import {
  answerableOnly,
  type KnowledgeBase,
  loadKnowledgeBase,
} from "../../src/knowledge/loader.js";
import {
  readSealedFollowUps,
  readSealedInScope,
  readSealedOffTopic,
  statesFact,
} from "../support/sealed-set.js";

// The sealed set is scored by `npm run bench -- accuracy` and never read for tuning, so this
// checks only that it is whole: big enough, and every fact it asks for stated somewhere.
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = answerableOnly(await loadKnowledgeBase("knowledge"));
});

describe("the sealed evaluation set", () => {
  it("holds the cases the answer-quality issue asks for", () => {
    expect(readSealedInScope().length).toBeGreaterThanOrEqual(150);
    expect(readSealedOffTopic().length).toBeGreaterThanOrEqual(50);
    expect(readSealedFollowUps().length).toBeGreaterThanOrEqual(40);
  });

  it("asks only for facts some answer states, so every case can be answered right", () => {
    const patterns = [
      ...readSealedInScope().map((item) => item.match),
      ...readSealedFollowUps().flatMap((item) => (item.match ? [item.match] : [])),
    ];
    const unanswerable = patterns.filter(
      (match) => !kb.entries.some((entry) => statesFact(match, entry)),
    ).length;
    expect(unanswerable).toBe(0);
  });

  it("judges an answer as it reads once rendered, its bold and code marks aside", () => {
    const answer = { question: "Who can ask for a refund?", answer: "Only an **admin** can ask." };
    expect(statesFact(["only an admin can"], answer)).toBe(true);
    expect(statesFact(["only an owner can"], answer)).toBe(false);
  });
});
