import { z } from "zod";
import type { Vote } from "../../../core/types.js";
import type { LogFields } from "../../../logger.js";
import type { SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { blockIds, entryIdSchema } from "../../ids.js";
import { escapeMrkdwn } from "../../render/mrkdwn.js";
import { type ButtonArgs, type Click, clickTurn, readClick, replaceBlock } from "./interaction.js";

const voteSchema = z.enum(["up", "down"]);

/**
 * 👍/👎 under an answer, stored through the core. In a DM the message is the voter's own, so it is
 * updated in place; in a channel or thread everyone sees it, so only the voter is thanked
 * (ephemerally, where they voted) and the buttons stay for the next person.
 */
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
    const text = `${vote.data === "up" ? "👍" : "👎"} ${escapeMrkdwn(thanks)}`;
    const { target } = click;
    if (target.kind === "message" && target.dm) {
      const updated = await replaceBlock(deps, args, click, blockIds.feedback, {
        type: "context",
        elements: [{ type: "mrkdwn", text }],
      });
      if (updated) return;
    }
    await thankVoter(deps, args, click, text, ids);
  };
}

async function thankVoter(
  deps: SlackDeps,
  args: ButtonArgs,
  click: Click,
  text: string,
  ids: LogFields,
): Promise<void> {
  const { target } = click;
  try {
    if (target.kind === "message") {
      await args.client.chat.postEphemeral({
        channel: target.channel,
        user: click.body.user.id,
        text,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      });
    } else {
      await args.respond({ response_type: "ephemeral", replace_original: false, text });
    }
  } catch (error) {
    deps.logger.error("feedback acknowledgement failed", { ...ids, ...errorFields(error) });
  }
}
