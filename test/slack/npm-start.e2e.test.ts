import { type ChildProcess, spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript } from "../support/run.js";
import { botToken, tempDir } from "./support/harness.js";
import { channelId, envelope, mention, newEventId, slackTs } from "./support/payloads.js";
import { sendEvent, signingSecret } from "./support/requests.js";
import { startWebApi, type WebApiStandIn, waitFor } from "./support/web-api.js";

/** `npm start`'s entry point as a real process in HTTP mode, against the Web API stand-in. */
interface Started {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };
const running: ChildProcess[] = [];

beforeAll(async () => {
  webApi = await startWebApi();
  dir = await tempDir("credit-desk-npm-start-");
});

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  await webApi.close();
  await dir.remove();
});

/** `npm start`'s entry point in HTTP mode against the stand-in, its log collected as it comes. */
function spawnApp(dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: webApi.url,
      PORT: "0",
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

async function start(): Promise<Started> {
  const spawned = spawnApp(dir.path);
  const port = await waitFor(
    "the app to say it is running",
    () => /credit desk is running .*port=(\d+)/.exec(spawned.stderr())?.[1],
    20_000,
  );
  return { ...spawned, url: `http://127.0.0.1:${port}` };
}

describe("npm start with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET", () => {
  it("serves HTTP, answers a mention, and survives a restart without answering a retry twice", async () => {
    const first = await start();
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    const ts = slackTs();
    const eventId = newEventId();
    await sendEvent(first.url, envelope(mention("what is a JBP?", { ts }), eventId));
    const reply = await waitFor("the reply", () =>
      webApi.callsTo("chat.postMessage").find((call) => call.params.thread_ts === ts),
    );
    expect(reply.params).toMatchObject({
      channel: channelId,
      metadata: { event_type: "kb_answer" },
    });

    // An impatient second signal waits for the same clean stop.
    first.child.kill("SIGTERM");
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toMatch(/stopped cleanly/);
    expect(await readdir(dir.path)).not.toContain("credit-desk.lock");

    const second = await start();
    await sendEvent(second.url, envelope(mention("what is a JBP?", { ts }), eventId), {
      retryNum: 1,
    });
    await waitFor("the duplicate to be logged", () =>
      second.stderr().includes(`duplicate event ignored event_id="${eventId}"`),
    );
    expect(
      webApi.callsTo("chat.postMessage").filter((call) => call.params.thread_ts === ts),
    ).toHaveLength(1);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(first.stderr() + second.stderr()).not.toContain("what is a JBP");
  }, 60_000);

  it("stops cleanly on SIGTERM while the start still waits on Slack", async () => {
    const release = webApi.holdNext("auth.test");
    const waiting = await tempDir("credit-desk-npm-start-waiting-");
    try {
      const { child, stderr, exited } = spawnApp(waiting.path);
      await waitFor("the start's auth.test", () => webApi.held.includes("auth.test"), 20_000);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(stderr()).toMatch(/shutting down signal="SIGTERM"/);
      expect(stderr()).toMatch(/stopped cleanly/);
      expect(stderr()).not.toMatch(/credit desk is running/);
      expect(await readdir(waiting.path)).not.toContain("credit-desk.lock");
    } finally {
      release();
      await waiting.remove();
    }
  }, 30_000);

  it("releases DATA_DIR when it cannot start, so the next start is not refused", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "0.0.0.0", resolve));
    const address = blocker.address();
    if (typeof address !== "object" || address === null) throw new Error("no port");
    const failed = await tempDir("credit-desk-npm-start-failed-");
    try {
      const { code, stderr } = await runScript("src/main.ts", [], {
        env: {
          SLACK_BOT_TOKEN: botToken,
          SLACK_SIGNING_SECRET: signingSecret,
          SLACK_API_URL: webApi.url,
          PORT: String(address.port),
          DATA_DIR: failed.path,
        },
      });
      expect(code).toBe(1);
      expect(stderr).toContain(
        `Credit Desk cannot start. PORT ${address.port} is already in use. Set PORT to a free port.`,
      );
      expect(await readdir(failed.path)).not.toContain("credit-desk.lock");
    } finally {
      blocker.close();
      await failed.remove();
    }
  }, 30_000);
});
