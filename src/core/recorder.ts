import type { PersonState } from "../state/index.js";
import type { CreditCheckReply, Reply, Speaker, TurnContext } from "./reply.js";
import type { Vote } from "./types.js";

/**
 * What the curators learn from the conversation: misses (fallbacks, "Did you mean", 👎, a question
 * asked again in other words) and counts. The core calls it once a turn is decided, with the
 * person's state as it was before the turn; it never changes a reply.
 */
export interface TurnRecorder {
  /** A free-text message and the reply it got. */
  asked(
    speaker: Speaker,
    text: string,
    reply: Reply,
    before: PersonState,
    context: TurnContext,
  ): Promise<void>;
  /** A click on a suggested or offered entry. */
  clicked(
    speaker: Speaker,
    entryId: string,
    before: PersonState,
    context: TurnContext,
  ): Promise<void>;
  voted(
    speaker: Speaker,
    entryId: string,
    vote: Vote,
    before: PersonState,
    context: TurnContext,
  ): Promise<void>;
  checked(reply: CreditCheckReply, context: TurnContext): Promise<void>;
  /** "forget me": the person's misses go too. */
  forget(speaker: Speaker): Promise<void>;
  /** A team removed the app: the misses of its people go too. */
  forgetTeam(teamId: string): Promise<void>;
}
