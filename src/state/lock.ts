import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/** Another live process holds DATA_DIR: two writers would undo each other's writes. */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(dataDir: string, holder: Holder, file: string) {
    super(
      `DATA_DIR ${dataDir} is in use by another Credit Desk process (pid ${holder.pid} on ` +
        `${holder.host}). Stop that one, or set DATA_DIR to another folder. If no such process ` +
        `runs, delete ${file}.`,
    );
  }
}

const holderSchema = z.object({ pid: z.number().int(), host: z.string() });
type Holder = z.infer<typeof holderSchema>;

export interface LockOptions {
  /** How often the holder touches the lock file. */
  heartbeatMs?: number;
  /** A lock untouched this long is left over, whatever process now has its pid. */
  staleAfterMs?: number;
}

const hasCode = (error: unknown, code: string) =>
  error instanceof Error && "code" in error && error.code === code;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return hasCode(error, "EPERM");
  }
};

/** Tries before giving up; each waits at most 50 ms when another process is taking over. */
const maxAttempts = 100;
const takeoverStaleMs = 10_000;

const readIfThere = (file: string) => readFile(file, "utf8").catch(() => undefined);

function parseHolder(text: string): Holder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims DATA_DIR for this process with a lock file naming its pid and host, so a second Credit
 * Desk on the same folder stops at start instead of both writing the same files. The holder
 * touches the file every `heartbeatMs`. A lock is left over, and taken over, when it has not been
 * touched for `staleAfterMs` (its pid may since belong to another program, or it was written on
 * another host), or at once when its process no longer runs on this host. Returns the release.
 *
 * Processes starting together cannot both win: the lock appears fully written (a hard link of a
 * finished temp file, which fails if a lock exists), and a left-over lock is removed only by the
 * one process that holds the takeover file, after checking it is still the one it judged.
 */
export async function lockDataDir(
  dataDir: string,
  options: LockOptions = {},
): Promise<() => Promise<void>> {
  const { heartbeatMs = 10_000, staleAfterMs = 30_000 } = options;
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, "credit-desk.lock");
  // The id tells this process's lock from an earlier one with the same pid (pid 1 in a container).
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), id: randomUUID() });

  const isLeftOver = async (holder: Holder): Promise<boolean> => {
    if (holder.host === hostname() && (holder.pid === process.pid || !isAlive(holder.pid))) {
      return true;
    }
    const touched = await stat(file).then(
      (stats) => stats.mtimeMs,
      () => 0,
    );
    return Date.now() - touched > staleAfterMs;
  };

  /**
   * Removes the left-over lock, unless it changed since it was read. Only the process holding the
   * takeover file may remove a lock, so none can remove a lock another has just taken.
   */
  const takeover = `${file}.takeover`;
  const removeLeftOver = async (leftOver: string): Promise<void> => {
    try {
      await writeFile(takeover, mine, { flag: "wx" });
    } catch (error) {
      if (!hasCode(error, "EEXIST")) throw error;
      // Another process is taking over; one that died at it leaves a file nobody touches.
      const since = await stat(takeover).then(
        (stats) => stats.mtimeMs,
        () => Date.now(),
      );
      if (Date.now() - since > takeoverStaleMs) await rm(takeover, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
      return;
    }
    try {
      if ((await readIfThere(file)) === leftOver) await rm(file, { force: true });
    } finally {
      await rm(takeover, { force: true });
    }
  };

  const tmp = `${file}.${process.pid}.${randomUUID()}.new`;
  await writeFile(tmp, mine);
  try {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      try {
        await link(tmp, file);
        return holdLock(file, mine, heartbeatMs);
      } catch (error) {
        if (!hasCode(error, "EEXIST")) throw error;
      }
      const current = await readIfThere(file);
      if (current === undefined) continue;
      // An unreadable lock file cannot name a holder; it is left over.
      const holder = parseHolder(current);
      if (holder && !(await isLeftOver(holder)))
        throw new DataDirLockedError(dataDir, holder, file);
      await removeLeftOver(current);
    }
  } finally {
    await rm(tmp, { force: true });
  }
  throw new Error(`Could not create ${file}: other processes keep taking it.`);
}

function holdLock(file: string, mine: string, heartbeatMs: number): () => Promise<void> {
  const heartbeat = setInterval(() => {
    void readIfThere(file).then((current) => {
      if (current !== mine) return;
      const now = new Date();
      return utimes(file, now, now).catch(() => {});
    });
  }, heartbeatMs);
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    if ((await readIfThere(file)) === mine) await rm(file, { force: true });
  };
}
