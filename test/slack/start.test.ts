import { createServer } from "node:net";
import type { webApi as slackWebApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { startSlack } from "../../src/slack/index.js";
import { closeCores, makeCore } from "./support/core.js";
import { appToken, botToken, startApp, tempDir } from "./support/harness.js";
import { signingSecret } from "./support/requests.js";
import { startWebApi, type WebApiStandIn } from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  webApi = await startWebApi();
  dir = await tempDir("credit-desk-start-");
});
afterAll(async () => {
  await closeCores();
  await webApi.close();
  await dir.remove();
});

/** Starts with the replies' retry policy of the tests, or (`retryConfig: undefined`) the real one. */
async function start(
  env: Record<string, string>,
  retryConfig: slackWebApi.RetryOptions | undefined = { retries: 0 },
) {
  const config = loadConfig({ DATA_DIR: dir.path, SLACK_API_URL: webApi.url, ...env });
  return startSlack({
    config,
    core: await makeCore(dir.path),
    logger: silentLogger,
    ...(retryConfig ? { retryConfig } : {}),
  });
}

describe("starting the Slack app", () => {
  it("names the bot token when Slack rejects it", async () => {
    webApi.failNext("auth.test", { error: "invalid_auth" });
    const starting = start({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: "0",
    });
    await expect(starting).rejects.toBeInstanceOf(ConfigError);
    await expect(starting).rejects.toThrow(/Slack did not accept SLACK_BOT_TOKEN \(invalid_auth\)/);
  });

  it("names the app-level token when Socket Mode cannot connect with it", async () => {
    webApi.failNext("apps.connections.open", { error: "invalid_auth" });
    const starting = start({ SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken });
    await expect(starting).rejects.toThrow(/Slack did not accept SLACK_APP_TOKEN \(invalid_auth\)/);
  });

  it("says when Slack's Web API cannot be reached", async () => {
    const starting = start({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: "0",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
    });
    await expect(starting).rejects.toThrow(
      /Could not reach Slack's Web API at http:\/\/127.0.0.1:9\/api\//,
    );
  });

  it("gives up on a failing Web API after one retry, however patient the replies' policy is", async () => {
    // Two failures: the start's one retry uses both; the replies' policy would try again and start.
    webApi.failNext("auth.test", { status: 500 }, 2);
    const from = webApi.callsTo("auth.test").length;
    const starting = start(
      { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, PORT: "0" },
      undefined,
    );
    await expect(starting).rejects.toThrow(/Could not reach Slack's Web API at http:\/\/127/);
    expect(
      webApi
        .callsTo("auth.test")
        .slice(from)
        .map((call) => call.status),
    ).toEqual([500, 500]);
  });

  it("says when PORT is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const starting = start({
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        PORT: String(port),
      });
      await expect(starting).rejects.toThrow(`PORT ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("says when HOST is not an address of this machine", async () => {
    const starting = start({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: "0",
      // TEST-NET-1 (RFC 5737): never assigned to a machine.
      HOST: "192.0.2.1",
    });
    await expect(starting).rejects.toThrow(
      "HOST 192.0.2.1 is not an address of this machine (EADDRNOTAVAIL)",
    );
  });

  it("binds a free port for PORT=0 and stops listening on stop", async () => {
    const app = await startApp({ webApi, dataDir: dir.path, core: await makeCore(dir.path) });
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    await app.stop();
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
  });
});
