import { randomBytes } from "node:crypto";
import type { RedisConnection } from "./connection.js";

/** Deletes the lock only if it still holds this holder's token: never a lock another took since. */
const releaseScript = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

export class LockTimeoutError extends Error {
  override name = "LockTimeoutError";
  constructor(readonly key: string) {
    super(`Waited too long for the lock ${key}: another process holds it.`);
  }
}

export interface LockOptions {
  /** The lock expires this long after it is taken, so a holder that died cannot keep it. */
  ttlMs: number;
  /** How long to keep trying before giving up with LockTimeoutError. */
  waitMs: number;
}

export interface HeldLock {
  readonly key: string;
  readonly token: string;
  /** Gives the lock up, unless it expired and another holder has it by now. */
  release(): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes a lock that every process on the Redis server honours: SET NX PX with a random token,
 * tried again after a growing, jittered pause while another holds it.
 */
export async function acquireLock(
  redis: RedisConnection,
  key: string,
  options: LockOptions,
): Promise<HeldLock> {
  const token = randomBytes(16).toString("hex");
  const deadline = Date.now() + options.waitMs;
  for (let attempt = 0; ; attempt += 1) {
    const taken = await redis.client.set(key, token, {
      condition: "NX",
      expiration: { type: "PX", value: options.ttlMs },
    });
    if (taken === "OK") {
      return {
        key,
        token,
        release: async () => {
          await redis.client.eval(releaseScript, { keys: [key], arguments: [token] });
        },
      };
    }
    if (Date.now() >= deadline) throw new LockTimeoutError(key);
    const backoff = Math.min(2 ** attempt, 50);
    await pause(backoff / 2 + Math.random() * backoff);
  }
}

/** Sets `key` if it is absent, with an expiry; true when this call set it. */
export async function setIfAbsent(
  redis: RedisConnection,
  key: string,
  value: string,
  ttlMs: number,
): Promise<boolean> {
  const reply = await redis.client.set(key, value, {
    condition: "NX",
    expiration: { type: "PX", value: ttlMs },
  });
  return reply === "OK";
}
