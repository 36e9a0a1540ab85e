import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { spyCore } from "./support/cores.js";
import { type RunningApp, tearDown, waitForLog } from "./support/harness.js";
import {
  channelId,
  directMessage,
  dmChannelId,
  envelope,
  mention,
  newEventId,
  slackTs,
} from "./support/payloads.js";
import { send, sendEvent } from "./support/requests.js";
import { startSpiedApp } from "./support/spied-app.js";
import { postedIn, type WebApiStandIn, waitFor } from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };
let spy: ReturnType<typeof spyCore>;
let app: RunningApp;

beforeAll(async () => {
  ({ webApi, dir, spy, app } = await startSpiedApp("credit-desk-odd-"));
});

afterAll(() => tearDown({ app, webApi, dir }));

const form = "application/x-www-form-urlencoded";
const json = "application/json";

/** A question asked after the odd requests is still answered: the process is alive and serving. */
async function stillAnswers(): Promise<void> {
  const ts = slackTs();
  const from = webApi.calls.length;
  expect((await sendEvent(app.url, envelope(mention("what is a JBP?", { ts })))).status).toBe(200);
  await postedIn(webApi, channelId, ts, from);
}

describe("correctly signed bodies Slack never sends", () => {
  it.each([
    ["JSON null", "null", json],
    ["JSON null with spaces", " null ", json],
    ["a form payload of null", "payload=null", form],
    ["a JSON number", "42", json],
    ["a JSON array", "[]", json],
    ["a form payload of a string", "payload=%22hi%22", form],
    // Read without parsing when no form key can be `payload`: these have one, later or encoded.
    ["a form payload of null after other fields", "command=%2Fcredit-check&payload=null", form],
    ["a form payload of null under an encoded key", "p%61yload=null", form],
  ] as const)("%s gets 400 and the app keeps serving", async (_name, body, contentType) => {
    const response = await send(app.url, body, contentType);
    expect(response.status).toBe(400);
    await waitForLog(app, "request refused: the body is not a JSON object");
    await stillAnswers();
  });

  it("a malformed body gets 400, and no log line quotes any of it", async () => {
    // JSON.parse's own message quotes the start of the text it could not read.
    const pasted = "budget for Acme is 40k, ask Dana";
    expect((await send(app.url, pasted, json)).status).toBe(400);
    const formBody = new URLSearchParams({ payload: pasted }).toString();
    expect((await send(app.url, formBody, form)).status).toBe(400);
    await stillAnswers();
    expect(app.logs.join("\n")).not.toMatch(/budget|Acme|Dana/);
  });

  it("a body that is not signed still gets 401", async () => {
    const response = await send(app.url, "null", json, { signature: "v0=00" });
    expect(response.status).toBe(401);
  });

  it("an event whose body Bolt cannot route (event: null) is acked and logged, not a 500 or a 404 later", async () => {
    const eventId = newEventId();
    const body = { ...envelope(directMessage("what is a JBP?"), eventId), event: null };
    expect((await sendEvent(app.url, body)).status).toBe(200);
    await waitForLog(app, "event ignored: not an event Slack sends", { event_id: eventId });
    await stillAnswers();
    expect(app.logs.join("\n")).not.toMatch(/not acknowledged|unhandled error/);
  });
});

const ignoredLines = () =>
  app.logs.filter((line) => line.includes(" event ignored: not an event Slack sends")).length;

describe("a request Bolt fails on", () => {
  it.each([
    ["block_actions", { type: "block_actions", actions: null }],
    ["view_submission", { type: "view_submission" }],
    ["shortcut", { type: "shortcut" }],
  ])("%s with its parts missing is a logged 500 for that request alone", async (type, body) => {
    expect((await sendEvent(app.url, body)).status).toBe(500);
    await waitForLog(app, "request failed", { type, error_code: "TypeError" });
    await stillAnswers();
  });
});

describe("Events API envelopes with bad ids", () => {
  it.each([
    ["an empty event_id", ""],
    ["a numeric event_id", 12345],
    ["an object event_id", { a: 1 }],
  ])("%s: acked and ignored with a log line, every time it is sent", async (_name, eventId) => {
    const from = webApi.calls.length;
    const calls = spy.calls.length;
    const ignored = ignoredLines();
    const event = { ...envelope(directMessage("what is a JBP?")), event_id: eventId };
    for (let sent = 0; sent < 3; sent += 1) {
      expect((await sendEvent(app.url, event)).status).toBe(200);
    }
    await waitFor("three log lines", () => ignoredLines() >= ignored + 3);
    await stillAnswers();
    expect(spy.calls.slice(calls).map((call) => call.args[0])).toEqual(["what is a JBP?"]);
    expect(webApi.calls.slice(from).filter((call) => call.params.channel === dmChannelId)).toEqual(
      [],
    );
  });

  it("a user id that is not a string is ignored with a log line: no reply, nothing stored", async () => {
    const eventId = newEventId();
    const event = envelope({ ...directMessage("what is a JBP?"), user: { a: 1 } }, eventId);
    const calls = spy.calls.length;
    expect((await sendEvent(app.url, event)).status).toBe(200);
    await waitForLog(app, "event ignored: not an event Slack sends", {
      event_id: eventId,
      field: "event.user",
    });
    await stillAnswers();
    expect(spy.calls.slice(calls).map((call) => call.speaker?.userId)).toEqual(["U0ANNA"]);
  });
});
