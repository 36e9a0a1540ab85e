import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockKitProblems, blocksText } from "./support/block-kit.js";
import { makeCore } from "./support/core.js";
import { spyCore } from "./support/cores.js";
import {
  botToken,
  type RunningApp,
  startApp,
  tearDown,
  tempDir,
  waitForLog,
} from "./support/harness.js";
import {
  appHomeOpened,
  blockAction,
  botMessage,
  channelId,
  commandFields,
  directMessage,
  dmChannelId,
  envelope,
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
import {
  metadataOf,
  postedIn,
  type RecordedCall,
  startWebApi,
  teamId,
  type WebApiStandIn,
  waitFor,
} from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };
let spy: ReturnType<typeof spyCore>;
let app: RunningApp;

beforeAll(async () => {
  webApi = await startWebApi();
  dir = await tempDir("credit-desk-slack-");
  spy = spyCore(await makeCore(dir.path));
  app = await startApp({ webApi, dataDir: dir.path, core: spy.core });
});

afterAll(() => tearDown({ app, webApi, dir }));

type Button = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; block_id?: string; elements?: Button[] };

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
      envelope(directMessage("Who is eligible for the TikTok Credit Line?")),
    );
    await replyIn(dmChannelId, undefined, from);

    from = mark();
    await sendEvent(app.url, envelope(directMessage("is there a minimum spend?")));
    expect(metadataOf(await replyIn(dmChannelId, undefined, from))).toMatchObject({
      event_type: "kb_answer",
      event_payload: { entry_id: "credit-line-minimum-spend" },
    });

    const ts = slackTs();
    from = mark();
    await sendEvent(
      app.url,
      envelope(mention("is there a minimum spend?", { ts, user: otherUserId })),
    );
    const reply = await replyIn(channelId, ts, from);
    expect(metadataOf(reply).event_payload.entry_id).not.toBe("credit-line-minimum-spend");
    expect(metadataOf(reply).event_type).toBe("kb_clarify");
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

  it("a 👍 is stored through the core and acknowledged by updating the message", async () => {
    const { ts, reply } = await ask("what is a JBP?");
    const up = buttonsIn(reply, "feedback").find((button) => button.action_id === "feedback:up");
    if (!up) throw new Error("the answer has no 👍 button");
    const from = spy.calls.length;
    await sendInteraction(
      app.url,
      blockAction(
        { actionId: up.action_id, blockId: "feedback", value: up.value, text: up.text.text },
        {
          ts: postedTs(reply),
          threadTs: ts,
          text: String(reply.params.text),
          blocks: blocksOf(reply),
          channel: channelId,
        },
      ),
    );
    const update = await waitFor("chat.update of the answer", () =>
      webApi.callsTo("chat.update").find((call) => call.params.ts === postedTs(reply)),
    );
    expect(update.params.channel).toBe(channelId);
    const blocks = update.params.blocks as Block[];
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(blocks.find((block) => block.block_id === "feedback")?.type).toBe("context");
    expect(blocksText(blocks)).toMatch(/👍 Thanks/);
    expect(blocksText(blocks)).toContain(blocksText(blocksOf(reply).slice(0, 1)));
    expect(spy.calls.slice(from)).toContainEqual({
      method: "recordFeedback",
      speaker: { teamId, userId },
      args: ["joint-business-plan", "up"],
      surface: "channel",
    });
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

  it("acks at once and answers with an ephemeral result per program through the response_url", async () => {
    const { id, response } = await run(
      "advertiser=agency months=8 spend=40k payments=good partner=yes",
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    const result = await responseTo(id);
    expect(result.response_type).toBe("ephemeral");
    const blocks = result.blocks as Block[];
    expect(blockKitProblems(blocks)).toEqual([]);
    const text = blocksText(blocks);
    for (const name of ["New advertiser credit", "Credit Line", "Agency credit"]) {
      expect(text.toLowerCase()).toContain(name.toLowerCase());
    }
    expect(text).toMatch(/:large_green_circle: \*Likely\*/);
    expect(String(result.text)).toMatch(/^Credit check: /);
  });

  it("names the missing keys as key=value to add", async () => {
    const { id } = await run("advertiser=direct");
    const text = blocksText((await responseTo(id)).blocks as Block[]);
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

  it("lists the problems of bad input with the usage, ephemeral, HTTP 200", async () => {
    const { id, response } = await run("months=-3 colour=blue");
    expect(response.status).toBe(200);
    const result = await responseTo(id);
    expect(result.response_type).toBe("ephemeral");
    const text = blocksText(result.blocks as Block[]);
    expect(text).toMatch(/could not run: the input has 2 problems/);
    expect(text).toContain("/credit-check help");
  });

  it("help explains every key with examples", async () => {
    const { id } = await run("help");
    const result = await responseTo(id);
    expect(blocksText(result.blocks as Block[])).toContain("How to use /credit-check");
    expect(blocksText(result.blocks as Block[])).toContain("`payments`");
  });

  it("forget deletes what is stored about the person and confirms it", async () => {
    const from = spy.calls.length;
    const { id } = await run("forget");
    const result = await responseTo(id);
    expect(result.response_type).toBe("ephemeral");
    expect(String(result.text)).toMatch(/deleted everything/);
    expect(spy.calls.slice(from)).toEqual([
      { method: "creditCheck", speaker: { teamId, userId }, args: ["forget"], surface: "channel" },
    ]);
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
  it("renders the question's options as buttons; a click answers through the core", async () => {
    let from = mark();
    await sendEvent(app.url, envelope(directMessage("credit check")));
    const prompt = await replyIn(dmChannelId, undefined, from);
    expectWellFormed(prompt);
    expect(metadataOf(prompt)).toEqual({
      event_type: "check_prompt",
      event_payload: { key: "advertiser" },
    });
    const options = buttonsIn(prompt, "check_options");
    expect(options.map((button) => button.value)).toEqual(["direct", "agency", "skip", "cancel"]);
    const agency = options[1];
    if (!agency) throw new Error("no agency option");

    from = mark();
    const calls = spy.calls.length;
    await sendInteraction(
      app.url,
      blockAction(
        {
          actionId: agency.action_id,
          blockId: "check_options",
          value: agency.value,
          text: agency.text.text,
        },
        {
          ts: postedTs(prompt),
          text: String(prompt.params.text),
          blocks: blocksOf(prompt),
          channel: dmChannelId,
        },
      ),
    );
    const next = await replyIn(dmChannelId, undefined, from);
    expect(metadataOf(next).event_type).toBe("check_prompt");
    expect(spy.calls.slice(calls)).toContainEqual({
      method: "handle",
      speaker: { teamId, userId },
      args: ["agency"],
      surface: "dm",
    });
    const update = webApi.calls.slice(from).find((call) => call.method === "chat.update");
    const blocks = (update?.params.blocks ?? []) as Block[];
    expect(blocks.find((block) => block.block_id === "check_options")?.type).toBe("context");
    expect(blocksText(blocks)).toContain("You answered: *Through an agency*");
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
    const response = await sendCommand(
      app.url,
      commandFields("help", {
        responseUrl: `${webApi.url.replace("/api/", "")}/missing-response-url`,
      }),
    );
    expect(response.status).toBe(200);
    await waitForLog(app, "command reply failed", { user: userId });
  });

  it("never logs message text, tokens or the signing secret", () => {
    const all = app.logs.join("\n");
    expect(all).not.toContain("what is a JBP");
    expect(all).not.toContain(botToken);
    expect(all).not.toContain(signingSecret);
  });
});
