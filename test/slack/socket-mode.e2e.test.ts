import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blocksText } from "./support/block-kit.js";
import { closeCores, makeCore } from "./support/core.js";
import {
  appToken,
  botToken,
  type RunningApp,
  startApp,
  tempDir,
  waitForLog,
} from "./support/harness.js";
import {
  channelId,
  commandFields,
  envelope,
  mention,
  newEventId,
  slackTs,
} from "./support/payloads.js";
import { type SocketModeStandIn, startSocketMode } from "./support/socket-mode.js";
import { startWebApi, type WebApiStandIn, waitFor } from "./support/web-api.js";

let webApi: WebApiStandIn;
let socket: SocketModeStandIn;
let dir: { path: string; remove: () => Promise<void> };
let app: RunningApp;

beforeAll(async () => {
  webApi = await startWebApi();
  socket = await startSocketMode();
  dir = await tempDir("credit-desk-socket-");
  app = await startApp({
    webApi,
    dataDir: dir.path,
    core: await makeCore(dir.path),
    socketUrl: socket.url,
  });
});

afterAll(async () => {
  await app?.stop();
  await closeCores();
  await socket?.close();
  await webApi?.close();
  await dir?.remove();
});

describe("Socket Mode (SLACK_APP_TOKEN set)", () => {
  it("opens the connection with the app-level token and listens on no port", () => {
    expect(app.url).toBe("");
    const open = webApi.callsTo("apps.connections.open");
    expect(open.map((call) => call.authorization)).toEqual([`Bearer ${appToken}`]);
    expect(webApi.callsTo("auth.test").map((call) => call.authorization)).toEqual([
      `Bearer ${botToken}`,
    ]);
  });

  it("acks an event envelope and answers the mention in its thread, once despite a retry", async () => {
    const ts = slackTs();
    const eventId = newEventId();
    const event = envelope(mention("what is a JBP?", { ts }), eventId);
    expect(await socket.send("events_api", event)).toEqual({});
    const reply = await waitFor("the reply", () =>
      webApi.callsTo("chat.postMessage").find((call) => call.params.thread_ts === ts),
    );
    expect(reply.params).toMatchObject({
      channel: channelId,
      metadata: { event_type: "kb_answer" },
    });

    await socket.send("events_api", event, { retryAttempt: 1 });
    await waitForLog(app, "duplicate event ignored", { event_id: eventId, retry_num: 1 });
    expect(
      webApi.callsTo("chat.postMessage").filter((call) => call.params.thread_ts === ts),
    ).toHaveLength(1);
  });

  it("answers a slash command in its ack", async () => {
    const acked = await socket.send(
      "slash_commands",
      commandFields("help", { responseUrl: webApi.responseUrl("socket-help") }),
    );
    expect(acked).toMatchObject({ response_type: "ephemeral" });
    expect(blocksText(acked.blocks as unknown[])).toContain("How to use /credit-check");
  });

  it("closes the connection on stop", async () => {
    await app.stop();
    await socket.closed();
  });
});
