import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Speaker, TurnContext } from "../../src/core/reply.js";
import { silentLogger } from "../../src/logger.js";
import { connectRedis } from "../../src/redis/index.js";
import { closeCores, makeCuratedCore } from "../slack/support/core.js";
import { tempDir } from "../slack/support/harness.js";
import { startRedis } from "../support/redis.js";
import { runScript } from "../support/run.js";

// The contract of `kb review --json`, field for field.
const reviewJson = z
  .object({
    groups: z.array(
      z
        .object({
          questions: z.array(z.string()).min(1),
          count: z.number().int().min(1),
          askers: z.number().int().min(1),
          closest: z.array(
            z.object({ id: z.string(), question: z.string(), confidence: z.number() }).strict(),
          ),
          kind: z.enum(["fallback", "clarify", "thumbs_down", "rephrased"]),
        })
        .strict(),
    ),
  })
  .strict();

const people: Speaker[] = ["U0ANA0001", "U0BEN0002", "U0CAT0003"].map((userId) => ({
  teamId: "T0AGENCY1",
  userId,
}));
const at = (minutes: number): TurnContext => ({
  surface: "dm",
  now: new Date(Date.now() - 60 * 60_000 + minutes * 60_000),
});

let dir: { path: string; remove: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir("credit-desk-review-");
  const { core } = await makeCuratedCore(dir.path);
  const [ana, ben, cat] = people as [Speaker, Speaker, Speaker];
  await core.handle(ana, "credit on tiktok ads", at(0));
  await core.handle(ben, "Credit on TikTok ads?", at(1));
  await core.handle(ana, "CREDIT ON TIKTOK ADS!", at(40));
  await core.handle(cat, "what is the weather in paris", at(2));
  await closeCores();
});
afterAll(() => dir.remove());

const cli = (args: string[]) => runScript("src/cli/main.ts", args, { env: { DATA_DIR: dir.path } });

describe("cli kb review", { timeout: 30_000 }, () => {
  it("prints the misses grouped, most asked first, with askers, wordings and the closest entries", async () => {
    const { code, stdout, stderr } = await cli(["kb", "review", "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const { groups } = reviewJson.parse(JSON.parse(stdout));
    expect(groups).toHaveLength(2);
    const [credit, weather] = groups;
    expect(credit).toMatchObject({ kind: "fallback", count: 3, askers: 2 });
    expect(credit?.questions).toEqual([
      "credit on tiktok ads",
      "Credit on TikTok ads?",
      "CREDIT ON TIKTOK ADS!",
    ]);
    expect(credit?.closest.length).toBeGreaterThan(0);
    expect(credit?.closest[0]?.confidence).toBeGreaterThan(0);
    expect(weather).toMatchObject({
      count: 1,
      askers: 1,
      questions: ["what is the weather in paris"],
    });
  });

  it("reads the same grouping as text", async () => {
    const { code, stdout } = await cli(["kb", "review"]);
    expect(code).toBe(0);
    expect(stdout).toContain("4 miss(es) in 2 group(s)");
    expect(stdout).toContain("1. no answer · 3 time(s) · 2 asker(s)");
    expect(stdout).toMatch(/closest: [a-z-]+ \(0\.\d\d\)/);
  });

  it("says there is nothing to review on an empty DATA_DIR", async () => {
    const empty = await tempDir("credit-desk-review-empty-");
    const { stdout, code } = await runScript("src/cli/main.ts", ["kb", "review", "--json"], {
      env: { DATA_DIR: empty.path },
    });
    await empty.remove();
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ groups: [] });
  });
});

describe("cli kb review with REDIS_URL", { timeout: 30_000 }, () => {
  it("reviews the misses every instance recorded in Redis, not DATA_DIR's", async () => {
    const server = await startRedis();
    const empty = await tempDir("credit-desk-review-redis-");
    try {
      const redis = await connectRedis({
        url: server.url,
        keyPrefix: "credit-desk:",
        logger: silentLogger,
      });
      const [ana, ben] = people as [Speaker, Speaker];
      for (const [speaker, question] of [
        [ana, "credit on tiktok ads"],
        [ben, "Credit on TikTok ads?"],
      ] as const) {
        // Each from its own instance, with its own DATA_DIR.
        const instance = await tempDir("credit-desk-review-instance-");
        const { core } = await makeCuratedCore(instance.path, {}, redis);
        await core.handle(speaker, question, at(0));
        await closeCores();
        await instance.remove();
      }
      await redis.close();
      const { code, stdout, stderr } = await runScript(
        "src/cli/main.ts",
        ["kb", "review", "--json"],
        {
          env: { DATA_DIR: empty.path, REDIS_URL: server.url },
        },
      );
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const { groups } = reviewJson.parse(JSON.parse(stdout));
      expect(groups).toEqual([expect.objectContaining({ kind: "fallback", count: 2, askers: 2 })]);
    } finally {
      await empty.remove();
      await server.stop();
    }
  });

  it("stops naming REDIS_URL when Redis cannot be reached", async () => {
    const { code, stderr } = await runScript("src/cli/main.ts", ["kb", "review"], {
      env: { DATA_DIR: dir.path, REDIS_URL: "redis://:secret-pw@127.0.0.1:1" },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /Cannot reach Redis at REDIS_URL redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(ECONNREFUSED\)/,
    );
    expect(stderr).not.toMatch(/secret-pw/);
  });
});
