import { appendFile, type FileHandle, mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { writeFileDurably } from "../files/durable.js";
import { errorCode, isMissing } from "../files/errors.js";
import { readJsonLines } from "../files/json-lines.js";
import type { Logger } from "../logger.js";
import { parseJsonWith } from "../parse-json.js";
import { type Undelivered, type Work, type WorkQueue, workBodySchema } from "./work.js";

export interface WorkLogOptions {
  /** The work log (DATA_DIR/slack-events.jsonl). */
  file: string;
  /** Where undelivered replies are kept (DATA_DIR/slack-undelivered.jsonl). */
  undeliveredFile: string;
  logger: Logger;
  /**
   * How long an event id is remembered: well past Slack's last retry, about 5 minutes after the
   * first. Work not yet done is kept whatever its age.
   */
  ttlMs?: number;
  /** The most event ids remembered; the oldest go first. */
  maxEntries?: number;
  /** The most undelivered replies kept; the oldest go when the log opens. */
  maxUndelivered?: number;
  now?: () => number;
}

const hour = 60 * 60 * 1000;

/** An event id seen (and its work done): all a compacted log keeps of a finished event. */
const seenLine = z.object({ id: z.string().min(1), at: z.number() });
/** Work accepted and not known to be done. */
const workLine = seenLine.extend({ event: z.boolean(), body: workBodySchema });
const doneLine = z.object({ done: z.string().min(1) });

const undeliveredLine = z.object({ at: z.string() }).loose();

interface Pending {
  at: number;
  work: Work;
}

/**
 * The embedded engine's work queue: one append-only file in DATA_DIR. Accepting appends the
 * work (for an event, that line is also what marks its id seen, so the two cannot part); done
 * appends a short line. Lines reach the OS before accept or done resolves (lines written while a
 * write runs share the next one), so a process killed with SIGKILL loses none; a power cut or OS
 * crash may lose the last ones. At open the log is read: work without its done line is what the
 * previous process acked and did not answer, handed to `resume`. The file is rewritten with only
 * the ids still remembered and the work still pending when it opens and whenever it has grown to
 * twice that, so it does not grow without bound.
 */
export async function openWorkLog(options: WorkLogOptions): Promise<WorkQueue> {
  const {
    file,
    undeliveredFile,
    logger,
    ttlMs = hour,
    maxEntries = 5000,
    maxUndelivered = 10_000,
    now = Date.now,
  } = options;
  /** Event ids seen, oldest first, with when. */
  const seen = new Map<string, number>();
  /** Work accepted and not done, in the order it came. */
  const pending = new Map<string, Pending>();

  const expire = () => {
    const cutoff = now() - ttlMs;
    for (const [id, at] of seen) {
      if (at >= cutoff && seen.size <= maxEntries) break;
      seen.delete(id);
    }
  };

  try {
    const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line !== "");
    let unreadable = 0;
    const seenAt: { id: string; at: number }[] = [];
    for (const line of lines) {
      const done = parseJsonWith(doneLine, line);
      const work = done ? undefined : parseJsonWith(workLine, line);
      const id = done ? undefined : (work ?? parseJsonWith(seenLine, line));
      if (done) pending.delete(done.done);
      else if (work) {
        pending.set(work.id, {
          at: work.at,
          work: { id: work.id, isEvent: work.event, body: work.body },
        });
        if (work.event) seenAt.push(work);
      } else if (id) seenAt.push(id);
      else unreadable += 1;
    }
    if (unreadable > 0) logger.warn("event log has unreadable lines", { file, count: unreadable });
    for (const { id, at } of seenAt.sort((a, b) => a.at - b.at)) seen.set(id, at);
    expire();
  } catch (error) {
    if (!isMissing(error)) logger.warn("event log unreadable, starting empty", { file });
  }

  await mkdir(dirname(file), { recursive: true });
  await keepLatestUndelivered(undeliveredFile, maxUndelivered);
  let handle: FileHandle | undefined;
  let linesInFile = 0;

  /** Writes what is remembered and pending to a new file that replaces the log. */
  const rewrite = async () => {
    await handle?.close();
    handle = undefined;
    const lines: string[] = [];
    for (const [id, at] of seen) if (!pending.has(id)) lines.push(JSON.stringify({ id, at }));
    for (const { at, work } of pending.values()) lines.push(workLineOf(work, at));
    // A crash or power cut leaves the old file or the new one, never half of one.
    await writeFileDurably(file, lines.map((line) => `${line}\n`).join(""));
    linesInFile = lines.length;
    handle = await open(file, "a");
  };

  let closed = false;
  let buffered: string[] = [];
  let queued: Promise<void> | undefined;
  let running: Promise<void> = rewrite();
  const append = async (lines: string[]) => {
    if (linesInFile + lines.length > 2 * Math.max(maxEntries, seen.size + pending.size)) {
      return rewrite();
    }
    if (!handle) handle = await open(file, "a");
    await handle.appendFile(lines.join(""));
    linesInFile += lines.length;
  };
  const persist = (line: string): Promise<void> => {
    buffered.push(`${line}\n`);
    if (!queued) {
      queued = running.then(() => {
        queued = undefined;
        const lines = buffered;
        buffered = [];
        return append(lines);
      });
      running = queued.catch(() => {});
    }
    return queued;
  };
  const persistOrWarn = async (line: string, id: string) => {
    // Work still finishing after shutdown is kept in memory only.
    if (closed) return;
    try {
      await persist(line);
    } catch (error) {
      // Answering without the record beats not answering; only a crash now could lose it.
      logger.warn("event log write failed", {
        work_id: id,
        error_code: String(errorCode(error) ?? "unknown"),
      });
    }
  };

  await running;
  const recovered = [...pending.values()].map(({ work }) => work);
  if (recovered.length > 0) logger.info("unfinished work found", { count: recovered.length });

  return {
    async accept(work) {
      expire();
      if (seen.has(work.id) || pending.has(work.id)) return "duplicate";
      const at = now();
      if (work.isEvent) seen.set(work.id, at);
      pending.set(work.id, { at, work });
      expire();
      await persistOrWarn(workLineOf(work, at), work.id);
      return "accepted";
    },
    async done(id) {
      if (!pending.delete(id)) return;
      await persistOrWarn(JSON.stringify({ done: id }), id);
    },
    async keepUndelivered(letter) {
      await appendUndelivered(undeliveredFile, letter, now(), logger);
    },
    resume(run) {
      for (const work of recovered.splice(0)) {
        void run(work);
      }
    },
    async close() {
      closed = true;
      await running;
      await handle?.close();
      handle = undefined;
    },
  };
}

const workLineOf = (work: Work, at: number) =>
  JSON.stringify({ id: work.id, at, event: work.isEvent, body: work.body });

async function appendUndelivered(
  file: string,
  letter: Undelivered,
  at: number,
  logger: Logger,
): Promise<void> {
  try {
    await appendFile(file, `${JSON.stringify({ at: new Date(at).toISOString(), ...letter })}\n`);
  } catch (error) {
    logger.error("undelivered reply not kept", {
      ...letter.ids,
      error_code: String(errorCode(error) ?? "unknown"),
    });
  }
}

/** Drops the oldest undelivered replies beyond `max`, so a long outage cannot fill the disk. */
async function keepLatestUndelivered(file: string, max: number): Promise<void> {
  const letters = await readJsonLines(file, undeliveredLine);
  if (letters.length <= max) return;
  await writeFileDurably(
    file,
    letters
      .slice(-max)
      .map((letter) => `${JSON.stringify(letter)}\n`)
      .join(""),
  );
}
