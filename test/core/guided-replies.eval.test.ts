import { beforeAll, describe, expect, it } from "vitest";
import { loadRules, type Rules } from "../../src/rules/index.js";
import { missedReplies, noAnswer, readReplies, replyFigures } from "../support/guided-replies.js";

// Replies to the guided check's questions written blind (see the file's header). Before the
// sentence reader, 51% were read as meant (2026-12-05); after, all of them (its misses were read).
const cases = readReplies("guided/replies-dev.yml");

let rules: Rules;
beforeAll(async () => {
  rules = await loadRules("knowledge");
});

describe("replies to the guided check, written blind", () => {
  it("covers every question, with replies that are no answer among them", () => {
    const keys = new Set(cases.map((item) => item.key));
    expect(keys.size).toBe(9);
    expect(cases.filter((item) => item.value === noAnswer).length).toBeGreaterThanOrEqual(18);
  });

  it("reads at least 95% as meant and misreads at most 1%", () => {
    const figures = replyFigures(cases, rules);
    const misses = missedReplies(cases, rules).join("\n");
    expect(figures.readAsMeant, misses).toBeGreaterThanOrEqual(0.95);
    expect(figures.misread, misses).toBeLessThanOrEqual(0.01);
  });

  it("takes no question back or hedge as an answer", () => {
    const noAnswers = cases.filter((item) => item.value === noAnswer);
    expect(missedReplies(noAnswers, rules)).toEqual([]);
  });
});
