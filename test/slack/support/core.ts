import { loadConfig } from "../../../src/config.js";
import { assembleCore, loadKnowledge } from "../../../src/core/assemble.js";
import type { ConversationCore } from "../../../src/core/types.js";
import { type Curation, openCuration } from "../../../src/curation/index.js";
import { type LiveKnowledge, liveKnowledge } from "../../../src/curation/live.js";
import { silentLogger } from "../../../src/logger.js";
import type { RedisConnection } from "../../../src/redis/index.js";
import { openRedisStateStore, openStateStore, type StateStore } from "../../../src/state/index.js";

const opened: StateStore[] = [];

export interface CuratedCore {
  core: ConversationCore;
  knowledge: LiveKnowledge;
  curation: Curation;
}

/**
 * The real conversation core, wired as `npm start` wires it (same defaults unless `env` says
 * otherwise, the repository's knowledge base and rules unless KNOWLEDGE_DIR is given, the misses
 * log and counts), storing under dataDir, or with `redis` its state and misses there.
 */
export async function makeCuratedCore(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  redis?: RedisConnection,
): Promise<CuratedCore> {
  const config = loadConfig({ ...env, DATA_DIR: dataDir });
  const [loaded, store] = await Promise.all([
    loadKnowledge(config),
    redis
      ? openRedisStateStore({ redis, logger: silentLogger, retentionMs: config.stateRetentionMs })
      : openStateStore({ dataDir: config.dataDir, logger: silentLogger }),
  ]);
  opened.push(store);
  const knowledge = liveKnowledge(loaded);
  const curation = await openCuration(config, knowledge, redis);
  const core = assembleCore(config, knowledge, store, silentLogger, curation.recorder);
  return { core, knowledge, curation };
}

export async function makeCore(dataDir: string): Promise<ConversationCore> {
  return (await makeCuratedCore(dataDir)).core;
}

/** Flushes and closes the state of every core made so far, before its folder is removed. */
export async function closeCores(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}
