import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Speaker, TurnContext } from "../../src/core/reply.js";
import { closeCores, makeCuratedCore } from "../slack/support/core.js";
import { tempDir } from "../slack/support/harness.js";

const ana: Speaker = { teamId: "T0AGENCY1", userId: "U0ANA0001" };
const ben: Speaker = { teamId: "T0AGENCY1", userId: "U0BEN0002" };
const t0 = new Date("2026-11-25T10:00:00Z");
const at = (seconds: number, surface: TurnContext["surface"] = "dm"): TurnContext => ({
  surface,
  now: new Date(t0.getTime() + seconds * 1000),
});

const dirs: { remove: () => Promise<void> }[] = [];
afterEach(async () => {
  await closeCores();
  await Promise.all(dirs.splice(0).map((dir) => dir.remove()));
});

async function setUp(env: NodeJS.ProcessEnv = {}) {
  const dir = await tempDir("credit-desk-misses-");
  dirs.push(dir);
  return { dir: dir.path, ...(await makeCuratedCore(dir.path, env)) };
}

/** Everything written under DATA_DIR/misses and DATA_DIR/stats, as one text. */
async function storedText(dataDir: string): Promise<string> {
  const parts: string[] = [];
  for (const folder of ["misses", "stats"]) {
    for (const name of await readdir(join(dataDir, folder))) {
      parts.push(await readFile(join(dataDir, folder, name), "utf8"));
    }
  }
  return parts.join("\n");
}

describe("the misses log", () => {
  it("records a fallback with its wording, the entries considered, the time and the surface, and no person id", async () => {
    const { core, curation, dir } = await setUp();
    const reply = await core.handle(ana, "how to get tiktok credit", at(0, "channel"));
    expect(reply.kind).toBe("fallback");
    const [miss, ...rest] = await curation.misses.open();
    expect(rest).toEqual([]);
    expect(miss).toMatchObject({
      kind: "fallback",
      question: "how to get tiktok credit",
      surface: "channel",
      at: t0.toISOString(),
    });
    expect(miss?.considered.length).toBeGreaterThan(0);
    expect(miss?.considered[0]).toEqual({ id: expect.any(String), confidence: expect.any(Number) });
    const stored = await storedText(dir);
    expect(stored).not.toContain(ana.userId);
    expect(stored).not.toContain(ana.teamId);
  });

  it("records a 'Did you mean' and which choice was then clicked", async () => {
    const { core, curation } = await setUp();
    const reply = await core.handle(ana, "business center credit", at(0));
    if (reply.kind !== "clarify") throw new Error(`expected a Did you mean, got ${reply.kind}`);
    const picked = reply.choices[1]?.id ?? "";
    await core.answerEntry(ana, picked, at(10));
    const [miss] = await curation.misses.open();
    expect(miss).toMatchObject({
      kind: "clarify",
      question: "business center credit",
      chosen: picked,
    });
    expect(miss?.considered.map((entry) => entry.id)).toEqual(reply.choices.map((c) => c.id));
  });

  it("records an answer followed by 👎 with the question that got it", async () => {
    const { core, curation } = await setUp();
    const reply = await core.handle(ana, "how long until ad credits expire", at(0));
    if (reply.kind !== "answer") throw new Error("expected an answer");
    await core.recordFeedback(ana, reply.entryId, "down", at(5));
    await core.recordFeedback(ben, reply.entryId, "up", at(6));
    const misses = await curation.misses.open();
    expect(misses).toEqual([
      expect.objectContaining({
        kind: "thumbs_down",
        question: "how long until ad credits expire",
        considered: [{ id: reply.entryId, confidence: reply.confidence }],
      }),
    ]);
  });

  it("records an answer the person asked again in other words right after, and not a new topic", async () => {
    const { core, curation } = await setUp();
    const first = await core.handle(ana, "how long until ad credits expire", at(0));
    if (first.kind !== "answer") throw new Error("expected an answer");
    await core.handle(ana, "how long until ad credits land", at(30));
    // Ben asks two different things in a row: nothing to learn.
    await core.handle(ben, "what is a jbp", at(0));
    await core.handle(ben, "how does the credit line work", at(20));
    const misses = await curation.misses.open();
    const rephrased = misses.filter((miss) => miss.kind === "rephrased");
    expect(rephrased).toEqual([
      expect.objectContaining({ question: "how long until ad credits expire", surface: "dm" }),
    ]);
    expect(rephrased[0]?.considered[0]?.id).toBe(first.entryId);
  });

  it("'forget me' removes that person's misses and keeps everyone else's", async () => {
    const { core, curation } = await setUp();
    await core.handle(ana, "how to get tiktok credit", at(0));
    await core.handle(ben, "what is the weather in paris", at(1));
    await core.handle(ana, "forget me", at(2));
    const misses = await curation.misses.open();
    expect(misses.map((miss) => miss.question)).toEqual(["what is the weather in paris"]);
  });

  it("prunes items older than MISSES_RETENTION_DAYS", async () => {
    const { core, curation } = await setUp({ MISSES_RETENTION_DAYS: "10" });
    await core.handle(ana, "how to get tiktok credit", at(0));
    await core.handle(ben, "what is the weather in paris", at(9 * 24 * 3600));
    const pruned = await curation.prune(new Date(t0.getTime() + 12 * 24 * 3600_000));
    expect(pruned).toBe(1);
    expect((await curation.misses.open()).map((miss) => miss.question)).toEqual([
      "what is the weather in paris",
    ]);
  });

  it("records nothing with MISSES_LOG=off, and the replies are the same", async () => {
    const { core, curation, dir } = await setUp({ MISSES_LOG: "off" });
    const reply = await core.handle(ana, "how to get tiktok credit", at(0));
    expect(reply.kind).toBe("fallback");
    expect(await curation.misses.open()).toEqual([]);
    expect(await storedText(dir)).not.toContain("tiktok credit");
  });
});
