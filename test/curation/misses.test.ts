import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Speaker, TurnContext } from "../../src/core/reply.js";
import { readOpenMisses } from "../../src/curation/misses.js";
import type { RedisConnection } from "../../src/redis/index.js";
import { closeCores, makeCuratedCore } from "../slack/support/core.js";
import { tempDir } from "../slack/support/harness.js";
import { useTestRedis } from "../support/test-redis.js";

const ana: Speaker = { teamId: "T0AGENCY1", userId: "U0ANA0001" };
const ben: Speaker = { teamId: "T0AGENCY1", userId: "U0BEN0002" };
const t0 = new Date("2026-11-25T10:00:00Z");
const at = (seconds: number, surface: TurnContext["surface"] = "dm"): TurnContext => ({
  surface,
  now: new Date(t0.getTime() + seconds * 1000),
});

const dirs: { remove: () => Promise<void> }[] = [];
/** One app's instances on the tests' Redis, under a key prefix of its own. */
const { connect, freshPrefix } = useTestRedis("misses");
afterEach(async () => {
  await closeCores();
  await Promise.all(dirs.splice(0).map((dir) => dir.remove()));
});

/** Everything kept under DATA_DIR/misses, DATA_DIR/stats and the misses' Redis keys, as one text. */
async function storedText(dataDir: string, redis?: RedisConnection): Promise<string> {
  const parts: string[] = [];
  for (const folder of ["misses", "stats"]) {
    for (const name of await readdir(join(dataDir, folder)).catch(() => [])) {
      parts.push(await readFile(join(dataDir, folder, name), "utf8"));
    }
  }
  if (redis) {
    for await (const keys of redis.client.scanIterator({ MATCH: redis.pattern("misses") })) {
      for (const key of keys) parts.push(await dumpKey(redis, String(key)));
    }
  }
  return parts.join("\n");
}

async function dumpKey(redis: RedisConnection, key: string): Promise<string> {
  const type = await redis.client.type(key);
  if (type === "zset") return (await redis.client.zRange(key, 0, -1)).join("\n");
  if (type === "hash") return Object.values(await redis.client.hGetAll(key)).join("\n");
  return (await redis.client.get(key)) ?? "";
}

describe.each(["embedded", "redis"] as const)("the misses log (%s)", (engine) => {
  async function setUp(env: NodeJS.ProcessEnv = {}) {
    const dir = await tempDir("credit-desk-misses-");
    dirs.push(dir);
    const redis = engine === "redis" ? await connect(freshPrefix()) : undefined;
    return {
      dir: dir.path,
      stored: () => storedText(dir.path, redis),
      ...(await makeCuratedCore(dir.path, env, redis)),
    };
  }

  it("records a fallback with its wording, the entries considered, the time and the surface, and no person id", async () => {
    const { core, curation, stored } = await setUp();
    const reply = await core.handle(ana, "credit on tiktok ads", at(0, "channel"));
    expect(reply.kind).toBe("fallback");
    const [miss, ...rest] = await curation.misses.open();
    expect(rest).toEqual([]);
    expect(miss).toMatchObject({
      kind: "fallback",
      question: "credit on tiktok ads",
      surface: "channel",
      at: t0.toISOString(),
    });
    expect(miss?.considered.length).toBeGreaterThan(0);
    expect(miss?.considered[0]).toEqual({ id: expect.any(String), confidence: expect.any(Number) });
    const kept = await stored();
    expect(kept).toContain("credit on tiktok ads");
    expect(kept).not.toContain(ana.userId);
    expect(kept).not.toContain(ana.teamId);
  });

  it("records a 'Did you mean' and which choice was then clicked", async () => {
    const { core, curation } = await setUp();
    const reply = await core.handle(ana, "rebate", at(0));
    if (reply.kind !== "clarify") throw new Error(`expected a Did you mean, got ${reply.kind}`);
    const picked = reply.choices[1]?.id ?? "";
    await core.answerEntry(ana, picked, at(10));
    const [miss] = await curation.misses.open();
    expect(miss).toMatchObject({
      kind: "clarify",
      question: "rebate",
      chosen: picked,
    });
    expect(miss?.considered.map((entry) => entry.id)).toEqual(reply.choices.map((c) => c.id));
  });

  it("records which question a fallback offered was then clicked", async () => {
    const { core, curation } = await setUp();
    const reply = await core.handle(ana, "how many days until the refund arrives?", at(0));
    if (reply.kind !== "fallback") throw new Error(`expected a fallback, got ${reply.kind}`);
    const picked = reply.suggestions[1]?.id ?? "";
    await core.answerEntry(ana, picked, at(5));
    const [miss] = await curation.misses.open();
    expect(miss).toMatchObject({ kind: "fallback", chosen: picked });
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
    await core.handle(ana, "credit on tiktok ads", at(0));
    await core.handle(ben, "what is the weather in paris", at(1));
    await core.handle(ana, "forget me", at(2));
    const misses = await curation.misses.open();
    expect(misses.map((miss) => miss.question)).toEqual(["what is the weather in paris"]);
  });

  it("prunes items older than MISSES_RETENTION_DAYS", async () => {
    const { core, curation } = await setUp({ MISSES_RETENTION_DAYS: "10" });
    await core.handle(ana, "credit on tiktok ads", at(0));
    await core.handle(ben, "what is the weather in paris", at(9 * 24 * 3600));
    const pruned = await curation.prune(new Date(t0.getTime() + 12 * 24 * 3600_000));
    expect(pruned).toBe(1);
    expect((await curation.misses.open()).map((miss) => miss.question)).toEqual([
      "what is the weather in paris",
    ]);
  });

  it("records nothing with MISSES_LOG=off, and the replies are the same", async () => {
    const { core, curation, stored } = await setUp({ MISSES_LOG: "off" });
    const reply = await core.handle(ana, "credit on tiktok ads", at(0));
    expect(reply.kind).toBe("fallback");
    expect(await curation.misses.open()).toEqual([]);
    expect(await stored()).not.toContain("credit on tiktok");
  });
});

describe("the misses log on Redis, shared by instances", () => {
  it("gathers every instance's misses for the review, and forgets a person on all of them", async () => {
    const prefix = freshPrefix();
    const [dirA, dirB] = [
      await tempDir("credit-desk-misses-"),
      await tempDir("credit-desk-misses-"),
    ];
    dirs.push(dirA, dirB);
    const a = await makeCuratedCore(dirA.path, {}, await connect(prefix));
    const b = await makeCuratedCore(dirB.path, {}, await connect(prefix));
    await a.core.handle(ana, "credit on tiktok ads", at(0));
    await b.core.handle(ana, "what is the weather in paris", at(1));
    await b.core.handle(ben, "is there a discount for pinterest", at(2));
    const review = await readOpenMisses({ redis: await connect(prefix), retentionMs: 86_400_000 });
    expect(review.map((miss) => miss.question)).toEqual([
      "credit on tiktok ads",
      "what is the weather in paris",
      "is there a discount for pinterest",
    ]);
    // One generated key for every instance: the same person is one asker wherever they asked.
    expect(new Set(review.map((miss) => miss.asker)).size).toBe(2);
    await readdir(join(dirA.path, "misses")).then(
      () => expect.fail("the misses log belongs in Redis"),
      () => undefined,
    );

    await b.core.handle(ana, "forget me", at(3));
    expect((await a.curation.misses.open()).map((miss) => miss.question)).toEqual([
      "is there a discount for pinterest",
    ]);
  });

  it("lets the whole log expire after MISSES_RETENTION_DAYS without a new item", async () => {
    const redis = await connect(freshPrefix());
    const dir = await tempDir("credit-desk-misses-");
    dirs.push(dir);
    const { core } = await makeCuratedCore(dir.path, { MISSES_RETENTION_DAYS: "2" }, redis);
    await core.handle(ana, "credit on tiktok ads", at(0));
    const ttl = await redis.client.pTTL(redis.key("misses", "log"));
    expect(ttl).toBeGreaterThan(86_400_000);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400_000);
  });
});
