import type { Speaker, TurnContext } from "../../../src/core/reply.js";
import type { ConversationCore } from "../../../src/core/types.js";

export interface CoreCall {
  method: keyof ConversationCore;
  speaker?: Speaker;
  args: unknown[];
  surface?: TurnContext["surface"];
}

/** Wraps a core, recording every call the Slack adapter makes (who, what, from which surface). */
export function spyCore(core: ConversationCore): { core: ConversationCore; calls: CoreCall[] } {
  const calls: CoreCall[] = [];
  const surfaceOf = (context: TurnContext) => context.surface;
  return {
    calls,
    core: {
      handle: (speaker, text, context) => {
        calls.push({ method: "handle", speaker, args: [text], surface: surfaceOf(context) });
        return core.handle(speaker, text, context);
      },
      answerEntry: (speaker, entryId, context) => {
        calls.push({
          method: "answerEntry",
          speaker,
          args: [entryId],
          surface: surfaceOf(context),
        });
        return core.answerEntry(speaker, entryId, context);
      },
      answerCheck: (speaker, answer, context) => {
        calls.push({
          method: "answerCheck",
          speaker,
          args: [answer],
          surface: surfaceOf(context),
        });
        return core.answerCheck(speaker, answer, context);
      },
      creditCheck: (speaker, text, context) => {
        calls.push({ method: "creditCheck", speaker, args: [text], surface: surfaceOf(context) });
        return core.creditCheck(speaker, text, context);
      },
      creditCheckAtOnce: (text, context) => {
        calls.push({ method: "creditCheckAtOnce", args: [text], surface: surfaceOf(context) });
        return core.creditCheckAtOnce(text, context);
      },
      creditCheckAgain: (text) => {
        calls.push({ method: "creditCheckAgain", args: [text] });
        return core.creditCheckAgain(text);
      },
      creditCheckFromFields: (speaker, fields) => {
        calls.push({ method: "creditCheckFromFields", speaker, args: [fields] });
        return core.creditCheckFromFields(speaker, fields);
      },
      recordFeedback: (speaker, entryId, vote, context) => {
        calls.push({
          method: "recordFeedback",
          speaker,
          args: [entryId, vote],
          surface: surfaceOf(context),
        });
        return core.recordFeedback(speaker, entryId, vote, context);
      },
      forget: (speaker) => {
        calls.push({ method: "forget", speaker, args: [] });
        return core.forget(speaker);
      },
      forgetTeam: (teamId) => {
        calls.push({ method: "forgetTeam", args: [teamId] });
        return core.forgetTeam(teamId);
      },
      popular: () => core.popular(),
      readiness: () => core.readiness(),
    },
  };
}

/** A core whose every conversation call fails, to show a failure becomes an apology, not a crash. */
export function failingCore(base: ConversationCore): ConversationCore {
  const fail = (): Promise<never> => Promise.reject(new Error("state store unavailable"));
  return { ...base, handle: fail, answerEntry: fail, answerCheck: fail, creditCheck: fail };
}
