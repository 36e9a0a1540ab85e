import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import type { Logger } from "../logger.js";

/**
 * Slack retries an event whose ack was slow (same event_id, up to three times within minutes) and
 * Bolt runs the listeners again. Claiming each id once, on disk, keeps it to one reply even when the
 * retry reaches a restarted process.
 */
export interface EventDedupe {
  /** True the first time an id is seen (and once that is on disk), false for a repeat. */
  claim(eventId: string): Promise<boolean>;
  /** Waits for the last write. */
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

const fileSchema = z.object({
  version: z.literal(1),
  events: z.record(z.string(), z.number()),
});

const hour = 60 * 60 * 1000;

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
    const stored = fileSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (stored.success) {
      const entries = Object.entries(stored.data.events).sort(([, a], [, b]) => a - b);
      for (const [id, at] of entries) seen.set(id, at);
      expire();
    } else {
      logger.warn("event log unreadable, starting empty", { file });
    }
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) {
      logger.warn("event log unreadable, starting empty", { file });
    }
  }

  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const write = async () => {
    const data = JSON.stringify({ version: 1, events: Object.fromEntries(seen) });
    // Write then rename, so a crash leaves the old file or the new one, never half of one.
    await writeFile(tmp, data);
    await rename(tmp, file);
  };

  // Claims that arrive while a write is running share the next write instead of each making one.
  let queued: Promise<void> | undefined;
  let running: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    if (!queued) {
      queued = running.then(() => {
        queued = undefined;
        return write();
      });
      running = queued.catch(() => {});
    }
    return queued;
  };

  return {
    async claim(eventId) {
      expire();
      if (seen.has(eventId)) return false;
      seen.set(eventId, now());
      expire();
      try {
        await persist();
      } catch (error) {
        // A reply without the record beats no reply; only a retry after a restart could repeat it.
        logger.warn("event log write failed", {
          event_id: eventId,
          error_code: error instanceof Error && "code" in error ? String(error.code) : "unknown",
        });
      }
      return true;
    },
    close: () => running,
  };
}
