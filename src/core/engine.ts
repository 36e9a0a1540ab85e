import { type KnowledgeBase, loadKnowledgeBase } from "../knowledge/loader.js";
import { createMatcher, type Matcher } from "../knowledge/matcher.js";
import { type Answers, createAnswers } from "./answers.js";

export interface Engine {
  kb: KnowledgeBase;
  matcher: Matcher;
  answers: Answers;
}

/** Two entries whose confidences differ by less than this are offered as "Did you mean…". */
const ambiguityMargin = 0.04;

export async function loadEngine(knowledgeDir: string, threshold: number): Promise<Engine> {
  const kb = await loadKnowledgeBase(knowledgeDir);
  const matcher = createMatcher(kb, { threshold, ambiguityMargin });
  return { kb, matcher, answers: createAnswers(kb, matcher) };
}
