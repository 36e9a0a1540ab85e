import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOpenMisses } from "../../src/curation/misses.js";
import { type CuratedCore, makeCuratedCore } from "./support/core.js";
import {
  oauthClient,
  type RunningApp,
  startApp,
  tearDown,
  tempDir,
  waitForLog,
} from "./support/harness.js";
import { install } from "./support/install.js";
import {
  appUninstalled,
  blockAction,
  commandFields,
  ownMessage,
  tokensRevoked,
  workspaceDirectMessage,
  workspaceEnvelope,
  workspaceMention,
} from "./support/payloads.js";
import { sendCommand, sendEvent, sendInteraction } from "./support/requests.js";
import {
  metadataOf,
  postedIn,
  startWebApi,
  type WebApiStandIn,
  type Workspace,
  waitFor,
} from "./support/web-api.js";
import { dmFrom, north, personIn, south } from "./support/workspaces.js";

/** A workspace that never installed the app, yet whose events reach it (a stale subscription). */
const nowhere = { teamId: "T0NOWHERE", botUserId: "U0NOWHEREBOT" };

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };
let curated: CuratedCore;
let app: RunningApp;

beforeAll(async () => {
  webApi = await startWebApi();
  dir = await tempDir("credit-desk-workspaces-");
  curated = await makeCuratedCore(dir.path);
  app = await startApp({ webApi, dataDir: dir.path, core: curated.core, oauth: oauthClient });
});

afterAll(() => tearDown({ app, webApi, dir }));

const installationsFile = () => join(dir.path, "installations.json");

async function installedTeams(): Promise<string[]> {
  const file = JSON.parse(await readFile(installationsFile(), "utf8")) as {
    installations: Record<string, { teamId: string }>;
  };
  return Object.values(file.installations)
    .map((installation) => installation.teamId)
    .sort();
}

/** The people with state on disk, as `<team>~<user>`. */
async function peopleStored(): Promise<string[]> {
  const names = await readdir(join(dir.path, "state", "people"), { recursive: true });
  return names
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(name.lastIndexOf("/") + 1, -".json".length))
    .sort();
}

const dm = (workspace: Workspace, text: string) => dmFrom(app.url, webApi, workspace, text);

describe("many workspaces, installed through OAuth", () => {
  it("installs for two workspaces through /slack/install and /slack/oauth_redirect", async () => {
    for (const workspace of [north, south]) {
      const outcome = await install(app.url, webApi, workspace, oauthClient);
      expect(outcome.status).toBe(200);
      expect(outcome.body).toContain("Thank you!");
    }
    expect(await installedTeams()).toEqual(["T0NORTH", "T0SOUTH"]);
    // Slack's code was exchanged with the app's credentials, and the new token checked.
    const exchanges = webApi.callsTo("oauth.v2.access");
    expect(exchanges.map((call) => call.params.client_id)).toEqual([
      oauthClient.clientId,
      oauthClient.clientId,
    ]);
    expect(
      webApi
        .callsTo("auth.test")
        .map((call) => call.token)
        .sort(),
    ).toEqual([north.botToken, south.botToken].sort());
    // The file holds bot tokens: only its owner may read it.
    expect((await stat(installationsFile())).mode & 0o777).toBe(0o600);
    await waitForLog(app, "workspace installed", { team_id: "T0SOUTH", installer: "U0SAM" });
  });

  it("refuses a redirect whose state is not the one this browser was given", async () => {
    const code = webApi.grantInstall(
      { ...north, teamId: "T0FORGED", botToken: "xoxb-1-2-forged" },
      oauthClient,
    );
    const response = await fetch(`${app.url}/slack/oauth_redirect?code=${code}&state=made-up`, {
      headers: { cookie: "slack-app-oauth-state=other" },
    });
    expect(response.status).toBe(400);
    expect(await installedTeams()).toEqual(["T0NORTH", "T0SOUTH"]);
    expect(webApi.callsTo("oauth.v2.access")).toHaveLength(2);
  });

  it("answers each workspace's mention and DM with that workspace's own bot token", async () => {
    let from = webApi.calls.length;
    await sendEvent(
      app.url,
      workspaceEnvelope(
        north,
        workspaceMention(north, "what is a JBP?", {
          user: personIn(north).user,
          channel: "C0NORTH",
        }),
      ),
    );
    const inNorth = await waitFor("a reply in C0NORTH", () =>
      webApi.calls
        .slice(from)
        .find((call) => call.method === "chat.postMessage" && call.params.channel === "C0NORTH"),
    );
    expect(inNorth.token).toBe(north.botToken);

    from = webApi.calls.length;
    const inSouth = await dm(south, "what is a JBP?");
    expect(inSouth.token).toBe(south.botToken);
    expect(metadataOf(inSouth)).toMatchObject({
      event_type: "kb_answer",
      event_payload: { entry_id: "joint-business-plan" },
    });
    expect(webApi.calls.slice(from).every((call) => call.token === south.botToken)).toBe(true);

    // Each person's state is kept under their own workspace.
    expect(await peopleStored()).toEqual(["T0NORTH~U0NORA", "T0SOUTH~U0SAM"]);
  });

  it("opens each workspace's forms and answers its clicks with that workspace's token", async () => {
    // /credit-check alone opens the form, through the client that never waits: South's token.
    let from = webApi.calls.length;
    const command = await sendCommand(app.url, {
      ...commandFields("", {
        responseUrl: webApi.responseUrl("south-check"),
        channelId: personIn(south).channel,
        channelName: "directmessage",
      }),
      team_id: south.teamId,
      team_domain: "south-media",
      user_id: personIn(south).user,
    });
    expect(command.status).toBe(200);
    const form = await waitFor("the check form", () =>
      webApi.calls.slice(from).find((call) => call.method === "views.open"),
    );
    expect(form.token).toBe(south.botToken);

    // A related question clicked under North's answer is answered with North's token.
    const answer = await dm(north, "what is a JBP?");
    type Button = { action_id: string; value: string; text: { text: string } };
    const related = (answer.params.blocks as { block_id?: string; elements?: Button[] }[]).find(
      (block) => block.block_id === "related",
    )?.elements?.[0];
    if (!related) throw new Error("no related question under the answer");
    const click = blockAction(
      {
        actionId: related.action_id,
        blockId: "related",
        value: related.value,
        text: related.text.text,
      },
      {
        ts: String(answer.result?.ts),
        text: String(answer.params.text),
        blocks: answer.params.blocks as unknown[],
        channel: personIn(north).channel,
      },
    );
    from = webApi.calls.length;
    const clicked = await sendInteraction(app.url, {
      ...click,
      user: { ...click.user, id: personIn(north).user, team_id: north.teamId },
      team: { id: north.teamId, domain: "north-agency" },
      message: { ...click.message, user: north.botUserId, bot_id: north.botId, team: north.teamId },
    });
    expect(clicked.status).toBe(200);
    const reply = await postedIn(webApi, personIn(north).channel, undefined, from);
    expect(reply.token).toBe(north.botToken);
    expect(metadataOf(reply).event_payload).toMatchObject({ entry_id: related.value });
  });

  it("ignores each workspace's own bot echoing its reply", async () => {
    const echo = workspaceEnvelope(north, {
      ...ownMessage("Hi, I answer questions about TikTok ad credits."),
      user: north.botUserId,
      bot_id: north.botId,
      channel: personIn(north).channel,
    });
    const from = webApi.calls.length;
    await sendEvent(app.url, echo);
    await waitForLog(app, "event ignored", { event_id: echo.event_id, reason: "bot message" });
    expect(webApi.calls.slice(from).some((call) => call.method === "chat.postMessage")).toBe(false);
  });

  it("ignores a workspace that never installed the app, without a reply or a crash", async () => {
    const from = webApi.calls.length;
    const response = await sendEvent(
      app.url,
      workspaceEnvelope(
        nowhere,
        workspaceDirectMessage("what is a JBP?", { user: "U0NOBODY", channel: "D0NOBODY" }),
      ),
    );
    expect(response.status).toBe(200);
    await waitForLog(app, "request ignored: the app is not installed in this workspace", {
      team_id: "T0NOWHERE",
    });
    // The app goes on serving the installed workspaces.
    expect((await dm(north, "thanks")).token).toBe(north.botToken);
    expect(webApi.calls.slice(from).some((call) => call.params.channel === "D0NOBODY")).toBe(false);
    expect(await peopleStored()).not.toContain("T0NOWHERE~U0NOBODY");
  });

  it("deletes a workspace's installation, its people's state and misses on app_uninstalled; the other goes on", async () => {
    // A question with no answer in each workspace is kept as a miss for the curators.
    await dm(north, "what is the weather in Lisbon tomorrow?");
    await dm(south, "what is the weather in Lisbon tomorrow?");
    expect(await readOpenMisses({ dataDir: dir.path })).toHaveLength(2);

    await sendEvent(app.url, workspaceEnvelope(south, appUninstalled()));
    await waitForLog(app, "workspace removed the app: its installation and people's data deleted", {
      team_id: "T0SOUTH",
      people: 1,
    });
    expect(await installedTeams()).toEqual(["T0NORTH"]);
    expect(await peopleStored()).toEqual(["T0NORTH~U0NORA"]);
    expect(await readOpenMisses({ dataDir: dir.path })).toHaveLength(1);

    // South's events now get nothing; North is still answered, with its token.
    const from = webApi.calls.length;
    await sendEvent(
      app.url,
      workspaceEnvelope(south, workspaceDirectMessage("what is a JBP?", personIn(south))),
    );
    await waitForLog(app, "request ignored: the app is not installed in this workspace", {
      team_id: "T0SOUTH",
    });
    expect((await dm(north, "what is a JBP?")).token).toBe(north.botToken);
    expect(webApi.calls.slice(from).some((call) => call.token === south.botToken)).toBe(false);
  });

  it("installs again after removal, and a revoked bot token removes it the same way", async () => {
    expect((await install(app.url, webApi, south, oauthClient)).status).toBe(200);
    expect((await dm(south, "what is a JBP?")).token).toBe(south.botToken);
    expect(await peopleStored()).toContain("T0SOUTH~U0SAM");

    await sendEvent(app.url, workspaceEnvelope(south, tokensRevoked([south.botUserId])));
    await waitForLog(app, "workspace removed the app: its installation and people's data deleted", {
      team_id: "T0SOUTH",
      reason: "tokens_revoked",
    });
    expect(await installedTeams()).toEqual(["T0NORTH"]);
    expect(await peopleStored()).toEqual(["T0NORTH~U0NORA"]);
  });

  it("keeps installations across a restart", async () => {
    await app.stop();
    app = await startApp({ webApi, dataDir: dir.path, core: curated.core, oauth: oauthClient });
    expect((await dm(north, "what is a JBP?")).token).toBe(north.botToken);
  });
});
