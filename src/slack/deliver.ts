import type { types, webApi } from "@slack/bolt";
import { z } from "zod";
import type { Reply } from "../core/reply.js";
import type { ConversationCore } from "../core/types.js";
import type { LogFields, Logger } from "../logger.js";
import type { SlackCuration } from "./curation.js";
import { errorFields } from "./errors.js";
import type { Installations } from "./installations/index.js";
import type { SlackMessage } from "./render/blocks.js";
import { renderReply } from "./render/reply.js";
import type { ReplyLanes } from "./reply-queue.js";
import type { Undelivered } from "./work.js";

export type WebClient = webApi.WebClient;
type ModalView = types.ModalView;

/** What every listener needs besides Bolt's arguments. */
export interface SlackDeps {
  core: ConversationCore;
  logger: Logger;
  now: () => Date;
  /**
   * Where work after the ack waits its turn, so acks never queue behind replies, in the lane of
   * where the reply goes, so a slow Slack method holds up only the replies that use it.
   */
  replies: ReplyLanes;
  /**
   * Opens modals: its own client, with its own queue and no retries, because a trigger_id lives
   * 3 seconds. Behind the listeners' client a 429 on a reply pauses every call for Retry-After.
   */
  modals: WebClient;
  /** Keeps a reply Slack would not take (after the client's own retries) with its reason. */
  keepUndelivered: (letter: Undelivered) => Promise<void>;
  /** The curators' side: App Home review, shortcuts, owners' reminders. Off when absent. */
  curation?: SlackCuration;
  /** Installed through OAuth: each workspace's installation. Absent with one bot token. */
  installations?: Installations;
}

/**
 * Opens a form through `deps.modals` with the token of the workspace the request came from (Bolt's
 * authorize put it in the request's context).
 */
export function openModal(
  deps: SlackDeps,
  context: { botToken?: string },
  args: { trigger_id: string; view: ModalView },
) {
  return deps.modals.views.open({
    ...args,
    ...(context.botToken ? { token: context.botToken } : {}),
  });
}

/** A channel, and the thread in it when the reply belongs in one. */
export interface Place {
  channel: string;
  threadTs?: string;
}

const postedSchema = z.object({ channel: z.string(), ts: z.string() });

/**
 * chat.postMessage through apiCall: the typed method rejects metadata payloads holding arrays of
 * strings, which Slack accepts and the issue asks for (`suggestions: [ids]`).
 */
export async function postMessage(
  client: WebClient,
  place: Place,
  message: SlackMessage,
): Promise<z.infer<typeof postedSchema>> {
  const result = await client.apiCall("chat.postMessage", {
    channel: place.channel,
    ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
    text: message.text,
    blocks: message.blocks,
    metadata: message.metadata,
    unfurl_links: false,
    unfurl_media: false,
  });
  return postedSchema.parse(result);
}

export const apologyNotice: Reply = {
  kind: "notice",
  event: "error",
  text: "Sorry, I couldn't answer that just now. Please try again in a minute.",
};

/** Runs a core call; a failure is logged and becomes a short apology, never a crash. */
export async function askCore(
  deps: SlackDeps,
  ask: (core: ConversationCore) => Promise<Reply>,
  ids: LogFields,
): Promise<Reply> {
  try {
    return await ask(deps.core);
  } catch (error) {
    deps.logger.error("core failed", { ...ids, ...errorFields(error) });
    return apologyNotice;
  }
}

/**
 * Asks the core and posts its reply in `place`. Never throws: a reply that finally fails (after the
 * client's own retries) is logged with the ids that identify it.
 */
export async function replyIn(
  deps: SlackDeps,
  client: WebClient,
  place: Place,
  ask: (core: ConversationCore) => Promise<Reply>,
  ids: LogFields,
): Promise<void> {
  const reply = await askCore(deps, ask, ids);
  const message = renderReply(reply);
  try {
    const posted = await postMessage(client, place, message);
    deps.logger.info("replied", {
      ...ids,
      kind: reply.kind,
      channel: posted.channel,
      ts: posted.ts,
    });
  } catch (error) {
    await replyFailed(deps, { ...ids, kind: reply.kind }, place, message, error);
  }
}

/**
 * A reply Slack did not take, after the client's own retries: logged with its ids and reason
 * (never its text), and kept with them in the store, so it is not lost with the process.
 */
export async function replyFailed(
  deps: SlackDeps,
  ids: LogFields,
  place: Partial<Place>,
  message: SlackMessage,
  error: unknown,
): Promise<void> {
  const reason = errorFields(error);
  await deps.keepUndelivered({
    ids,
    reason,
    channel: place.channel,
    threadTs: place.threadTs,
    text: message.text,
  });
  deps.logger.error("reply failed", { ...ids, ...reason, kept: "undelivered" });
}
