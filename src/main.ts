import { config as loadDotenv } from "dotenv";
import { ConfigError, loadConfig } from "./config.js";
import { assembleCore, loadKnowledge } from "./core/assemble.js";
import { KnowledgeBaseError } from "./knowledge/loader.js";
import { createLogger } from "./logger.js";
import { formatResultText, RulesFileError } from "./rules/index.js";
import { type SlackHandle, startSlack } from "./slack/index.js";
import {
  DataDirLockedError,
  lockDataDir,
  openStateStore,
  StateLayoutError,
  StateStoreClosedError,
  StateVersionError,
} from "./state/index.js";
import { runTerminal } from "./terminal/repl.js";

const day = 24 * 60 * 60 * 1000;

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const knowledge = await loadKnowledge(config);
  const { kb, answerable } = knowledge.engine;
  if (answerable.entries.length < kb.entries.length) {
    logger.warn("entries without a source are not answered; run kb check", {
      drafts: kb.entries.length - answerable.entries.length,
    });
  }
  const unlock = await lockDataDir(config.dataDir, {
    onLost: () => {
      // Another process now writes DATA_DIR: writing on, even to flush, could undo its writes.
      logger.error("DATA_DIR lock taken over by another process, stopping at once", {
        data_dir: config.dataDir,
      });
      process.exit(1);
    },
  });
  const store = await openStateStore({ dataDir: config.dataDir, logger }).catch(
    async (error: unknown) => {
      await unlock();
      throw error;
    },
  );
  const prune = () =>
    store
      .prune(new Date(Date.now() - config.stateRetentionMs))
      .then((count) => count > 0 && logger.info("pruned idle state", { people: count }))
      .catch((error: unknown) => {
        // Closing the store at shutdown ends a prune under way; the next start prunes again.
        if (!(error instanceof StateStoreClosedError))
          logger.warn("pruning failed", { reason: String(error) });
      });
  // Pruning visits every person's file; at start it runs alongside serving, not before it.
  void prune();
  const pruneTimer = setInterval(prune, day);
  pruneTimer.unref();

  const core = assembleCore(config, knowledge, store, logger);
  /** Stops pruning, flushes and closes the state, then releases DATA_DIR, whatever fails. */
  const closeState = async () => {
    clearInterval(pruneTimer);
    await store.close().finally(unlock);
  };

  if (config.transport.kind === "terminal") {
    await runTerminal({
      core,
      formatCheck: (reply) => formatResultText(reply.result, knowledge.rules),
    });
    await closeState();
    return;
  }

  let slack: SlackHandle;
  try {
    slack = await startSlack({ config, core, logger });
  } catch (error) {
    await closeState();
    throw error;
  }
  logger.info("credit desk is running", {
    transport: config.transport.kind,
    port: slack.port,
    entries: answerable.entries.length,
  });
  const shutdown = async (signal: string) => {
    logger.info("shutting down", { signal });
    await slack.stop().finally(closeState);
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
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof KnowledgeBaseError ||
    error instanceof RulesFileError ||
    error instanceof StateVersionError ||
    error instanceof StateLayoutError ||
    error instanceof DataDirLockedError
  ) {
    process.stderr.write(`Credit Desk cannot start. ${error.message}\n`);
  } else {
    process.stderr.write(
      `Credit Desk stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
