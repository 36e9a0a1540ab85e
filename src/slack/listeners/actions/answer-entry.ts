import type { SlackDeps } from "../../deliver.js";
import { entryIdSchema } from "../../ids.js";
import { answerClick, type ButtonArgs, readClick } from "./interaction.js";

/** A related, suggestion, example or App Home question button: answers that entry where it was clicked. */
export function answerEntryButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readClick(deps, args);
    const entryId = entryIdSchema.safeParse(args.action.value);
    if (!click || !entryId.success) {
      deps.logger.warn("click ignored: unexpected entry id", { action_id: args.action.action_id });
      return;
    }
    await answerClick(deps, args, click, (core, context) =>
      core.answerEntry(click.who, entryId.data, context),
    );
  };
}
