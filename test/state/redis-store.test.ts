import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { connectRedis, type RedisConnection } from "../../src/redis/index.js";
import { openRedisStateStore, type PersonState, type Speaker } from "../../src/state/index.js";
import { personKey } from "../../src/state/paths.js";
import { useTestRedis } from "../support/test-redis.js";
import { captureLogger } from "./support/helpers.js";
import { alice, bob, describeStateStore, said } from "./support/store-contract.js";

const day = 24 * 60 * 60 * 1000;
/** Instances of one app share a key prefix; a fresh prefix is the place a test's state is kept. */
const { url, connect, freshPrefix } = useTestRedis("test");

const stateKey = (redis: RedisConnection, speaker: Speaker) =>
  redis.key("state", personKey(speaker));

describeStateStore({
  name: "redis",
  async place(logger) {
    const redis = await connect(freshPrefix());
    return {
      open: async (options = {}) =>
        openRedisStateStore({ redis, logger, retentionMs: 90 * day, ...options }),
      stored: async (speaker) => (await redis.client.get(stateKey(redis, speaker))) ?? undefined,
      async plant(speaker, text) {
        await redis.client.set(stateKey(redis, speaker), text);
      },
    };
  },
});

/** Two instances of the app on one Redis, as two processes would be. */
async function twoInstances(options: { lockTtlMs?: number; retentionMs?: number } = {}) {
  const prefix = freshPrefix();
  const logger = captureLogger();
  const open = async () =>
    openRedisStateStore({
      redis: await connect(prefix),
      logger,
      retentionMs: options.retentionMs ?? 90 * day,
      maxTurns: 1000,
      ...(options.lockTtlMs ? { lockTtlMs: options.lockTtlMs } : {}),
    });
  return { a: await open(), b: await open(), logger, redis: await connect(prefix) };
}

const texts = (state: PersonState) => state.turns.map((turn) => turn.text);

describe("state on Redis shared by several instances", () => {
  it("loses no update when two instances update one person at once, each turn on the last", async () => {
    const { a, b } = await twoInstances();
    const updates = Array.from({ length: 60 }, (_, index) =>
      (index % 2 ? a : b).update(alice, said(`m${index}`)),
    );
    const results = await Promise.all(updates);
    const final = texts(await a.get(alice));
    expect([...final].sort()).toEqual(Array.from({ length: 60 }, (_, i) => `m${i}`).sort());
    // Every turn was decided on the state the turn before it left: each result is the final
    // history up to that turn, so no two turns saw the same state.
    for (const result of results) {
      expect(texts(result)).toEqual(final.slice(0, result.turns.length));
    }
    expect(new Set(results.map((result) => result.turns.length)).size).toBe(60);
    expect(texts(await b.get(alice))).toEqual(final);
  });

  it("lets a person go on when the process deciding their turn is killed", async () => {
    const { a, redis } = await twoInstances();
    const prefix = redis.key("");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/state/support/die-mid-turn.ts", url(), prefix, "500"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("deciding")) resolve();
      });
      child.once("exit", (code) =>
        reject(new Error(`the instance exited (${code}) before its turn`)),
      );
    });
    const lock = redis.key("lock", personKey(alice));
    expect(await redis.client.get(lock)).not.toBeNull();
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await gone;
    expect(texts(await a.update(alice, said("after the crash")))).toEqual(["after the crash"]);
    expect(await redis.client.get(lock)).toBeNull();
  });

  it("decides a turn again when its lock expired under it, writing it once", async () => {
    const { a, logger } = await twoInstances({ lockTtlMs: 50 });
    let runs = 0;
    const slowOnce = (state: PersonState) => {
      runs += 1;
      // The first run outlasts the lock, as a process paused mid-turn would.
      const until = Date.now() + (runs === 1 ? 120 : 0);
      while (Date.now() < until) {}
      return said("slow")(state);
    };
    expect(texts(await a.update(alice, slowOnce))).toEqual(["slow"]);
    expect(runs).toBe(2);
    expect(texts(await a.get(alice))).toEqual(["slow"]);
    expect(logger.lines).toEqual([
      {
        level: "warn",
        message: "turn lock expired under an update; deciding it again",
        fields: { person: "T1~U1" },
      },
    ]);
  });

  it("forgets a person on every instance", async () => {
    const { a, b } = await twoInstances();
    await a.update(alice, said("question on A"));
    await b.update(alice, said("follow-up on B"));
    await b.update(bob, said("bob stays"));
    expect(texts(await b.get(alice))).toEqual(["question on A", "follow-up on B"]);
    expect(await a.forget(alice)).toBe(true);
    expect((await b.get(alice)).turns).toEqual([]);
    expect(texts(await b.update(alice, said("new start")))).toEqual(["new start"]);
    expect(texts(await a.get(bob))).toEqual(["bob stays"]);
  });

  it("lets idle people's state expire after the retention, so pruning has nothing to do", async () => {
    const { a, redis } = await twoInstances({ retentionMs: 200 });
    await a.update(alice, said("soon gone"));
    const ttl = await redis.client.pTTL(stateKey(redis, alice));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await a.get(alice)).turns).toEqual([]);
    expect(await a.usage()).toEqual({ people: 0, bytes: 0 });
    expect(await a.prune(new Date())).toBe(0);
  });

  it("counts only its own app's people, by their keys' sizes", async () => {
    const { a, redis } = await twoInstances();
    const { a: otherApp } = await twoInstances();
    await a.update(alice, said("hello"));
    await a.update(bob, said("hi"));
    await otherApp.update(alice, said("another app"));
    let bytes = 0;
    for (const speaker of [alice, bob])
      bytes += await redis.client.strLen(stateKey(redis, speaker));
    expect(await a.usage()).toEqual({ people: 2, bytes });
  });

  it("keeps an unreadable state aside until the person is forgotten", async () => {
    const { a, redis, logger } = await twoInstances();
    await redis.client.set(stateKey(redis, alice), "{not json");
    expect((await a.get(alice)).turns).toEqual([]);
    const aside = redis.key("corrupt", personKey(alice));
    expect(Object.values(await redis.client.hGetAll(aside))).toEqual(["{not json"]);
    expect(logger.lines[0]?.fields).toMatchObject({ person: "T1~U1", reason: "bad_json" });
    expect(await a.forget(alice)).toBe(true);
    expect(await redis.client.exists(aside)).toBe(0);
  });

  it("says whether Redis takes a write", async () => {
    const prefix = freshPrefix();
    const redis = await connectRedis({ url: url(), keyPrefix: prefix, logger: silentLogger });
    const store = openRedisStateStore({ redis, logger: silentLogger, retentionMs: day });
    expect(await store.checkWritable()).toEqual({ writable: true });
    expect(store.place).toBe("Redis");
    await redis.close();
    expect(await store.checkWritable()).toEqual({ writable: false, code: "ClientClosedError" });
  });
});
