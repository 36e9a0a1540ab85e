import { config as loadDotenv } from "dotenv";
import { loadConfig } from "./config.js";
import { assembleCore, loadKnowledge } from "./core/assemble.js";
import { openCuration } from "./curation/index.js";
import { liveKnowledge } from "./curation/live.js";
import { createReloader } from "./curation/reload.js";
import { dataDirError } from "./files/data-dir-error.js";
import { createLogger, toStderr } from "./logger.js";
import { connectRedis, type RedisConnection } from "./redis/index.js";
import { formatResultText } from "./rules/index.js";
import { createSlackCuration } from "./slack/curation.js";
import { type SlackHandle, startSlack } from "./slack/index.js";
import { isStartError } from "./start-error.js";
import {
  lockDataDir,
  openRedisStateStore,
  openStateStore,
  StateStoreClosedError,
} from "./state/index.js";
import { runTerminal } from "./terminal/repl.js";

const day = 24 * 60 * 60 * 1000;

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  const knowledge = liveKnowledge(await loadKnowledge(config));
  const { kb, answerable } = knowledge.engine;
  if (answerable.entries.length < kb.entries.length) {
    logger.warn("entries without a source are not answered; run kb check", {
      drafts: kb.entries.length - answerable.entries.length,
    });
  }
  const redis: RedisConnection | undefined =
    config.store.engine === "redis" ? await connectRedis({ ...config.store, logger }) : undefined;
  // The lock keeps a second process off the embedded engine's files; on Redis, each person's
  // turn lock lets any number of instances share the state.
  const unlock = redis
    ? () => Promise.resolve()
    : await lockDataDir(config.dataDir, {
        onLost: () => {
          // Another process now writes DATA_DIR: writing on, even to flush, could undo its writes.
          logger.error("DATA_DIR lock taken over by another process, stopping at once", {
            data_dir: config.dataDir,
          });
          process.exit(1);
        },
      }).catch((error: unknown) => {
        throw dataDirError(config.dataDir, error);
      });
  /** Releases DATA_DIR, then closes the connection to Redis, whatever fails. */
  const release = () => unlock().finally(() => redis?.close());
  const store = redis
    ? openRedisStateStore({ redis, logger, retentionMs: config.stateRetentionMs })
    : await openStateStore({ dataDir: config.dataDir, logger }).catch(async (error: unknown) => {
        await release();
        throw dataDirError(config.dataDir, error);
      });
  const curation = await openCuration(config, knowledge, redis).catch(async (error: unknown) => {
    await store.close().finally(release);
    throw dataDirError(config.dataDir, error);
  });
  const prune = () =>
    Promise.all([
      store
        .prune(new Date(Date.now() - config.stateRetentionMs))
        .then((count) => count > 0 && logger.info("pruned idle state", { people: count }))
        .catch((error: unknown) => {
          // Closing the store at shutdown ends a prune under way; the next start prunes again.
          if (!(error instanceof StateStoreClosedError))
            logger.warn("pruning failed", { reason: String(error) });
        }),
      curation
        .prune(new Date())
        .then((count) => count > 0 && logger.info("pruned old misses", { misses: count }))
        .catch((error: unknown) => logger.warn("pruning misses failed", { reason: String(error) })),
    ]);
  // Pruning visits every person's file; at start it runs alongside serving, not before it.
  void prune();
  const pruneTimer = setInterval(prune, day);
  pruneTimer.unref();

  const core = assembleCore(config, knowledge, store, logger, curation.recorder);
  // Edits to KNOWLEDGE_DIR, by hand or from Slack, are served without a restart once valid.
  const reloader = createReloader({ config, knowledge, logger, watch: true });
  /** Stops pruning, flushes and closes the state, then releases DATA_DIR, whatever fails. */
  const closeState = async () => {
    reloader.close();
    clearInterval(pruneTimer);
    await store.close().finally(release);
  };

  if (config.transport.kind === "terminal") {
    await runTerminal({
      core,
      formatCheck: (reply) => formatResultText(reply.result, knowledge.rules),
    });
    await closeState();
    return;
  }

  let slack: SlackHandle | undefined;
  const shutdown = async (signal: string) => {
    logger.info("shutting down", { signal });
    // During the start there may be no Slack app yet; whatever the start still waits on ends
    // with the process.
    await (slack?.stop() ?? Promise.resolve()).finally(closeState);
    logger.info("stopped cleanly");
  };
  let stopped: Promise<void> | undefined;
  const onSignal = (signal: string) => {
    // A second signal while stopping waits for the same shutdown instead of cutting it short.
    if (stopped) return;
    stopped = shutdown(signal);
    stopped.then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("shutdown failed", {
          reason: error instanceof Error ? error.message : String(error),
        });
        process.exit(1);
      },
    );
  };
  // Listening before the start, which can wait on Slack, so a signal then stops it cleanly too.
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));

  try {
    slack = await startSlack({
      config,
      core,
      logger,
      curation: createSlackCuration({ config, knowledge, reloader, curation }),
      redis,
    });
  } catch (error) {
    if (stopped) return;
    await closeState();
    throw error;
  }
  if (stopped) {
    // The signal came while starting: shutdown has closed the state; stop what the start opened.
    await slack.stop();
    return;
  }
  logger.info("credit desk is running", {
    transport: config.transport.kind,
    port: slack.port,
    entries: answerable.entries.length,
  });
}

main().catch((error: unknown) => {
  toStderr(
    isStartError(error)
      ? `Credit Desk cannot start. ${error.message}`
      : `Credit Desk stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
