import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCores, makeCore } from "./support/core.js";
import { type RunningApp, startApp, tearDown, tempDir } from "./support/harness.js";
import { commandFields, directMessage, dmChannelId, envelope, userId } from "./support/payloads.js";
import { sendCommand, sendEvent } from "./support/requests.js";
import {
  type Metadata,
  metadataOf,
  postedIn,
  startWebApi,
  type WebApiStandIn,
  waitFor,
} from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };
let app: RunningApp;

/** A restart as `npm start` would do one: a new core on the same DATA_DIR, a new Slack app. */
async function restart(): Promise<void> {
  await app?.stop();
  await closeCores();
  app = await startApp({ webApi, dataDir: dir.path, core: await makeCore(dir.path) });
}

beforeAll(async () => {
  webApi = await startWebApi();
  dir = await tempDir("credit-desk-state-e2e-");
  await restart();
});

afterAll(() => tearDown({ app, webApi, dir }));

/** Sends a DM from Anna and waits for the app's reply in the DM. */
async function dm(text: string): Promise<Metadata> {
  const from = webApi.calls.length;
  await sendEvent(app.url, envelope(directMessage(text)));
  return metadataOf(await postedIn(webApi, dmChannelId, undefined, from));
}

/** Every file under DATA_DIR/state whose name holds this user id. */
async function filesOf(user: string): Promise<string[]> {
  const names = await readdir(join(dir.path, "state"), { recursive: true });
  return names.filter((name) => name.includes(user));
}

describe("conversation state through Slack", () => {
  it("keeps a guided check across a restart, and forget removes every trace of the person", async () => {
    expect(await dm("credit check")).toMatchObject({ event_payload: { key: "advertiser" } });
    expect(await dm("agency")).toMatchObject({ event_payload: { key: "partner" } });

    await restart();
    const next = await dm("yes");
    expect(next.event_type).toBe("check_prompt");
    expect(["advertiser", "partner"]).not.toContain(next.event_payload.key);
    const files = await filesOf(userId);
    expect(files.length).toBeGreaterThan(0);

    const responseUrl = webApi.responseUrl("forget");
    await sendCommand(app.url, commandFields("forget", { responseUrl }));
    const confirmation = await waitFor("the forget confirmation", () =>
      webApi.responses.find((posted) => posted.id === "forget"),
    );
    expect(String(confirmation.body.text)).toMatch(/deleted everything/);
    expect(await filesOf(userId)).toEqual([]);

    // The check is gone too: the next answer is not read as part of it.
    expect((await dm("yes")).event_type).not.toBe("check_prompt");
    await restart();
    const stored = await Promise.all(
      (await filesOf(userId)).map((name) => readFile(join(dir.path, "state", name), "utf8")),
    );
    expect(stored.join("")).not.toContain("agency");
  });
});
