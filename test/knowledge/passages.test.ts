import { describe, expect, it } from "vitest";
import { focusedPassage, passages } from "../../src/knowledge/passages.js";

// Shaped like the curated answers in knowledge/entries: a bold lead, then a list led by a line
// that says who says it.
const answer = [
  "**Refunds go back to the original payment method, and the account is closed** (TikTok Help Center).",
  "",
  "According to GetAdCredit, a third-party site:",
  "- only an admin can request it;",
  "- the money arrives within **60 days**.",
  "",
  "These pages do not cover promotional credit.",
].join("\n");

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

describe("passages", () => {
  it("keeps each list item with the line that says who says it", () => {
    expect(passages(answer)).toEqual([
      "**Refunds go back to the original payment method, and the account is closed** (TikTok Help Center).",
      "According to GetAdCredit, a third-party site:\n- only an admin can request it;",
      "According to GetAdCredit, a third-party site:\n- the money arrives within **60 days**.",
      "These pages do not cover promotional credit.",
    ]);
  });

  it("reads a list that follows its lead line without a blank line between", () => {
    expect(passages("Two ways:\n1. by hand;\n2. automatically.")).toEqual([
      "Two ways:\n1. by hand;",
      "Two ways:\n2. automatically.",
    ]);
  });
});

describe("focusedPassage", () => {
  it("finds the one passage that holds a word of the follow-up", () => {
    expect(focusedPassage(answer, ["admin"], "who", words)).toBe(
      "According to GetAdCredit, a third-party site:\n- only an admin can request it;",
    );
  });

  it("finds the one passage that shows what the follow-up asks for, a time", () => {
    expect(focusedPassage(answer, ["long", "take"], "time", words)).toContain("60 days");
  });

  it("gives nothing when no passage stands out, so the whole answer is shown", () => {
    // "getadcredit" is in two passages alike; "weather" in none.
    expect(focusedPassage(answer, ["getadcredit"], undefined, words)).toBeUndefined();
    expect(focusedPassage(answer, ["weather"], undefined, words)).toBeUndefined();
  });

  it("gives nothing for an answer of one passage", () => {
    expect(focusedPassage("Only media charges are covered.", ["media"], undefined, words)).toBe(
      undefined,
    );
  });
});
