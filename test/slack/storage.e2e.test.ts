import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { lockDataDir } from "../../src/state/index.js";
import type { spyCore } from "./support/cores.js";
import { type RunningApp, startApp, tearDown, tempDir, waitForLog } from "./support/harness.js";
import { directMessage, dmChannelId, envelope, newEventId } from "./support/payloads.js";
import { sendEvent } from "./support/requests.js";
import { startSpiedApp } from "./support/spied-app.js";
import { postedIn, startWebApi, type WebApiStandIn } from "./support/web-api.js";

/**
 * The file system refusing writes under one folder, as a full, read-only or immutable disk does:
 * root ignores permissions and a test cannot count on mounting a full or read-only disk, so the
 * refusal is made where the app meets the file system, with Node's own error shape.
 */
const refusal = vi.hoisted(() => ({ under: "", code: "" }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof fs.open = (path, flags, mode) => {
    const file = String(path);
    if (refusal.code && flags === "w" && file.startsWith(refusal.under)) {
      const error = Object.assign(new Error(`${refusal.code}: refused, open '${file}'`), {
        code: refusal.code,
        syscall: "open",
        path: file,
      });
      return Promise.reject(error);
    }
    return fs.open(path, flags, mode);
  };
  const unlink: typeof fs.unlink = (path) => {
    const file = String(path);
    if (refusal.code && file.startsWith(refusal.under)) {
      const error = Object.assign(new Error(`${refusal.code}: refused, unlink '${file}'`), {
        code: refusal.code,
        syscall: "unlink",
        path: file,
      });
      return Promise.reject(error);
    }
    return fs.unlink(path);
  };
  return { ...fs, open, unlink, default: { ...fs, open, unlink } };
});

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };
let app: RunningApp;
let spy: ReturnType<typeof spyCore>;

beforeAll(async () => {
  ({ webApi, dir, spy, app } = await startSpiedApp("credit-desk-storage-"));
});
afterAll(() => {
  refusal.code = "";
  return tearDown({ app, webApi, dir });
});

const health = async () => {
  const response = await fetch(`${app.url}/healthz`);
  return { status: response.status, body: JSON.parse(await response.text()) };
};

describe("a state store that cannot write", () => {
  it.each([
    ["ENOSPC", "is on a full disk"],
    ["EROFS", "is on a read-only file system"],
    ["EPERM", "cannot be written by this user (operation not permitted)"],
    ["EACCES", "cannot be written by this user (permission denied)"],
  ])(
    "%s: /healthz says 503 with the reason, the log names the code, and 200 once it writes again",
    async (code, problem) => {
      expect(await health()).toEqual({ status: 200, body: { ok: true } });
      refusal.under = resolve(dir.path, "state");
      refusal.code = code;
      try {
        expect(await health()).toEqual({
          status: 503,
          body: { ok: false, reason: `DATA_DIR/state ${problem} (${code})` },
        });
        const from = webApi.calls.length;
        const eventId = newEventId();
        await sendEvent(app.url, envelope(directMessage("what is a JBP?"), eventId));
        const apology = await postedIn(webApi, dmChannelId, undefined, from);
        expect(String(apology.params.text)).toMatch(/couldn't answer/);
        await waitForLog(app, "core failed", { event_id: eventId, error_code: code });
      } finally {
        refusal.code = "";
      }
      expect(await health()).toEqual({ status: 200, body: { ok: true } });
      expect(spy.calls.length).toBeGreaterThan(0);
    },
  );
});

describe("stopping on a DATA_DIR that became immutable", () => {
  it("says which step failed and why, not what rm tried next", async () => {
    const immutable = await tempDir("credit-desk-immutable-");
    const release = await lockDataDir(immutable.path, { onLost: () => {} });
    refusal.under = immutable.path;
    refusal.code = "EPERM";
    try {
      const lock = join(immutable.path, "credit-desk.lock");
      await expect(release()).rejects.toThrow(
        `Could not remove the DATA_DIR lock ${lock} (EPERM): the folder no longer takes changes.`,
      );
    } finally {
      refusal.code = "";
      await immutable.remove();
    }
  });
});

describe("starting on a disk that takes no writes", () => {
  it("stops with the app's own line naming DATA_DIR, also when the event log is what fails", async () => {
    const full = await tempDir("credit-desk-full-");
    const standIn = await startWebApi();
    refusal.under = full.path;
    refusal.code = "ENOSPC";
    try {
      await expect(
        startApp({ webApi: standIn, dataDir: full.path, core: spy.core }),
      ).rejects.toThrow(
        `DATA_DIR ${full.path} is on a full disk: free some space on it, or set DATA_DIR to a folder on another disk.`,
      );
    } finally {
      refusal.code = "";
      await standIn.close();
      await full.remove();
    }
  });
});
