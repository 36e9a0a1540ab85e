import { randomUUID } from "node:crypto";
import {
  link,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { errorCode, isMissing } from "../files/errors.js";
import { parseJsonWith } from "../parse-json.js";
import { StartError, StartErrorCode } from "../start-error.js";

/** Another live process holds DATA_DIR: two writers would undo each other's writes. */
export class DataDirLockedError extends StartError {
  override name = "DataDirLockedError";
  readonly code = StartErrorCode.DataDirLocked;
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
  /**
   * Called when the holder finds its lock gone or replaced (it was paused past `staleAfterMs` and
   * another process took over): it must stop writing at once.
   */
  onLost?: () => void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === "EPERM";
  }
};

/** A takeover file this old was left by a process that died taking over. */
const takeoverStaleMs = 10_000;
/** A lock file too new to be read whole may still be being written (no hard links, see below). */
const writingMs = 1_000;
/** File systems without hard links answer link() with one of these. */
const noHardLinks = ["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"];
const pause = () => new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
const modifiedAt = (file: string) =>
  stat(file).then(
    (stats) => stats.mtimeMs,
    () => undefined,
  );

const readIfThere = (file: string) => readFile(file, "utf8").catch(() => undefined);

/**
 * Claims DATA_DIR for this process with a lock file naming its pid and host, so a second Credit
 * Desk on the same folder stops at start instead of both writing the same files. The holder
 * touches the file every `heartbeatMs`. A lock is left over, and taken over, when it has not been
 * touched for `staleAfterMs` (its pid may since belong to another program, or it was written on
 * another host), or at once when its process no longer runs on this host. Returns the release.
 *
 * Processes starting together cannot both win: the lock appears fully written (a hard link of a
 * finished temp file, which fails if a lock exists; an exclusive create where the file system has
 * no hard links), and a left-over lock is removed only by the one process that holds the takeover
 * file, after checking it is still the one it judged.
 */
export async function lockDataDir(
  dataDir: string,
  options: LockOptions = {},
): Promise<() => Promise<void>> {
  const { heartbeatMs = 10_000, staleAfterMs = 30_000, onLost = () => {} } = options;
  if (heartbeatMs * 2 > staleAfterMs) {
    throw new Error("The lock's heartbeat must come at least twice within its stale time.");
  }
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, "credit-desk.lock");
  // The id tells this process's lock from an earlier one with the same pid (pid 1 in a container).
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), id: randomUUID() });

  const isLeftOver = async (holder: Holder): Promise<boolean> => {
    if (holder.host === hostname() && (holder.pid === process.pid || !isAlive(holder.pid))) {
      return true;
    }
    return Date.now() - ((await modifiedAt(file)) ?? 0) > staleAfterMs;
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
      if (errorCode(error) !== "EEXIST") throw error;
      await clearStaleTakeover();
      await pause();
      return;
    }
    try {
      if ((await readIfThere(file)) === leftOver) await rm(file, { force: true });
    } finally {
      await rm(takeover, { force: true });
    }
  };
  /** Moves aside a takeover file nobody touches, unless another process replaced it meanwhile. */
  const clearStaleTakeover = async (): Promise<void> => {
    const seen = await readIfThere(takeover);
    const since = await modifiedAt(takeover);
    if (seen === undefined || since === undefined || Date.now() - since <= takeoverStaleMs) return;
    const aside = `${takeover}.${process.pid}.${randomUUID()}.old`;
    try {
      await rename(takeover, aside);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    if ((await readIfThere(aside)) !== seen) await link(aside, takeover).catch(() => {});
    await rm(aside, { force: true });
  };

  /** Creates the lock, whole, if there is none; false if one exists. */
  const create = async (tmp: string): Promise<boolean> => {
    try {
      await link(tmp, file);
      return true;
    } catch (error) {
      if (errorCode(error) === "EEXIST") return false;
      if (!noHardLinks.includes(String(errorCode(error)))) throw error;
    }
    try {
      await writeFile(file, mine, { flag: "wx" });
      return true;
    } catch (error) {
      if (errorCode(error) === "EEXIST") return false;
      throw error;
    }
  };

  await removeOldTempFiles(dataDir, staleAfterMs);
  const tmp = `${file}.${process.pid}.${randomUUID()}.new`;
  await writeFile(tmp, mine);
  // Long enough to wait out a takeover file left by a process that died taking over.
  const deadline = Date.now() + takeoverStaleMs + 5_000;
  try {
    while (Date.now() < deadline) {
      if (await create(tmp)) return holdLock(file, mine, heartbeatMs, onLost);
      const current = await readIfThere(file);
      if (current === undefined) continue;
      const holder = parseJsonWith(holderSchema, current);
      if (!holder) {
        // Unreadable: left over (a crash, a power cut), unless it may still be being written.
        const since = await modifiedAt(file);
        if (since !== undefined && Date.now() - since < writingMs) {
          await pause();
          continue;
        }
      } else if (!(await isLeftOver(holder))) {
        throw new DataDirLockedError(dataDir, holder, file);
      }
      await removeLeftOver(current);
    }
  } finally {
    await rm(tmp, { force: true });
  }
  throw new Error(`Could not create ${file}: other processes keep taking it.`);
}

/** Temp files of the lock left by processes that died while taking it. */
async function removeOldTempFiles(dataDir: string, olderThanMs: number): Promise<void> {
  const names = await readdir(dataDir).catch(() => []);
  for (const name of names) {
    if (!/^credit-desk\.lock\..+\.(new|old)$/.test(name)) continue;
    const path = join(dataDir, name);
    const since = await modifiedAt(path);
    if (since !== undefined && Date.now() - since > olderThanMs) await rm(path, { force: true });
  }
}

function holdLock(
  file: string,
  mine: string,
  heartbeatMs: number,
  onLost: () => void,
): () => Promise<void> {
  const heartbeat = setInterval(() => {
    void readIfThere(file).then((current) => {
      if (current !== mine) {
        clearInterval(heartbeat);
        onLost();
        return;
      }
      const now = new Date();
      return utimes(file, now, now).catch(() => {});
    });
  }, heartbeatMs);
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    if ((await readIfThere(file)) !== mine) return;
    // unlink, not rm: rm answers a refused removal by trying the file as a folder, and reports
    // that (ENOTDIR, scandir) instead of why the removal was refused.
    await unlink(file).catch((error: unknown) => {
      if (isMissing(error)) return;
      const code = String(errorCode(error));
      throw new Error(
        `Could not remove the DATA_DIR lock ${file} (${code}): the folder no longer takes changes. The next start takes the lock over, since this process will have ended.`,
      );
    });
  };
}
