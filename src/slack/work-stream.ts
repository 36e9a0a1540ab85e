import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { parseJsonWith } from "../parse-json.js";
import type { RedisConnection } from "../redis/index.js";
import { type Work, type WorkQueue, workBodySchema } from "./work.js";

export interface WorkStreamOptions {
  redis: RedisConnection;
  logger: Logger;
  /**
   * How long work taken on by an instance may go untouched before another instance claims it.
   * A running instance touches its work every third of this, so only a stopped one's goes idle.
   */
  reclaimMs: number;
  /** How long an event id is remembered: well past Slack's last retry. */
  ttlMs?: number;
  /** The most undelivered replies kept. */
  maxUndelivered?: number;
}

const hour = 60 * 60 * 1000;
const group = "responders";
/** Claimed at a time, so one pass never holds a huge reply in memory. */
const claimBatch = 50;

/**
 * Marks the event id seen (set only if absent, with an expiry) and adds the work to the stream
 * in one step, then makes it this instance's pending work in the consumer group (XCLAIM FORCE
 * puts an entry no one has read on a consumer's list). Nothing else reads the stream as new
 * entries: an entry is only ever taken by XAUTOCLAIM, once its instance stopped touching it.
 */
const acceptScript = `
if ARGV[1] == "1" and not redis.call("SET", KEYS[1], "1", "NX", "PX", ARGV[2]) then
  return false
end
local entry = redis.call("XADD", KEYS[2], "*", "id", ARGV[3], "event", ARGV[1], "body", ARGV[4])
redis.call("XCLAIM", KEYS[2], ARGV[5], ARGV[6], 0, entry, "FORCE", "JUSTID")
return entry`;

const acceptReply = z.union([z.string(), z.null()]);
const fields = z.object({ id: z.string().min(1), event: z.enum(["0", "1"]), body: z.string() });
const autoClaimReply = z.object({
  nextId: z.string(),
  messages: z.array(
    z.object({ id: z.string(), message: z.record(z.string(), z.string()) }).nullable(),
  ),
});

const reasonOf = (error: unknown) => (error instanceof Error ? error.name : "unknown");

/**
 * The Redis engine's work queue: a stream with a consumer group that every instance shares.
 * Accepting adds the work (and for an event, marks its id seen, in the same script) and makes it
 * this instance's pending entry; done acknowledges and deletes it. An instance touches its
 * pending entries every `reclaimMs / 3` (XCLAIM to itself resets their idle time); entries idle
 * for `reclaimMs` belong to an instance that stopped, and any instance claims them (XAUTOCLAIM)
 * and answers them. Undelivered replies go to a list, the latest `maxUndelivered` kept.
 */
export async function openWorkStream(options: WorkStreamOptions): Promise<WorkQueue> {
  const { redis, logger, reclaimMs, ttlMs = hour, maxUndelivered = 10_000 } = options;
  const { client } = redis;
  const stream = redis.key("work");
  const undelivered = redis.key("undelivered");
  const consumer = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  try {
    await client.xGroupCreate(stream, group, "$", { MKSTREAM: true });
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith("BUSYGROUP"))) throw error;
  }

  /** This instance's work under way: the work id and its stream entry. */
  const underWay = new Map<string, string>();
  /** Entries whose done could not be written yet, tried again on the next touch. */
  const unacknowledged = new Set<string>();
  let timers: NodeJS.Timeout[] = [];

  const acknowledge = async (entry: string) => {
    await client.multi().xAck(stream, group, entry).xDel(stream, entry).exec();
  };

  const touch = async () => {
    for (const entry of [...unacknowledged]) {
      await acknowledge(entry);
      unacknowledged.delete(entry);
    }
    const entries = [...underWay.values()];
    if (entries.length === 0) return;
    await client.xClaimJustId(stream, group, consumer, 0, entries);
  };

  const claimIdle = async (run: (work: Work) => Promise<void>) => {
    let cursor = "0-0";
    do {
      const reply = autoClaimReply.parse(
        await client.xAutoClaim(stream, group, consumer, reclaimMs, cursor, { COUNT: claimBatch }),
      );
      cursor = reply.nextId;
      for (const claimed of reply.messages) {
        if (!claimed) continue;
        const parsed = fields.safeParse(claimed.message);
        const body = parsed.success ? parseJsonWith(workBodySchema, parsed.data.body) : undefined;
        if (!parsed.success || !body) {
          logger.warn("unreadable work dropped", { entry: claimed.id });
          await acknowledge(claimed.id);
          continue;
        }
        // This instance's own work, not touched in time (its event loop was held up): it is still
        // under way here, and now touched again by the claim.
        if (underWay.has(parsed.data.id)) continue;
        underWay.set(parsed.data.id, claimed.id);
        logger.info("work claimed from a stopped instance", { work_id: parsed.data.id });
        void run({ id: parsed.data.id, isEvent: parsed.data.event === "1", body });
      }
    } while (cursor !== "0-0");
  };

  const every = (ms: number, task: () => Promise<void>, what: string) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task()
        .catch((error: unknown) => logger.warn(`${what} failed`, { reason: reasonOf(error) }))
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  every(Math.max(10, Math.floor(reclaimMs / 3)), touch, "touching work under way");

  return {
    async accept(work) {
      try {
        const entry = acceptReply.parse(
          await client.eval(acceptScript, {
            keys: [redis.key("event", work.id), stream],
            arguments: [
              work.isEvent ? "1" : "0",
              String(ttlMs),
              work.id,
              JSON.stringify(work.body),
              group,
              consumer,
            ],
          }),
        );
        if (entry === null) return "duplicate";
        underWay.set(work.id, entry);
      } catch (error) {
        // Answering without the record beats not answering; only a crash now could lose it.
        logger.warn("work not recorded on redis", { work_id: work.id, reason: reasonOf(error) });
      }
      return "accepted";
    },
    async done(id) {
      const entry = underWay.get(id);
      if (entry === undefined) return;
      underWay.delete(id);
      try {
        await acknowledge(entry);
      } catch (error) {
        unacknowledged.add(entry);
        logger.warn("work not marked done on redis yet", { work_id: id, reason: reasonOf(error) });
      }
    },
    async keepUndelivered(letter) {
      const line = JSON.stringify({ at: new Date().toISOString(), ...letter });
      try {
        await client
          .multi()
          .lPush(undelivered, line)
          .lTrim(undelivered, 0, maxUndelivered - 1)
          .exec();
      } catch (error) {
        logger.error("undelivered reply not kept", { ...letter.ids, reason: reasonOf(error) });
      }
    },
    resume(run) {
      every(Math.max(10, Math.floor(reclaimMs / 2)), () => claimIdle(run), "claiming idle work");
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      timers = [];
    },
  };
}
