import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ConversationCore } from "../../src/core/types.js";
import { closeCores, makeCore } from "./support/core.js";
import { failingCore } from "./support/cores.js";
import { startApp, tempDir, waitForLog } from "./support/harness.js";
import {
  channelId,
  commandFields,
  directMessage,
  dmChannelId,
  envelope,
  mention,
  newEventId,
  slackTs,
} from "./support/payloads.js";
import { sendCommand, sendEvent } from "./support/requests.js";
import { startWebApi, type WebApiStandIn, waitFor } from "./support/web-api.js";

let base: ConversationCore;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  base = await makeCore((await tempDir("credit-desk-core-")).path);
});

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

afterAll(closeCores);

async function setUp(
  options: { core?: ConversationCore; retries?: number; drainTimeoutMs?: number } = {},
) {
  const webApi = await startWebApi();
  const dir = await tempDir("credit-desk-lifecycle-");
  const app = await startApp({
    webApi,
    dataDir: dir.path,
    core: options.core ?? base,
    retryConfig: { retries: options.retries ?? 0, minTimeout: 0, maxTimeout: 10 },
    drainTimeoutMs: options.drainTimeoutMs,
  });
  let stopped = false;
  cleanup.push(async () => {
    if (!stopped) await app.stop();
    await webApi.close();
    await dir.remove();
  });
  return {
    webApi,
    app,
    stop: async () => {
      stopped = true;
      await app.stop();
    },
  };
}

const posted = (webApi: WebApiStandIn, channel: string) =>
  webApi.callsTo("chat.postMessage").filter((call) => call.params.channel === channel);

describe("the Web API client's retry policy", () => {
  it("retries a ratelimited reply after Retry-After and delivers it", async () => {
    const { webApi, app } = await setUp({ retries: 2 });
    webApi.failNext("chat.postMessage", { status: 429, retryAfter: 0 });
    const ts = slackTs();
    await sendEvent(app.url, envelope(mention("what is a JBP?", { ts })));
    await waitFor("the retried reply", () =>
      webApi
        .callsTo("chat.postMessage")
        .find((call) => call.status === 200 && call.params.thread_ts === ts),
    );
    expect(posted(webApi, channelId).map((call) => call.status)).toEqual([429, 200]);
  });
});

describe("opening the form while replies are rate-limited", () => {
  it("views.open goes out at once although a 429 has paused the replies' client", async () => {
    // The reply's 429 holds the listeners' client for Retry-After; stopping gives up on it.
    const { webApi, app } = await setUp({ drainTimeoutMs: 0 });
    webApi.failNext("chat.postMessage", { status: 429, retryAfter: 600 });
    await sendEvent(app.url, envelope(directMessage("what is a JBP?")));
    await waitFor("the rate-limited reply", () =>
      webApi.callsTo("chat.postMessage").find((call) => call.status === 429),
    );
    await sendCommand(app.url, commandFields("", { responseUrl: webApi.responseUrl("form") }));
    const open = await waitFor("views.open", () => webApi.callsTo("views.open")[0]);
    expect(open.status).toBe(200);
    expect(webApi.responses).toEqual([]);
  });
});

describe("a failing core", () => {
  it("answers with an apology and logs the failure with the event id, without the error's text", async () => {
    const { webApi, app } = await setUp({ core: failingCore(base) });
    const eventId = newEventId();
    await sendEvent(app.url, envelope(directMessage("what is a JBP?"), eventId));
    const reply = await waitFor("the apology", () => posted(webApi, dmChannelId)[0]);
    expect(reply.params.metadata).toMatchObject({ event_type: "error" });
    expect(String(reply.params.text)).toMatch(/Sorry/);
    const line = await waitForLog(app, "core failed", { event_id: eventId });
    expect(line).not.toContain("state store unavailable");
  });
});

describe("stopping", () => {
  it("stops taking requests but finishes the replies under way", async () => {
    const { webApi, app, stop } = await setUp();
    const release = webApi.holdNext("chat.postMessage");
    await sendEvent(app.url, envelope(directMessage("what is a JBP?")));
    await waitFor("the reply to reach the Web API", () => webApi.held.includes("chat.postMessage"));

    let done = false;
    const stopping = stop().then(() => {
      done = true;
    });
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    expect(done).toBe(false);

    release();
    await stopping;
    expect(posted(webApi, dmChannelId).map((call) => call.status)).toEqual([200]);
  });

  it("waits at most the drain timeout when a reply hangs, and says so", async () => {
    const { webApi, app, stop } = await setUp({ drainTimeoutMs: 200 });
    const release = webApi.holdNext("chat.postMessage");
    cleanup.push(async () => release());
    await sendEvent(app.url, envelope(directMessage("what is a JBP?"), newEventId()));
    await waitFor("the reply to reach the Web API", () => webApi.held.includes("chat.postMessage"));
    await stop();
    await waitForLog(app, "stopped with replies still in flight", { count: 1 });
  });
});
