import {
  answerableOnly,
  type EntryOverrides,
  type KnowledgeBase,
  loadKnowledgeBase,
  loadRanker,
} from "../knowledge/loader.js";
import { createMatcher, type Matcher } from "../knowledge/matcher.js";
import { type Answers, createAnswers } from "./answers.js";

export interface Engine {
  /** Every entry as loaded, drafts without a source included (`kb check` reports on them). */
  kb: KnowledgeBase;
  /** The entries the matcher and the answers use: those that cite a source. */
  answerable: KnowledgeBase;
  matcher: Matcher;
  answers: Answers;
}

/**
 * `threshold` overrides the fitted answer threshold (MATCH_THRESHOLD); `overrides` reads some
 * entry files as edited (not yet written).
 */
export async function loadEngine(
  knowledgeDir: string,
  threshold?: number,
  overrides?: EntryOverrides,
): Promise<Engine> {
  const [kb, model] = await Promise.all([
    loadKnowledgeBase(knowledgeDir, overrides),
    loadRanker(knowledgeDir),
  ]);
  const answerable = answerableOnly(kb);
  const matcher = createMatcher(answerable, { model, threshold });
  return { kb, answerable, matcher, answers: createAnswers(answerable, matcher) };
}
