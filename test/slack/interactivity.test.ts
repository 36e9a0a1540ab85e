import { App, type Receiver, type ReceiverEvent } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { actionIds, callbackIds } from "../../src/slack/ids.js";
import { interactivityRouter } from "../../src/slack/listeners/interactivity.js";
import { exactly, type Route, routeById } from "../../src/slack/listeners/route.js";
import {
  blockAction,
  channelId,
  commandFields,
  envelope,
  mention,
  messageShortcut,
  slackTs,
  userId,
  viewSubmission,
} from "./support/payloads.js";

/**
 * The router inside a real Bolt App, fed the payloads Slack sends, so the arguments it reads
 * (`action`, `view`, `shortcut`) are the ones Bolt builds. Bolt listeners registered beside it
 * record what the router passes on.
 */
function routedApp() {
  const handled: string[] = [];
  const record =
    (name: string) =>
    async (args: { ack: () => Promise<void> }): Promise<void> => {
      handled.push(name);
      await args.ack();
    };
  const route = <Args extends { ack: () => Promise<void> }>(
    name: string,
    ids: RegExp,
    idOf: (args: Args) => string,
  ): Route<Args> =>
    routeById(
      [{ ids, listener: async (args: Args) => record(`${name} ${idOf(args)}`)(args) }],
      idOf,
    );
  const receiver: Receiver = { init: () => {}, start: async () => {}, stop: async () => {} };
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: "xoxb-1", botId: "B0CREDIT", botUserId: "U0CREDIT" }),
  });
  app.use(
    interactivityRouter({
      buttons: route("button", exactly(actionIds.checkShare), (args) => args.action.action_id),
      forms: route("form", exactly(callbackIds.creditCheckModal), (args) => args.view.callback_id),
      shortcuts: route(
        "shortcut",
        exactly(callbackIds.saveAnswerDraft),
        (args) => args.shortcut.callback_id,
      ),
    }),
  );
  app.action(/.*/, record("bolt action"));
  app.view(/.*/, record("bolt view"));
  app.shortcut(/.*/, record("bolt shortcut"));
  app.command("/credit-check", record("bolt command"));
  app.event("app_mention", async () => {
    handled.push("bolt event");
  });
  const send = async (body: object): Promise<unknown[]> => {
    const acks: unknown[] = [];
    const event: ReceiverEvent = {
      body: body as ReceiverEvent["body"],
      ack: async (response?: unknown) => {
        acks.push(response);
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

describe("the interactivity router", () => {
  it("hands a click, a form and a shortcut to their routes, which ack them", async () => {
    const { handled, send } = routedApp();
    expect(await send(click(actionIds.checkShare))).toHaveLength(1);
    expect(await send(submission(callbackIds.creditCheckModal))).toHaveLength(1);
    expect(await send(shortcut(callbackIds.saveAnswerDraft))).toHaveLength(1);
    expect(handled).toEqual([
      `button ${actionIds.checkShare}`,
      `form ${callbackIds.creditCheckModal}`,
      `shortcut ${callbackIds.saveAnswerDraft}`,
    ]);
  });

  it("passes on to Bolt's listeners what no route takes", async () => {
    const { handled, send } = routedApp();
    await send(click("someone_elses_button"));
    await send(submission("someone_elses_form"));
    await send(shortcut("someone_elses_shortcut"));
    await send(commandFields("help", { responseUrl: "https://hooks.slack.com/commands/1/2/3" }));
    await send(envelope(mention("what is the credit line?")));
    expect(handled).toEqual([
      "bolt action",
      "bolt view",
      "bolt shortcut",
      "bolt command",
      "bolt event",
    ]);
  });
});
