import type { Reply } from "../../../core/reply.js";
import { decodeCheckAnswer } from "../../check-button.js";
import { askCore, type SlackDeps } from "../../deliver.js";
import { blockIds } from "../../ids.js";
import { escapeMrkdwn } from "../../render/mrkdwn.js";
import {
  type ButtonArgs,
  clickTurn,
  deliverClickReply,
  readClick,
  replaceBlock,
} from "./interaction.js";

/**
 * Whether the core took the click as the answer: it moved the check on (the next question, the
 * result, or stopped it on Cancel). A button of a question already answered, or of a check that
 * has ended, gets the current question again (marked repeated), or the `no_check` notice.
 */
export function acceptedAnswer(reply: Reply): boolean {
  switch (reply.kind) {
    case "credit_check":
      return true;
    case "notice":
      return reply.event === "check_cancelled";
    case "check_prompt":
      return !reply.repeated;
    default:
      return false;
  }
}

/**
 * An answer button of the guided credit check, answered through the core with the check and
 * question it belongs to. Only an accepted answer replaces the buttons with the choice; after a
 * stale click the old message stays as it was and the core's reply says where the check is.
 */
export function checkOptionButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readClick(deps, args);
    const answer = decodeCheckAnswer(args.action.value);
    if (!click || !answer) {
      deps.logger.warn("click ignored: unexpected option", { action_id: args.action.action_id });
      return;
    }
    await deps.replies.run(async () => {
      const reply = await askCore(
        deps,
        (core) => core.answerCheck(click.who, answer, clickTurn(deps, click.target)),
        click.ids,
      );
      if (acceptedAnswer(reply)) {
        await replaceBlock(deps, args, click, blockIds.checkOptions, {
          type: "context",
          elements: [
            { type: "mrkdwn", text: `You answered: *${escapeMrkdwn(args.action.text.text)}*` },
          ],
        });
      }
      await deliverClickReply(deps, args, click, reply);
    });
  };
}
