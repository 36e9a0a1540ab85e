import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCheckAnswer } from "../../src/slack/check-button.js";
import type { spyCore } from "./support/cores.js";
import { type RunningApp, tearDown } from "./support/harness.js";
import {
  blockAction,
  grid,
  gridCommandFields,
  gridDirectMessage,
  gridEnvelope,
  gridInteraction,
  viewSubmission,
} from "./support/payloads.js";
import { sendCommand, sendEvent, sendInteraction } from "./support/requests.js";
import { startSpiedApp } from "./support/spied-app.js";
import {
  metadataOf,
  postedIn,
  type RecordedCall,
  type WebApiStandIn,
  waitFor,
} from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };
let spy: ReturnType<typeof spyCore>;
let app: RunningApp;

beforeAll(async () => {
  ({ webApi, dir, spy, app } = await startSpiedApp("credit-desk-grid-"));
});

afterAll(() => tearDown({ app, webApi, dir }));

type Button = { action_id: string; value: string; text: { text: string } };
type Block = { block_id?: string; elements?: Button[] };

/** The person's state files, by name. */
async function stateFiles(): Promise<string[]> {
  const names = await readdir(join(dir.path, "state"), { recursive: true });
  return names.filter((name) => name.includes(grid.userId)).map((name) => basename(name));
}

async function dm(text: string): Promise<RecordedCall> {
  const from = webApi.calls.length;
  await sendEvent(app.url, gridEnvelope(gridDirectMessage(text)));
  return postedIn(webApi, grid.dmChannelId, undefined, from);
}

let responses = 0;
async function command(text: string, inDm: boolean): Promise<string> {
  responses += 1;
  const id = `grid-${responses}`;
  await sendCommand(
    app.url,
    gridCommandFields(text, {
      responseUrl: webApi.responseUrl(id),
      ...(inDm ? { channelId: grid.dmChannelId, channelName: "directmessage" } : {}),
    }),
  );
  return id;
}

describe("Enterprise Grid: one person on every surface", () => {
  it("a DM, a click, /credit-check in the DM, the form and /credit-check forget reach the same state", async () => {
    // A guided check started in the DM…
    const prompt = await dm("credit check");
    const agency = (prompt.params.blocks as Block[])
      .find((block) => block.block_id === "check_options")
      ?.elements?.find((button) => decodeCheckAnswer(button.value)?.value === "agency");
    if (!agency) throw new Error("no agency button");
    expect(await stateFiles()).toEqual([`${grid.enterpriseId}~${grid.userId}.json`]);

    // …is answered by a click, whose payload names the person's home workspace as user.team_id.
    let from = webApi.calls.length;
    await sendInteraction(
      app.url,
      gridInteraction(
        blockAction(
          {
            actionId: agency.action_id,
            blockId: "check_options",
            value: agency.value,
            text: agency.text.text,
          },
          {
            ts: String(prompt.result?.ts),
            text: String(prompt.params.text),
            blocks: prompt.params.blocks as unknown[],
            channel: grid.dmChannelId,
          },
        ),
      ),
    );
    const next = await postedIn(webApi, grid.dmChannelId, undefined, from);
    expect(metadataOf(next).event_payload).toEqual({ key: "partner" });

    // A check started with /credit-check in the DM goes on with what is typed there.
    from = webApi.calls.length;
    await command("advertiser=direct", true);
    // Posted to the person's user id, which Slack delivers in the app's DM with them.
    const months = await postedIn(webApi, grid.userId, undefined, from);
    expect(metadataOf(months).event_payload).toEqual({ key: "months" });
    expect(metadataOf(await dm("8")).event_payload).toEqual({ key: "spend" });
    expect(await stateFiles()).toEqual([`${grid.enterpriseId}~${grid.userId}.json`]);

    // The form's submission is that person's too.
    from = webApi.calls.length;
    await command("", false);
    const open = await waitFor("views.open", () =>
      webApi.calls.slice(from).find((call) => call.method === "views.open"),
    );
    const view = open.params.view as {
      callback_id: string;
      private_metadata: string;
      blocks: unknown[];
    };
    await sendInteraction(
      app.url,
      gridInteraction(
        viewSubmission(
          { advertiser: "direct", months: "8", spend: "25k", payments: "good" },
          {
            callbackId: view.callback_id,
            privateMetadata: view.private_metadata,
            blocks: view.blocks,
          },
        ),
      ),
    );
    await waitFor("the form's result", () =>
      spy.calls.find((call) => call.method === "creditCheckFromFields"),
    );
    // Every call that names a person (a check run from the text alone names no one) names this one.
    const speakers = spy.calls.flatMap((call) => (call.speaker ? [call.speaker] : []));
    expect(speakers.length).toBeGreaterThanOrEqual(5);
    expect(new Set(speakers.map((speaker) => JSON.stringify(speaker)))).toEqual(
      new Set([JSON.stringify({ teamId: grid.enterpriseId, userId: grid.userId })]),
    );

    // Forget, from a channel, deletes that state.
    const id = await command("forget", false);
    const confirmation = await waitFor(
      "the forget confirmation",
      () => webApi.responses.find((posted) => posted.id === id)?.body,
    );
    expect(String(confirmation.text)).toMatch(/deleted everything/);
    expect(await stateFiles()).toEqual([]);
  });
});
