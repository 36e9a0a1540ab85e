import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { webApi } from "@slack/bolt";
import { loadConfig } from "../../../src/config.js";
import type { ConversationCore } from "../../../src/core/types.js";
import { createLogger } from "../../../src/logger.js";
import type { RedisConnection } from "../../../src/redis/index.js";
import type { SlackCuration } from "../../../src/slack/curation.js";
import { startSlack } from "../../../src/slack/index.js";
import { closeCores } from "./core.js";
import { signingSecret } from "./requests.js";
import type { OAuthClient, WebApiStandIn } from "./web-api.js";
import { waitFor } from "./web-api.js";

export const botToken = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

export const appToken = "xapp-1-A0CREDITDESK-1760100000-4f2c0a8e9d7b6a5c4b3a29180716f5e4";

/** The app's OAuth credentials, as Basic Information → App Credentials shows them. */
export const oauthClient: OAuthClient = {
  clientId: "1760100000.4242424242",
  clientSecret: "3f2b6c1d9e8a7f6b5c4d3e2f1a0b9c8d",
};
/** Signs the install link's state; the operator's own random value. */
export const stateSecret = "c2F5LWhlbGxvLXRvLXRoZS1zdGF0ZS1zZWNyZXQ";

export interface RunningApp {
  /** http://127.0.0.1:<port>; empty in Socket Mode. */
  url: string;
  /** Every log line, as the app would write them to stderr. */
  logs: string[];
  stop(): Promise<void>;
}

/** Starts the real Slack app in HTTP mode on a free port, against the Web API stand-in. */
export async function startApp(options: {
  webApi: WebApiStandIn;
  dataDir: string;
  core: ConversationCore;
  retryConfig?: webApi.RetryOptions;
  drainTimeoutMs?: number;
  /** Socket Mode instead of HTTP: apps.connections.open hands out this WebSocket URL. */
  socketUrl?: string;
  curation?: SlackCuration;
  /** Many workspaces: installed through Bolt's OAuth flow with these credentials, no bot token. */
  oauth?: OAuthClient;
  /** Keeps event ids (and installations, with OAuth) on this Redis connection. */
  redis?: RedisConnection;
}): Promise<RunningApp> {
  const socketUrl = options.socketUrl;
  if (socketUrl)
    options.webApi.answerWith("apps.connections.open", () => ({ ok: true, url: socketUrl }));
  const oauth = options.oauth;
  const config = loadConfig({
    ...(oauth
      ? {
          SLACK_CLIENT_ID: oauth.clientId,
          SLACK_CLIENT_SECRET: oauth.clientSecret,
          SLACK_STATE_SECRET: stateSecret,
        }
      : { SLACK_BOT_TOKEN: botToken }),
    SLACK_SIGNING_SECRET: signingSecret,
    ...(socketUrl ? { SLACK_APP_TOKEN: appToken } : {}),
    PORT: "0",
    HOST: "127.0.0.1",
    SLACK_API_URL: options.webApi.url,
    DATA_DIR: options.dataDir,
  });
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const slack = await startSlack({
    config,
    core: options.core,
    logger,
    retryConfig: options.retryConfig ?? { retries: 0 },
    drainTimeoutMs: options.drainTimeoutMs,
    curation: options.curation,
    redis: options.redis,
  });
  const url = slack.port === undefined ? "" : `http://127.0.0.1:${slack.port}`;
  return { url, logs, stop: () => slack.stop() };
}

/** Waits for a log line with this message and these fields (e.g. `event_id="Ev…"`). */
export function waitForLog(
  app: RunningApp,
  message: string,
  fields: Record<string, string | number> = {},
) {
  const wanted = Object.entries(fields).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return waitFor(`log "${message}" ${wanted.join(" ")}`, () =>
    app.logs.find(
      (line) => line.includes(` ${message}`) && wanted.every((pair) => line.includes(pair)),
    ),
  );
}

export async function tempDir(
  prefix: string,
): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * A test file's teardown, in order: the app stops taking requests, the cores flush their state,
 * then the stand-in closes and the folder goes. Parts that never started are skipped.
 */
export async function tearDown(parts: {
  app?: RunningApp;
  webApi?: WebApiStandIn;
  dir?: { remove: () => Promise<void> };
}): Promise<void> {
  await parts.app?.stop();
  await closeCores();
  await parts.webApi?.close();
  await parts.dir?.remove();
}
