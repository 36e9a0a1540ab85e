import { beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../src/core/answers.js";
import { loadEngine } from "../../src/core/engine.js";
import { readVagueSet } from "../support/eval-set.js";
import {
  devFollowUpWriters,
  devWriters,
  type Figures,
  figures as figuresOf,
  sealedFigures,
  tuningFigures,
} from "../support/quality.js";

// The tuning sets in test/eval/*.yml were written blind, but the ranker was fitted on them
// (npm run fit) and they were read while tuning, so these bars guard against regressions; the
// honest figures come from the sealed set (npm run bench -- accuracy, README). The bars sit a
// point or two under the figures of 2026-12-03, after the sets written from the sources only
// (in-scope-blind-4, off-topic-blind-2 to -4, follow-ups-blind-3 to -5) joined: their writers
// never saw an entry or a canonical question, so they ask as real people do. The off-topic bar
// binds the fit: answers are given less eagerly, and a "Did you mean" offered more often.
// Set again the next round, when the sets learnt that two entries can both answer a question and
// the fit held its confident-wrong bar in each in-scope set apart (fewer answers, more choices),
// and the follow-up bar raised the round after, when 900 more blind questions joined (in-scope-
// blind-5, off-topic-blind-5, follow-ups-blind-6) and the figures were 78.6 / 93.8 / 0.9 / 98.4 /
// 71.1 (77.3 / 94.3 / 0.7 / 96.8 / 70.8 once the sealed writers w1 to w6 joined the fit; 78.9 /
// 92.5 / 0.4 / 97.2 / 71.8 with the wording figure; 79.0 / 92.5 / 0.4 / 97.2 / 71.7 after its review;
// 79.0 / 95.3 / 0.4 / 96.9 / 71.6 with a "Did you mean" of one).
const bars = {
  right: 0.76,
  rightOrChoice: 0.9,
  confidentlyWrong: 0.03,
  offTopicFallback: 0.95,
  followUps: 0.7,
};

let answers: Answers;
let figures: Figures;
// Scoring every tuning set takes seconds alone and far longer on a loaded machine.
beforeAll(async () => {
  answers = (await loadEngine("knowledge")).answers;
  figures = tuningFigures(answers);
}, 60_000);

describe("answer quality on the tuning sets", () => {
  it("is measured on enough questions to mean something", () => {
    expect(figures.questions).toBeGreaterThanOrEqual(400);
    expect(figures.offTopicQuestions).toBeGreaterThanOrEqual(140);
    expect(figures.followUpQuestions).toBeGreaterThanOrEqual(100);
  });

  it(`answers at least ${bars.right * 100}% right, ${bars.rightOrChoice * 100}% with a "Did you mean" counted`, () => {
    expect(figures.right).toBeGreaterThanOrEqual(bars.right);
    expect(figures.rightOrChoice).toBeGreaterThanOrEqual(bars.rightOrChoice);
  });

  it(`gives a confident wrong answer to at most ${bars.confidentlyWrong * 100}% of questions`, () => {
    expect(figures.confidentlyWrong).toBeLessThanOrEqual(bars.confidentlyWrong);
  });

  it(`sends at least ${bars.offTopicFallback * 100}% of off-topic questions to the fallback`, () => {
    expect(figures.offTopicFallback).toBeGreaterThanOrEqual(bars.offTopicFallback);
  });

  it(`reads at least ${bars.followUps * 100}% of follow-ups the way the person meant them`, () => {
    expect(figures.followUps).toBeGreaterThanOrEqual(bars.followUps);
  });
});

// The development writers (test/support/quality.ts: written from the sources alone, each scored
// once blind before its misses were read, never fitted on), pooled. The answer thresholds are
// chosen on them (npm run fit:answer), so these bars guard against regressions, not for honest
// figures. They sit just under the figures of 2026-12-06 (twenty-fifth session, w20 to w23
// joined): 90.9 / 97.0 / 1.3 / 98.1, follow-ups 90.7% (at the start of that session, with w20 and
// w21 only: 91.4 / 97.2 / 1.2 / 97.6, 89.8%). With w24 to w27 (twenty-sixth session): 90.9 /
// 97.1 / 1.3 / 97.8, follow-ups 90.8% (off-topic fallbacks were 98.5% while bank credit, SIMs and
// marketplace names were out of scope; a review found real questions they sent to the fallback).
// With w28 and w29 (twenty-seventh session; w29 scored 83.0 / 91.0 / 3.0 / 95.0 blind): 90.5 /
// 96.8 / 1.4 / 98.4, follow-ups 90.9%.
const developmentBars = {
  right: 0.905,
  rightOrChoice: 0.965,
  confidentlyWrong: 0.015,
  offTopicFallback: 0.98,
  followUps: 0.905,
};

describe("answer quality on the development writers", () => {
  it("answers right, rarely wrong, and reads follow-ups as meant", () => {
    const pooled = sealedFigures(answers, [...devWriters, ...devFollowUpWriters]);
    expect(pooled.right).toBeGreaterThanOrEqual(developmentBars.right);
    expect(pooled.rightOrChoice).toBeGreaterThanOrEqual(developmentBars.rightOrChoice);
    expect(pooled.confidentlyWrong).toBeLessThanOrEqual(developmentBars.confidentlyWrong);
    expect(pooled.offTopicFallback).toBeGreaterThanOrEqual(developmentBars.offTopicFallback);
    expect(pooled.followUps).toBeGreaterThanOrEqual(developmentBars.followUps);
  }, 120_000);
});

// Messages that ask nothing specific (test/eval/vague-blind.yml, written blind). None of the
// sets the bars above read asks one, and they count a "Did you mean" that holds a right entry
// as near-right: so a refit whose choice bar fell (the thirteenth session's, 0.425) offered
// "credits" the promotions page, auto-allocation and other credit programs, and passed them.
// The bars sit at the shipped matcher's figures of 2026-12-05 (fifteenth session): of the 40
// messages that name no program, 6 get a "Did you mean" (that refit: 25; before the topics reply
// of `general_terms`, 12) and 14 are told what Credit Desk covers (before: none); of the 50 that
// name one, 41 get its overview, 49 the overview or a "Did you mean" that holds it.
const vagueBars = {
  topicsChoices: 6,
  topicsListed: 14,
  programRight: 0.8,
  programRightOrChoice: 0.95,
};

describe("vague messages", () => {
  it(`that name no program get at most ${vagueBars.topicsChoices} "Did you mean"s of 40: the fallback lists the topics`, () => {
    const topics = readVagueSet().filter((item) => item.wants === "topics");
    expect(topics).toHaveLength(40);
    const offered = topics.filter((item) => answers.reply(item.q).kind === "clarify");
    const list = offered.map((item) => item.q).join(" | ");
    expect(offered.length, list).toBeLessThanOrEqual(vagueBars.topicsChoices);
  });

  it(`that name no program are told what Credit Desk covers, at least ${vagueBars.topicsListed} of 40`, () => {
    const topics = readVagueSet().filter((item) => item.wants === "topics");
    const listed = topics.filter((item) => {
      const reply = answers.reply(item.q);
      return (
        reply.kind === "fallback" && reply.text.startsWith("Happy to help with TikTok ad credits")
      );
    });
    expect(listed.length).toBeGreaterThanOrEqual(vagueBars.topicsListed);
  });

  it("that name a program get its overview, or a 'Did you mean' that holds it", () => {
    const programs = readVagueSet().flatMap((item) => (item.wants === "program" ? [item] : []));
    expect(programs).toHaveLength(50);
    const named = figuresOf(answers, {
      inScope: programs.map((item) => ({ q: item.q, right: (id) => item.expect.includes(id) })),
      offTopic: [],
      followUps: [],
    });
    expect(named.right).toBeGreaterThanOrEqual(vagueBars.programRight);
    expect(named.rightOrChoice).toBeGreaterThanOrEqual(vagueBars.programRightOrChoice);
    expect(named.confidentlyWrong).toBe(0);
  });
});
