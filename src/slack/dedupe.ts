import { type FileHandle, mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { writeFileDurably } from "../files/durable.js";
import { errorCode, isMissing } from "../files/errors.js";
import type { Logger } from "../logger.js";
import { parseJsonWith } from "../parse-json.js";
import { type RedisConnection, redisErrorName, setIfAbsent } from "../redis/index.js";

/**
 * Slack retries an event whose ack was slow (same event_id, up to three times within minutes) and
 * Bolt runs the listeners again. Claiming each id once, on disk, keeps it to one reply even when the
 * retry reaches a restarted process.
 */
export interface EventDedupe {
  /** True the first time an id is seen (and once that is on disk), false for a repeat. */
  claim(eventId: string): Promise<boolean>;
  /** Waits for the last write and closes the file. */
  close(): Promise<void>;
}

export interface EventDedupeOptions {
  file: string;
  logger: Logger;
  /** How long an id is remembered: well past Slack's last retry, about 5 minutes after the first. */
  ttlMs?: number;
  /** The most ids kept; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

const hour = 60 * 60 * 1000;
/** One claimed id per line. */
const lineSchema = z.object({ id: z.string().min(1), at: z.number() });
const toLine = (id: string, at: number) => `${JSON.stringify({ id, at })}\n`;

/**
 * The log is appended to, one short line per claim (claims made while a write runs share the next
 * one), and rewritten with only the ids still remembered when it opens and whenever it has grown
 * to twice what is kept. Rewriting the whole record on every claim would cost more with every id
 * kept. Lines reach the OS before a claim returns, so a restarted process sees them; a power cut
 * may lose the last ones, which costs at most a repeated reply.
 */
export async function openEventDedupe(options: EventDedupeOptions): Promise<EventDedupe> {
  const { file, logger, ttlMs = hour, maxEntries = 5000, now = Date.now } = options;
  const seen = new Map<string, number>();

  const expire = () => {
    const cutoff = now() - ttlMs;
    for (const [id, at] of seen) {
      if (at >= cutoff && seen.size <= maxEntries) break;
      seen.delete(id);
    }
  };

  try {
    const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line !== "");
    const claims = lines.flatMap((line) => parseJsonWith(lineSchema, line) ?? []);
    if (claims.length < lines.length) logger.warn("event log has unreadable lines", { file });
    for (const { id, at } of claims.sort((a, b) => a.at - b.at)) seen.set(id, at);
    expire();
  } catch (error) {
    if (!isMissing(error)) logger.warn("event log unreadable, starting empty", { file });
  }

  await mkdir(dirname(file), { recursive: true });
  let handle: FileHandle | undefined;
  let linesInFile = 0;

  /** Writes what is remembered to a new file that replaces the log, then appends to that. */
  const rewrite = async () => {
    await handle?.close();
    handle = undefined;
    const lines = [...seen].map(([id, at]) => toLine(id, at));
    // A crash or power cut leaves the old file or the new one, never half of one.
    await writeFileDurably(file, lines.join(""));
    linesInFile = lines.length;
    handle = await open(file, "a");
  };

  let closed = false;
  let pending: string[] = [];
  let queued: Promise<void> | undefined;
  let running: Promise<void> = rewrite();
  const append = async (lines: string[]) => {
    if (linesInFile + lines.length > 2 * maxEntries) return rewrite();
    if (!handle) handle = await open(file, "a");
    await handle.appendFile(lines.join(""));
    linesInFile += lines.length;
  };
  const persist = (line: string): Promise<void> => {
    pending.push(line);
    if (!queued) {
      queued = running.then(() => {
        queued = undefined;
        const lines = pending;
        pending = [];
        return append(lines);
      });
      running = queued.catch(() => {});
    }
    return queued;
  };

  await running;

  return {
    async claim(eventId) {
      expire();
      if (seen.has(eventId)) return false;
      const at = now();
      seen.set(eventId, at);
      expire();
      // A reply still finishing after shutdown is remembered in memory only.
      if (closed) return true;
      try {
        await persist(toLine(eventId, at));
      } catch (error) {
        // A reply without the record beats no reply; only a retry after a restart could repeat it.
        logger.warn("event log write failed", {
          event_id: eventId,
          error_code: String(errorCode(error) ?? "unknown"),
        });
      }
      return true;
    },
    async close() {
      closed = true;
      await running;
      await handle?.close();
      handle = undefined;
    },
  };
}

/**
 * The same on Redis: one key per event id, set only if absent and expiring after `ttlMs`, so a
 * retry is answered once whichever instance it reaches. The connection belongs to the caller.
 */
export function redisEventDedupe(
  redis: RedisConnection,
  logger: Logger,
  ttlMs: number = hour,
): EventDedupe {
  return {
    async claim(eventId) {
      try {
        return await setIfAbsent(redis, redis.key("event", eventId), "1", ttlMs);
      } catch (error) {
        // As with the file: a reply without the record beats no reply.
        logger.warn("event claim on redis failed", {
          event_id: eventId,
          reason: redisErrorName(error),
        });
        return true;
      }
    },
    close: () => Promise.resolve(),
  };
}
