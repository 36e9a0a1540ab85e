import { App, type Receiver, type ReceiverEvent } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { actionIds, callbackIds } from "../../src/slack/ids.js";
import type { ButtonArgs } from "../../src/slack/listeners/actions/interaction.js";
import type { CommandArgs } from "../../src/slack/listeners/commands/command-args.js";
import type { EventArgs } from "../../src/slack/listeners/events/event-args.js";
import { exactly, routeById } from "../../src/slack/listeners/route.js";
import { requestRouter } from "../../src/slack/listeners/router.js";
import type { ShortcutArgs } from "../../src/slack/listeners/shortcuts/shortcut-args.js";
import type { SubmissionArgs } from "../../src/slack/listeners/views/submission-args.js";
import {
  blockAction,
  channelId,
  commandFields,
  envelope,
  mention,
  messageShortcut,
  otherUserId,
  slackTs,
  userId,
  viewSubmission,
} from "./support/payloads.js";

/**
 * The router inside a real Bolt App, fed the payloads Slack sends, so the arguments it reads
 * (`event`, `command`, `action`, `view`, `shortcut`) are the ones Bolt builds. Bolt listeners
 * registered beside it record what the router passes on.
 */
function routedApp() {
  const handled: string[] = [];
  const receiver: Receiver = { init: () => {}, start: async () => {}, stop: async () => {} };
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: "xoxb-1", botId: "B0CREDIT", botUserId: "U0CREDIT" }),
  });
  // A route of one id per kind, recording what reached it and acking as its listener would
  // (Bolt acks an event before routing it).
  const recorded = <Args>(
    kind: string,
    id: string,
    idOf: (args: Args) => string,
    ack?: (args: Args) => Promise<void>,
  ) =>
    routeById<Args>(
      [
        {
          ids: exactly(id),
          listener: async (args) => {
            handled.push(`${kind} ${idOf(args)}`);
            await ack?.(args);
          },
        },
      ],
      idOf,
    );
  app.use(
    requestRouter({
      events: recorded<EventArgs>("event", "app_mention", (args) => args.event.type),
      commands: recorded<CommandArgs>(
        "command",
        "/credit-check",
        (args) => args.command.command,
        (args) => args.ack(),
      ),
      buttons: recorded<ButtonArgs>(
        "button",
        actionIds.checkShare,
        (args) => args.action.action_id,
        (args) => args.ack(),
      ),
      forms: recorded<SubmissionArgs>(
        "form",
        callbackIds.creditCheckModal,
        (args) => args.view.callback_id,
        (args) => args.ack(),
      ),
      shortcuts: recorded<ShortcutArgs>(
        "shortcut",
        callbackIds.saveAnswerDraft,
        (args) => args.shortcut.callback_id,
        (args) => args.ack(),
      ),
    }),
  );
  const passedOn =
    (kind: string) =>
    async ({ ack }: { ack: () => Promise<void> }): Promise<void> => {
      handled.push(`bolt ${kind}`);
      await ack();
    };
  app.event(/.*/, async () => {
    handled.push("bolt event");
  });
  app.command(/.*/, passedOn("command"));
  app.action(/.*/, passedOn("action"));
  app.view(/.*/, passedOn("view"));
  app.view({ type: "view_closed", callback_id: /.*/ }, passedOn("view closed"));
  app.shortcut(/.*/, passedOn("shortcut"));
  const send = async (body: object): Promise<number> => {
    let acks = 0;
    const event: ReceiverEvent = {
      body: body as ReceiverEvent["body"],
      ack: async () => {
        acks += 1;
      },
    };
    await app.processEvent(event);
    return acks;
  };
  return { handled, send };
}

const message = { ts: slackTs(), text: "Likely to qualify", blocks: [], channel: channelId };
const click = (actionId: string) =>
  blockAction({ actionId, blockId: "check_result", value: "{}", text: "Share" }, message);
const submission = (callbackId: string) =>
  viewSubmission({}, { callbackId, privateMetadata: "{}", blocks: [] });
const shortcut = (callbackId: string) =>
  messageShortcut({
    callbackId,
    user: userId,
    responseUrl: "https://hooks.slack.com/app/T0AGENCY/1234/abcd",
    message: { type: "message", user: "U0COLLEAGUE", ts: slackTs(), text: "Rebates?" },
  });
const command = (name: string, text: string) => ({
  ...commandFields(text, { responseUrl: "https://hooks.slack.com/commands/T0AGENCY/1/2" }),
  command: name,
});
const reaction = () =>
  envelope({
    type: "reaction_added",
    user: userId,
    reaction: "thumbsup",
    item_user: otherUserId,
    item: { type: "message", channel: channelId, ts: slackTs() },
    event_ts: slackTs(),
  });

describe("the request router", () => {
  it("hands each kind of request to its route alone, which acks it with the request's ack", async () => {
    const { handled, send } = routedApp();
    const acks = [
      await send(envelope(mention("what is the credit line?"))),
      await send(command("/credit-check", "months=8 spend=40k")),
      await send(click(actionIds.checkShare)),
      await send(submission(callbackIds.creditCheckModal)),
      await send(shortcut(callbackIds.saveAnswerDraft)),
    ];
    expect(handled).toEqual([
      "event app_mention",
      "command /credit-check",
      `button ${actionIds.checkShare}`,
      `form ${callbackIds.creditCheckModal}`,
      `shortcut ${callbackIds.saveAnswerDraft}`,
    ]);
    expect(acks).toEqual([1, 1, 1, 1, 1]);
  });

  it("passes on to Bolt a request of another type that carries a routed id", async () => {
    const { handled, send } = routedApp();
    // The form closed instead of submitted (Slack sends no trigger or response URLs then), and a
    // global shortcut with the message shortcut's id (no message, channel or response URL).
    const {
      trigger_id: _trigger,
      response_urls: _urls,
      ...form
    } = submission(callbackIds.creditCheckModal);
    await send({ ...form, type: "view_closed", is_cleared: false });
    const {
      message: _message,
      message_ts: _ts,
      response_url: _url,
      channel: _channel,
      ...global
    } = shortcut(callbackIds.saveAnswerDraft);
    await send({ ...global, type: "shortcut" });
    expect(handled).toEqual(["bolt view closed", "bolt shortcut"]);
  });

  it("passes on to Bolt what no route takes", async () => {
    const { handled, send } = routedApp();
    await send(reaction());
    await send(command("/other-command", "help"));
    await send(click("someone_elses_button"));
    await send(submission("someone_elses_form"));
    await send(shortcut("someone_elses_shortcut"));
    expect(handled).toEqual([
      "bolt event",
      "bolt command",
      "bolt action",
      "bolt view",
      "bolt shortcut",
    ]);
  });
});
