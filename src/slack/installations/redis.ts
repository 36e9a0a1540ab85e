import type { RedisConnection } from "../../redis/index.js";
import type { InstallationEngine } from "./index.js";

/**
 * Installations on Redis, one key per installation (`<prefix>installation:team:T…`), so every
 * instance serves a workspace as soon as any of them installed it. Nothing is cached: each request
 * reads its installation, so a removal takes effect everywhere at once. The connection belongs to
 * the caller.
 */
export function redisInstallations(redis: RedisConnection): InstallationEngine {
  const keyOf = (key: string) => redis.key("installation", key);
  return {
    read: async (key) => {
      const text = await redis.client.get(keyOf(key));
      if (text === null) return undefined;
      try {
        return JSON.parse(text);
      } catch {
        // Not JSON: fails the schema, so it is logged and treated as not installed.
        return text;
      }
    },
    write: async (key, record) => {
      await redis.client.set(keyOf(key), JSON.stringify(record));
    },
    delete: async (key) => (await redis.client.del(keyOf(key))) > 0,
    close: async () => {},
  };
}
