import type { Server } from "node:http";
import { join } from "node:path";
import { type App, ErrorCode as BoltErrorCode, webApi } from "@slack/bolt";
import { z } from "zod";
import { type Config, ConfigError } from "../config.js";
import type { ConversationCore } from "../core/types.js";
import { dataDirError } from "../files/data-dir-error.js";
import { errorCode } from "../files/errors.js";
import type { Logger } from "../logger.js";
import type { RedisConnection } from "../redis/index.js";
import { type BotIds, buildApp, type Workspaces } from "./app.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackCuration } from "./curation.js";
import { errorFields } from "./errors.js";
import { createInFlight } from "./in-flight.js";
import { openFileInstallations } from "./installations/file.js";
import { createInstallations } from "./installations/index.js";
import { redisInstallations } from "./installations/redis.js";
import { startReminders } from "./reminders.js";
import type { WorkQueue } from "./work.js";
import { openWorkLog } from "./work-log.js";
import { openWorkStream } from "./work-stream.js";

export interface StartSlackOptions {
  config: Config;
  core: ConversationCore;
  logger: Logger;
  /**
   * The Web API client's retry policy. The default gives up after about five minutes, when a late
   * reply no longer helps; tests pass `{ retries: 0 }`.
   */
  retryConfig?: webApi.RetryOptions;
  /** How long stop() waits for replies under way. */
  drainTimeoutMs?: number;
  now?: () => Date;
  /** The curators' side (App Home review, shortcuts, reminders); off when absent. */
  curation?: SlackCuration;
  /** With REDIS_URL: where work is recorded and event ids claimed, shared by every instance (else DATA_DIR). */
  redis?: RedisConnection;
}

export interface SlackHandle {
  /** The HTTP port actually bound (PORT=0 picks a free one); undefined in Socket Mode. */
  port?: number;
  /** Stops taking requests and waits for replies under way; the caller then flushes state. */
  stop(): Promise<void>;
}

const tokenErrors = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);

/** Slack refused a token or could not be reached at start: say which setting to fix, in words. */
function startError(
  error: unknown,
  variable: "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN",
  slackApiUrl?: string,
): Error {
  const fields = errorFields(error);
  const slackError = typeof fields.slack_error === "string" ? fields.slack_error : undefined;
  if (slackError && tokenErrors.has(slackError)) {
    const where =
      variable === "SLACK_BOT_TOKEN"
        ? "the Bot User OAuth Token (xoxb-…) from OAuth & Permissions"
        : "an app-level token (xapp-…) with the connections:write scope from Basic Information → App-Level Tokens";
    return new ConfigError(`Slack did not accept ${variable} (${slackError}). Use ${where}.`);
  }
  const reason = String(fields.slack_error ?? fields.reason ?? fields.error_code);
  return new ConfigError(
    `Could not reach Slack's Web API at ${slackApiUrl ?? "https://slack.com/api/"} (${reason}). Check the network, or SLACK_API_URL if it is set.`,
  );
}

/**
 * The start's auth.test: one quick retry and a timeout, so a Slack that cannot be reached is named
 * within seconds. The replies' policy, retrying for minutes, would keep the start waiting as long.
 */
const startRetries: webApi.RetryOptions = {
  retries: 1,
  factor: 1,
  minTimeout: 500,
  maxTimeout: 500,
};
const startTimeoutMs = 5_000;

const authTestSchema = z.object({ user_id: z.string().min(1), bot_id: z.string().min(1) });

/** Checks the bot token with auth.test and returns the bot's ids. */
async function checkBotToken(
  token: string,
  slackApiUrl: string | undefined,
  logger: Logger,
): Promise<BotIds> {
  const client = new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger: boltLogger(logger),
    retryConfig: startRetries,
    timeout: startTimeoutMs,
  });
  let result: unknown;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw startError(error, "SLACK_BOT_TOKEN", slackApiUrl);
  }
  const ids = authTestSchema.safeParse(result);
  if (!ids.success) {
    throw new ConfigError(
      "SLACK_BOT_TOKEN is not a bot token (auth.test names no bot). Use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.",
    );
  }
  return { botId: ids.data.bot_id, botUserId: ids.data.user_id };
}

function boundPort(server: Server): number | undefined {
  const address = server.address();
  return typeof address === "object" && address !== null ? address.port : undefined;
}

/** Listens on the port or opens the Socket Mode connection. */
async function connect(
  app: App,
  transport: Exclude<Config["transport"], { kind: "terminal" }>,
  listen: ((port: number, host?: string) => Promise<Server>) | undefined,
  slackApiUrl: string | undefined,
): Promise<Server | undefined> {
  if (transport.kind !== "socket" && listen) {
    try {
      return await listen(transport.port, transport.host);
    } catch (error) {
      if (errorCode(error) === "EADDRINUSE") {
        throw new ConfigError(`PORT ${transport.port} is already in use. Set PORT to a free port.`);
      }
      const code = errorCode(error);
      if (transport.host && (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")) {
        throw new ConfigError(
          `HOST ${transport.host} is not an address of this machine (${code}). Set HOST to one of its addresses, or leave it empty to listen on all of them.`,
        );
      }
      throw error;
    }
  }
  try {
    await app.start();
  } catch (error) {
    throw startError(error, "SLACK_APP_TOKEN", slackApiUrl);
  }
  return undefined;
}

/** Starts the Slack app in Socket Mode or over HTTP, as the config says. */
export async function startSlack(options: StartSlackOptions): Promise<SlackHandle> {
  const { config, core, logger } = options;
  const transport = config.transport;
  if (transport.kind === "terminal") {
    throw new ConfigError(
      "startSlack needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN.",
    );
  }
  const workspaces: Workspaces =
    transport.kind === "oauth"
      ? {
          kind: "many",
          installations: createInstallations({
            engine: options.redis
              ? redisInstallations(options.redis)
              : await openFileInstallations(join(config.dataDir, "installations.json")).catch(
                  (error: unknown) => {
                    throw dataDirError(config.dataDir, error);
                  },
                ),
            logger,
          }),
        }
      : {
          kind: "one",
          botToken: transport.botToken,
          bot: await checkBotToken(transport.botToken, config.slackApiUrl, logger),
        };
  const closeInstallations = async () => {
    if (workspaces.kind === "many") await workspaces.installations.close();
  };
  // Opening rewrites the event log, so a DATA_DIR that takes no writes is named here too.
  const work: WorkQueue = options.redis
    ? await openWorkStream({ redis: options.redis, logger, reclaimMs: config.workReclaimMs })
    : await openWorkLog({
        file: join(config.dataDir, "slack-events.jsonl"),
        undeliveredFile: join(config.dataDir, "slack-undelivered.jsonl"),
        logger,
      }).catch(async (error: unknown) => {
        await closeInstallations();
        throw dataDirError(config.dataDir, error);
      });
  const inFlight = createInFlight();
  let ready = false;
  const { app, listen, resume } = buildApp({
    transport,
    workspaces,
    slackApiUrl: config.slackApiUrl,
    core,
    logger,
    work,
    inFlight,
    // A reply more than a few minutes late helps nobody, and stopping waits for replies under way.
    retryConfig: options.retryConfig ?? webApi.retryPolicies.fiveRetriesInFiveMinutes,
    isReady: () => ready,
    now: options.now,
    curation: options.curation,
  });

  let server: Server | undefined;
  try {
    server = await connect(app, transport, listen, config.slackApiUrl);
  } catch (error) {
    await work.close();
    await closeInstallations();
    throw error;
  }
  ready = true;
  // What a previous process acked and did not answer is answered now, behind no one's ack.
  work.resume(resume);
  // An entry's owner is a user id in the one workspace; with many, which one is not known.
  const reminders =
    options.curation && workspaces.kind === "one"
      ? startReminders({
          client: app.client,
          curation: options.curation,
          logger,
          now: options.now ?? (() => new Date()),
        })
      : undefined;
  void reminders?.run();

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    ready = false;
    reminders?.stop();
    const closing = app.stop().catch((error: unknown) => {
      if (errorCode(error) !== BoltErrorCode.ReceiverInconsistentStateError) {
        logger.warn("slack receiver did not stop cleanly", errorFields(error));
      }
    });
    const drained = await inFlight.idle(options.drainTimeoutMs ?? 10_000);
    if (!drained) logger.warn("stopped with replies still in flight", { count: inFlight.count });
    server?.closeAllConnections();
    await closing;
    await work.close();
    await closeInstallations();
  };

  return {
    port: server ? boundPort(server) : undefined,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
