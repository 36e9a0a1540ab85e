import { z } from "zod";
import type { SlackDeps } from "../../deliver.js";
import { blockIds } from "../../ids.js";
import { escapeMrkdwn } from "../../render/mrkdwn.js";
import { answerClick, type ButtonArgs, readClick, replaceBlock } from "./interaction.js";

const optionSchema = z.string().trim().min(1).max(100);

/**
 * An answer button of the guided credit check: its value goes back through the core as if the person
 * had typed it, and the buttons are replaced by their choice so they cannot answer twice.
 */
export function checkOptionButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readClick(deps, args);
    const value = optionSchema.safeParse(args.action.value);
    if (!click || !value.success) {
      deps.logger.warn("click ignored: unexpected option", { action_id: args.action.action_id });
      return;
    }
    await replaceBlock(deps, args, click, blockIds.checkOptions, {
      type: "context",
      elements: [
        { type: "mrkdwn", text: `You answered: *${escapeMrkdwn(args.action.text.text)}*` },
      ],
    });
    await answerClick(deps, args, click, (core, context) =>
      core.handle(click.who, value.data, context),
    );
  };
}
