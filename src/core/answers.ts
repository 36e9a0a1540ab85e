import type { KnowledgeBase } from "../knowledge/loader.js";
import type { Matcher } from "../knowledge/matcher.js";
import type { Entry } from "../knowledge/schema.js";
import { detectIntent, looksLikeFollowUp } from "./intents.js";
import type { AnswerReply, IntroReply, Reply, Suggestion } from "./reply.js";

const maxButtons = 3;

export interface Answers {
  /** A question (or greeting) read on its own, or against the entry the person was last answered. */
  reply(text: string, lastEntryId?: string): AnswerReply | Exclude<Reply, AnswerReply>;
  /** The answer to one entry, as when someone clicks a suggestion. */
  entry(id: string): AnswerReply | undefined;
  intro(): IntroReply;
  popular(): Suggestion[];
}

export const suggestion = (entry: Entry): Suggestion => ({
  id: entry.id,
  question: entry.question,
});

/**
 * The knowledge half of the conversation: greetings, questions, follow-ups, fallbacks.
 * Stateless: whoever calls it says what the person was last answered.
 */
export function createAnswers(kb: KnowledgeBase, matcher: Matcher): Answers {
  // The entries other entries point to most are the ones people reach most often.
  const inbound = new Map<string, number>();
  for (const entry of kb.entries) {
    for (const id of entry.related) inbound.set(id, (inbound.get(id) ?? 0) + 1);
  }
  const popular = [...kb.entries]
    .sort((a, b) => (inbound.get(b.id) ?? 0) - (inbound.get(a.id) ?? 0))
    .slice(0, 5)
    .map(suggestion);

  const rounded = (confidence: number) => Math.round(confidence * 100) / 100;
  const answerReply = (entry: Entry, confidence: number, followUpOf?: string): AnswerReply => ({
    kind: "answer",
    entryId: entry.id,
    question: entry.question,
    text: entry.answer,
    sources: entry.sources,
    confidence: rounded(confidence),
    related: entry.related
      .map((id) => kb.byId.get(id))
      .filter((related): related is Entry => related !== undefined)
      .slice(0, maxButtons)
      .map(suggestion),
    ...(followUpOf ? { followUpOf } : {}),
  });

  const intro = (): IntroReply => ({
    kind: "intro",
    text:
      "Hi! I'm Credit Desk. I answer questions about TikTok ad credits, with the source for every answer: " +
      "custom deals for high-volume advertisers, Joint Business Plans, agency credit, the Credit Line " +
      "(monthly invoicing), new-advertiser credit, coupons and promo codes. Ask me in your own words, or " +
      "run `/credit-check` to see which programs a client's ad account is likely to qualify for.",
    examples: popular.slice(0, maxButtons),
  });

  return {
    intro,
    popular: () => popular,
    entry(id) {
      const entry = kb.byId.get(id);
      return entry ? answerReply(entry, 1) : undefined;
    },
    reply(text, lastEntryId) {
      const intent = detectIntent(text);
      if (intent === "greeting" || intent === "help") return intro();
      const terms = matcher.analyzer.terms(text).length;
      const followUp =
        lastEntryId !== undefined && kb.byId.has(lastEntryId) && looksLikeFollowUp(text, terms);
      const result = matcher.match(text, followUp ? { contextEntryId: lastEntryId } : {});
      if (result.status === "answered") {
        return answerReply(result.entry, result.confidence, followUp ? lastEntryId : undefined);
      }
      if (result.status === "ambiguous") {
        return {
          kind: "clarify",
          text: "That could mean more than one thing. Did you mean one of these?",
          choices: result.choices.map((choice) => suggestion(choice.entry)),
          confidence: rounded(result.confidence),
        };
      }
      const close = result.suggestions.slice(0, maxButtons).map(suggestion);
      return {
        kind: "fallback",
        text:
          "I don't have an answer for that yet. I only know about TikTok ad credits and billing " +
          "programs (custom deals, JBPs, agency credit, the Credit Line, new-advertiser credit, coupons). " +
          (close.length > 0 ? "Were you asking about one of these?" : "People often ask:"),
        suggestions: close.length > 0 ? close : popular.slice(0, maxButtons),
        confidence: rounded(result.confidence),
      };
    },
  };
}
