import { z } from "zod";
import type { Vote } from "../../../core/types.js";
import type { SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { blockIds, entryIdSchema } from "../../ids.js";
import { escapeMrkdwn } from "../../render/mrkdwn.js";
import { type ButtonArgs, clickTurn, readClick, replaceBlock } from "./interaction.js";

const voteSchema = z.enum(["up", "down"]);

/** 👍/👎 under an answer: stored through the core, acknowledged by updating the message in place. */
export function feedbackButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readClick(deps, args);
    const entryId = entryIdSchema.safeParse(args.action.value);
    const vote = voteSchema.safeParse(args.action.action_id.split(":")[1]);
    if (!click || !entryId.success || !vote.success) {
      deps.logger.warn("click ignored: unexpected feedback", { action_id: args.action.action_id });
      return;
    }
    const ids = { ...click.ids, entry_id: entryId.data, vote: vote.data };
    let thanks: string;
    try {
      thanks = await deps.core.recordFeedback(
        click.who,
        entryId.data,
        vote.data satisfies Vote,
        clickTurn(deps, click.target),
      );
    } catch (error) {
      deps.logger.error("feedback not stored", { ...ids, ...errorFields(error) });
      return;
    }
    deps.logger.info("feedback stored", ids);
    const emoji = vote.data === "up" ? "👍" : "👎";
    const updated = await replaceBlock(deps, args, click, blockIds.feedback, {
      type: "context",
      elements: [{ type: "mrkdwn", text: `${emoji} ${escapeMrkdwn(thanks)}` }],
    });
    if (!updated) {
      try {
        await args.respond({ response_type: "ephemeral", replace_original: false, text: thanks });
      } catch (error) {
        deps.logger.error("feedback acknowledgement failed", { ...ids, ...errorFields(error) });
      }
    }
  };
}
