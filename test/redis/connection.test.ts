import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, silentLogger } from "../../src/logger.js";
import {
  acquireLock,
  connectRedis,
  LockTimeoutError,
  type RedisConnection,
  setIfAbsent,
} from "../../src/redis/index.js";
import { isStartError, StartErrorCode } from "../../src/start-error.js";
import { startRedis, type TestRedis } from "../support/redis.js";

let server: TestRedis;
const open: RedisConnection[] = [];
const connect = async (keyPrefix = "test:", url = server.url) => {
  const redis = await connectRedis({ url, keyPrefix, logger: silentLogger });
  open.push(redis);
  return redis;
};

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(open.map((redis) => redis.close()));
  await server?.stop();
});

async function failure(start: () => Promise<unknown>): Promise<Error> {
  try {
    await start();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("expected the start to fail");
}

describe("the tests' own Redis", () => {
  it("fails, naming what to install, when redis-server is missing", async () => {
    await expect(startRedis({ command: "redis-server-not-installed" })).rejects.toThrow(
      /^redis-server-not-installed: not installed, and tests that need Redis start their own: install it \(Debian: apt-get install redis-server/,
    );
  });
});

describe("connecting to Redis", () => {
  it("names REDIS_URL, in words and without the password, when nothing answers", async () => {
    const closed = await startRedis();
    await closed.stop();
    const url = `redis://app:s3cret-pass@127.0.0.1:${closed.port}/2`;
    const error = await failure(() => connectRedis({ url, keyPrefix: "x:", logger: silentLogger }));
    expect(isStartError(error) && error.code).toBe(StartErrorCode.Redis);
    expect(error.message).toBe(
      `Cannot reach Redis at REDIS_URL redis://app:***@127.0.0.1:${closed.port}/2 (ECONNREFUSED): start Redis there, correct REDIS_URL, or leave it empty to keep everything in DATA_DIR.`,
    );
  });

  it("says the password is wrong when the server refuses it", async () => {
    const guarded = await startRedis({ args: ["--requirepass", "right-password"] });
    try {
      const error = await failure(() =>
        connectRedis({
          url: `redis://:wrong-password@127.0.0.1:${guarded.port}`,
          keyPrefix: "x:",
          logger: silentLogger,
        }),
      );
      expect(isStartError(error) && error.code).toBe(StartErrorCode.Redis);
      expect(error.message).toMatch(
        /refused this app \(WRONGPASS\): put the right user and password/,
      );
      expect(error.message).not.toMatch(/wrong-password/);
      const redis = await connect("x:", `redis://:right-password@127.0.0.1:${guarded.port}`);
      expect(await redis.client.ping()).toBe("PONG");
      await redis.close();
    } finally {
      await guarded.stop();
    }
  });

  it("keeps two apps' keys apart by their prefixes", async () => {
    const one = await connect("app-one:");
    const two = await connect("app-two:");
    expect(await setIfAbsent(one, one.key("event", "Ev1"), "1", 60_000)).toBe(true);
    expect(await setIfAbsent(two, two.key("event", "Ev1"), "1", 60_000)).toBe(true);
    expect(await one.client.get("app-one:event:Ev1")).toBe("1");
    const seen: string[] = [];
    for await (const keys of one.client.scanIterator({ MATCH: one.pattern("event") })) {
      seen.push(...keys.map(String));
    }
    expect(seen).toEqual(["app-one:event:Ev1"]);
  });
});

describe("a connection that drops", () => {
  it("is logged once, retried until the server is back, and serves again", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line) => lines.push(line) });
    let own = await startRedis();
    const redis = await connectRedis({ url: own.url, keyPrefix: "drop:", logger });
    try {
      await redis.client.set(redis.key("before"), "1");
      await own.stop();
      own = await startRedis({ port: own.port });
      // The restarted server holds nothing; the client finds it again on its own.
      await expect.poll(() => redis.client.ping(), { timeout: 10_000 }).toBe("PONG");
      expect(await redis.client.get(redis.key("before"))).toBeNull();
      expect(lines.filter((line) => /redis connection/.test(line))).toEqual([
        expect.stringMatching(/redis connection lost, reconnecting.*reason=/),
        expect.stringMatching(/redis connection back/),
      ]);
    } finally {
      await redis.close();
      await own.stop();
    }
  });

  it("closes at once when the server is gone, so a shutdown does not wait for it", async () => {
    const own = await startRedis();
    const redis = await connectRedis({ url: own.url, keyPrefix: "gone:", logger: silentLogger });
    await own.stop();
    await redis.close();
    expect(redis.client.isOpen).toBe(false);
  });
});

describe("set if absent", () => {
  it("sets once, and again only after the expiry", async () => {
    const redis = await connect();
    const key = redis.key("claim", "once");
    expect(await setIfAbsent(redis, key, "1", 100)).toBe(true);
    expect(await setIfAbsent(redis, key, "1", 100)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await setIfAbsent(redis, key, "1", 100)).toBe(true);
  });

  it("lets exactly one of many racing callers win", async () => {
    const [a, b] = [await connect(), await connect()];
    const key = a.key("claim", "race");
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        setIfAbsent(index % 2 ? a : b, key, String(index), 60_000),
      ),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});

describe("a lock on Redis", () => {
  it("is held by one holder at a time, and waits for its release", async () => {
    const [a, b] = [await connect(), await connect()];
    const key = a.key("lock", "one-at-a-time");
    const first = await acquireLock(a, key, { ttlMs: 10_000, waitMs: 5_000 });
    let secondHas = false;
    const second = acquireLock(b, key, { ttlMs: 10_000, waitMs: 5_000 }).then((lock) => {
      secondHas = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondHas).toBe(false);
    await first.release();
    const held = await second;
    expect(await b.client.get(key)).toBe(held.token);
    await held.release();
    expect(await b.client.get(key)).toBeNull();
  });

  it("gives up after its wait with LockTimeoutError", async () => {
    const redis = await connect();
    const key = redis.key("lock", "busy");
    await acquireLock(redis, key, { ttlMs: 10_000, waitMs: 0 });
    await expect(acquireLock(redis, key, { ttlMs: 10_000, waitMs: 50 })).rejects.toThrow(
      LockTimeoutError,
    );
  });

  it("expires when its holder dies, and a late release leaves the next holder's lock alone", async () => {
    const [dead, alive] = [await connect(), await connect()];
    const key = dead.key("lock", "dead-holder");
    const abandoned = await acquireLock(dead, key, { ttlMs: 100, waitMs: 0 });
    const taken = await acquireLock(alive, key, { ttlMs: 10_000, waitMs: 5_000 });
    await abandoned.release();
    expect(await alive.client.get(key)).toBe(taken.token);
  });
});
