import { randomBytes } from "node:crypto";
import type { RedisConnection } from "./connection.js";

/** Deletes the lock only if it still holds this holder's token: never a lock another took since. */
const releaseScript = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;
/** Writes KEYS[2] only while the lock in KEYS[1] holds this holder's token. */
const setIfHeldScript = `if redis.call("GET", KEYS[1]) ~= ARGV[1] then return 0 end
redis.call("SET", KEYS[2], ARGV[2], "PX", ARGV[3])
return 1`;
/** Deletes the other keys only while the lock in KEYS[1] holds this holder's token; -1 if not. */
const deleteIfHeldScript = `if redis.call("GET", KEYS[1]) ~= ARGV[1] then return -1 end
return redis.call("DEL", unpack(KEYS, 2))`;

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
  /**
   * Sets `key` to `value`, expiring after `ttlMs`, in one step with checking the lock is still
   * this holder's; false (nothing written) when it expired and may be another's by now.
   */
  setIfHeld(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `keys` while the lock is still held; how many existed, or undefined if it was lost. */
  deleteIfHeld(...keys: string[]): Promise<number | undefined>;
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
        setIfHeld: async (target, value, ttlMs) =>
          (await redis.client.eval(setIfHeldScript, {
            keys: [key, target],
            arguments: [token, value, String(ttlMs)],
          })) === 1,
        deleteIfHeld: async (...keys) => {
          const deleted = await redis.client.eval(deleteIfHeldScript, {
            keys: [key, ...keys],
            arguments: [token],
          });
          return typeof deleted === "number" && deleted >= 0 ? deleted : undefined;
        },
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
