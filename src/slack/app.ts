import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { App, ErrorCode, HTTPReceiver, type ReceiverEvent, webApi } from "@slack/bolt";
import { z } from "zod";
import type { Config } from "../config.js";
import type { ConversationCore } from "../core/types.js";
import type { Logger } from "../logger.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackCuration } from "./curation.js";
import type { SlackDeps } from "./deliver.js";
import { errorFields } from "./errors.js";
import type { InFlight } from "./in-flight.js";
import type { Installations } from "./installations/index.js";
import { registerListeners } from "./listeners/router.js";
import { createReplyLanes } from "./reply-queue.js";
import { refuseOddBodies } from "./request-body.js";
import { refuseSkewedTimestamps } from "./request-time.js";
import { minimalBody, type Work, type WorkQueue } from "./work.js";

export type SlackTransport = Extract<Config["transport"], { kind: "socket" | "http" | "oauth" }>;

/** The bot's ids from auth.test at start, so Bolt does not call it again. */
export interface BotIds {
  botId: string;
  botUserId: string;
}

/**
 * Whose token a request uses. One workspace: the bot token, with the bot's ids from auth.test.
 * Many (OAuth): each workspace's installation, found by Bolt's authorize for every request.
 */
export type Workspaces =
  | { kind: "one"; botToken: string; bot: BotIds }
  | { kind: "many"; installations: Installations };

export interface BuildAppOptions {
  transport: SlackTransport;
  workspaces: Workspaces;
  slackApiUrl?: string;
  core: ConversationCore;
  logger: Logger;
  /** Where work is recorded before the ack, and event ids de-duplicated with it. */
  work: WorkQueue;
  inFlight: InFlight;
  retryConfig: webApi.RetryOptions;
  /** GET /healthz answers 200 only while this is true. */
  isReady: () => boolean;
  now?: () => Date;
  curation?: SlackCuration;
}

export interface BuiltApp {
  app: App;
  /** Runs work a stopped process accepted and did not finish, through the same listeners. */
  resume: (left: Work) => Promise<void>;
  /** Set in HTTP mode: starts the server on a port (0 picks a free one), on every interface unless a host is given. */
  listen?: (port: number, host?: string) => Promise<Server>;
}

/**
 * Replies worked on at once in each lane: enough to overlap their waits on disk and on Slack, few
 * enough that an arriving request is acked after a few slices of reply work, not after all of them.
 * A reply still running after `slotMs` (a slow or rate-limited Slack call) lets the next one start,
 * up to `maxUnderWay` replies in the lane.
 */
const replyQueue = { concurrency: 2, slotMs: 2_000, maxUnderWay: 8 };

/** How long views.open may take: longer than a trigger_id lives, short enough to say it failed. */
const modalTimeoutMs = 5_000;
const endpoint = "/slack/events";

/** What the OAuth flow asks each workspace for: the bot scopes in manifest.yml, no more. */
export const botScopes = [
  "app_mentions:read",
  "chat:write",
  "commands",
  "im:history",
  "im:read",
  "im:write",
];

const slackId = z.string().min(1);

/**
 * An Events API envelope as Slack sends it, in the parts Bolt and the listeners read: the event id
 * (de-duplication), the ids that name the person (their state), the event's type and text. The
 * events the app subscribes to name their user by id; a `user` object is not one of them.
 */
const eventEnvelopeSchema = z.object({
  type: z.literal("event_callback"),
  event_id: slackId,
  team_id: slackId.optional(),
  enterprise_id: slackId.nullish(),
  authorizations: z
    .array(z.object({ team_id: slackId.nullish(), enterprise_id: slackId.nullish() }))
    .optional(),
  event: z.object({
    type: slackId,
    user: slackId.optional(),
    channel: slackId.optional(),
    text: z.string().optional(),
  }),
});

const isEventCallback = (body: unknown) =>
  typeof body === "object" && body !== null && "type" in body && body.type === "event_callback";

/** Requests whose reply may come after the ack: events, commands, clicks, forms, shortcuts. */
const answeredLater = new Set(["block_actions", "view_submission", "message_action", "shortcut"]);
const isAnsweredLater = (body: Record<string, unknown>) =>
  typeof body.command === "string" ||
  (typeof body.type === "string" && answeredLater.has(body.type));

/**
 * Every request, from either receiver, passes here before Bolt routes it. An Events API envelope
 * whose ids are not what Slack sends (an empty or non-string `event_id`, a user id that is an
 * object) is acked and ignored with a log line: routed on, it would skip de-duplication or be
 * stored under a key no person has, and an envelope with no event at all makes Bolt itself throw.
 *
 * Work is recorded before it is acked: an event before Bolt routes it (Bolt acks it first thing,
 * and an event id already seen is acked and dropped here, so a resend is answered once), a
 * command, click or form when its listener acks without the reply in the ack. It is marked done
 * when the listeners have finished, which is after its reply is sent or kept as undelivered.
 *
 * Bolt acks events itself and leaves everything else to a listener's ack(); a request no listener
 * takes (a button of an older message, a body of a type Bolt does not know such as
 * `app_rate_limited`) would get 404 after 3 seconds, logged as an error. Whatever is still unacked
 * when Bolt is done with it is acked here. This wraps `processEvent` because it is the one place
 * both receivers go through: HTTPReceiver's `unhandledRequestHandler` has no Socket Mode twin.
 *
 * Returns how to run work a stopped process left unfinished: through the same listeners, with
 * an ack that goes nowhere (Slack had its ack from the process that took the request).
 */
function guardProcessEvent(
  app: App,
  logger: Logger,
  work: WorkQueue,
  inFlight: InFlight,
): (left: Work) => Promise<void> {
  const route = app.processEvent.bind(app);

  app.processEvent = async (event: ReceiverEvent) => {
    const finished = inFlight.start();
    try {
      await accept(event);
    } finally {
      finished();
    }
  };

  const accept = async (event: ReceiverEvent) => {
    let workId: string | undefined;
    if (isEventCallback(event.body)) {
      const envelope = eventEnvelopeSchema.safeParse(event.body);
      if (!envelope.success) {
        await event.ack();
        const eventId = event.body.event_id;
        logger.warn("event ignored: not an event Slack sends", {
          event_id: typeof eventId === "string" ? eventId.slice(0, 40) : undefined,
          field: envelope.error.issues[0]?.path.join("."),
        });
        return;
      }
      const eventId = envelope.data.event_id;
      const body = minimalBody(event.body);
      if ((await work.accept({ id: eventId, isEvent: true, body })) === "duplicate") {
        await event.ack();
        logger.info("duplicate event ignored", {
          event_id: eventId,
          retry_num: event.retryNum,
          retry_reason: event.retryReason,
        });
        return;
      }
      workId = eventId;
    }
    const type = typeof event.body.type === "string" ? event.body.type.slice(0, 50) : undefined;
    const recordOnAck = workId === undefined && isAnsweredLater(event.body);
    let acked = false;
    try {
      await route({
        ...event,
        ack: async (response?: unknown) => {
          acked = true;
          // A reply in the ack itself is delivered with it: nothing is left to do later.
          if (recordOnAck && response === undefined) {
            const id = `W${randomUUID()}`;
            await work.accept({ id, isEvent: false, body: minimalBody(event.body) });
            workId = id;
          }
          return event.ack(response);
        },
      });
    } catch (error) {
      // Listeners' failures end in app.error; this is Bolt failing to route the payload at all.
      logger.error("request failed", { type, ...errorFields(error) });
      throw error;
    } finally {
      if (workId !== undefined) await work.done(workId);
    }
    if (acked) return;
    await event.ack();
    logger.debug("request acked: nothing handles it", { type });
  };

  return async (left) => {
    logger.info("resuming unfinished work", { work_id: left.id });
    const finished = inFlight.start();
    try {
      await route({ body: left.body, ack: async () => {} });
    } catch (error) {
      logger.error("request failed", { work_id: left.id, ...errorFields(error) });
    } finally {
      await work.done(left.id);
      finished();
    }
  };
}

/** The Bolt app with every listener, for Socket Mode or HTTP (events, commands, interactivity). */
export function buildApp(options: BuildAppOptions): BuiltApp {
  const { transport, logger, work, inFlight } = options;
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: options.retryConfig,
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
  };
  const { workspaces } = options;
  const common = {
    ...(workspaces.kind === "one"
      ? {
          token: workspaces.botToken,
          // Given both, Bolt does not call auth.test itself; startSlack did, with a short retry policy.
          botId: workspaces.bot.botId,
          botUserId: workspaces.bot.botUserId,
        }
      : {}),
    logger: boltLogger(logger),
    clientOptions,
    // The listeners drop bot messages (this app's own included) themselves and log it with the
    // event id; Bolt's ignoreSelf would drop them silently first.
    ignoreSelf: false,
    convoStore: false as const,
  };

  let app: App;
  let receiver: HTTPReceiver | undefined;
  if (transport.kind === "socket") {
    app = new App({ ...common, appToken: transport.appToken, socketMode: true });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: transport.signingSecret,
      endpoints: endpoint,
      logger: common.logger,
      ...(transport.kind === "oauth" && workspaces.kind === "many"
        ? {
            // GET /slack/install redirects to Slack's consent page with a signed state (also
            // set as a cookie, checked on the way back); GET /slack/oauth_redirect exchanges the
            // code for the workspace's bot token and keeps the installation.
            clientId: transport.oauth.clientId,
            clientSecret: transport.oauth.clientSecret,
            stateSecret: transport.oauth.stateSecret,
            scopes: botScopes,
            installationStore: workspaces.installations.bolt,
            installerOptions: {
              directInstall: true,
              clientOptions,
            },
          }
        : {}),
      customRoutes: [
        {
          path: "/healthz",
          method: ["GET"],
          handler: (_req, res) => {
            const answer = (status: number, body: object) => {
              res.writeHead(status, { "content-type": "application/json" });
              res.end(JSON.stringify(body));
            };
            if (!options.isReady()) {
              answer(503, { ok: false, reason: "starting or stopping" });
              return;
            }
            // Ready means a reply can be given: every reply first writes the person's state.
            options.core.readiness().then(
              (readiness) =>
                readiness.ready
                  ? answer(200, { ok: true })
                  : answer(503, { ok: false, reason: readiness.reason }),
              (error: unknown) => {
                logger.error("health check failed", errorFields(error));
                answer(503, { ok: false, reason: "the health check failed" });
              },
            );
          },
        },
      ],
    });
    receiver.requestListener = refuseSkewedTimestamps(
      refuseOddBodies(receiver.requestListener, {
        path: endpoint,
        signingSecret: transport.signingSecret,
        logger,
      }),
      { path: endpoint, logger },
    );
    app = new App({ ...common, receiver });
  }
  const resume = guardProcessEvent(app, logger, work, inFlight);

  const deps: SlackDeps = {
    core: options.core,
    logger,
    now: options.now ?? (() => new Date()),
    replies: createReplyLanes(replyQueue),
    keepUndelivered: (letter) => work.keepUndelivered(letter),
    curation: options.curation,
    ...(workspaces.kind === "many" ? { installations: workspaces.installations } : {}),
    // No token of its own: each call passes the token of the workspace the request came from.
    modals: new webApi.WebClient(undefined, {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      logger: common.logger,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: modalTimeoutMs,
    }),
  };

  app.error(async (error) => {
    // A workspace without an installation was logged where the installation was looked up.
    if (error.code === ErrorCode.AuthorizationError) return;
    // Listeners log their own failures with ids; this catches anything that escaped them.
    logger.error("listener failed", { error_code: error.code, error_name: error.name });
  });

  // Last: the router does not call next() for a request it routes, so a middleware added after
  // it would see only what no route takes.
  registerListeners(app, deps);

  const httpReceiver = receiver;
  return httpReceiver
    ? { app, resume, listen: (port, host) => httpReceiver.start(host ? { port, host } : port) }
    : { app, resume };
}
