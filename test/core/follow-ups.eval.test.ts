import { beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../src/core/answers.js";
import { loadEngine } from "../../src/core/engine.js";
import {
  type FollowUpEvalCase,
  readEvalSet,
  readTuningFollowUps,
  tuningSets,
} from "../support/eval-set.js";
import { fallbackAfterClosest, fittedWriters } from "../support/quality.js";
import { readSealedOffTopic } from "../support/sealed-set.js";

// What people type right after an answer, written blind (see the file's header): a follow-up
// must be read against the answer it follows, a new topic answered on its own, and a "thanks"
// get a short reply rather than a knowledge answer.
// Every tuning follow-up set: the second (354 cases) was written to find where follow-ups fail,
// the third to sixth (1,046) from the sources only. 67.8% on 2026-12-03, after the sixth joined;
// 76.2% → 81.6% on 2026-12-05, when the fit began weighing wrong follow-up answers (ninth session).
const bar = 0.78;
const wrongBar = 0.086;

const cases = readTuningFollowUps();

let answers: Answers;
beforeAll(async () => {
  answers = (await loadEngine("knowledge")).answers;
});

function verdict(item: FollowUpEvalCase): { right: boolean; got: string; answered: boolean } {
  const reply = answers.reply(item.q, item.after);
  if (reply.kind === "answer") {
    return { right: item.expect.includes(reply.entryId), got: reply.entryId, answered: true };
  }
  const got = reply.kind === "notice" ? `notice ${reply.event}` : reply.kind;
  return { right: item.expect.length === 0 && got === "notice acknowledged", got, answered: false };
}

describe("follow-up evaluation set", () => {
  it("holds enough cases of every kind", () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(cases.filter((item) => item.expect.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  // Replies to every case: over 5 s on a loaded machine.
  it(`reads at least ${Math.round(bar * 100)}% of follow-ups the way the person meant them, at most ${wrongBar * 100}% answered wrongly`, {
    timeout: 60_000,
  }, () => {
    const results = cases.map((item) => ({ ...item, ...verdict(item) }));
    const misses = results.filter((result) => !result.right);
    const rate = 1 - misses.length / results.length;
    const report = misses
      .map(
        (m) =>
          `  after ${m.after}: ${m.q} → ${m.got} (want ${m.expect.join(" or ") || "no answer"})`,
      )
      .join("\n");
    expect(rate, `right ${(rate * 100).toFixed(1)}%; misses:\n${report}`).toBeGreaterThanOrEqual(
      bar,
    );
    // The fit weighs each wrong answer against two right ones (test/ranker/fit.ts): if that
    // trade drifts, confident wrong answers are what grows. 7.7% on 2026-12-05; 8.55% (130 of
    // 1,520) on 2026-12-06 at the answer threshold the development writers chose (0.75): one
    // more wrong, four more right ("how do payouts work under it" after the JBP is sure alone).
    const answeredWrong = results.filter((result) => result.answered && !result.right);
    expect(answeredWrong.length / results.length).toBeLessThanOrEqual(wrongBar);
  });

  // The hard case for the reading in context: a near-miss right after the answer closest to it
  // (the one it would be offered alone), as when small talk stays on the topic just answered.
  it("sends off-topic questions to the fallback right after the answer closest to them", {
    timeout: 60_000,
  }, () => {
    const offTopic = [
      ...tuningSets.offTopic.flatMap((name) => readEvalSet(name)),
      ...readSealedOffTopic(fittedWriters),
    ];
    const { tried, answered } = fallbackAfterClosest(
      answers,
      offTopic.map((item) => item.q),
    );
    const report = answered.map((q) => `  ${q}`).join("\n");
    expect(tried).toBeGreaterThan(offTopic.length / 2);
    expect(1 - answered.length / tried, `answered:\n${report}`).toBeGreaterThanOrEqual(0.95);
  });

  // 948 near-misses after each of three answers: over 5 s too.
  it("still sends off-topic questions to the fallback right after an answer", {
    timeout: 60_000,
  }, () => {
    const offTopic = tuningSets.offTopic.flatMap((name) => readEvalSet(name));
    // Answers people often get just before they change the subject.
    for (const after of ["promo-code-activation", "credit-line-overview", "joint-business-plan"]) {
      const answered = offTopic.filter((item) => {
        const reply = answers.reply(item.q, after);
        return reply.kind === "answer" || reply.kind === "clarify";
      });
      const rate = 1 - answered.length / offTopic.length;
      const report = answered.map((item) => `  ${item.q}`).join("\n");
      expect(rate, `after ${after}, answered:\n${report}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
