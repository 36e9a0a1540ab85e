import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { connectRedis, type RedisConnection } from "../../src/redis/index.js";
import type { Work, WorkQueue } from "../../src/slack/work.js";
import { openWorkStream } from "../../src/slack/work-stream.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import { waitFor } from "./support/web-api.js";

let server: TestRedis;
const connections: RedisConnection[] = [];
const queues: WorkQueue[] = [];
const logs: string[] = [];
const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });

/** One instance of the app: its own connection to the shared server and its own work queue. */
async function instance(options: { keyPrefix?: string; reclaimMs?: number } = {}) {
  const redis = await connectRedis({
    url: server.url,
    keyPrefix: options.keyPrefix ?? "credit-desk:",
    logger,
  });
  connections.push(redis);
  const queue = await openWorkStream({ redis, logger, reclaimMs: options.reclaimMs ?? 60_000 });
  queues.push(queue);
  return { redis, queue };
}

const event = (id: string): Work => ({ id, isEvent: true, body: { event_id: id, text: "jbp?" } });

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.close()));
  await Promise.all(connections.map((redis) => redis.close()));
  await server?.stop();
});

describe("the work queue on Redis", () => {
  it("accepts an event id once across instances, also when they race", async () => {
    const a = await instance();
    const b = await instance();
    const verdicts = await Promise.all([
      a.queue.accept(event("Ev1")),
      b.queue.accept(event("Ev1")),
      a.queue.accept(event("Ev1")),
    ]);
    expect(verdicts.filter((verdict) => verdict === "accepted")).toHaveLength(1);
    expect(await b.queue.accept(event("Ev2"))).toBe("accepted");
    await b.queue.done("Ev2");
    expect(await a.queue.accept(event("Ev2"))).toBe("duplicate");
    expect(await a.redis.client.pTTL(a.redis.key("event", "Ev2"))).toBeGreaterThan(0);
  });

  it("keeps apps with other key prefixes apart", async () => {
    const one = await instance({ keyPrefix: "one:" });
    const other = await instance({ keyPrefix: "other:" });
    expect(await one.queue.accept(event("EvShared"))).toBe("accepted");
    expect(await other.queue.accept(event("EvShared"))).toBe("accepted");
  });

  it("hands a stopped instance's work to another once it has sat idle, and removes it when done", async () => {
    const prefix = "handover:";
    const dead = await instance({ keyPrefix: prefix, reclaimMs: 300 });
    const alive = await instance({ keyPrefix: prefix, reclaimMs: 300 });
    await dead.queue.accept(event("EvLeft"));
    await dead.queue.accept({ id: "W1", isEvent: false, body: { command: "/credit-check" } });
    await alive.queue.accept(event("EvOwn"));
    // The dead instance stops touching its work, as a killed process would.
    await dead.queue.close();

    const handed: Work[] = [];
    alive.queue.resume(async (work) => {
      handed.push(work);
      await alive.queue.done(work.id);
    });
    await waitFor("the stopped instance's work", () => handed.length === 2);
    expect(handed).toEqual([
      event("EvLeft"),
      { id: "W1", isEvent: false, body: { command: "/credit-check" } },
    ]);
    // Its own work, still under way and touched, is not handed over; nothing is handed twice.
    await sleep(800);
    expect(handed.map((work) => work.id)).toEqual(["EvLeft", "W1"]);
    await alive.queue.done("EvOwn");
    const stream = alive.redis.key("work");
    expect(await alive.redis.client.xLen(stream)).toBe(0);
    expect((await alive.redis.client.xPending(stream, "responders")).pending).toBe(0);
    // A resend of the event after the handover is still a duplicate.
    expect(await alive.queue.accept(event("EvLeft"))).toBe("duplicate");
  });

  it("keeps undelivered replies in a list, the latest first", async () => {
    const { redis, queue } = await instance({ keyPrefix: "letters:" });
    await queue.keepUndelivered({
      ids: { event_id: "Ev9" },
      reason: { slack_error: "channel_not_found" },
      channel: "C1",
      text: "the reply",
    });
    const kept = await redis.client.lRange(redis.key("undelivered"), 0, -1);
    expect(kept.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ ids: { event_id: "Ev9" }, text: "the reply", channel: "C1" }),
    ]);
  });

  it("answers rather than drops an event when Redis cannot take the record", async () => {
    const { redis, queue } = await instance({ keyPrefix: "down:" });
    await redis.close();
    expect(await queue.accept(event("EvDown"))).toBe("accepted");
    expect(logs.join("\n")).toMatch(/work not recorded on redis.*EvDown/);
  });
});
