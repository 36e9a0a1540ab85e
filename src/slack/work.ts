import { z } from "zod";
import type { LogFields } from "../logger.js";

/**
 * A request the app has taken on: what it needs to answer it later (the request body as Bolt
 * routes it, without its verification token, and an event without its rich-text blocks, which
 * repeat its text). It holds what people wrote, so it lives in the store only, never in a log.
 */
export interface Work {
  /** The event id for an event (its de-duplication key); a generated id for anything else. */
  id: string;
  /** True for an event: its id is remembered as seen with the work, so a resend is refused. */
  isEvent: boolean;
  body: Record<string, unknown>;
}

export const workBodySchema = z.record(z.string(), z.unknown());

/** A reply Slack did not take after the client's own retries, kept with its reason. */
export interface Undelivered {
  /** The ids the reply's log lines carry (event id, channel, user). */
  ids: LogFields;
  /** Why it failed (Slack's error, the status, a system error code). */
  reason: LogFields;
  /** Where it was going and what it said, so it can still be read or sent by hand. */
  channel?: string;
  threadTs?: string;
  text: string;
}

/**
 * The work queue behind "no acked work lost": a request is recorded here before it is acked and
 * marked done once its reply is sent (or kept as undelivered). Work whose process died before it
 * was done is handed to `resume`'s runner: by the embedded engine at start, by the Redis engine to
 * whichever instance finds it idle.
 */
export interface WorkQueue {
  /**
   * Records the work; for an event, only if its id was not seen before (then "duplicate"). The
   * record is in the store when this resolves.
   */
  accept(work: Work): Promise<"accepted" | "duplicate">;
  /** The work's reply is sent, or kept as undelivered: it is not run again. */
  done(id: string): Promise<void>;
  /** Keeps a reply Slack would not take. */
  keepUndelivered(letter: Undelivered): Promise<void>;
  /** Hands work left unfinished by a stopped or dead process to `run`, one at a time. */
  resume(run: (work: Work) => Promise<void>): void;
  /** Stops resuming, waits for the last writes. */
  close(): Promise<void>;
}

const tokenFree = (body: Record<string, unknown>) => {
  const { token: _token, ...rest } = body;
  return rest;
};

/** What is kept of a request body: no verification token, and no rich-text copy of an event's text. */
export function minimalBody(body: Record<string, unknown>): Record<string, unknown> {
  const kept = tokenFree(body);
  const event = workBodySchema.safeParse(kept.event);
  if (!event.success) return kept;
  const { blocks: _blocks, ...eventKept } = event.data;
  const { event_context: _context, ...envelopeKept } = kept;
  return { ...envelopeKept, event: eventKept };
}
