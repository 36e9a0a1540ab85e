import { dueOn, today } from "../../../knowledge/verification.js";
import { openModal, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { blockIds, entryIdSchema } from "../../ids.js";
import { editModal } from "../../render/entry-modal.js";
import type { ButtonArgs } from "./interaction.js";

/**
 * The owner's reminder buttons: "Still correct" sets the entry's `checked` to today in its file;
 * "Needs a change" opens the entry in a form. Only the entry's owner or a curator may use them.
 */
export function verifyButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const user = args.body.user.id;
    const entryId = entryIdSchema.safeParse(args.action.value);
    const ids = { action_id: args.action.action_id, user, entry_id: args.action.value };
    const curation = deps.curation;
    const entry = entryId.success
      ? curation?.knowledge.engine.kb.byId.get(entryId.data)
      : undefined;
    if (!curation || !entry || (entry.owner !== user && !curation.curators.has(user))) {
      deps.logger.warn("verification click ignored", ids);
      return;
    }
    if (args.action.action_id === "verify_needs_change") {
      try {
        await openModal(deps, args.context, {
          trigger_id: args.body.trigger_id,
          view: editModal(entry, JSON.stringify({ id: entry.id })),
        });
        deps.logger.info("entry form opened", ids);
      } catch (error) {
        deps.logger.error("entry form failed to open", { ...ids, ...errorFields(error) });
      }
      return;
    }
    await deps.replies.run("chat.postMessage", async () => {
      const day = today(deps.now());
      const outcome = await curation.editor.markChecked(entry.id, day);
      let note: string;
      if (outcome.ok) {
        await curation.reloader.reload();
        deps.logger.info("curator change", { ...ids, change: "checked", file: outcome.file });
        const next = dueOn({ ...entry, checked: day }, curation.staleDays);
        note = `✅ Marked as still correct on ${day} by <@${user}>. Next check due ${next}.`;
      } else {
        note = `❌ Could not mark it checked: ${outcome.reasons.join(" ")}`;
      }
      const channel = args.body.channel?.id;
      const message = args.body.message;
      if (!channel || !message) return;
      const blocks = (message.blocks as { type: string; block_id?: string }[] | undefined) ?? [];
      try {
        await args.client.chat.update({
          channel,
          ts: message.ts,
          text: note,
          blocks: blocks.map((block) =>
            block.block_id === blockIds.verify
              ? {
                  type: "context",
                  block_id: blockIds.verify,
                  elements: [{ type: "mrkdwn", text: note }],
                }
              : block,
          ),
        });
      } catch (error) {
        deps.logger.error("message update failed", { ...ids, ...errorFields(error) });
      }
    });
  };
}
