import { describe, expect, it } from "vitest";
import {
  type CandidateVector,
  candidateFeatures,
  fitRanker,
  judge,
  offeredAt,
  type QuestionVector,
  type Sample,
} from "../../src/knowledge/ranker.js";

const candidate = (values: Partial<CandidateVector>): CandidateVector => ({
  ...(Object.fromEntries(candidateFeatures.map((key) => [key, 0])) as CandidateVector),
  ...values,
});
const question = (followUp: number): QuestionVector => ({
  offDomain: 0,
  unknown: 0,
  shortness: 0.25,
  followUp,
  scope: 0.9,
});

// Two rankings: one where the first candidate is far ahead, one a close call.
const clearLead = [candidate({ coverage: 0.9, search: 1 }), candidate({ coverage: 0.3 })];
const closeCall = [
  candidate({ coverage: 0.6, search: 1 }),
  candidate({ coverage: 0.55, search: 0.9 }),
];

describe("the fitted ranker", () => {
  it("fits a follow-up's confidence apart from a question's, even where what they learn disagrees", () => {
    // Alone, a clear lead is right and a close call is not. After an answer, say, the clear
    // lead is the kind a message about something else gets, and the close call the kind a real
    // follow-up gets. One set of weights for both could only learn their average.
    const samples: Sample[] = [];
    for (let i = 0; i < 30; i++) {
      samples.push({ question: question(0), candidates: clearLead, right: [0] });
      samples.push({ question: question(0), candidates: closeCall, right: [] });
      samples.push({ question: question(1), candidates: clearLead, right: [] });
      samples.push({ question: question(1), candidates: closeCall, right: [0] });
    }
    const model = fitRanker(samples, 0.05, { question: 0.01, followUp: 0.01 });
    expect(judge(model, question(0), clearLead).answer).toBeGreaterThan(0.7);
    expect(judge(model, question(0), closeCall).answer).toBeLessThan(0.3);
    expect(judge(model, question(1), clearLead).answer).toBeLessThan(0.3);
    expect(judge(model, question(1), closeCall).answer).toBeGreaterThan(0.7);
  });

  describe("a question that names nothing about credits and follows up on nothing", () => {
    const samples: Sample[] = Array.from({ length: 20 }, () => ({
      question: question(0),
      candidates: clearLead,
      right: [0],
    }));
    const model = fitRanker(samples, 0.05, { question: 0.01, followUp: 0.01 });

    it("gets no confidence when its words read as off topic", () => {
      const judged = judge(model, { ...question(0), offDomain: 1, scope: 0.3 }, clearLead);
      expect(judged.answer).toBe(0);
      expect(judged.choice).toBe(0);
    });

    it("is weighed by the fitted confidences when its words read as in scope", () => {
      const judged = judge(model, { ...question(0), offDomain: 1, scope: 0.7 }, clearLead);
      expect(judged.answer).toBeGreaterThan(0.7);
      expect(judged.choice).toBeGreaterThan(0.7);
    });
  });

  it("still weighs such a message when it follows an answer: it may ask about that answer", () => {
    const samples: Sample[] = Array.from({ length: 20 }, () => ({
      question: { ...question(1), offDomain: 1 },
      candidates: clearLead,
      right: [0],
    }));
    const model = fitRanker(samples, 0.05, { question: 0.01, followUp: 0.01 });
    expect(judge(model, { ...question(1), offDomain: 1 }, clearLead).answer).toBeGreaterThan(0.7);
  });

  it("offers one close entry alone only at its own confidence, and never with choiceAlone 1", () => {
    const bar = { choice: 0.55, choiceAlone: 0.8 };
    expect(offeredAt(3, bar)).toBe(0.55);
    expect(offeredAt(2, bar)).toBe(0.55);
    expect(offeredAt(1, bar)).toBe(0.8);
    expect(offeredAt(0, bar)).toBe(Number.POSITIVE_INFINITY);
    expect(offeredAt(1, { ...bar, choiceAlone: 1 })).toBe(Number.POSITIVE_INFINITY);
  });
});
