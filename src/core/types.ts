import type { CheckInput } from "../rules/types.js";
import type { Reply, Speaker, Suggestion, TurnContext } from "./reply.js";

export type Vote = "up" | "down";

export type Readiness = { ready: true } | { ready: false; reason: string };

/** The reply to a guided-check button, and whether it answered the question (moved the check on). */
export interface CheckClick {
  reply: Reply;
  accepted: boolean;
}

/** What a guided-check button carries: the check and question it answers, and the value. */
export interface CheckAnswer {
  checkId: string;
  key: string;
  value: string;
}

/**
 * The one conversation core every adapter (Slack, terminal, CLI) talks to.
 * It knows nothing of Slack: it takes ids and text and returns transport-neutral replies.
 */
export interface ConversationCore {
  /** A free-text message: a question, a follow-up, a greeting, "forget me", or a guided-check answer. */
  handle(speaker: Speaker, text: string, context: TurnContext): Promise<Reply>;
  /** A click on a related-question or suggestion button: answer that entry directly. */
  answerEntry(speaker: Speaker, entryId: string, context: TurnContext): Promise<Reply>;
  /**
   * A click on a guided-check answer button. It counts only while that check still waits on that
   * question; an older button (or a second click) gets the current question again instead.
   */
  answerCheck(speaker: Speaker, answer: CheckAnswer, context: TurnContext): Promise<CheckClick>;
  /**
   * The `/credit-check` reply when the text alone decides it, so an adapter can give it at once
   * (Slack: in the command's ack): `help`, input with problems, or any check run in a channel.
   * Undefined when it needs the person's state: `forget`, and in a DM or the terminal a guided
   * check or a check that ends a waiting one; `creditCheck` answers those.
   */
  creditCheckAtOnce(text: string, context: TurnContext): Reply | undefined;
  /**
   * The check of this input again, to show a program's reasons or share the result: never
   * counted again and never touching anyone's state.
   */
  creditCheckAgain(text: string): Reply;
  /** The `/credit-check` command text (everything after the command name). */
  creditCheck(speaker: Speaker, text: string, context: TurnContext): Promise<Reply>;
  /** A credit check submitted from a form (the Slack modal), already split into fields. */
  creditCheckFromFields(speaker: Speaker, fields: Partial<Record<keyof CheckInput, string>>): Reply;
  /** A 👍/👎 on an answer; returns the acknowledgement text to show. */
  recordFeedback(
    speaker: Speaker,
    entryId: string,
    vote: Vote,
    context: TurnContext,
  ): Promise<string>;
  /** Delete everything stored about this person. */
  forget(speaker: Speaker): Promise<Reply>;
  /**
   * Delete everything stored about every person of a team (the `teamId` their Speaker carries),
   * as when a workspace removes the app; resolves with how many people's state went.
   */
  forgetTeam(teamId: string): Promise<number>;
  /** Popular questions, for App Home and the introduction. */
  popular(): Suggestion[];
  /** Whether replies can be given now: the state they depend on can be written. */
  readiness(): Promise<Readiness>;
}
