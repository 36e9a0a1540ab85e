import { stat } from "node:fs/promises";
import { type Config, ConfigError } from "../config.js";
import { KnowledgeBaseError, knowledgeProblems } from "../knowledge/loader.js";
import type { Logger } from "../logger.js";
import { loadRules, type Rules, RulesFileError } from "../rules/index.js";
import { StartError, StartErrorCode } from "../start-error.js";
import type { StateStore } from "../state/index.js";
import { withCheckDates } from "./check-dates.js";
import { createCore } from "./conversation.js";
import { type Engine, loadEngine } from "./engine.js";
import type { TurnRecorder } from "./recorder.js";
import type { ConversationCore } from "./types.js";

export interface Knowledge {
  engine: Engine;
  rules: Rules;
}

/**
 * Every problem in KNOWLEDGE_DIR, entries and rules file together, one line each naming the file
 * (and the entry and field where there is one), so a curator fixes them all in one pass.
 */
export class KnowledgeDirError extends StartError {
  override name = "KnowledgeDirError";
  readonly code = StartErrorCode.Knowledge;
  constructor(readonly problems: string[]) {
    super(knowledgeProblems(problems));
  }
}

const folderHint = "set KNOWLEDGE_DIR to the folder holding entries/ and credit-check.yml";

async function checkFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch(() => undefined);
  if (!found) throw new ConfigError(`KNOWLEDGE_DIR ${dir}: folder not found; ${folderHint}.`);
  if (!found.isDirectory()) {
    throw new ConfigError(`KNOWLEDGE_DIR ${dir}: is a file, not a folder; ${folderHint}.`);
  }
}

const problemsOf = (error: unknown): string[] | undefined =>
  error instanceof KnowledgeBaseError || error instanceof RulesFileError
    ? error.problems
    : undefined;

/**
 * The answer engine and the credit-check rules from KNOWLEDGE_DIR, each validated. Throws
 * KnowledgeDirError listing the problems of both when either is broken.
 */
export async function loadKnowledge(config: Config): Promise<Knowledge> {
  await checkFolder(config.knowledgeDir);
  const [engine, rules] = await Promise.allSettled([
    loadEngine(config.knowledgeDir, config.matchThreshold),
    loadRules(config.knowledgeDir),
  ]);
  if (engine.status === "fulfilled" && rules.status === "fulfilled") {
    return { engine: engine.value, rules: rules.value };
  }
  const problems: string[] = [];
  for (const outcome of [engine, rules]) {
    if (outcome.status === "fulfilled") continue;
    const found = problemsOf(outcome.reason);
    if (!found) throw outcome.reason;
    problems.push(...found);
  }
  throw new KnowledgeDirError(problems);
}

/**
 * The conversation core with the config's settings, as every entry point wires it. The core
 * reads the knowledge at every turn, so a reloaded `knowledge` serves the next one. The recorder
 * is required: an entry point without one would serve turns that `kb stats` never counts.
 */
export function assembleCore(
  config: Config,
  knowledge: Knowledge,
  store: StateStore,
  logger: Logger,
  recorder: TurnRecorder,
): ConversationCore {
  return createCore({
    get answers() {
      const { engine } = knowledge;
      return withCheckDates(engine.answers, engine.kb, config.kbStaleDays);
    },
    get rules() {
      return knowledge.rules;
    },
    store,
    logger,
    settings: { followUpWindowMs: config.followUpWindowMs, checkExpiryMs: config.checkExpiryMs },
    recorder,
  });
}
