import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { connectRedis, type RedisConnection } from "../../src/redis/index.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import {
  expectKilledMidWork,
  killMidBurst,
  resendAndExpectEachAnsweredOnce,
} from "./support/burst.js";
import { appToken, tempDir } from "./support/harness.js";
import { type Instance, killInstances, startInstance } from "./support/instances.js";
import {
  channelId,
  commandFields,
  directMessage,
  dmChannelId,
  envelope,
  mention,
  newEventId,
  slackTs,
  userId,
} from "./support/payloads.js";
import { sendCommand, sendEvent } from "./support/requests.js";
import { type SocketModeStandIn, startSocketMode } from "./support/socket-mode.js";
import {
  metadataOf,
  postedIn,
  startWebApi,
  type WebApiStandIn,
  waitFor,
} from "./support/web-api.js";

let webApi: WebApiStandIn;
let redis: TestRedis;
/** The test's own connection to the instances' Redis, to see what they keep there. */
let shared: RedisConnection;
const dirs: { path: string; remove: () => Promise<void> }[] = [];

beforeAll(async () => {
  [webApi, redis] = await Promise.all([startWebApi(), startRedis()]);
  shared = await connectRedis({
    url: redis.url,
    keyPrefix: "credit-desk:",
    logger: createLogger({ level: "error", write: () => {} }),
  });
});

afterAll(async () => {
  killInstances();
  await shared?.close();
  await webApi?.close();
  await redis?.stop();
  await Promise.all(dirs.map((dir) => dir.remove()));
});

/** One more instance on the shared Redis, with a DATA_DIR of its own. */
async function instance(env: Record<string, string> = {}): Promise<Instance> {
  const dir = await tempDir("credit-desk-instance-");
  dirs.push(dir);
  return startInstance({
    webApiUrl: webApi.url,
    dataDir: dir.path,
    // A killed instance's work is taken over after 3 seconds, not the default 30; shorter, a
    // live instance held up on a busy machine could have its work taken too.
    env: { REDIS_URL: redis.url, WORK_RECLAIM_SECONDS: "3", ...env },
  });
}

describe("several instances on one Redis", () => {
  it("answers requests alternating between two instances once each, with follow-ups, guided checks and forget understood across them", async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const dmEvents: string[] = [];
    /** A DM from Anna to one instance; resolves with the reply's metadata. */
    const dm = async (to: Instance, text: string) => {
      const from = webApi.calls.length;
      const eventId = newEventId();
      dmEvents.push(eventId);
      expect((await sendEvent(to.url, envelope(directMessage(text), eventId))).status).toBe(200);
      return metadataOf(await postedIn(webApi, dmChannelId, undefined, from));
    };
    const dmRepliesBefore = webApi.callsTo("chat.postMessage").length;

    // A follow-up sent to B reads the answer A gave.
    expect((await dm(a, "How does TikTok's new advertiser credit work?")).event_type).toBe(
      "kb_answer",
    );
    expect(await dm(b, "how much is it?")).toMatchObject({
      event_type: "kb_answer",
      event_payload: { entry_id: "new-advertiser-amounts" },
    });

    // The guided check goes on wherever its next answer lands.
    expect(await dm(b, "credit check")).toMatchObject({ event_payload: { key: "advertiser" } });
    expect(await dm(a, "agency")).toMatchObject({ event_payload: { key: "partner" } });
    const third = await dm(b, "yes");
    expect(third.event_type).toBe("check_prompt");
    expect(["advertiser", "partner"]).not.toContain(third.event_payload.key);

    // /credit-check with its details is answered in the ack, by either instance.
    for (const to of [a, b]) {
      const response = await sendCommand(
        to.url,
        commandFields("advertiser=agency months=8 spend=40k payments=good partner=yes", {
          responseUrl: webApi.responseUrl("unused"),
        }),
      );
      expect(response.body).toContain("Credit check: ");
    }

    // A mention to A and Slack's retry of it to B: one reply.
    const ts = slackTs();
    const mentionId = newEventId();
    const from = webApi.calls.length;
    await sendEvent(a.url, envelope(mention("what is a JBP?", { ts }), mentionId));
    await postedIn(webApi, channelId, ts, from);
    await sendEvent(b.url, envelope(mention("what is a JBP?", { ts }), mentionId), {
      retryNum: 1,
    });
    await waitFor("B to drop the retry", () => b.stderr().includes("duplicate event ignored"));

    // forget me, sent to A, removes the person from Redis for every instance.
    const keysOf = () => shared.client.keys(`*${userId}*`);
    expect((await keysOf()).length).toBeGreaterThan(0);
    expect((await dm(a, "forget me")).event_type).toBe("forgotten");
    expect(await keysOf()).toEqual([]);
    expect((await dm(b, "yes")).event_type).not.toBe("check_prompt");

    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    const posted = webApi.callsTo("chat.postMessage").slice(dmRepliesBefore);
    expect(posted.filter((call) => call.params.channel === dmChannelId)).toHaveLength(
      dmEvents.length,
    );
    expect(posted.filter((call) => call.params.thread_ts === ts)).toHaveLength(1);
  }, 60_000);

  it("in Socket Mode, each instance on its own connection: a retry on the other is not answered again, a follow-up is understood", async () => {
    const sockets = await Promise.all([startSocketMode(), startSocketMode()]);
    let opened = 0;
    webApi.answerWith("apps.connections.open", () => ({
      ok: true,
      url: sockets[opened++ % sockets.length]?.url,
    }));
    const a = await instance({ SLACK_APP_TOKEN: appToken });
    const b = await instance({ SLACK_APP_TOKEN: appToken });
    const [one, two] = sockets;
    if (!one || !two) throw new Error("no sockets");
    const dm = async (socket: SocketModeStandIn, text: string) => {
      const from = webApi.calls.length;
      const eventId = newEventId();
      const event = envelope(directMessage(text), eventId);
      expect(await socket.send("events_api", event)).toEqual({});
      return { event, reply: metadataOf(await postedIn(webApi, dmChannelId, undefined, from)) };
    };

    const question = await dm(one, "How does TikTok's new advertiser credit work?");
    expect(question.reply.event_type).toBe("kb_answer");
    // Slack resends the event on the other connection: acked, not answered again.
    const before = webApi.callsTo("chat.postMessage").length;
    expect(await two.send("events_api", question.event, { retryAttempt: 1 })).toEqual({});
    await waitFor("the other instance to drop the retry", () =>
      b.stderr().includes("duplicate event ignored"),
    );
    expect((await dm(two, "how much is it?")).reply).toMatchObject({
      event_type: "kb_answer",
      event_payload: { entry_id: "new-advertiser-amounts" },
    });
    expect(webApi.callsTo("chat.postMessage").length).toBe(before + 1);
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    await Promise.all(sockets.map((socket) => socket.close()));
  }, 60_000);

  it("answers every acked event once when one of two is killed mid-burst at 200 events/s", async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const burst = await killMidBurst({
      webApi,
      target: (index) => (index % 2 === 0 ? a.url : b.url),
      ackedFirst: 150,
      held: 4,
      unfinished: async () => {
        const entries = await shared.client.xRange(shared.key("work"), "-", "+");
        return new Set((entries ?? []).map((entry) => entry.message.id));
      },
      kill: () => a.kill(),
    });
    expectKilledMidWork(burst);

    // Slack resends what got no ack to the instance left; a few acked events are resent too.
    await resendAndExpectEachAnsweredOnce(webApi, b, burst, 6);
    expect(b.stderr()).toContain("work claimed from a stopped instance");
    expect(b.stderr()).toContain("duplicate event ignored");
  }, 120_000);
});
