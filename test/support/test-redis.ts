// For test files only (it registers vitest hooks); benches start their servers with startRedis.
import { afterAll, beforeAll } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { connectRedis, type RedisConnection } from "../../src/redis/index.js";
import { startRedis, type TestRedis } from "./redis.js";

/**
 * One redis-server for a test file, started before its tests and stopped after them. `connect`
 * opens one instance's connection (instances of one app share a key prefix), closed at the end;
 * `freshPrefix` gives a key prefix no other test in the file uses.
 */
export function useTestRedis(name: string) {
  let server: TestRedis | undefined;
  const connections: RedisConnection[] = [];
  let prefixes = 0;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.close()));
    await server?.stop();
  });
  const url = () => {
    if (!server) throw new Error("the tests' redis-server is not started yet");
    return server.url;
  };
  return {
    url,
    async connect(keyPrefix: string): Promise<RedisConnection> {
      const redis = await connectRedis({ url: url(), keyPrefix, logger: silentLogger });
      connections.push(redis);
      return redis;
    },
    freshPrefix: () => {
      prefixes += 1;
      return `${name}-${prefixes}:`;
    },
  };
}
