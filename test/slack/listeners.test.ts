import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConversationCore } from "../../src/core/types.js";
import type { LogFields, Logger } from "../../src/logger.js";
import type { SlackDeps, WebClient } from "../../src/slack/deliver.js";
import { blockIds } from "../../src/slack/ids.js";
import { answerEntryButton } from "../../src/slack/listeners/actions/answer-entry.js";
import { checkOptionButton } from "../../src/slack/listeners/actions/check-option.js";
import {
  checkShareButton,
  checkWhyButton,
} from "../../src/slack/listeners/actions/check-result.js";
import { feedbackButton } from "../../src/slack/listeners/actions/feedback.js";
import { creditCheckCommand } from "../../src/slack/listeners/commands/credit-check.js";
import { appHomeOpened } from "../../src/slack/listeners/events/app-home-opened.js";
import { appMention } from "../../src/slack/listeners/events/app-mention.js";
import { directMessage } from "../../src/slack/listeners/events/direct-message.js";
import { creditCheckSubmission } from "../../src/slack/listeners/views/credit-check-submission.js";
import { creditCheckModal } from "../../src/slack/render/modal.js";
import { renderReply } from "../../src/slack/render/reply.js";
import type { Undelivered } from "../../src/slack/work.js";
import { closeCores, makeCore } from "./support/core.js";
import * as payloads from "./support/payloads.js";
import { teamId } from "./support/web-api.js";

// Each listener called on its own, as Slack's bolt-ts-starter-template tests theirs: Slack's
// payload shapes from support/payloads.ts, a fake ack, respond and Web API client that record
// what the listener did, and the real conversation core.

interface Step {
  call: string;
  params?: Record<string, unknown>;
}

/** A Web API error as @slack/web-api throws it for a refused call. */
function platformError(error: string): Error {
  return Object.assign(new Error(`An API error occurred: ${error}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error },
  });
}

/** ack, respond and the Web API methods the listeners use, recording each call in order. */
function fakeSlack(options: { refuse?: string; error?: string } = {}) {
  const steps: Step[] = [];
  const record = (call: string) => async (params: Record<string, unknown>) => {
    steps.push({ call, params });
    if (call === options.refuse) throw platformError(options.error ?? "not_authed");
    return { ok: true, channel: params.channel, ts: payloads.slackTs() };
  };
  const fakeClient = {
    apiCall: (method: string, params: Record<string, unknown>) => record(method)(params),
    chat: { update: record("chat.update"), postEphemeral: record("chat.postEphemeral") },
    views: { publish: record("views.publish") },
  };
  return {
    steps,
    // The listeners only call the methods above; a whole WebClient would need a token and network.
    client: fakeClient as unknown as WebClient,
    ack: vi.fn(async (response?: Record<string, unknown>) => {
      steps.push(response ? { call: "ack", params: response } : { call: "ack" });
    }),
    respond: vi.fn(async (message: Record<string, unknown>) => {
      steps.push({ call: "respond", params: message });
    }),
  };
}

/**
 * Calls a listener with the arguments it reads. Bolt's own argument type also carries
 * middleware helpers (say, next, logger, …) that none of these listeners use.
 */
function call<Args>(listener: (args: Args) => Promise<void>, args: object): Promise<void> {
  return listener(args as Args);
}

interface Logged {
  level: keyof Logger;
  message: string;
  fields: LogFields;
}

function recordingLogger(): { logger: Logger; lines: Logged[] } {
  const lines: Logged[] = [];
  const at =
    (level: keyof Logger) =>
    (message: string, fields: LogFields = {}) =>
      lines.push({ level, message, fields });
  return {
    lines,
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
  };
}

let dataDir: string;
let core: ConversationCore;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "credit-desk-listeners-"));
  core = await makeCore(dataDir);
});
afterAll(async () => {
  await closeCores();
  await rm(dataDir, { recursive: true, force: true });
});

/** Replies the listeners kept as undelivered. */
const undelivered: Undelivered[] = [];

function depsWith(logger: Logger): SlackDeps {
  return {
    core,
    logger,
    now: () => new Date(),
    // Queueing is reply-queue.test.ts's subject; here each reply runs at once.
    replies: { run: (_lane, job) => job() },
    keepUndelivered: async (letter) => {
      undelivered.push(letter);
    },
    modals: fakeSlack().client,
  };
}

const context = { teamId };

/** The answer to `question` as the app posted it earlier, for a button to be clicked on. */
async function postedAnswer(question: string, channel: string): Promise<payloads.ClickedMessage> {
  const reply = await core.handle({ teamId, userId: "U0SOMEONE" }, question, {
    surface: "dm",
    now: new Date(),
  });
  const { text, blocks } = renderReply(reply);
  return { ts: payloads.slackTs(), text, blocks, channel };
}

function click(actionId: string, value: string, message: payloads.ClickedMessage) {
  const body = payloads.blockAction(
    { actionId, blockId: blockIds.feedback, value, text: "👍" },
    message,
  );
  return { body, action: body.actions[0], payload: body.actions[0], context };
}

describe("app_home_opened listener", () => {
  it("publishes the Home tab to the person who opened it, with popular questions as buttons", async () => {
    const slack = fakeSlack();
    const { logger } = recordingLogger();
    const event = payloads.appHomeOpened("home");
    await call(appHomeOpened(depsWith(logger)), {
      event,
      body: payloads.envelope(event),
      client: slack.client,
      context,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["views.publish"]);
    const params = slack.steps[0]?.params;
    expect(params?.user_id).toBe(payloads.userId);
    expect(JSON.stringify(params?.view)).toContain('"type":"home"');
    expect(JSON.stringify(params?.view)).toContain("answer_entry:");
  });

  it("publishes nothing when the Messages tab is opened", async () => {
    const slack = fakeSlack();
    const event = payloads.appHomeOpened("messages");
    await call(appHomeOpened(depsWith(recordingLogger().logger)), {
      event,
      body: payloads.envelope(event),
      client: slack.client,
      context,
    });
    expect(slack.steps).toEqual([]);
  });

  it("logs a publish Slack refuses, with the event id and Slack's error, and does not throw", async () => {
    const slack = fakeSlack({ refuse: "views.publish" });
    const { logger, lines } = recordingLogger();
    const event = payloads.appHomeOpened("home");
    const body = payloads.envelope(event);
    await call(appHomeOpened(depsWith(logger)), { event, body, client: slack.client, context });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: "home publish failed",
        fields: expect.objectContaining({ event_id: body.event_id, slack_error: "not_authed" }),
      }),
    );
  });
});

describe("app_mention listener", () => {
  it("keeps a reply Slack refuses with its reason and place, and logs it without its text", async () => {
    const slack = fakeSlack({ refuse: "chat.postMessage", error: "channel_not_found" });
    const { logger, lines } = recordingLogger();
    const event = payloads.mention("what is a JBP?");
    const body = payloads.envelope(event);
    const before = undelivered.length;
    await call(appMention(depsWith(logger)), { event, body, client: slack.client, context });
    const kept = undelivered.slice(before);
    expect(kept).toEqual([
      expect.objectContaining({
        ids: expect.objectContaining({ event_id: body.event_id, kind: "answer" }),
        reason: expect.objectContaining({ slack_error: "channel_not_found" }),
        channel: payloads.channelId,
        threadTs: event.ts,
        text: expect.stringContaining("incentive agreement for direct advertisers"),
      }),
    ]);
    const failed = lines.find((line) => line.message === "reply failed");
    expect(failed?.fields).toMatchObject({ event_id: body.event_id, kept: "undelivered" });
    expect(JSON.stringify(lines)).not.toContain("incentive agreement");
  });

  it("answers a top-level mention in a new thread under it, with the answer's metadata", async () => {
    const slack = fakeSlack();
    const event = payloads.mention("what is a JBP?");
    await call(appMention(depsWith(recordingLogger().logger)), {
      event,
      body: payloads.envelope(event),
      client: slack.client,
      context,
    });
    expect(slack.steps).toHaveLength(1);
    const post = slack.steps[0];
    expect(post?.call).toBe("chat.postMessage");
    expect(post?.params).toMatchObject({
      channel: payloads.channelId,
      thread_ts: event.ts,
      metadata: { event_type: "kb_answer", event_payload: { entry_id: "joint-business-plan" } },
    });
    expect(post?.params?.text).toMatch(/JBP/);
  });

  it("answers a mention inside a thread in that thread", async () => {
    const slack = fakeSlack();
    const threadTs = payloads.slackTs();
    const event = payloads.mention("who gets monthly invoicing?", { threadTs });
    await call(appMention(depsWith(recordingLogger().logger)), {
      event,
      body: payloads.envelope(event),
      client: slack.client,
      context,
    });
    expect(slack.steps[0]?.params?.thread_ts).toBe(threadTs);
  });

  it("leaves a mention in a direct message to the message listener, so it is answered once", async () => {
    const slack = fakeSlack();
    const event = { ...payloads.mention("what is a JBP?"), channel: payloads.dmChannelId };
    await call(appMention(depsWith(recordingLogger().logger)), {
      event,
      body: payloads.envelope(event),
      client: slack.client,
      context,
    });
    expect(slack.steps).toEqual([]);
  });
});

describe("direct message listener", () => {
  it("answers in the DM, not in a thread", async () => {
    const slack = fakeSlack();
    const event = payloads.directMessage("what is a JBP?");
    await call(directMessage(depsWith(recordingLogger().logger)), {
      event,
      body: payloads.envelope(event),
      client: slack.client,
      context,
    });
    expect(slack.steps).toHaveLength(1);
    expect(slack.steps[0]?.params).toMatchObject({ channel: payloads.dmChannelId });
    expect(slack.steps[0]?.params).not.toHaveProperty("thread_ts");
  });

  it("ignores edits, deletions, other bots and its own echoed replies", async () => {
    const slack = fakeSlack();
    const listener = directMessage(depsWith(recordingLogger().logger));
    for (const event of [
      payloads.messageChanged("what is a JBP?"),
      payloads.messageDeleted(),
      payloads.botMessage("what is a JBP?"),
      payloads.ownMessage("A JBP is…"),
    ]) {
      await call(listener, {
        event,
        body: payloads.envelope(event),
        client: slack.client,
        context,
      });
    }
    expect(slack.steps).toEqual([]);
  });
});

describe("feedback buttons", () => {
  it("acks first, then in a DM replaces the buttons with the thanks", async () => {
    const slack = fakeSlack();
    const message = await postedAnswer("what is a JBP?", payloads.dmChannelId);
    await call(feedbackButton(depsWith(recordingLogger().logger)), {
      ...click("feedback:up", "joint-business-plan", message),
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack", "chat.update"]);
    const update = slack.steps[1]?.params;
    expect(update).toMatchObject({ channel: payloads.dmChannelId, ts: message.ts });
    const blocks = JSON.stringify(update?.blocks);
    expect(blocks).toContain("👍");
    expect(blocks).not.toContain("feedback:up");
  });

  it("in a channel thanks only the voter, privately in the thread, and leaves the buttons", async () => {
    const slack = fakeSlack();
    const message = await postedAnswer("what is a JBP?", payloads.channelId);
    await call(feedbackButton(depsWith(recordingLogger().logger)), {
      ...click("feedback:down", "joint-business-plan", message),
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack", "chat.postEphemeral"]);
    expect(slack.steps[1]?.params).toMatchObject({
      channel: payloads.channelId,
      user: payloads.userId,
      thread_ts: message.ts,
    });
    expect(slack.steps[1]?.params?.text).toMatch(/^👎 /);
  });

  it("acks a click it cannot read and logs it without storing or posting anything", async () => {
    const slack = fakeSlack();
    const { logger, lines } = recordingLogger();
    const message = await postedAnswer("what is a JBP?", payloads.dmChannelId);
    await call(feedbackButton(depsWith(logger)), {
      ...click("feedback:up", "Not An Entry Id", message),
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack"]);
    expect(lines.map((line) => `${line.level} ${line.message}`)).toContain(
      "warn click ignored: unexpected feedback",
    );
  });
});

describe("question buttons", () => {
  it("acks a click on the App Home and answers that entry in the person's DM", async () => {
    const slack = fakeSlack();
    const body = payloads.homeBlockAction({
      actionId: "answer_entry:0",
      blockId: "popular",
      value: "joint-business-plan",
      text: "What is a Joint Business Plan (JBP) on TikTok?",
    });
    await call(answerEntryButton(depsWith(recordingLogger().logger)), {
      body,
      action: body.actions[0],
      payload: body.actions[0],
      context,
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack", "chat.postMessage"]);
    expect(slack.steps[1]?.params).toMatchObject({
      channel: payloads.userId,
      metadata: { event_type: "kb_answer", event_payload: { entry_id: "joint-business-plan" } },
    });
  });
});

describe("guided check buttons", () => {
  it("acks, marks the question answered with the choice, and asks the next one; a second click only repeats the open question", async () => {
    const who = { teamId, userId: payloads.userId };
    const prompt = await core.handle(who, "credit check", { surface: "dm", now: new Date() });
    expect(prompt.kind).toBe("check_prompt");
    const { text, blocks } = renderReply(prompt);
    const message = { ts: payloads.slackTs(), text, blocks, channel: payloads.dmChannelId };
    const options = blocks.find((block) => block.block_id === blockIds.checkOptions);
    const agency =
      options?.type === "actions"
        ? options.elements.find(
            (element) => element.type === "button" && element.value?.includes('"agency"'),
          )
        : undefined;
    if (agency?.type !== "button" || !agency.action_id || !agency.value) {
      throw new Error(`no "agency" button in ${JSON.stringify(blocks)}`);
    }
    const body = payloads.blockAction(
      {
        actionId: agency.action_id,
        blockId: blockIds.checkOptions,
        value: agency.value,
        text: agency.text.text,
      },
      message,
    );
    const clickArgs = { body, action: body.actions[0], payload: body.actions[0], context };
    try {
      const first = fakeSlack();
      const listener = checkOptionButton(depsWith(recordingLogger().logger));
      await call(listener, {
        ...clickArgs,
        ack: first.ack,
        respond: first.respond,
        client: first.client,
      });
      expect(first.steps.map((step) => step.call)).toEqual([
        "ack",
        "chat.update",
        "chat.postMessage",
      ]);
      expect(JSON.stringify(first.steps[1]?.params?.blocks)).toContain(
        `You answered: *${agency.text.text}*`,
      );
      expect(first.steps[2]?.params).toMatchObject({
        channel: payloads.dmChannelId,
        metadata: { event_type: "check_prompt", event_payload: { key: "partner" } },
      });

      const again = fakeSlack();
      await call(listener, {
        ...clickArgs,
        ack: again.ack,
        respond: again.respond,
        client: again.client,
      });
      expect(again.steps.map((step) => step.call)).toEqual(["ack", "chat.postMessage"]);
      expect(again.steps[1]?.params).toMatchObject({
        metadata: { event_type: "check_prompt", event_payload: { key: "partner" } },
      });
    } finally {
      await core.forget(who);
    }
  });
});

describe("/credit-check listener", () => {
  const command = (text: string) =>
    payloads.commandFields(text, { responseUrl: "https://hooks.slack.com/commands/T0/1/x" });

  it("answers a check with its details in the ack itself, ephemeral, and nothing after", async () => {
    const slack = fakeSlack();
    await call(creditCheckCommand(depsWith(recordingLogger().logger)), {
      command: command("advertiser=agency months=8 spend=40k payments=good partner=yes"),
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
      context,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack"]);
    expect(slack.steps[0]?.params).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/^Credit check: /),
    });
  });

  it("acks forget with an empty body and confirms it through respond", async () => {
    const slack = fakeSlack();
    await call(creditCheckCommand(depsWith(recordingLogger().logger)), {
      command: command("forget"),
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
      context,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack", "respond"]);
    expect(slack.steps[1]?.params).toMatchObject({ response_type: "ephemeral" });
  });
});

describe("/credit-check result buttons", () => {
  /** A click on a result's button, as Slack sends it from the ephemeral result. */
  function resultClick(actionId: string, input: string, program?: string) {
    const value = JSON.stringify(program ? [input, program] : [input]);
    const body = payloads.ephemeralBlockAction(
      { actionId, blockId: "row", value, text: program ? "Why?" : "Share in channel" },
      { channel: payloads.channelId, responseUrl: "https://hooks.slack.com/actions/T0/1/x" },
    );
    return { body, action: body.actions[0], payload: body.actions[0], context };
  }
  const input = "advertiser=direct months=0 spend=0";

  it("Why replaces the result with that program's reasons open", async () => {
    const slack = fakeSlack();
    await call(checkWhyButton(depsWith(recordingLogger().logger)), {
      ...resultClick("check_why:1", input, "credit_line"),
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack", "respond"]);
    expect(slack.steps[1]?.params).toMatchObject({ replace_original: true });
    expect(JSON.stringify(slack.steps[1]?.params?.blocks)).toContain('"text":"Hide"');
  });

  it("Share in channel tells the person privately when the app is not in the channel", async () => {
    const slack = fakeSlack({ refuse: "chat.postMessage", error: "not_in_channel" });
    const { logger, lines } = recordingLogger();
    await call(checkShareButton(depsWith(logger)), {
      ...resultClick("check_share", input),
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack", "chat.postMessage", "respond"]);
    expect(slack.steps[2]?.params).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
      text: expect.stringContaining("/invite @Credit Desk"),
    });
    expect(lines.map((line) => line.message)).toContain("check not shared");
  });
});

describe("/credit-check form submission", () => {
  const filled = {
    advertiser: "agency",
    months: "8",
    spend: "40k",
    payments: "good",
    partner: "yes",
  };

  /** The form as the command opened it, submitted with `values`. */
  function submit(values: Record<string, string>, origin: Record<string, string>) {
    const modal = creditCheckModal(JSON.stringify(origin));
    const body = payloads.viewSubmission(values, {
      callbackId: modal.callback_id ?? "",
      privateMetadata: modal.private_metadata ?? "",
      blocks: modal.blocks,
    });
    return { body, view: body.view, payload: body.view, context };
  }

  /** A response_url on loopback that answers `status` and keeps what was posted to it. */
  async function responseUrl(status: number) {
    const posted: Record<string, unknown>[] = [];
    const server = createServer((request, response) => {
      let text = "";
      request.on("data", (chunk) => {
        text += chunk;
      });
      request.on("end", () => {
        posted.push(JSON.parse(text) as Record<string, unknown>);
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/commands/T0/1/x`,
      posted,
      close: () => new Promise((resolve) => server.close(resolve)),
    };
  }

  it("keeps the form open with the error under the field that is wrong, and posts nothing", async () => {
    const slack = fakeSlack();
    await call(creditCheckSubmission(depsWith(recordingLogger().logger)), {
      ...submit({ ...filled, months: "eight-ish" }, { channel: payloads.channelId }),
      ack: slack.ack,
      client: slack.client,
    });
    expect(slack.steps.map((step) => step.call)).toEqual(["ack"]);
    expect(slack.steps[0]?.params).toMatchObject({
      response_action: "errors",
      errors: { months: expect.any(String) },
    });
  });

  it("closes the form and shows the result, ephemeral, where the command was run", async () => {
    const slack = fakeSlack();
    const where = await responseUrl(200);
    try {
      await call(creditCheckSubmission(depsWith(recordingLogger().logger)), {
        ...submit(filled, { channel: payloads.channelId, response_url: where.url }),
        ack: slack.ack,
        client: slack.client,
      });
    } finally {
      await where.close();
    }
    expect(slack.steps).toEqual([{ call: "ack" }]);
    expect(where.posted).toHaveLength(1);
    expect(where.posted[0]).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
      text: expect.stringMatching(/^Credit check: /),
    });
  });

  it("sends the result to the person's DM when the response_url refuses it, and says so in the log", async () => {
    const slack = fakeSlack();
    const { logger, lines } = recordingLogger();
    const where = await responseUrl(404);
    try {
      await call(creditCheckSubmission(depsWith(logger)), {
        ...submit(filled, { channel: payloads.channelId, response_url: where.url }),
        ack: slack.ack,
        client: slack.client,
      });
    } finally {
      await where.close();
    }
    expect(slack.steps.map((step) => step.call)).toEqual(["ack", "chat.postMessage"]);
    expect(slack.steps[1]?.params).toMatchObject({
      channel: payloads.userId,
      text: expect.stringMatching(/^Credit check: /),
    });
    expect(lines.map((line) => line.message)).toContain("form reply via response_url failed");
  });

  it("acks a submission it cannot read and logs it, without answering anything", async () => {
    const slack = fakeSlack();
    const { logger, lines } = recordingLogger();
    const { body, context: ctx } = submit(filled, { channel: payloads.channelId });
    const view = { ...body.view, state: { values: "not the form's" } };
    await call(creditCheckSubmission(depsWith(logger)), {
      body: { ...body, view },
      view,
      context: ctx,
      ack: slack.ack,
      client: slack.client,
    });
    expect(slack.steps).toEqual([{ call: "ack" }]);
    expect(lines.map((line) => line.message)).toContain("form ignored: unexpected payload");
  });
});
