import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rankerSchema } from "../../src/knowledge/ranker.js";
import { devFollowUpWriters, devWriters } from "../support/quality.js";
import {
  chooseAnswerThreshold,
  chooseFollowUpThreshold,
  chooseInScopeBar,
  chooseScopeFloor,
  type FollowUpCounts,
  followUpsLeftOut,
  inScopeBarLeftOut,
  leaveOneWriterOut,
  scopeFloorLeftOut,
  type WriterCounts,
} from "./answer-threshold.js";

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

  it("tries only thresholds at which near-misses asked after an answer still fall back", () => {
    const rows: WriterCounts[] = [at(0.8, "a", 85, 1), at(0.75, "a", 90, 2)];
    expect(chooseAnswerThreshold(rows)).toBe(0.75);
    // At 0.75 too many near-misses read alone get an answer, even right after another one.
    expect(chooseAnswerThreshold(rows, new Set([0.8]))).toBe(0.8);
    expect(
      leaveOneWriterOut([...rows, at(0.8, "b", 85, 1), at(0.75, "b", 90, 2)], new Set([0.8])).picks,
    ).toEqual([
      { writer: "a", threshold: 0.8 },
      { writer: "b", threshold: 0.8 },
    ]);
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

  it("reads the most follow-ups as meant where near-misses still fall back after their closest answer", () => {
    const read = (threshold: number, writer: string, readAsMeant: number): FollowUpCounts => ({
      threshold,
      writer,
      cases: 80,
      readAsMeant,
    });
    const rows = [
      read(0.55, "a", 70),
      read(0.55, "b", 72),
      read(0.5, "a", 73),
      read(0.5, "b", 72),
      // Reads the most, but lets near-misses through.
      read(0.45, "a", 75),
      read(0.45, "b", 74),
    ];
    const allowed = new Set([0.55, 0.5]);
    expect(chooseFollowUpThreshold(rows, allowed)).toBe(0.5);
    // Left out, a is read at b's choice (0.55, the higher of a tie: 70) and b at a's (0.5: 72).
    expect(followUpsLeftOut(rows, allowed)).toBe(0.888);
    expect(chooseFollowUpThreshold(rows, new Set())).toBeUndefined();
  });

  it("answers questions read as in scope from a lower threshold where every bar still holds, the higher scope bar on a tie", () => {
    const scoped = (scope: number, row: WriterCounts) => ({ ...row, scope });
    const rows = [0.5, 0.9].flatMap((scope) => [
      // No lower bar: the shipped answer threshold.
      scoped(scope, at(0.75, "a", 85, 1)),
      scoped(scope, at(0.75, "b", 85, 1)),
    ]);
    rows.push(
      // From 0.5, more right, but writer b's wrong answers pass 3%.
      scoped(0.5, at(0.65, "a", 92, 2)),
      scoped(0.5, at(0.65, "b", 92, 4)),
      scoped(0.5, at(0.7, "a", 89, 2)),
      scoped(0.5, at(0.7, "b", 89, 3)),
      // From 0.9, as many right at 0.7.
      scoped(0.9, at(0.65, "a", 88, 1)),
      scoped(0.9, at(0.65, "b", 88, 1)),
      scoped(0.9, at(0.7, "a", 89, 2)),
      scoped(0.9, at(0.7, "b", 89, 3)),
    );
    const everywhere = () => new Set([0.65, 0.7, 0.75]);
    expect(chooseInScopeBar(rows, everywhere)).toEqual({ scope: 0.9, threshold: 0.7 });
    // Where near-misses asked after their closest answer no longer fall back, it is not tried.
    const not07 = () => new Set([0.65, 0.75]);
    expect(chooseInScopeBar(rows, not07)).toEqual({ scope: 0.9, threshold: 0.65 });
    const { picks, figures } = inScopeBarLeftOut(rows, everywhere);
    // Without b, 0.65 from 0.5 holds, and b is judged there (4 wrong).
    expect(picks).toEqual([
      { writer: "a", scope: 0.9, threshold: 0.7 },
      { writer: "b", scope: 0.5, threshold: 0.65 },
    ]);
    expect(figures).toMatchObject({ right: 0.905, confidentlyWrong: 0.03 });
    expect(chooseInScopeBar(rows, () => new Set())).toBeUndefined();
  });

  it("sets the scope floor where it stops more off-topic answers than it costs right ones", () => {
    const rows: WriterCounts[] = [
      at(0, "a", 85, 2, 28),
      at(0, "b", 85, 2, 28),
      // Two more off-topic fallbacks for one right answer: worth it.
      at(0.05, "a", 84, 2, 30),
      at(0.05, "b", 85, 2, 29),
      // One more fallback for two right answers: not.
      at(0.1, "a", 83, 2, 30),
      at(0.1, "b", 84, 2, 30),
      // A wrong answer stopped weighs as much as a right one lost: a tie, and the lower floor.
      at(0.2, "a", 82, 1, 30),
      at(0.2, "b", 84, 1, 30),
    ];
    expect(chooseScopeFloor(rows)).toBe(0.05);
    // Only floors where near-misses still fall back after their closest answer.
    expect(chooseScopeFloor(rows, new Set([0, 0.1]))).toBe(0.1);
    // Writer b's off-topic fallbacks (28 of 30) are under 95% without a floor.
    expect(chooseScopeFloor(rows.filter((row) => row.threshold === 0))).toBeUndefined();
    // Chosen on b alone, 0.2 stops b's wrong answer for nothing: a is judged there.
    expect(scopeFloorLeftOut(rows).picks).toEqual([
      { writer: "a", threshold: 0.2 },
      { writer: "b", threshold: 0.05 },
    ]);
  });

  it("ships the thresholds with the writers they were chosen on", () => {
    const model = rankerSchema.parse(JSON.parse(readFileSync("knowledge/ranker.json", "utf8")));
    const chosen = model.fitted.chosenOnDevelopment;
    expect(chosen?.writers).toEqual([...devWriters]);
    expect(chosen?.followUpWriters).toEqual([...devWriters, ...devFollowUpWriters]);
    expect(model.thresholds.answer).toBeGreaterThan(model.thresholds.choice);
    expect(model.thresholds.answerInScope).toBeGreaterThan(model.thresholds.choice);
    expect(model.thresholds.answerInScope).toBeLessThanOrEqual(model.thresholds.answer);
    expect(model.thresholds.followUpAnswer).toBeGreaterThan(model.thresholds.followUpChoice);
    expect(model.thresholds.outOfScope).toBeLessThan(model.thresholds.surelyInScope);
  });
});
