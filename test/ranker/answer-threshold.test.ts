import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rankerSchema } from "../../src/knowledge/ranker.js";
import { devWriters } from "../support/quality.js";
import { chooseAnswerThreshold, leaveOneWriterOut, type WriterCounts } from "./answer-threshold.js";

/** One writer's counts at a threshold: 100 in-scope questions and 30 off-topic ones. */
const at = (threshold: number, writer: string, right: number, wrong: number, fellBack = 30) => ({
  threshold,
  writer,
  questions: 100,
  right,
  rightOrChoice: 97,
  wrong,
  offTopic: 30,
  fellBack,
});

describe("the answer threshold chosen on the development writers", () => {
  it("answers the most right while no writer gets over 3% confidently wrong", () => {
    const rows: WriterCounts[] = [
      at(0.85, "a", 80, 1),
      at(0.85, "b", 84, 1),
      at(0.8, "a", 84, 2),
      at(0.8, "b", 88, 3),
      // More right pooled, but writer b's wrong answers pass 3%.
      at(0.75, "a", 90, 2),
      at(0.75, "b", 90, 4),
    ];
    expect(chooseAnswerThreshold(rows)).toBe(0.8);
  });

  it("keeps off-topic questions falling back for each writer, and takes the higher of a tie", () => {
    const rows: WriterCounts[] = [
      at(0.8, "a", 85, 1),
      at(0.775, "a", 85, 1),
      // More right, but 27 of 30 off-topic questions fall back (90%).
      at(0.75, "a", 88, 1, 27),
    ];
    expect(chooseAnswerThreshold(rows)).toBe(0.8);
    expect(chooseAnswerThreshold([at(0.8, "a", 85, 5)])).toBeUndefined();
  });

  it("reports each writer at the threshold chosen without it", () => {
    const rows: WriterCounts[] = [
      at(0.8, "a", 80, 1),
      at(0.8, "b", 80, 1),
      at(0.75, "a", 90, 2),
      at(0.75, "b", 85, 4),
    ];
    const { picks, figures } = leaveOneWriterOut(rows);
    // Without b, 0.75 holds; without a, b's 4% rules it out.
    expect(picks).toEqual([
      { writer: "a", threshold: 0.8 },
      { writer: "b", threshold: 0.75 },
    ]);
    expect(figures).toMatchObject({ right: 0.825, confidentlyWrong: 0.025 });
  });

  it("ships the threshold with the writers it was chosen on", () => {
    const model = rankerSchema.parse(JSON.parse(readFileSync("knowledge/ranker.json", "utf8")));
    expect(model.fitted.answerThreshold?.writers).toEqual([...devWriters]);
    expect(model.thresholds.answer).toBeGreaterThan(model.thresholds.choice);
  });
});
