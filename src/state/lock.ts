import { mkdir, open, readFile, rm, stat, utimes } from "node:fs/promises";
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
  /** A lock from another host untouched this long is left over from a stopped container. */
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

/**
 * Claims DATA_DIR for this process with a lock file naming its pid and host, so a second Credit
 * Desk on the same folder stops at start instead of both writing the same files. A lock is left
 * over, and taken over, when its process no longer runs on this host, or, for a lock written on
 * another host (a container restarted with a new name on the same volume), when its holder has
 * stopped touching it. Returns the release for shutdown.
 */
export async function lockDataDir(
  dataDir: string,
  options: LockOptions = {},
): Promise<() => Promise<void>> {
  const { heartbeatMs = 10_000, staleAfterMs = 30_000 } = options;
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, "credit-desk.lock");
  const mine = JSON.stringify({ pid: process.pid, host: hostname() });

  const isLeftOver = async (holder: Holder): Promise<boolean> => {
    if (holder.host === hostname()) return holder.pid === process.pid || !isAlive(holder.pid);
    const touched = await stat(file).then(
      (stats) => stats.mtimeMs,
      () => 0,
    );
    return Date.now() - touched > staleAfterMs;
  };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(mine);
      await handle.close();
      const heartbeat = setInterval(() => {
        const now = new Date();
        utimes(file, now, now).catch(() => {});
      }, heartbeatMs);
      heartbeat.unref();
      return async () => {
        clearInterval(heartbeat);
        const current = await readFile(file, "utf8").catch(() => "");
        if (current === mine) await rm(file, { force: true });
      };
    } catch (error) {
      if (!hasCode(error, "EEXIST")) throw error;
    }
    // An unreadable lock file cannot name a holder; it is treated as left over.
    const holder = await readHolder(file);
    if (holder && !(await isLeftOver(holder))) throw new DataDirLockedError(dataDir, holder, file);
    await rm(file, { force: true });
  }
  throw new Error(`Could not create ${file}: another process keeps creating it.`);
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
