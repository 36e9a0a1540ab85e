import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { loadRules, type Rules } from "../rules/index.js";
import type { StateStore } from "../state/index.js";
import { createCore } from "./conversation.js";
import { type Engine, loadEngine } from "./engine.js";
import type { ConversationCore } from "./types.js";

export interface Knowledge {
  engine: Engine;
  rules: Rules;
}

/** The answer engine and the credit-check rules from KNOWLEDGE_DIR, each validated. */
export async function loadKnowledge(config: Config): Promise<Knowledge> {
  const [engine, rules] = await Promise.all([
    loadEngine(config.knowledgeDir, config.matchThreshold),
    loadRules(config.knowledgeDir),
  ]);
  return { engine, rules };
}

/** The conversation core with the config's settings, as every entry point wires it. */
export function assembleCore(
  config: Config,
  { engine, rules }: Knowledge,
  store: StateStore,
  logger: Logger,
): ConversationCore {
  return createCore({
    answers: engine.answers,
    rules,
    store,
    logger,
    settings: { followUpWindowMs: config.followUpWindowMs, checkExpiryMs: config.checkExpiryMs },
  });
}
