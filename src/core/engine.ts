import { answerableOnly, type KnowledgeBase, loadKnowledgeBase } from "../knowledge/loader.js";
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

/** Two entries whose confidences differ by less than this are offered as "Did you mean…". */
const ambiguityMargin = 0.04;

export async function loadEngine(knowledgeDir: string, threshold: number): Promise<Engine> {
  const kb = await loadKnowledgeBase(knowledgeDir);
  const answerable = answerableOnly(kb);
  const matcher = createMatcher(answerable, { threshold, ambiguityMargin });
  return { kb, answerable, matcher, answers: createAnswers(answerable, matcher) };
}
