import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "../../src/state/index.js";
import { runScript } from "../support/run.js";

let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "credit-desk-lock-"));
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

const lockFile = () => join(dataDir, "credit-desk.lock");

/** Another process that stays alive until killed, standing in for a running Credit Desk. */
async function otherProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  children.push(child);
  await new Promise((resolve) => child.once("spawn", resolve));
  if (child.pid === undefined) throw new Error("no pid");
  return child as ChildProcess & { pid: number };
}

const holdBy = (pid: number, host = hostname()) =>
  writeFile(lockFile(), JSON.stringify({ pid, host }));

/** The pid of a process that has exited: its lock is left over. */
async function deadPid(): Promise<number> {
  const other = await otherProcess();
  other.kill("SIGKILL");
  await new Promise((resolve) => other.once("exit", resolve));
  return other.pid;
}

/** Starts `count` processes that try the lock at the same moment; says what each got. */
async function startTogether(count: number): Promise<string[]> {
  const script = join(import.meta.dirname, "support", "hold-lock.ts");
  const starters = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ["--import", "tsx", script, dataDir], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    children.push(child);
    const said: string[] = [];
    let wake = () => {};
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      said.push(...chunk.split("\n").filter((line) => line !== ""));
      wake();
    });
    const saying = (what: number) =>
      new Promise<string>((resolve) => {
        wake = () => {
          if (said.length >= what) resolve(said[what - 1] ?? "");
        };
        wake();
      });
    return { child, saying };
  });
  await Promise.all(starters.map(({ saying }) => saying(1)));
  for (const { child } of starters) child.stdin?.write("go\n");
  return Promise.all(starters.map(({ saying }) => saying(2)));
}

describe("the DATA_DIR lock", () => {
  it("is refused while another process on this host holds it, and taken over once it is gone", async () => {
    const other = await otherProcess();
    await holdBy(other.pid);
    const refused = lockDataDir(dataDir);
    await expect(refused).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(refused).rejects.toThrow(
      `in use by another Credit Desk process (pid ${other.pid}`,
    );

    other.kill("SIGKILL");
    await new Promise((resolve) => other.once("exit", resolve));
    const release = await lockDataDir(dataDir);
    expect(JSON.parse(await readFile(lockFile(), "utf8")).pid).toBe(process.pid);
    await release();
    await expect(readFile(lockFile())).rejects.toThrow(/ENOENT/);
  });

  it("is refused while a holder on another host keeps touching it, taken over once it stops", async () => {
    await holdBy(4242, "credit-desk-7f9c");
    await expect(lockDataDir(dataDir, { staleAfterMs: 60_000 })).rejects.toThrow(
      /pid 4242 on credit-desk-7f9c/,
    );
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await utimes(lockFile(), twoMinutesAgo, twoMinutesAgo);
    const release = await lockDataDir(dataDir, { staleAfterMs: 60_000 });
    await release();
  });

  it("lets exactly one of several processes starting together take over a left-over lock", async () => {
    for (let round = 0; round < 3; round++) {
      await holdBy(await deadPid());
      const outcomes = await startTogether(4);
      expect(outcomes.sort()).toEqual(["locked", "refused", "refused", "refused"]);
      for (const child of children.splice(0)) child.kill("SIGKILL");
    }
    // Nothing is left behind but the lock itself.
    expect(await readdir(dataDir)).toEqual(["credit-desk.lock"]);
  }, 60_000);

  it("is touched while held, and taken over once untouched even if its pid now runs something else", async () => {
    const release = await lockDataDir(dataDir, { heartbeatMs: 20 });
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(lockFile(), aMinuteAgo, aMinuteAgo);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Date.now() - (await stat(lockFile())).mtimeMs).toBeLessThan(30_000);
    await release();

    // A container restarted after a crash: the old pid now belongs to an unrelated process.
    const unrelated = await otherProcess();
    await holdBy(unrelated.pid);
    await expect(lockDataDir(dataDir, { staleAfterMs: 30_000 })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    await utimes(lockFile(), aMinuteAgo, aMinuteAgo);
    const taken = await lockDataDir(dataDir, { staleAfterMs: 30_000 });
    expect(JSON.parse(await readFile(lockFile(), "utf8")).pid).toBe(process.pid);
    await taken();
  });

  it("tells its holder when another process has taken the lock over", async () => {
    let lost = 0;
    const release = await lockDataDir(dataDir, {
      heartbeatMs: 20,
      staleAfterMs: 1_000,
      onLost: () => {
        lost += 1;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(lost).toBe(0);
    // Paused past the stale time, it comes back to find a newer holder's lock.
    await holdBy(4243, "credit-desk-other");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lost).toBe(1);
    await release();
    expect(JSON.parse(await readFile(lockFile(), "utf8")).pid).toBe(4243);
  });

  it("takes over an unreadable lock file once nothing is writing it", async () => {
    await writeFile(lockFile(), "{ half written");
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(lockFile(), aMinuteAgo, aMinuteAgo);
    const release = await lockDataDir(dataDir);
    expect(JSON.parse(await readFile(lockFile(), "utf8")).pid).toBe(process.pid);
    await release();
  });

  it("stops npm start with one clear line when another process holds DATA_DIR", async () => {
    const other = await otherProcess();
    await holdBy(other.pid);
    const { code, stderr } = await runScript("src/main.ts", [], {
      input: "what is a JBP?\n",
      env: { DATA_DIR: dataDir },
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Credit Desk cannot start. DATA_DIR ${dataDir} is in use by another Credit Desk process ` +
        `(pid ${other.pid} on ${hostname()}). Stop that one, or set DATA_DIR to another folder. ` +
        `If no such process runs, delete ${lockFile()}.`,
    );
  }, 30_000);

  it("releases DATA_DIR when the state folder stops the start", async () => {
    await mkdir(join(dataDir, "state"), { recursive: true });
    await writeFile(join(dataDir, "state", "meta.json"), '{"layout":2}');
    const { code, stderr } = await runScript("src/main.ts", [], {
      input: "what is a JBP?\n",
      env: { DATA_DIR: dataDir },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Credit Desk cannot start\. .*meta\.json has version 2/);
    expect(await readdir(dataDir)).not.toContain("credit-desk.lock");
  }, 30_000);
});
