import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, tearDown } from "./support/harness.js";
import { channelId, commandFields, envelope, mention, slackTs } from "./support/payloads.js";
import { sendCommand, sendEvent } from "./support/requests.js";
import { startSpiedApp } from "./support/spied-app.js";
import { type WebApiStandIn, waitFor } from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { remove: () => Promise<void> };
let app: RunningApp;

beforeAll(async () => {
  ({ webApi, dir, app } = await startSpiedApp("credit-desk-lanes-"));
});

afterAll(() => tearDown({ app, webApi, dir }));

describe("a slow Slack method", () => {
  it("holds up only the replies that use it: /credit-check results still arrive", async () => {
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

      const checks = ["check-a", "check-b"];
      for (const id of checks) {
        const fields = commandFields("advertiser=agency months=8 spend=40k payments=good", {
          responseUrl: webApi.responseUrl(id),
        });
        expect((await sendCommand(app.url, fields)).status).toBe(200);
      }
      for (const id of checks) {
        const result = await waitFor(`the result at response_url ${id}`, () =>
          webApi.responses.find((posted) => posted.id === id),
        );
        expect(result.body.response_type).toBe("ephemeral");
      }
      // The results arrived while every mention's reply was still waiting on Slack.
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
