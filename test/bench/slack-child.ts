import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { z } from "zod";
import { loadConfig } from "../../src/config.js";
import { assembleCore, loadKnowledge } from "../../src/core/assemble.js";
import { openCuration } from "../../src/curation/index.js";
import { liveKnowledge } from "../../src/curation/live.js";
import { createReloader } from "../../src/curation/reload.js";
import { createLogger } from "../../src/logger.js";
import { connectRedis } from "../../src/redis/index.js";
import { createSlackCuration } from "../../src/slack/curation.js";
import { startSlack } from "../../src/slack/index.js";
import { openRedisStateStore, openStateStore } from "../../src/state/index.js";
import { startWebApi } from "../slack/support/web-api.js";
import {
  type Deliveries,
  type FromChild,
  fromParent,
  type Health,
  roles,
} from "./slack-protocol.js";
import { round } from "./stats.js";

/*
 * One side of the slack suite, in its own process: the app under test (Credit Desk or a bare Bolt
 * app) or the Web API stand-in. The load generator then measures the app without sharing an event
 * loop with either the app or the stand-in's bookkeeping.
 */

interface Running {
  url: string;
  responseUrlBase?: string;
  deliveries?: () => Deliveries;
  stop(): Promise<void>;
}

const tally = (keys: string[]) => {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
};

async function startStandIn(): Promise<Running> {
  const api = await startWebApi();
  return {
    url: api.url,
    responseUrlBase: api.responseUrl(""),
    deliveries: () => ({
      type: "deliveries",
      threadReplies: tally(
        api.callsTo("chat.postMessage").map((call) => String(call.params.thread_ts ?? "")),
      ),
      responseUrlPosts: tally(api.responses.map((response) => response.id)),
      failedCalls: api.calls.filter((call) => call.status !== 200).length,
    }),
    stop: () => api.close(),
  };
}

/**
 * Assembled as src/main.ts assembles it for HTTP mode, curation included: every answer and check
 * is counted for `kb stats`, and every miss recorded, as in production. Left out: the DATA_DIR
 * lock (a file touched every 10 seconds) and the pruning (nothing to prune in a new DATA_DIR).
 */
async function startCreditDesk(): Promise<Running> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  const knowledge = liveKnowledge(await loadKnowledge(config));
  const redis =
    config.store.engine === "redis" ? await connectRedis({ ...config.store, logger }) : undefined;
  const store = redis
    ? openRedisStateStore({ redis, logger, retentionMs: config.stateRetentionMs })
    : await openStateStore({ dataDir: config.dataDir, logger });
  const curation = await openCuration(config, knowledge, redis);
  const core = assembleCore(config, knowledge, store, logger, curation.recorder);
  const reloader = createReloader({ config, knowledge, logger, watch: true });
  const slack = await startSlack({
    config,
    core,
    logger,
    curation: createSlackCuration({ config, knowledge, reloader, curation }),
    redis,
  });
  return {
    url: `http://127.0.0.1:${slack.port}`,
    async stop() {
      await slack.stop();
      reloader.close();
      await store.close();
      await redis?.close();
    },
  };
}

/** The same Bolt and receiver as Credit Desk, with listeners that only acknowledge. */
async function startBare(): Promise<Running> {
  const config = loadConfig(process.env);
  if (config.transport.kind !== "http") throw new Error("the bare app needs HTTP settings");
  const receiver = new HTTPReceiver({
    signingSecret: config.transport.signingSecret,
    endpoints: "/slack/events",
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    token: config.transport.botToken,
    receiver,
    clientOptions: { slackApiUrl: config.slackApiUrl },
    logLevel: LogLevel.ERROR,
    convoStore: false,
    deferInitialization: true,
  });
  app.event("app_mention", async () => {});
  app.command("/credit-check", async ({ ack }) => {
    await ack();
  });
  await app.init();
  const server = await receiver.start(0);
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no port bound");
  return { url: `http://127.0.0.1:${address.port}`, stop: () => app.stop().then(() => {}) };
}

/** Event-loop delay, GC pauses and CPU use since the last call. */
function watchHealth(): () => Health {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const pauses: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  }).observe({ entryTypes: ["gc"] });
  let since = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(since);
    const health: Health = {
      type: "health",
      eventLoopDelayP99Ms: round(delay.percentile(99) / 1e6),
      eventLoopDelayMaxMs: round(delay.max / 1e6),
      gcPauses: pauses.length,
      gcTotalMs: round(pauses.reduce((sum, pause) => sum + pause, 0)),
      gcMaxMs: round(Math.max(0, ...pauses)),
      cpuMs: round((cpu.user + cpu.system) / 1000, 0),
    };
    since = process.cpuUsage();
    delay.reset();
    pauses.length = 0;
    return health;
  };
}

async function main(): Promise<void> {
  const role = z.enum(roles).parse(process.argv[2]);
  const health = watchHealth();
  const send = (message: FromChild) => process.send?.(message);
  const running =
    role === "web-api"
      ? await startStandIn()
      : role === "credit-desk"
        ? await startCreditDesk()
        : await startBare();
  process.on("message", (raw: unknown) => {
    const message = fromParent.parse(raw);
    if (message.type === "deliveries" && running.deliveries) send(running.deliveries());
    if (message.type === "health") send(health());
    if (message.type === "stop") {
      // Exit without waiting for idle keep-alive sockets and timers to wind down on their own.
      void running.stop().then(() => process.exit(0));
    }
  });
  // The benchmark went away without stopping this process: do not outlive it.
  process.on("disconnect", () => process.exit(1));
  send({ type: "ready", url: running.url, responseUrlBase: running.responseUrlBase });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
