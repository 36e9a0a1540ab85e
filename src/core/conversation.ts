import type { Logger } from "../logger.js";
import { checkFields, checkText, creditCheckUsage, type Rules } from "../rules/index.js";
import type { CheckInput, InputKey } from "../rules/types.js";
import type { PersonState, StateStore } from "../state/index.js";
import type { Answers } from "./answers.js";
import { continueGuidedCheck, isExpired, startGuidedCheck } from "./guided-check.js";
import { detectIntent } from "./intents.js";
import type { NoticeReply, Reply, Speaker, TurnContext } from "./reply.js";
import type { ConversationCore, Vote } from "./types.js";

export interface CoreSettings {
  followUpWindowMs: number;
  checkExpiryMs: number;
}

export interface CoreDeps {
  answers: Answers;
  rules: Rules;
  store: StateStore;
  logger: Logger;
  settings: CoreSettings;
}

const notice = (event: NoticeReply["event"], text: string): NoticeReply => ({
  kind: "notice",
  event,
  text,
});

const forgotten = notice(
  "forgotten",
  "Done: I have deleted everything I stored about you (our conversation, your feedback and any unfinished credit check).",
);

const channelCheckHint = notice(
  "check_help",
  "I can walk you through a credit check in a direct message with me, or run it right here with " +
    "`/credit-check advertiser=agency months=8 spend=40k payments=good` (type `/credit-check help` for every option).",
);

/** What a reply adds to the person's short history; only answers move the follow-up context. */
function remember(state: PersonState, text: string, reply: Reply, now: Date): PersonState {
  const at = now.toISOString();
  const entryId = reply.kind === "answer" ? reply.entryId : undefined;
  return {
    ...state,
    lastAnswer: entryId ? { entryId, at } : state.lastAnswer,
    turns: [
      ...state.turns,
      { at, role: "user" as const, text },
      { at, role: "bot" as const, text: reply.kind, ...(entryId ? { entryId } : {}) },
    ],
  };
}

/** The values already given, spelled the way a person would type them, to pre-fill the guided check. */
function asFields(input: CheckInput): Partial<Record<InputKey, string>> {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      typeof value === "boolean" ? (value ? "yes" : "no") : String(value),
    ]),
  );
}

export function createCore(deps: CoreDeps): ConversationCore {
  const { answers, rules, store, settings } = deps;

  const recentEntry = (state: PersonState, now: Date): string | undefined => {
    if (!state.lastAnswer) return undefined;
    const age = now.getTime() - Date.parse(state.lastAnswer.at);
    return age >= 0 && age <= settings.followUpWindowMs ? state.lastAnswer.entryId : undefined;
  };

  const forget = async (speaker: Speaker): Promise<Reply> => {
    await store.forget(speaker);
    return forgotten;
  };

  /** Starts (or restarts) the guided check with whatever the person already gave. */
  const startCheck = async (
    speaker: Speaker,
    fields: Parameters<typeof startGuidedCheck>[0],
    now: Date,
  ): Promise<Reply> => {
    const started = startGuidedCheck(fields, now, rules);
    await store.update(speaker, (state) => ({ ...state, pendingCheck: started.pending }));
    return started.reply;
  };

  return {
    popular: () => answers.popular(),

    async handle(speaker, text, context) {
      const intent = detectIntent(text);
      if (intent === "forget") return forget(speaker);
      const state = await store.get(speaker);
      const canGuide = context.surface !== "channel";
      const pending = state.pendingCheck;

      if (pending && canGuide && !isExpired(pending, context.now, settings.checkExpiryMs)) {
        const step = continueGuidedCheck(pending, text, context.now, rules);
        await store.update(speaker, (current) => ({ ...current, pendingCheck: step.pending }));
        return step.reply;
      }
      if (intent === "start_check") {
        return canGuide ? startCheck(speaker, {}, context.now) : channelCheckHint;
      }
      const reply = answers.reply(text, recentEntry(state, context.now));
      await store.update(speaker, (current) => ({
        ...remember(current, text, reply, context.now),
        pendingCheck:
          pending && isExpired(pending, context.now, settings.checkExpiryMs)
            ? null
            : current.pendingCheck,
      }));
      return reply;
    },

    async answerEntry(speaker, entryId, context) {
      const reply = answers.entry(entryId);
      if (!reply) {
        return notice(
          "error",
          "That question is no longer in my knowledge base. Try asking it in your own words.",
        );
      }
      await store.update(speaker, (state) => remember(state, reply.question, reply, context.now));
      return reply;
    },

    async creditCheck(speaker, text, context) {
      const command = text.trim().toLowerCase();
      if (command === "forget") return forget(speaker);
      if (command === "help") return notice("check_help", creditCheckUsage);
      const result = checkText(text, rules);
      const canGuide = context.surface !== "channel";
      if (canGuide && (command === "" || (result.status === "ok" && result.missing.length > 0))) {
        return startCheck(
          speaker,
          result.status === "ok" ? asFields(result.input) : {},
          context.now,
        );
      }
      return { kind: "credit_check", result };
    },

    creditCheckFromFields(_speaker, fields) {
      return { kind: "credit_check", result: checkFields(fields, rules) };
    },

    async recordFeedback(speaker, entryId, vote: Vote, context: TurnContext) {
      await store.update(speaker, (state) => ({
        ...state,
        feedback: [...state.feedback, { entryId, vote, at: context.now.toISOString() }],
      }));
      return vote === "up"
        ? "Thanks, glad that helped."
        : "Thanks for telling me. A curator will review this answer.";
    },

    forget,
  };
}
