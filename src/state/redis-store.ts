import {
  acquireLock,
  type HeldLock,
  type RedisConnection,
  redisErrorName,
} from "../redis/index.js";
import { applyAll, type Change, sealWith } from "./apply.js";
import { CorruptStateError, StateStoreClosedError } from "./errors.js";
import { decodeState } from "./migrate.js";
import { personKey, quarantineStamp, teamKeyPrefix } from "./paths.js";
import type { StateLogger } from "./person.js";
import { freshState, type PersonState } from "./schema.js";
import type { StateStore } from "./store.js";

export interface RedisStateStoreOptions {
  redis: RedisConnection;
  logger: StateLogger;
  /** A person's state expires this long after their last change (STATE_RETENTION_DAYS). */
  retentionMs: number;
  /** Turns kept per person (default 20). */
  maxTurns?: number;
  /** Feedback votes kept per person (default 100). */
  maxFeedback?: number;
  now?: () => Date;
  /** A person's turn lock expires this long after it is taken, if its holder died (default 10 s). */
  lockTtlMs?: number;
  /** How long an update waits for the turn another process holds (default 15 s). */
  lockWaitMs?: number;
}

interface Settle<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
type StateOp = ({ kind: "read" } | { kind: "update"; change: Change }) & Settle<PersonState>;
type ForgetOp = { kind: "forget" } & Settle<boolean>;
type Op = StateOp | ForgetOp;

/** Tries of a batch whose lock expired under it (the process was paused past the lock's expiry). */
const maxLockLosses = 3;

/** The lock expired under this holder: the batch is decided again on what is stored now. */
class LockLostError extends Error {
  override name = "LockLostError";
}

/**
 * Each person's state on a Redis server that several instances share: JSON under
 * `<prefix>state:<person>`, read through the same migrations and schema as the files, and
 * expiring `retentionMs` after the last change (so nothing is left to prune).
 *
 * Updates to one person are serialised twice: in this process by a queue per person (updates
 * queued behind one under way are applied together), and across processes by the person's turn
 * lock, `<prefix>lock:<person>` (SET NX PX with a random token). A turn is decided under the lock
 * on the state the previous turn left, and its result is written only while the lock is still
 * held; if the lock expired meanwhile (the process paused past its expiry), the batch is decided
 * again on the state stored by then, so a change may run twice but never on stale state. A holder
 * that dies leaves a lock that expires after `lockTtlMs`, so nobody stays blocked.
 */
export function openRedisStateStore(options: RedisStateStoreOptions): StateStore {
  const { redis, logger, retentionMs } = options;
  const now = options.now ?? (() => new Date());
  const seal = sealWith({
    maxTurns: options.maxTurns ?? 20,
    maxFeedback: options.maxFeedback ?? 100,
    now,
  });
  const lockOptions = { ttlMs: options.lockTtlMs ?? 10_000, waitMs: options.lockWaitMs ?? 15_000 };
  const keysOf = (key: string) => ({
    state: redis.key("state", key),
    lock: redis.key("lock", key),
    corrupt: redis.key("corrupt", key),
  });

  const queues = new Map<string, { ops: Op[]; draining: Promise<void> }>();
  let closing: Promise<void> | undefined;

  /** The stored state, or a fresh one; an unreadable value is moved aside (under the lock). */
  const load = async (key: string, lock?: HeldLock): Promise<PersonState> => {
    const keys = keysOf(key);
    const text = await redis.client.get(keys.state);
    if (text === null) return freshState(now());
    try {
      return decodeState(text, keys.state);
    } catch (error) {
      if (!(error instanceof CorruptStateError) || !lock) throw error;
      const stamp = quarantineStamp(now());
      await redis.client.hSet(keys.corrupt, stamp, text);
      await redis.client.pExpire(keys.corrupt, retentionMs);
      if ((await lock.deleteIfHeld(keys.state)) === undefined) throw new LockLostError();
      logger.warn("state file unreadable: moved aside, person starts afresh", {
        person: key,
        reason: error.reason,
        movedTo: `${keys.corrupt} ${stamp}`,
      });
      return freshState(now());
    }
  };

  /** Runs `task` holding the person's turn lock, again if the lock is lost under it. */
  const underLock = async <T>(key: string, task: (lock: HeldLock) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const lock = await acquireLock(redis, keysOf(key).lock, lockOptions);
      try {
        return await task(lock);
      } catch (error) {
        if (!(error instanceof LockLostError) || attempt >= maxLockLosses) throw error;
        logger.warn("turn lock expired under an update; deciding it again", { person: key });
      } finally {
        await lock.release();
      }
    }
  };

  const applyBatch = async (key: string, ops: StateOp[]): Promise<void> => {
    const changes = ops.map((op) => (op.kind === "update" ? op.change : undefined));
    const decide = async (lock?: HeldLock) => {
      const applied = applyAll(await load(key, lock), changes, seal);
      if (lock && applied.changed) {
        const json = JSON.stringify(applied.state);
        if (!(await lock.setIfHeld(keysOf(key).state, json, retentionMs))) {
          throw new LockLostError();
        }
      }
      return applied;
    };
    // Reads alone need no turn: they see the last state written, unless it must be moved aside.
    const readOnly = () =>
      decide().catch((error: unknown) => {
        if (error instanceof CorruptStateError) return underLock(key, decide);
        throw error;
      });
    const result = await (changes.some(Boolean) ? underLock(key, decide) : readOnly());
    ops.forEach((op, index) => {
      const outcome = result.outcomes[index];
      if (outcome && "value" in outcome) op.resolve(structuredClone(outcome.value));
      else op.reject(outcome?.error);
    });
  };

  const forgetNow = (key: string): Promise<boolean> =>
    underLock(key, async (lock) => {
      const { state, corrupt } = keysOf(key);
      const deleted = await lock.deleteIfHeld(state, corrupt);
      if (deleted === undefined) throw new LockLostError();
      return deleted > 0;
    });

  /** The forget at the head of the queue, or the reads and updates before the next forget. */
  const takeBatch = (ops: Op[]): StateOp[] | ForgetOp => {
    const [first] = ops;
    if (first?.kind === "forget") {
      ops.shift();
      return first;
    }
    const end = ops.findIndex((op) => op.kind === "forget");
    return ops
      .splice(0, end === -1 ? ops.length : end)
      .filter((op): op is StateOp => op.kind !== "forget");
  };

  const drain = async (key: string, ops: Op[]): Promise<void> => {
    while (ops.length > 0) {
      const batch = takeBatch(ops);
      try {
        if (Array.isArray(batch)) await applyBatch(key, batch);
        else batch.resolve(await forgetNow(key));
      } catch (error) {
        // Settling twice is a no-op, so only the ops not yet settled take the error.
        for (const op of Array.isArray(batch) ? batch : [batch]) op.reject(error);
      }
    }
    queues.delete(key);
  };

  const push = (key: string, op: Op): void => {
    const queue = queues.get(key);
    if (queue) {
      queue.ops.push(op);
      return;
    }
    const ops = [op];
    queues.set(key, { ops, draining: drain(key, ops) });
  };

  const whileOpen = <T>(task: () => Promise<T>): Promise<T> =>
    closing ? Promise.reject(new StateStoreClosedError()) : task();

  const queued = <T>(key: string, make: (settle: Settle<T>) => Op): Promise<T> =>
    whileOpen(() => new Promise<T>((resolve, reject) => push(key, make({ resolve, reject }))));

  /** The people whose state or set-aside state has a key starting with `start`. */
  const peopleKeyedFrom = async (start: string): Promise<Set<string>> => {
    const people = new Set<string>();
    for (const kind of ["state", "corrupt"]) {
      const stem = redis.key(kind, "");
      for await (const keys of redis.client.scanIterator({
        MATCH: redis.pattern(kind, start),
        COUNT: 1000,
      })) {
        for (const key of keys) people.add(String(key).slice(stem.length));
      }
    }
    return people;
  };

  return {
    place: "Redis",
    get: (speaker) => queued(personKey(speaker), (settle) => ({ kind: "read", ...settle })),
    update: (speaker, change) =>
      queued(personKey(speaker), (settle) => ({ kind: "update", change, ...settle })),
    forget: (speaker) => queued(personKey(speaker), (settle) => ({ kind: "forget", ...settle })),
    forgetTeam: (teamId) =>
      whileOpen(async () => {
        const keys = await peopleKeyedFrom(teamKeyPrefix(teamId));
        // People of the team with updates queued here, not yet written, go too.
        for (const key of queues.keys()) if (key.startsWith(teamKeyPrefix(teamId))) keys.add(key);
        const forgotten = await Promise.all(
          [...keys].map((key) => queued<boolean>(key, (settle) => ({ kind: "forget", ...settle }))),
        );
        return forgotten.filter(Boolean).length;
      }),
    // Each person's key expires `retentionMs` after their last change: nothing is left to prune.
    prune: () => whileOpen(() => Promise.resolve(0)),
    usage: () =>
      whileOpen(async () => {
        let people = 0;
        let bytes = 0;
        for await (const keys of redis.client.scanIterator({
          MATCH: redis.pattern("state"),
          COUNT: 1000,
        })) {
          const sizes = await Promise.all(keys.map((key) => redis.client.strLen(key)));
          people += keys.length;
          bytes += sizes.reduce((sum, size) => sum + size, 0);
        }
        return { people, bytes };
      }),
    checkWritable: async () => {
      try {
        await redis.client.set(redis.key("write-check"), now().toISOString(), {
          expiration: { type: "PX", value: 60_000 },
        });
        return { writable: true };
      } catch (error) {
        return { writable: false, code: redisErrorName(error) };
      }
    },
    close: () => {
      closing ??= Promise.all([...queues.values()].map((queue) => queue.draining)).then(
        () => undefined,
      );
      return closing;
    },
  };
}
