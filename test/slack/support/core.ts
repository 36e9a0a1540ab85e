import { loadConfig } from "../../../src/config.js";
import { createCore } from "../../../src/core/conversation.js";
import { loadEngine } from "../../../src/core/engine.js";
import type { ConversationCore } from "../../../src/core/types.js";
import { silentLogger } from "../../../src/logger.js";
import { loadRules } from "../../../src/rules/index.js";
import { openStateStore, type StateStore } from "../../../src/state/index.js";

const opened: StateStore[] = [];

/**
 * The real conversation core, wired as `npm start` wires it (same defaults, the repository's
 * knowledge base and rules), storing its state under dataDir.
 */
export async function makeCore(dataDir: string): Promise<ConversationCore> {
  const config = loadConfig({ DATA_DIR: dataDir });
  const [engine, rules, store] = await Promise.all([
    loadEngine(config.knowledgeDir, config.matchThreshold),
    loadRules(config.knowledgeDir),
    openStateStore({ dataDir: config.dataDir, logger: silentLogger }),
  ]);
  opened.push(store);
  return createCore({
    answers: engine.answers,
    rules,
    store,
    logger: silentLogger,
    settings: { followUpWindowMs: config.followUpWindowMs, checkExpiryMs: config.checkExpiryMs },
  });
}

/** Flushes and closes the state of every core made so far, before its folder is removed. */
export async function closeCores(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}
