import { decodeCheckAnswer } from "../../check-button.js";
import type { SlackDeps } from "../../deliver.js";
import { blockIds } from "../../ids.js";
import { escapeMrkdwn } from "../../render/mrkdwn.js";
import { answerClick, type ButtonArgs, readClick, replaceBlock } from "./interaction.js";

/**
 * An answer button of the guided credit check, answered through the core with the check and
 * question it belongs to. Only a click the core took as the answer replaces the buttons with the
 * choice; after a stale one the old message stays as it was and the core's reply says where the
 * check is.
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
    let accepted = false;
    await answerClick(
      deps,
      args,
      click,
      async (core, context) => {
        const answered = await core.answerCheck(click.who, answer, context);
        accepted = answered.accepted;
        return answered.reply;
      },
      async () => {
        if (!accepted) return;
        await replaceBlock(deps, args, click, blockIds.checkOptions, {
          type: "context",
          elements: [
            { type: "mrkdwn", text: `You answered: *${escapeMrkdwn(args.action.text.text)}*` },
          ],
        });
      },
    );
  };
}
