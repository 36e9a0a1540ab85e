import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, loadEngine } from "../../src/core/engine.js";
import { checkKnowledgeBase } from "../../src/knowledge/check.js";
import { copySmallKnowledge } from "../support/small-knowledge.js";

// A curator drafting an entry before finding its source: it must load, be flagged, and never
// reach anyone as an answer, since every answer cites where it comes from.
let dir: string;
let engine: Engine;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kb-draft-"));
  await copySmallKnowledge(dir);
  const path = join(dir, "entries", "joint-business-plan.md");
  const text = await readFile(path, "utf8");
  await writeFile(path, text.replace(/^sources:\n(?: {2}.*\n)+/m, ""));
  engine = await loadEngine(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("an entry without a source", () => {
  it("loads as a draft, and kb check warns about it without an error, the event loop turning meanwhile", {
    timeout: 120_000,
  }, async () => {
    expect(engine.kb.byId.get("joint-business-plan")?.sources).toEqual([]);
    // A curator's save runs this check inside the app: timers (Slack's acks) still get their turn.
    let turns = 0;
    const ticking = setInterval(() => {
      turns += 1;
    }, 0);
    const checking = checkKnowledgeBase(engine.kb, engine.matcher, {
      now: new Date("2026-12-01"),
      staleDays: 180,
      knowledgeDir: dir,
    });
    const report = await checking.finally(() => clearInterval(ticking));
    expect(turns).toBeGreaterThan(10);
    // Without the draft, another entry's phrasing may come to lead elsewhere: that is kb check
    // doing its work, not an error about the draft.
    expect(report.errors.filter((error) => error.includes("joint-business-plan"))).toEqual([]);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/entry "joint-business-plan": sources: none cited/),
    );
  });

  it("is never given as an answer, not even to its own question, nor offered as related", () => {
    for (const question of ["What is a Joint Business Plan (JBP) on TikTok?", "jbp meaning"]) {
      const reply = engine.answers.reply(question);
      expect(reply.kind === "answer" ? reply.entryId : undefined).not.toBe("joint-business-plan");
    }
    expect(engine.answers.entry("joint-business-plan")).toBeUndefined();
    const related = engine.answers.entry("incentive-agreements")?.related ?? [];
    expect(related.map((item) => item.id)).not.toContain("joint-business-plan");
  });
});
