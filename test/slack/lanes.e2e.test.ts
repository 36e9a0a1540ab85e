import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, tearDown } from "./support/harness.js";
import {
  channelId,
  commandFields,
  envelope,
  ephemeralBlockAction,
  mention,
  slackTs,
} from "./support/payloads.js";
import { sendCommand, sendEvent, sendInteraction } from "./support/requests.js";
import { startSpiedApp } from "./support/spied-app.js";
import { type WebApiStandIn, waitFor } from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { remove: () => Promise<void> };
let app: RunningApp;

beforeAll(async () => {
  ({ webApi, dir, app } = await startSpiedApp("credit-desk-lanes-"));
});

afterAll(() => tearDown({ app, webApi, dir }));

type Button = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; text?: { text: string }; accessory?: Button };

describe("a slow Slack method", () => {
  it("holds up only the replies that use it: /credit-check results and their Why still arrive", async () => {
    const release = webApi.holdEvery("chat.postMessage");
    try {
      // More mentions than replies may be under way at once, all stuck on chat.postMessage.
      for (let n = 0; n < 10; n++) {
        const event = mention(`what is a JBP? (${n})`, { ts: slackTs() });
        expect((await sendEvent(app.url, envelope(event))).status).toBe(200);
      }
      await waitFor("a reply to reach chat.postMessage", () =>
        webApi.held.includes("chat.postMessage"),
      );

      const fields = commandFields("advertiser=agency months=8 spend=40k payments=good", {
        responseUrl: webApi.responseUrl("check"),
      });
      const acked = await sendCommand(app.url, fields);
      const result = JSON.parse(acked.body) as { response_type: string; blocks: Block[] };
      expect(result.response_type).toBe("ephemeral");
      const why = result.blocks.find((block) => block.accessory?.text.text === "Why?")?.accessory;
      if (!why) throw new Error("no Why button");

      for (const id of ["why-1", "why-2"]) {
        const click = ephemeralBlockAction(
          { actionId: why.action_id, blockId: "row", value: why.value, text: why.text.text },
          { channel: channelId, responseUrl: webApi.responseUrl(id) },
        );
        expect((await sendInteraction(app.url, click)).status).toBe(200);
      }
      for (const id of ["why-1", "why-2"]) {
        const reasons = await waitFor(`the reasons at response_url ${id}`, () =>
          webApi.responses.find((posted) => posted.id === id),
        );
        expect(reasons.body).toMatchObject({ replace_original: true });
      }
      // The reasons arrived while every mention's reply was still waiting on Slack.
      expect(webApi.callsTo("chat.postMessage")).toEqual([]);
      expect(webApi.held.length).toBeGreaterThan(0);
    } finally {
      release();
    }
    await waitFor("every mention answered once Slack answers again", () =>
      webApi.callsTo("chat.postMessage").length === 10
        ? webApi.callsTo("chat.postMessage").every((call) => call.params.channel === channelId)
        : undefined,
    );
  });
});
