import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCheckAnswer } from "../../src/slack/check-button.js";
import { blockKitProblems, blocksText } from "./support/block-kit.js";
import type { spyCore } from "./support/cores.js";
import { botToken, type RunningApp, startApp, tearDown, waitForLog } from "./support/harness.js";
import {
  appHomeOpened,
  appId,
  blockAction,
  botMessage,
  channelId,
  commandFields,
  directMessage,
  dmChannelId,
  envelope,
  ephemeralBlockAction,
  homeBlockAction,
  mention,
  messageChanged,
  messageDeleted,
  newEventId,
  otherUserId,
  ownMessage,
  slackTs,
  urlVerification,
  userId,
  verificationToken,
  viewSubmission,
} from "./support/payloads.js";
import {
  send,
  sendCommand,
  sendEvent,
  sendInteraction,
  sign,
  signingSecret,
} from "./support/requests.js";
import { startSpiedApp } from "./support/spied-app.js";
import {
  metadataOf,
  postedIn,
  type RecordedCall,
  teamId,
  type WebApiStandIn,
  waitFor,
} from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };
let spy: ReturnType<typeof spyCore>;
let app: RunningApp;

beforeAll(async () => {
  ({ webApi, dir, spy, app } = await startSpiedApp("credit-desk-slack-"));
});

afterAll(() => tearDown({ app, webApi, dir }));

type Button = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; block_id?: string; elements?: Button[] };
type ResultBlock = Block & { text?: { text: string }; accessory?: Button };

const mark = () => webApi.calls.length;
const postsSince = (from: number) =>
  webApi.calls.slice(from).filter((call) => call.method === "chat.postMessage");

const replyIn = (channel: string, threadTs: string | undefined, from = 0) =>
  postedIn(webApi, channel, threadTs, from);
const blocksOf = (call: RecordedCall) => call.params.blocks as Block[];
const buttonsIn = (call: RecordedCall, blockId: string) =>
  blocksOf(call).find((block) => block.block_id === blockId)?.elements ?? [];
const postedTs = (call: RecordedCall) => String(call.result?.ts);

function expectWellFormed(call: RecordedCall) {
  expect(call.authorization).toBe(`Bearer ${botToken}`);
  expect(String(call.params.text).length).toBeGreaterThan(0);
  expect(blockKitProblems(blocksOf(call))).toEqual([]);
}

/** A click on a button of another app's message, or of an element this app never rendered. */
const unknownClick = () =>
  blockAction(
    { actionId: "open_report", blockId: "report", value: "q3", text: "Open report" },
    { ts: slackTs(), text: "Q3 report", blocks: [], channel: channelId },
  );

async function ask(text: string): Promise<{ ts: string; reply: RecordedCall }> {
  const ts = slackTs();
  const from = mark();
  const response = await sendEvent(app.url, envelope(mention(text, { ts })));
  expect(response.status).toBe(200);
  return { ts, reply: await replyIn(channelId, ts, from) };
}

describe("requests from Slack", () => {
  it("answers url_verification with the challenge when signed, and 401 when not", async () => {
    const challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
    const signed = await sendEvent(app.url, urlVerification(challenge));
    expect(signed.status).toBe(200);
    expect(JSON.parse(signed.body)).toEqual({ challenge });
    const unsigned = await sendEvent(app.url, urlVerification(challenge), { signature: "v0=00" });
    expect(unsigned.status).toBe(401);
  });

  it("rejects a bad signature or a stale timestamp with 401 and never calls the Web API", async () => {
    const from = mark();
    const body = JSON.stringify(envelope(mention("what is a JBP?")));
    const wrongSecret = await send(app.url, body, "application/json", {
      signature: sign("not-the-signing-secret", Math.floor(Date.now() / 1000), body),
    });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await send(app.url, body, "application/json", { timestamp: sixMinutesAgo });
    const tampered = await send(app.url, body.replace("JBP", "CL"), "application/json", {
      signature: sign(signingSecret, Math.floor(Date.now() / 1000), body),
    });
    expect([wrongSecret.status, stale.status, tampered.status]).toEqual([401, 401, 401]);

    // A valid request after them is answered; by then the rejected ones would have been too.
    const { reply } = await ask("what is a JBP?");
    expect(webApi.calls.slice(from)).toEqual([reply]);
  });

  it("rejects a correctly signed request dated more than 5 minutes ahead with 401, and answers one within", async () => {
    const from = mark();
    const body = JSON.stringify(envelope(mention("what is a JBP?")));
    const now = Math.floor(Date.now() / 1000);
    const ahead = await send(app.url, body, "application/json", { timestamp: now + 6 * 60 });
    expect(ahead.status).toBe(401);
    const { reply } = await ask("what is a JBP?");
    expect(webApi.calls.slice(from)).toEqual([reply]);

    const ts = slackTs();
    const soon = await sendEvent(app.url, envelope(mention("what is a JBP?", { ts })), {
      timestamp: now + 4 * 60,
    });
    expect(soon.status).toBe(200);
    await replyIn(channelId, ts, from);
  });

  it("acks a click on an element nothing handles at once, with no reply and no error", async () => {
    const from = mark();
    const before = app.logs.length;
    const response = await sendInteraction(app.url, unknownClick());
    expect(response).toEqual({ status: 200, body: "" });
    const { reply } = await ask("what is a JBP?");
    expect(webApi.calls.slice(from)).toEqual([reply]);
    expect(app.logs.slice(before).filter((line) => / (ERROR|WARN) /.test(line))).toEqual([]);
  });

  it("acks an Events API body of a type Bolt does not know at once instead of a 404", async () => {
    const before = app.logs.length;
    // What Slack posts to the events URL when the app goes over its event rate limit.
    const body = {
      token: verificationToken,
      type: "app_rate_limited",
      team_id: teamId,
      minute_rate_limited: 1_770_000_000,
      api_app_id: appId,
    };
    const response = await sendEvent(app.url, body);
    expect(response).toEqual({ status: 200, body: "" });
    expect(app.logs.slice(before).filter((line) => / ERROR /.test(line))).toEqual([]);
  });

  it("answers GET /healthz with 200 once ready", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe("conversations", () => {
  it("answers a mention in the mention's thread, with the kb_answer metadata", async () => {
    const from = spy.calls.length;
    const { reply } = await ask("what is a JBP?");
    expectWellFormed(reply);
    expect(metadataOf(reply)).toEqual({
      event_type: "kb_answer",
      event_payload: { entry_id: "joint-business-plan", confidence: expect.any(Number) },
    });
    expect(blocksText(blocksOf(reply))).toMatch(
      /Sources?: <https:\/\/[^|]+\|[^>]+> · (official|third party)/,
    );
    expect(buttonsIn(reply, "feedback").map((button) => button.action_id)).toEqual([
      "feedback:up",
      "feedback:down",
    ]);
    expect(spy.calls.slice(from)).toEqual([
      {
        method: "handle",
        speaker: { teamId, userId },
        args: ["what is a JBP?"],
        surface: "channel",
      },
    ]);
  });

  it("answers a mention inside a thread in that thread", async () => {
    const parent = slackTs();
    const from = mark();
    await sendEvent(app.url, envelope(mention("what is a JBP?", { threadTs: parent })));
    const reply = await replyIn(channelId, parent, from);
    expect(metadataOf(reply).event_type).toBe("kb_answer");
  });

  it("answers a DM in the DM, and a DM in a thread in that thread", async () => {
    let from = mark();
    await sendEvent(
      app.url,
      envelope(directMessage("Who is eligible for the TikTok Credit Line?")),
    );
    const reply = await replyIn(dmChannelId, undefined, from);
    expectWellFormed(reply);
    expect(metadataOf(reply)).toMatchObject({
      event_type: "kb_answer",
      event_payload: { entry_id: "credit-line-eligibility" },
    });

    const parent = slackTs();
    from = mark();
    await sendEvent(app.url, envelope(directMessage("what is a JBP?", { threadTs: parent })));
    expect(metadataOf(await replyIn(dmChannelId, parent, from)).event_type).toBe("kb_answer");
  });

  it("says plainly when it has no answer, with kb_fallback metadata and suggestion buttons", async () => {
    const from = mark();
    await sendEvent(app.url, envelope(directMessage("what's the weather in berlin tomorrow")));
    const reply = await replyIn(dmChannelId, undefined, from);
    expectWellFormed(reply);
    const metadata = metadataOf(reply);
    expect(metadata.event_type).toBe("kb_fallback");
    expect(metadata.event_payload.confidence).toBeLessThan(0.5);
    const suggestions = metadata.event_payload.suggestions as string[];
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(buttonsIn(reply, "suggestions").map((button) => button.value)).toEqual(suggestions);
    expect(String(reply.params.text)).toMatch(/don't have an answer/);
  });

  it("answers a message far over the length a question needs with the core's too_long notice", async () => {
    const from = mark();
    const pasted = `<https://ads.tiktok.com/help|TikTok> ${"credit line terms ".repeat(2200)}`;
    expect(pasted.length).toBeGreaterThan(39_000);
    await sendEvent(app.url, envelope(directMessage(pasted)));
    const reply = await replyIn(dmChannelId, undefined, from);
    expectWellFormed(reply);
    expect(metadataOf(reply).event_type).toBe("too_long");
  });

  it("ignores bot messages (its own included), edits and deletions", async () => {
    const from = mark();
    const ignored = [
      botMessage("hello"),
      ownMessage("an earlier answer"),
      messageChanged("what is a JBP"),
      messageDeleted(),
    ];
    for (const event of ignored) {
      const eventId = newEventId();
      expect((await sendEvent(app.url, envelope(event, eventId))).status).toBe(200);
      await waitForLog(app, "event ignored", { event_id: eventId });
    }
    expect(postsSince(from)).toEqual([]);
  });
});

describe("follow-ups", () => {
  it("reads a follow-up in the context of the person's last answer, and only that person's", async () => {
    let from = mark();
    await sendEvent(
      app.url,
      envelope(directMessage("How does TikTok's new advertiser credit work?")),
    );
    await replyIn(dmChannelId, undefined, from);

    from = mark();
    await sendEvent(app.url, envelope(directMessage("how much is it?")));
    expect(metadataOf(await replyIn(dmChannelId, undefined, from))).toMatchObject({
      event_type: "kb_answer",
      event_payload: { entry_id: "new-advertiser-amounts" },
    });

    const ts = slackTs();
    from = mark();
    await sendEvent(app.url, envelope(mention("how much is it?", { ts, user: otherUserId })));
    const reply = await replyIn(channelId, ts, from);
    expect(metadataOf(reply).event_type).toBe("kb_fallback");
  });
});

describe("Slack's retries", () => {
  it("answers an event once when Slack retries it, also concurrently", async () => {
    const ts = slackTs();
    const eventId = newEventId();
    const from = mark();
    await sendEvent(app.url, envelope(mention("what is a JBP?", { ts }), eventId));
    await replyIn(channelId, ts, from);
    const retry = await sendEvent(app.url, envelope(mention("what is a JBP?", { ts }), eventId), {
      retryNum: 1,
    });
    expect(retry.status).toBe(200);
    await waitForLog(app, "duplicate event ignored", { event_id: eventId, retry_num: 1 });

    const concurrentTs = slackTs();
    const concurrentId = newEventId();
    const event = envelope(mention("what is a JBP?", { ts: concurrentTs }), concurrentId);
    await Promise.all([sendEvent(app.url, event), sendEvent(app.url, event, { retryNum: 1 })]);
    await replyIn(channelId, concurrentTs, from);
    await waitForLog(app, "duplicate event ignored", { event_id: concurrentId });

    const threads = postsSince(from).map((call) => call.params.thread_ts);
    expect(threads.filter((thread) => thread === ts)).toHaveLength(1);
    expect(threads.filter((thread) => thread === concurrentTs)).toHaveLength(1);
  });

  it("still answers it once after a restart on the same DATA_DIR", async () => {
    const ts = slackTs();
    const eventId = newEventId();
    const from = mark();
    await sendEvent(app.url, envelope(mention("what is a JBP?", { ts }), eventId));
    await replyIn(channelId, ts, from);

    await app.stop();
    app = await startApp({ webApi, dataDir: dir.path, core: spy.core });

    await sendEvent(app.url, envelope(mention("what is a JBP?", { ts }), eventId), { retryNum: 2 });
    await waitForLog(app, "duplicate event ignored", { event_id: eventId, retry_num: 2 });
    const { reply } = await ask("what is a JBP?");
    expect(postsSince(from).filter((call) => call.params.thread_ts === ts)).toHaveLength(1);
    expect(metadataOf(reply).event_type).toBe("kb_answer");
  });
});

describe("buttons", () => {
  it("a related-question click answers that entry in the same thread", async () => {
    const { ts, reply } = await ask("what is a JBP?");
    const [related] = buttonsIn(reply, "related");
    if (!related) throw new Error("the answer has no related buttons");
    const from = mark();
    const response = await sendInteraction(
      app.url,
      blockAction(
        {
          actionId: related.action_id,
          blockId: "related",
          value: related.value,
          text: related.text.text,
        },
        {
          ts: postedTs(reply),
          threadTs: ts,
          text: String(reply.params.text),
          blocks: blocksOf(reply),
          channel: channelId,
        },
      ),
    );
    expect(response.status).toBe(200);
    const answer = await replyIn(channelId, ts, from);
    expect(metadataOf(answer)).toMatchObject({
      event_type: "kb_answer",
      event_payload: { entry_id: related.value },
    });
  });

  it("a suggestion click under a top-level DM answer replies in the DM, not in a new thread", async () => {
    let from = mark();
    await sendEvent(app.url, envelope(directMessage("what's the weather in berlin tomorrow")));
    const fallback = await replyIn(dmChannelId, undefined, from);
    const [suggestion] = buttonsIn(fallback, "suggestions");
    if (!suggestion) throw new Error("the fallback has no suggestion buttons");
    from = mark();
    await sendInteraction(
      app.url,
      blockAction(
        {
          actionId: suggestion.action_id,
          blockId: "suggestions",
          value: suggestion.value,
          text: suggestion.text.text,
        },
        {
          ts: postedTs(fallback),
          text: String(fallback.params.text),
          blocks: blocksOf(fallback),
          channel: dmChannelId,
        },
      ),
    );
    const answer = await replyIn(dmChannelId, undefined, from);
    expect(metadataOf(answer).event_payload).toMatchObject({ entry_id: suggestion.value });
  });

  /** Clicks 👍 or 👎 under an answer the app posted. */
  async function vote(answer: RecordedCall, actionId: string, place: { threadTs?: string }) {
    const button = buttonsIn(answer, "feedback").find((element) => element.action_id === actionId);
    if (!button) throw new Error(`the answer has no ${actionId} button`);
    const channel = String(answer.params.channel);
    const response = await sendInteraction(
      app.url,
      blockAction(
        {
          actionId: button.action_id,
          blockId: "feedback",
          value: button.value,
          text: button.text.text,
        },
        {
          ts: postedTs(answer),
          threadTs: place.threadTs,
          text: String(answer.params.text),
          blocks: blocksOf(answer),
          channel,
        },
      ),
    );
    expect(response.status).toBe(200);
  }

  it("a 👍 in a channel is stored and thanked only to the voter, where they voted; the buttons stay", async () => {
    const { ts, reply } = await ask("what is a JBP?");
    const from = mark();
    const calls = spy.calls.length;
    await vote(reply, "feedback:up", { threadTs: ts });
    const thanks = await waitFor("the ephemeral thanks", () =>
      webApi.calls.slice(from).find((call) => call.method === "chat.postEphemeral"),
    );
    expect(thanks.params).toMatchObject({ channel: channelId, user: userId, thread_ts: ts });
    expect(String(thanks.params.text)).toMatch(/^👍 Thanks/);
    expect(spy.calls.slice(calls)).toContainEqual({
      method: "recordFeedback",
      speaker: { teamId, userId },
      args: ["joint-business-plan", "up"],
      surface: "channel",
    });

    // The message was left as it was, so the next vote on it works the same way.
    await vote(reply, "feedback:down", { threadTs: ts });
    await waitFor("the second thanks", () =>
      webApi.calls
        .slice(from)
        .find(
          (call) => call.method === "chat.postEphemeral" && /👎/.test(String(call.params.text)),
        ),
    );
    expect(webApi.calls.slice(from).filter((call) => call.method === "chat.update")).toEqual([]);
  });

  it("a 👍 in a DM is acknowledged by updating the message in place", async () => {
    let from = mark();
    await sendEvent(app.url, envelope(directMessage("what is a JBP?")));
    const reply = await replyIn(dmChannelId, undefined, from);
    from = mark();
    await vote(reply, "feedback:up", {});
    const update = await waitFor("chat.update of the answer", () =>
      webApi.callsTo("chat.update").find((call) => call.params.ts === postedTs(reply)),
    );
    expect(update.params.channel).toBe(dmChannelId);
    const blocks = update.params.blocks as Block[];
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(blocks.find((block) => block.block_id === "feedback")?.type).toBe("context");
    expect(blocksText(blocks)).toMatch(/👍 Thanks/);
    expect(blocksText(blocks)).toContain(blocksText(blocksOf(reply).slice(0, 1)));
    expect(webApi.calls.slice(from).filter((call) => call.method === "chat.postEphemeral")).toEqual(
      [],
    );
  });

  it("an App Home question answers in the person's DM with the app", async () => {
    const from = mark();
    await sendInteraction(
      app.url,
      homeBlockAction({
        actionId: "answer_entry:0",
        blockId: "popular",
        value: "joint-business-plan",
        text: "JBP?",
      }),
    );
    const answer = await replyIn(userId, undefined, from);
    expect(metadataOf(answer).event_payload).toMatchObject({ entry_id: "joint-business-plan" });
  });
});

describe("/credit-check", () => {
  let responses = 0;
  async function run(text: string, options: { channelId?: string; channelName?: string } = {}) {
    responses += 1;
    const id = `check-${responses}`;
    const response = await sendCommand(
      app.url,
      commandFields(text, { responseUrl: webApi.responseUrl(id), ...options }),
    );
    return { id, response };
  }
  const responseTo = (id: string) =>
    waitFor(
      `a post to response_url ${id}`,
      () => webApi.responses.find((posted) => posted.id === id)?.body,
    );
  /** The ephemeral message a command answered in its ack (HTTP 200, JSON body). */
  const ackedWith = (response: { status: number; body: string }) => {
    expect(response.status).toBe(200);
    return JSON.parse(response.body) as { response_type: string; text: string; blocks: Block[] };
  };

  it("answers a check with its details in the ack itself: ephemeral, led by the verdict table", async () => {
    const { id, response } = await run(
      "advertiser=agency months=8 spend=40k payments=good partner=yes",
    );
    const result = ackedWith(response);
    expect(result.response_type).toBe("ephemeral");
    expect(blockKitProblems(result.blocks)).toEqual([]);
    expect(String(result.text)).toMatch(/^Credit check: /);
    const [caption, ...rest] = result.blocks as ResultBlock[];
    expect(caption?.type).toBe("context");
    expect(blocksText([caption])).toContain(
      "advertiser=agency months=8 spend=40000 payments=good partner=yes",
    );
    // One line per program, each with its Why button; the reasons wait behind it.
    const rows = rest.filter((block) => block.accessory?.text.text === "Why?");
    expect(rows.map((row) => row.text?.text)).toEqual([
      "*New advertiser credit*  :no_entry: *Not eligible*",
      "*Credit Line (monthly invoicing)*  :large_green_circle: *Likely*",
      "*Managed account (custom deals)*  :large_green_circle: *Likely*",
      "*Joint Business Plan (JBP)*  :no_entry: *Not eligible*",
      "*Agency credit (partner agreement)*  :large_green_circle: *Likely*",
    ]);
    expect(blocksText(result.blocks)).not.toMatch(/Next step/);
    const share = result.blocks.find((block) => block.block_id === "check_share")?.elements;
    expect(share?.map((button) => button.text.text)).toEqual(["Share in channel"]);
    // Nothing follows through the response_url.
    await waitForLog(app, "command answered", { kind: "credit_check" });
    expect(webApi.responses.filter((posted) => posted.id === id)).toEqual([]);
  });

  it("names the missing keys as key=value to add", async () => {
    const { response } = await run("advertiser=direct");
    const text = blocksText(ackedWith(response).blocks);
    expect(text).toMatch(/To settle the \*Needs info\* verdicts, add: `(months|spend|payments)=/);
  });

  it("alone, opens the form with the command's trigger_id", async () => {
    const triggerId = "4711.98765.abcdef0123456789";
    const from = mark();
    const response = await sendCommand(
      app.url,
      commandFields("", { responseUrl: webApi.responseUrl("form"), triggerId }),
    );
    expect(response.status).toBe(200);
    const open = await waitFor("views.open", () =>
      webApi.calls.slice(from).find((call) => call.method === "views.open"),
    );
    expect(open.params.trigger_id).toBe(triggerId);
    const view = open.params.view as {
      type: string;
      callback_id: string;
      private_metadata: string;
    };
    expect(view).toMatchObject({ type: "modal", callback_id: "credit_check" });
    expect(JSON.parse(view.private_metadata)).toEqual({
      channel: channelId,
      response_url: webApi.responseUrl("form"),
    });
  });

  it.each([
    ["the trigger expired", { error: "expired_trigger_id" }],
    ["Slack rate-limits it", { status: 429, retryAfter: 30 }],
    ["Slack fails", { status: 500 }],
  ] as const)(
    "says so ephemerally when the form cannot open because %s, and tries once",
    async (_why, failure) => {
      webApi.failNext("views.open", failure);
      const from = mark();
      const { id, response } = await run("");
      expect(response.status).toBe(200);
      const told = await responseTo(id);
      expect(told.response_type).toBe("ephemeral");
      expect(String(told.text)).toMatch(/couldn't open the form/);
      expect(String(told.text)).toContain("`/credit-check key=value …`");
      expect(webApi.calls.slice(from).map((call) => call.method)).toEqual(["views.open"]);
    },
  );

  it("from a DM, shows the guided check's first question ephemerally when it cannot be posted in the DM", async () => {
    webApi.failNext("chat.postMessage", { error: "channel_not_found" });
    const { id } = await run("advertiser=direct", {
      channelId: dmChannelId,
      channelName: "directmessage",
    });
    const question = await responseTo(id);
    expect(question.response_type).toBe("ephemeral");
    expect(blockKitProblems(question.blocks as Block[])).toEqual([]);
    const buttons = (question.blocks as Block[]).find(
      (block) => block.block_id === "check_options",
    )?.elements;
    expect(buttons?.map((button) => decodeCheckAnswer(button.value)?.key)).toContain("months");
    const from = mark();
    await sendEvent(app.url, envelope(directMessage("cancel")));
    expect(metadataOf(await replyIn(dmChannelId, undefined, from)).event_type).toBe(
      "check_cancelled",
    );
  });

  it("reads details typed as words, and says how it read them first", async () => {
    const { response } = await run("agency 8 months 40k/mo good payments partner yes");
    const result = ackedWith(response);
    expect(blockKitProblems(result.blocks)).toEqual([]);
    expect(result.blocks[0]).toMatchObject({
      type: "section",
      text: { text: "Read as `advertiser=agency months=8 spend=40000 payments=good partner=yes`." },
    });
    expect(blocksText(result.blocks)).toContain("*Agency credit (partner agreement)*");
  });

  it("lists the problems of bad input with the usage, ephemeral, in the ack", async () => {
    const { response } = await run("months=-3 colour=blue");
    const result = ackedWith(response);
    expect(result.response_type).toBe("ephemeral");
    const text = blocksText(result.blocks);
    expect(text).toMatch(/could not run: the input has 2 problems/);
    expect(text).toContain("/credit-check help");
  });

  it("help explains every key with examples, in the ack", async () => {
    const { response } = await run("help");
    const result = ackedWith(response);
    expect(blocksText(result.blocks)).toContain("How to use /credit-check");
    expect(blocksText(result.blocks)).toContain("`payments`");
  });

  it("forget deletes what is stored about the person and confirms it through the response_url", async () => {
    const from = spy.calls.length;
    const { id, response } = await run("forget");
    expect(response.body).toBe("");
    const result = await responseTo(id);
    expect(result.response_type).toBe("ephemeral");
    expect(String(result.text)).toMatch(/deleted everything/);
    expect(spy.calls.slice(from)).toEqual([
      { method: "creditCheckAtOnce", args: ["forget"], surface: "channel" },
      { method: "creditCheck", speaker: { teamId, userId }, args: ["forget"], surface: "channel" },
    ]);
  });
});

describe("a /credit-check result's buttons", () => {
  type ResultButton = { action_id: string; value: string; text: { text: string } };
  async function check(text: string, channel = channelId): Promise<ResultBlock[]> {
    const response = await sendCommand(
      app.url,
      commandFields(text, {
        responseUrl: webApi.responseUrl(`result-${slackTs()}`),
        channelId: channel,
        channelName: channel.startsWith("D") ? "directmessage" : "media-buying",
      }),
    );
    return (JSON.parse(response.body) as { blocks: ResultBlock[] }).blocks;
  }
  const whyOf = (blocks: ResultBlock[], program: string) =>
    blocks.find((block) => block.text?.text.startsWith(`*${program}`))?.accessory as ResultButton;
  const shareOf = (blocks: ResultBlock[]) =>
    blocks.find((block) => block.block_id === "check_share")?.elements?.[0] as ResultButton;
  async function click(button: ResultButton, blockId: string, id: string, channel = channelId) {
    const response = await sendInteraction(
      app.url,
      ephemeralBlockAction(
        { actionId: button.action_id, blockId, value: button.value, text: button.text.text },
        { channel, responseUrl: webApi.responseUrl(id) },
      ),
    );
    expect(response.status).toBe(200);
  }
  const responseTo = (id: string) =>
    waitFor(
      `a post to response_url ${id}`,
      () => webApi.responses.find((posted) => posted.id === id)?.body,
    );

  it("Why replaces the ephemeral result with that program's reasons open, and Hide closes them", async () => {
    const blocks = await check("advertiser=direct months=0 spend=0");
    await click(whyOf(blocks, "Credit Line"), "credit_line", "why-1");
    const opened = await responseTo("why-1");
    expect(opened).toMatchObject({ replace_original: true });
    const openBlocks = opened.blocks as ResultBlock[];
    expect(blockKitProblems(openBlocks)).toEqual([]);
    const row = openBlocks.find((block) => block.text?.text.startsWith("*Credit Line"));
    expect(row?.text?.text).toMatch(/\n• /);
    expect(row?.accessory?.text.text).toBe("Hide");
    // Only that program is open; the others still show a Why button.
    expect(openBlocks.filter((block) => block.accessory?.text.text === "Why?")).toHaveLength(4);
    expect(
      openBlocks.some(
        (block) => block.type === "context" && /TikTok|third party/i.test(blocksText([block])),
      ),
    ).toBe(true);

    await click(row?.accessory as ResultButton, "credit_line", "why-2");
    const closed = (await responseTo("why-2")).blocks as ResultBlock[];
    expect(closed.filter((block) => block.accessory?.text.text === "Why?")).toHaveLength(5);
    expect(blocksText(closed)).not.toMatch(/\n• /);
  });

  it("Share in channel posts the verdicts, not the details typed, where the check was run", async () => {
    const from = mark();
    const blocks = await check("advertiser=agency months=8 spend=40k payments=good partner=yes");
    await click(shareOf(blocks), "check_share", "share-1");
    const shared = await replyIn(channelId, undefined, from);
    expectWellFormed(shared);
    expect(metadataOf(shared).event_type).toBe("credit_check_shared");
    const text = blocksText(blocksOf(shared));
    expect(text).toContain(`<@${userId}> shared a credit check:`);
    expect(text).toContain("*Agency credit (partner agreement)*  :large_green_circle: *Likely*");
    expect(text).not.toMatch(/40000|40k|months=|advertiser=/);
    expect(webApi.responses.some((posted) => posted.id === "share-1")).toBe(false);
  });

  it.each([["not_in_channel"], ["channel_not_found"]])(
    "Share in channel says how to fix it, ephemerally, when Slack answers %s",
    async (error) => {
      webApi.failNext("chat.postMessage", { error });
      const blocks = await check("advertiser=agency months=8 spend=40k payments=good");
      await click(shareOf(blocks), "check_share", `share-${error}`);
      const note = await responseTo(`share-${error}`);
      expect(note).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(String(note.text)).toContain("/invite @Credit Desk");
      await waitForLog(app, "check not shared", { slack_error: error });
    },
  );

  it("ignores a result button whose value was not written by the app", async () => {
    const from = mark();
    const forged = {
      action_id: "check_share",
      value: '["x", "no_such_program"]',
      text: { text: "Share in channel" },
    };
    await click(forged, "check_share", "forged");
    await waitForLog(app, "click ignored: unexpected result button");
    expect(webApi.calls.slice(from)).toEqual([]);
  });
});

describe("the /credit-check form", () => {
  async function openForm(): Promise<{
    view: { callback_id: string; private_metadata: string; blocks: unknown[] };
  }> {
    const from = mark();
    await sendCommand(
      app.url,
      commandFields("", { responseUrl: webApi.responseUrl("form-result") }),
    );
    const open = await waitFor("views.open", () =>
      webApi.calls.slice(from).find((call) => call.method === "views.open"),
    );
    return {
      view: open.params.view as {
        callback_id: string;
        private_metadata: string;
        blocks: unknown[];
      },
    };
  }

  it("a valid submission closes the form and shows the result where the command was run", async () => {
    const { view } = await openForm();
    const response = await sendInteraction(
      app.url,
      viewSubmission(
        { advertiser: "agency", months: "8", spend: "40k", payments: "good", partner: "yes" },
        {
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          blocks: view.blocks,
        },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    const result = await waitFor(
      "the form's result",
      () => webApi.responses.find((posted) => posted.id === "form-result")?.body,
    );
    expect(result.response_type).toBe("ephemeral");
    expect(blocksText(result.blocks as Block[])).toMatch(/:large_green_circle: \*Likely\*/);
  });

  it("shows the result in the DM when the command's response_url no longer takes it", async () => {
    const { view } = await openForm();
    const origin = JSON.parse(view.private_metadata) as { channel: string };
    const expired = JSON.stringify({
      ...origin,
      response_url: `${webApi.url.replace("/api/", "")}/expired-response-url`,
    });
    const from = mark();
    const response = await sendInteraction(
      app.url,
      viewSubmission(
        { advertiser: "agency", months: "8", spend: "40k", payments: "good", partner: "yes" },
        { callbackId: view.callback_id, privateMetadata: expired, blocks: view.blocks },
      ),
    );
    expect(response.status).toBe(200);
    const result = await replyIn(userId, undefined, from);
    expect(metadataOf(result)).toMatchObject({
      event_type: "credit_check_result",
      event_payload: { status: "ok" },
    });
  });

  it("an invalid number is shown as an error on its field, and the form stays open", async () => {
    const { view } = await openForm();
    const response = await sendInteraction(
      app.url,
      viewSubmission(
        { advertiser: "direct", months: "eight", spend: "-5" },
        {
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          blocks: view.blocks,
        },
      ),
    );
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(body.response_action).toBe("errors");
    expect(Object.keys(body.errors).sort()).toEqual(["months", "spend"]);
    expect(body.errors.months).toMatch(/months/);
  });
});

describe("the guided credit check in a DM", () => {
  const updatesSince = (from: number) =>
    webApi.calls.slice(from).filter((call) => call.method === "chat.update");

  /** Clicks a button of a message the app posted in the DM; resolves with the app's reply. */
  async function click(message: RecordedCall, value: string): Promise<RecordedCall> {
    const button = buttonsIn(message, "check_options").find(
      (element) => decodeCheckAnswer(element.value)?.value === value,
    );
    if (!button) throw new Error(`no ${value} button`);
    const from = mark();
    const response = await sendInteraction(
      app.url,
      blockAction(
        {
          actionId: button.action_id,
          blockId: "check_options",
          value: button.value,
          text: button.text.text,
        },
        {
          ts: postedTs(message),
          text: String(message.params.text),
          blocks: blocksOf(message),
          channel: dmChannelId,
        },
      ),
    );
    expect(response.status).toBe(200);
    return replyIn(dmChannelId, undefined, from);
  }

  /** A new check: one left open by an earlier test is cancelled first. */
  async function startCheck(): Promise<RecordedCall> {
    let from = mark();
    await sendEvent(app.url, envelope(directMessage("cancel")));
    await replyIn(dmChannelId, undefined, from);
    from = mark();
    await sendEvent(app.url, envelope(directMessage("credit check")));
    return replyIn(dmChannelId, undefined, from);
  }

  it("renders the options as buttons naming the check and question; a click answers through answerCheck", async () => {
    const prompt = await startCheck();
    expectWellFormed(prompt);
    expect(metadataOf(prompt)).toEqual({
      event_type: "check_prompt",
      event_payload: { key: "advertiser" },
    });
    const answers = buttonsIn(prompt, "check_options").map((button) =>
      decodeCheckAnswer(button.value),
    );
    expect(answers.map((answer) => answer?.value)).toEqual(["direct", "agency", "skip", "cancel"]);
    const checkId = answers[0]?.checkId;
    expect(checkId).toEqual(expect.any(String));
    for (const answer of answers) expect(answer).toMatchObject({ checkId, key: "advertiser" });

    const from = mark();
    const calls = spy.calls.length;
    const next = await click(prompt, "agency");
    expect(metadataOf(next)).toEqual({
      event_type: "check_prompt",
      event_payload: { key: "partner" },
    });
    expect(spy.calls.slice(calls)).toEqual([
      {
        method: "answerCheck",
        speaker: { teamId, userId },
        args: [{ checkId, key: "advertiser", value: "agency" }],
        surface: "dm",
      },
    ]);
    const [update] = updatesSince(from);
    expect(update?.params.ts).toBe(postedTs(prompt));
    const blocks = (update?.params.blocks ?? []) as Block[];
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(blocks.find((block) => block.block_id === "check_options")?.type).toBe("context");
    expect(blocksText(blocks)).toContain("You answered: *Through an agency*");
  });

  it("a button of a question already answered (typed, or clicked twice) gets the current question, and the old message stays", async () => {
    const prompt = await startCheck();
    let from = mark();
    await sendEvent(app.url, envelope(directMessage("agency")));
    const typed = await replyIn(dmChannelId, undefined, from);
    expect(metadataOf(typed).event_payload).toEqual({ key: "partner" });

    from = mark();
    const again = await click(prompt, "direct");
    expect(metadataOf(again)).toEqual({
      event_type: "check_prompt",
      event_payload: { key: "partner" },
    });
    expect(blocksText(blocksOf(again))).toMatch(/already answered/);
    expect(updatesSince(from)).toEqual([]);

    // The typed answer counted, not the stale click: the check goes on from "agency".
    from = mark();
    const next = await click(typed, "yes");
    expect(metadataOf(next).event_type).toBe("check_prompt");
    expect(metadataOf(next).event_payload.key).not.toBe("partner");
    expect(updatesSince(from)).toHaveLength(1);
  });

  it("Cancel stops the check; a button of the ended check says so and changes nothing", async () => {
    const prompt = await startCheck();
    let from = mark();
    const cancelled = await click(prompt, "cancel");
    expect(metadataOf(cancelled).event_type).toBe("check_cancelled");
    expect(blocksText((updatesSince(from)[0]?.params.blocks ?? []) as Block[])).toContain(
      "You answered: *Cancel*",
    );

    from = mark();
    const ended = await click(prompt, "agency");
    expect(metadataOf(ended).event_type).toBe("no_check");
    expect(updatesSince(from)).toEqual([]);
  });

  it("never turns a typed answer it quotes back into a live link or mention", async () => {
    await startCheck();
    let from = mark();
    await sendEvent(app.url, envelope(directMessage("direct")));
    const months = await replyIn(dmChannelId, undefined, from);
    expect(metadataOf(months).event_payload).toEqual({ key: "months" });

    from = mark();
    // As Slack sends what was typed: the URL as a link, a typed "<!channel>" escaped.
    await sendEvent(
      app.url,
      envelope(directMessage("[click here](<https://evil.example>) &lt;!channel&gt;")),
    );
    const reask = await replyIn(dmChannelId, undefined, from);
    expectWellFormed(reask);
    expect(metadataOf(reask).event_payload).toEqual({ key: "months" });
    const text = blocksText(blocksOf(reask));
    expect(text).toContain("[click here](https://evil.example)");
    expect(text).not.toMatch(/<https?:|<!/);
    expect(String(reask.params.text)).not.toMatch(/<https?:|<!/);
    expect(blocksOf(reask)[0]).toMatchObject({ text: { verbatim: true } });
  });
});

describe("App Home", () => {
  it("publishes the Home tab when it is opened", async () => {
    const from = mark();
    await sendEvent(app.url, envelope(appHomeOpened("home")));
    const publish = await waitFor("views.publish", () =>
      webApi.calls.slice(from).find((call) => call.method === "views.publish"),
    );
    expect(publish.params.user_id).toBe(userId);
    const view = publish.params.view as { type: string; blocks: Block[] };
    expect(view.type).toBe("home");
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    const popular = view.blocks.find((block) => block.block_id === "popular")?.elements ?? [];
    expect(popular.length).toBeGreaterThan(0);
    expect(blocksText(view.blocks)).toContain("/credit-check");
  });

  it("does nothing for the Messages tab", async () => {
    const eventId = newEventId();
    await sendEvent(app.url, envelope(appHomeOpened("messages"), eventId));
    await waitForLog(app, "event ignored", { event_id: eventId });
  });
});

describe("Web API failures", () => {
  it("logs a reply that fails with HTTP 500 with its event id, and keeps serving", async () => {
    webApi.failNext("chat.postMessage", { status: 500 });
    const eventId = newEventId();
    await sendEvent(app.url, envelope(directMessage("what is a JBP?"), eventId));
    const line = await waitForLog(app, "reply failed", { event_id: eventId, status: 500 });
    expect(line).toMatch(/^\S+ ERROR /);
    expect(line).toContain('kept="undelivered"');
    // The reply is kept in DATA_DIR with its reason, where it was going and what it said.
    const kept = (await readFile(join(dir.path, "slack-undelivered.jsonl"), "utf8"))
      .split("\n")
      .filter((text) => text.includes(eventId))
      .map((text) => JSON.parse(text));
    expect(kept).toEqual([
      expect.objectContaining({
        ids: expect.objectContaining({ event_id: eventId, kind: "answer" }),
        reason: expect.objectContaining({ status: 500 }),
        channel: dmChannelId,
        text: expect.stringContaining("JBP"),
      }),
    ]);
    const { reply } = await ask("what is a JBP?");
    expect(metadataOf(reply).event_type).toBe("kb_answer");
  });

  it("logs a reply that stays ratelimited past the retry policy, and keeps serving", async () => {
    webApi.failNext("chat.postMessage", { status: 429, retryAfter: 0 });
    const eventId = newEventId();
    await sendEvent(app.url, envelope(directMessage("what is a JBP?"), eventId));
    await waitForLog(app, "reply failed", { event_id: eventId });
    await ask("what is a JBP?");
  });

  it("logs a Slack error (ok: false) and a failed Home publish", async () => {
    webApi.failNext("chat.postMessage", { error: "channel_not_found" });
    const eventId = newEventId();
    await sendEvent(app.url, envelope(directMessage("what is a JBP?"), eventId));
    await waitForLog(app, "reply failed", { event_id: eventId, slack_error: "channel_not_found" });

    webApi.failNext("views.publish", { error: "ratelimited" });
    const homeId = newEventId();
    await sendEvent(app.url, envelope(appHomeOpened("home"), homeId));
    await waitForLog(app, "home publish failed", { event_id: homeId, slack_error: "ratelimited" });
  });

  it("logs a command whose response_url fails", async () => {
    // forget answers through the response_url (a check or help answers in the ack).
    const response = await sendCommand(
      app.url,
      commandFields("forget", {
        responseUrl: `${webApi.url.replace("/api/", "")}/missing-response-url`,
      }),
    );
    expect(response.status).toBe(200);
    await waitForLog(app, "reply failed", { user: userId, kept: "undelivered" });
  });

  it("never logs message text, tokens or the signing secret", () => {
    const all = app.logs.join("\n");
    expect(all).not.toContain("what is a JBP");
    expect(all).not.toContain(botToken);
    expect(all).not.toContain(signingSecret);
  });
});
