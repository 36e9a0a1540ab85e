import { replyIn, type SlackDeps } from "../../deliver.js";
import { isDirectMessage, plainText, speakerOf, turn } from "../../inbound.js";
import type { EventArgs } from "./event-args.js";

/** A mention in a channel: answered in the mention's thread, or a new thread under it. */
export function appMention(deps: SlackDeps) {
  return async ({ event, body, client, context }: EventArgs): Promise<void> => {
    if (event.type !== "app_mention") return;
    const ids = { event_id: body.event_id, channel: event.channel, user: event.user };
    if (event.subtype !== undefined || event.bot_id !== undefined || event.user === undefined) {
      deps.logger.debug("event ignored", { ...ids, reason: "bot message or subtype" });
      return;
    }
    if (isDirectMessage(event.channel)) {
      // The DM's own message event is answered; answering the mention too would reply twice.
      deps.logger.debug("event ignored", { ...ids, reason: "mention in a direct message" });
      return;
    }
    const who = speakerOf(context, event.user);
    if (!who) {
      deps.logger.warn("event ignored: no team or user", ids);
      return;
    }
    const text = plainText(event.text);
    await replyIn(
      deps,
      client,
      { channel: event.channel, threadTs: event.thread_ts ?? event.ts },
      (core) => core.handle(who, text, turn("channel", deps.now())),
      ids,
    );
  };
}
