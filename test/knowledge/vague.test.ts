import { beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../src/core/answers.js";
import { loadEngine } from "../../src/core/engine.js";
import { readVagueSet } from "../support/eval-set.js";
import { verdictOf } from "../support/quality.js";

// Messages that ask nothing specific (test/eval/vague-blind.yml, written blind). None of the
// sets the bars in evaluation.test.ts read asks one, and they count a "Did you mean" that holds a
// right entry as near-right: so a refit whose choice bar fell (the thirteenth session's, 0.425)
// offered "credits" the promotions page, auto-allocation and other credit programs, and passed
// them. The bars sit at
// the shipped matcher's figures of 2026-12-05: of the 40 messages that name no program, 12 get a
// "Did you mean" (that refit: 25); of the 50 that name one, 41 get its overview, 49 the overview
// or a "Did you mean" that holds it.
const bars = { topicsChoices: 12, programRight: 0.8, programRightOrChoice: 0.95 };

let answers: Answers;
beforeAll(async () => {
  answers = (await loadEngine("knowledge")).answers;
}, 60_000);

describe("vague messages", () => {
  it(`that name no program get at most ${bars.topicsChoices} "Did you mean"s of 40: the fallback lists the topics`, () => {
    const topics = readVagueSet().filter((item) => item.wants === "topics");
    expect(topics).toHaveLength(40);
    const offered = topics.filter((item) => answers.reply(item.q).kind === "clarify");
    const list = offered.map((item) => item.q).join(" | ");
    expect(offered.length, list).toBeLessThanOrEqual(bars.topicsChoices);
  });

  it("that name a program get its overview, or a 'Did you mean' that holds it", () => {
    const programs = readVagueSet().flatMap((item) => (item.wants === "program" ? [item] : []));
    expect(programs).toHaveLength(50);
    const verdicts = programs.map((item) =>
      verdictOf(answers.reply(item.q), (id) => item.expect.includes(id)),
    );
    const share = (...kinds: string[]) =>
      verdicts.filter((verdict) => kinds.includes(verdict)).length / verdicts.length;
    expect(share("right")).toBeGreaterThanOrEqual(bars.programRight);
    expect(share("right", "choice")).toBeGreaterThanOrEqual(bars.programRightOrChoice);
    expect(share("wrong")).toBe(0);
  });
});
