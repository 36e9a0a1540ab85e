import { replyIn, type SlackDeps } from "../../deliver.js";
import { plainText, speakerOf, turn } from "../../inbound.js";
import type { EventArgs } from "./event-args.js";

/**
 * A direct message: answered in the DM, in its thread if it was in one. Bot messages (this app's
 * own included), edits, deletions and every other subtype are ignored.
 */
export function directMessage(deps: SlackDeps) {
  return async ({ event, body, client, context }: EventArgs): Promise<void> => {
    if (event.type !== "message") return;
    const ids = { event_id: body.event_id, channel: event.channel };
    if (event.channel_type !== "im") {
      deps.logger.debug("event ignored", { ...ids, reason: "not a direct message" });
      return;
    }
    if (event.subtype !== undefined) {
      deps.logger.debug("event ignored", { ...ids, reason: "subtype", subtype: event.subtype });
      return;
    }
    if (event.bot_id !== undefined) {
      deps.logger.debug("event ignored", { ...ids, reason: "bot message" });
      return;
    }
    const who = speakerOf(context, event.user);
    if (!who) {
      deps.logger.warn("event ignored: no team or user", ids);
      return;
    }
    const text = plainText(event.text ?? "");
    await replyIn(
      deps,
      client,
      { channel: event.channel, threadTs: event.thread_ts },
      (core) => core.handle(who, text, turn("dm", deps.now())),
      { ...ids, user: event.user },
    );
  };
}
