import type { Source } from "../knowledge/schema.js";
import type { CheckResult } from "../rules/types.js";

// Who is talking is the state layer's key; adapters get it here with the rest of the turn API.
export type { Speaker } from "../state/index.js";

/** A knowledge-base entry offered as a choice (a button in Slack, a numbered line in the terminal). */
export interface Suggestion {
  id: string;
  question: string;
}

export interface TurnContext {
  /** "dm" and "terminal" allow the guided credit check; "channel" replies stay short and public. */
  surface: "dm" | "channel" | "terminal";
  now: Date;
}

export interface AnswerReply {
  kind: "answer";
  entryId: string;
  question: string;
  /** Markdown as curated in knowledge/ (bold, links, bullet lists); each adapter converts it. */
  text: string;
  sources: Source[];
  confidence: number;
  related: Suggestion[];
  /** Set when a short follow-up was read against the person's previous answer. */
  followUpOf?: string;
  /** A line shown under the answer, e.g. that a guided credit check is still waiting. */
  aside?: string;
  /** How to check a client's eligibility, under an answer to whether a client can get a program. */
  checkTip?: string;
  /** Set (YYYY-MM-DD) when the entry is overdue for a check: the day it was last checked. */
  lastChecked?: string;
}

export interface FallbackReply {
  kind: "fallback";
  text: string;
  suggestions: Suggestion[];
  /**
   * How well the closest entry fitted (0–1): below what an answer needs, which is the threshold,
   * or more for a question with nothing about credits or billing in it.
   */
  confidence: number;
  /** The closest entries the search found, for the curators' misses log. */
  considered: Considered[];
  /**
   * A question read alone that reads as being about credits, its suggestions the entries it may
   * have meant: like a "Did you mean", a message typed next may pick one (answers.ts,
   * onScreenAfter).
   */
  unsure?: boolean;
  /** A line shown under the suggestions, e.g. that a guided credit check is still waiting. */
  aside?: string;
}

/** An entry the search weighed for a question, and how well it fitted (0–1). */
export interface Considered {
  id: string;
  confidence: number;
}

/** Two entries fit the question about equally well: ask instead of guessing. */
export interface ClarifyReply {
  kind: "clarify";
  text: string;
  choices: Suggestion[];
  /** How well the choices fit (0–1): above the threshold, too close to pick one. */
  confidence: number;
  considered: Considered[];
  /** A line shown under the choices, e.g. that a guided credit check is still waiting. */
  aside?: string;
}

export interface IntroReply {
  kind: "intro";
  text: string;
  examples: Suggestion[];
}

export interface CreditCheckReply {
  kind: "credit_check";
  result: CheckResult;
  /** What a check run again from the one before changed ("what if they were an agency?"). */
  lead?: string;
}

/** One step of the guided credit check: a question, with choices when the answer is an enumeration. */
export interface CheckPromptReply {
  kind: "check_prompt";
  /** Which check the question belongs to, so an answer button from an older one is recognised. */
  checkId: string;
  key: string;
  text: string;
  options: { value: string; label: string }[];
}

export interface NoticeReply {
  kind: "notice";
  /** Machine-readable reason, used as the Slack metadata event type and by tests. */
  event:
    | "forgotten"
    | "check_help"
    | "check_cancelled"
    | "acknowledged"
    | "no_check"
    | "too_long"
    | "nothing_to_pick"
    | "flagged"
    | "check_explained"
    | "error";
  text: string;
}

export type Reply =
  | AnswerReply
  | FallbackReply
  | ClarifyReply
  | IntroReply
  | CreditCheckReply
  | CheckPromptReply
  | NoticeReply;
