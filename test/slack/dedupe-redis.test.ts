import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { connectRedis, type RedisConnection } from "../../src/redis/index.js";
import { redisEventDedupe } from "../../src/slack/dedupe.js";
import { startRedis, type TestRedis } from "../support/redis.js";

let server: TestRedis;
const connections: RedisConnection[] = [];
const logs: string[] = [];
const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
/** One instance of the app: its own connection to the shared server. */
const instance = async (keyPrefix = "credit-desk:") => {
  const redis = await connectRedis({ url: server.url, keyPrefix, logger });
  connections.push(redis);
  return redis;
};

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.close()));
  await server?.stop();
});

describe("event de-duplication on Redis", () => {
  it("claims an event id once across instances, also when they race", async () => {
    const a = redisEventDedupe(await instance(), logger);
    const b = redisEventDedupe(await instance(), logger);
    const claims = await Promise.all([a.claim("Ev1"), b.claim("Ev1"), a.claim("Ev1")]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await b.claim("Ev2")).toBe(true);
    expect(await a.claim("Ev2")).toBe(false);
  });

  it("forgets an id after its time, and keeps apps with other prefixes apart", async () => {
    const redis = await instance();
    const shortLived = redisEventDedupe(redis, logger, 100);
    expect(await shortLived.claim("EvTtl")).toBe(true);
    expect(await redis.client.pTTL(redis.key("event", "EvTtl"))).toBeGreaterThan(0);
    expect(await redisEventDedupe(await instance("other-app:"), logger).claim("EvTtl")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await shortLived.claim("EvTtl")).toBe(true);
  });

  it("answers rather than drops an event when Redis cannot take the claim", async () => {
    const redis = await instance();
    const dedupe = redisEventDedupe(redis, logger);
    await redis.close();
    expect(await dedupe.claim("EvDown")).toBe(true);
    expect(logs.join("\n")).toMatch(/event claim on redis failed.*EvDown/);
  });
});
