import { dirname, resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { ConfigError, loadConfig } from "./config.js";
import { assembleCore, KnowledgeDirError, loadKnowledge } from "./core/assemble.js";
import { openCuration } from "./curation/index.js";
import { liveKnowledge } from "./curation/live.js";
import { errorCode } from "./files/errors.js";
import { createLogger } from "./logger.js";
import { formatResultText } from "./rules/index.js";
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

/** What the file system's answer means for DATA_DIR, by error code. */
const dataDirProblems: Record<string, string> = {
  EEXIST: "has a file where a folder should be",
  ENOTDIR: "has a file where a folder should be",
  EACCES: "cannot be written by this user (permission denied)",
  EPERM: "cannot be written by this user (operation not permitted)",
  EROFS: "is on a read-only file system",
  ENOSPC: "is on a full disk",
};

/** A file-system failure on DATA_DIR as one line naming it; any other error as it was. */
function dataDirError(dataDir: string, error: unknown): unknown {
  const code = String(errorCode(error));
  const problem = dataDirProblems[code];
  if (!problem) return error;
  const folder = resolve(dataDir);
  const path = resolve(error instanceof Error && "path" in error ? String(error.path) : dataDir);
  const what = code === "EEXIST" && path === folder ? "is a file, not a folder" : problem;
  // A file right in DATA_DIR (the lock's temp file) says nothing the folder's name does not.
  const at = path === folder || dirname(path) === folder ? "" : ` (at ${path})`;
  return new ConfigError(
    `DATA_DIR ${dataDir} ${what}${at}: set DATA_DIR to a folder this user can create and write to.`,
  );
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const knowledge = liveKnowledge(await loadKnowledge(config));
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
  }).catch((error: unknown) => {
    throw dataDirError(config.dataDir, error);
  });
  const store = await openStateStore({ dataDir: config.dataDir, logger }).catch(
    async (error: unknown) => {
      await unlock();
      throw dataDirError(config.dataDir, error);
    },
  );
  const curation = await openCuration(config, knowledge).catch(async (error: unknown) => {
    await store.close().finally(unlock);
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
    slack = await startSlack({ config, core, logger });
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
  if (
    error instanceof ConfigError ||
    error instanceof KnowledgeDirError ||
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
