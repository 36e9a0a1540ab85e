import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { loadKnowledge } from "../src/core/assemble.js";
import { dataDirError } from "../src/files/data-dir-error.js";
import { silentLogger } from "../src/logger.js";
import { connectRedis } from "../src/redis/index.js";
import { isStartError, StartErrorCode } from "../src/start-error.js";
import { lockDataDir, openStateStore } from "../src/state/index.js";
import { copyWithBrokenEntryAndRules } from "./support/broken-knowledge.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "credit-desk-start-error-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What `main` sees when the start fails: the error it catches. */
async function failure(start: () => unknown): Promise<unknown> {
  try {
    await start();
  } catch (error) {
    return error;
  }
  throw new Error("expected the start to fail");
}

/** A Node.js file-system error, as fs/promises rejects with. */
const systemError = (code: string, path: string) =>
  Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path });

describe("every reason the start stops on is one coded error", () => {
  it.each([
    [
      "a bad variable",
      StartErrorCode.Config,
      () => loadConfig({ MATCH_THRESHOLD: "2" }),
      /MATCH_THRESHOLD: expected a number from 0 to 1/,
    ],
    [
      "a broken knowledge base",
      StartErrorCode.Knowledge,
      async () => {
        const knowledge = join(dir, "knowledge");
        await copyWithBrokenEntryAndRules(knowledge);
        await loadKnowledge(loadConfig({ KNOWLEDGE_DIR: knowledge }));
      },
      /^The knowledge base has 2 problems:/,
    ],
    [
      "a DATA_DIR on a full disk",
      StartErrorCode.DataDir,
      () => {
        throw dataDirError("data", systemError("ENOSPC", "data/slack-events.jsonl.tmp"));
      },
      /^DATA_DIR data is on a full disk: free some space on it/,
    ],
    [
      "a state folder whose layout cannot be read",
      StartErrorCode.StateLayout,
      async () => {
        await mkdir(join(dir, "layout", "state"), { recursive: true });
        await writeFile(join(dir, "layout", "state", "meta.json"), "garbage");
        await openStateStore({ dataDir: join(dir, "layout"), logger: silentLogger });
      },
      /meta\.json is not valid JSON/,
    ],
    [
      "a state folder from a newer release",
      StartErrorCode.StateVersion,
      async () => {
        await mkdir(join(dir, "newer", "state"), { recursive: true });
        await writeFile(join(dir, "newer", "state", "meta.json"), '{"layout":9}');
        await openStateStore({ dataDir: join(dir, "newer"), logger: silentLogger });
      },
      /has version 9/,
    ],
    [
      "a DATA_DIR another process holds",
      StartErrorCode.DataDirLocked,
      async () => {
        // Held by a live process on this host: the one that started this test run.
        const locked = join(dir, "locked");
        await mkdir(locked);
        const holder = { pid: process.ppid, host: hostname() };
        await writeFile(join(locked, "credit-desk.lock"), JSON.stringify(holder));
        await lockDataDir(locked, { onLost: () => {} });
      },
      /is in use by another Credit Desk process/,
    ],
    [
      "a Redis that cannot be reached",
      StartErrorCode.Redis,
      // Port 1 on loopback: nothing listens there.
      () => connectRedis({ url: "redis://127.0.0.1:1", keyPrefix: "x:", logger: silentLogger }),
      /^Cannot reach Redis at REDIS_URL redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/,
    ],
  ])("%s: %s", async (_what, code, start, message) => {
    const error = await failure(start);
    expect(isStartError(error)).toBe(true);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it("leaves other failures as they are, so they are reported as unexpected", async () => {
    const unexpected = await failure(() => {
      throw dataDirError("data", systemError("EIO", "data/state"));
    });
    expect(isStartError(unexpected)).toBe(false);
    expect(isStartError(Object.assign(new Error("x"), { code: "ENOSPC" }))).toBe(false);
  });
});
