import type { KnowledgeBase } from "../knowledge/loader.js";
import { isOverdue } from "../knowledge/verification.js";
import type { Answers } from "./answers.js";
import type { AnswerReply, Reply } from "./reply.js";

/**
 * Answers that say when their entry was last checked once it is overdue for a check (its
 * `verify_every_days`, or `defaultDays`), so nobody takes a stale figure for a fresh one.
 */
export function withCheckDates(
  answers: Answers,
  kb: KnowledgeBase,
  defaultDays: number,
  now: () => Date = () => new Date(),
): Answers {
  const dated = (reply: AnswerReply): AnswerReply => {
    const entry = kb.byId.get(reply.entryId);
    return entry && isOverdue(entry, now(), defaultDays)
      ? { ...reply, lastChecked: entry.checked }
      : reply;
  };
  return {
    ...answers,
    reply(text, onScreen, askedBefore) {
      const reply: Reply = answers.reply(text, onScreen, askedBefore);
      return reply.kind === "answer" ? dated(reply) : reply;
    },
    entry(id) {
      const reply = answers.entry(id);
      return reply && dated(reply);
    },
  };
}
