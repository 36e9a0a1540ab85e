import { loadConfig } from "../../../src/config.js";
import { assembleCore, loadKnowledge } from "../../../src/core/assemble.js";
import type { ConversationCore } from "../../../src/core/types.js";
import { silentLogger } from "../../../src/logger.js";
import { openStateStore, type StateStore } from "../../../src/state/index.js";

const opened: StateStore[] = [];

/**
 * The real conversation core, wired as `npm start` wires it (same defaults, the repository's
 * knowledge base and rules), storing its state under dataDir.
 */
export async function makeCore(dataDir: string): Promise<ConversationCore> {
  const config = loadConfig({ DATA_DIR: dataDir });
  const [knowledge, store] = await Promise.all([
    loadKnowledge(config),
    openStateStore({ dataDir: config.dataDir, logger: silentLogger }),
  ]);
  opened.push(store);
  return assembleCore(config, knowledge, store, silentLogger);
}

/** Flushes and closes the state of every core made so far, before its folder is removed. */
export async function closeCores(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}
