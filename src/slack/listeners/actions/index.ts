import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { actionPatterns } from "../../ids.js";
import { answerEntryButton } from "./answer-entry.js";
import { checkOptionButton } from "./check-option.js";
import { feedbackButton } from "./feedback.js";
import type { ButtonArgs } from "./interaction.js";
import { noOptions } from "./options.js";
import { unhandledAction } from "./unhandled.js";

const buttons: {
  pattern: RegExp;
  listener: (deps: SlackDeps) => (args: ButtonArgs) => Promise<void>;
}[] = [
  { pattern: actionPatterns.answerEntry, listener: answerEntryButton },
  { pattern: actionPatterns.feedback, listener: feedbackButton },
  { pattern: actionPatterns.checkOption, listener: checkOptionButton },
];

export function registerActions(app: App, deps: SlackDeps): void {
  for (const { pattern, listener } of buttons) {
    app.action<BlockButtonAction>({ type: "block_actions", action_id: pattern }, listener(deps));
  }
  app.action(
    { type: "block_actions" },
    unhandledAction(
      deps,
      buttons.map((button) => button.pattern),
    ),
  );
  app.options({}, noOptions(deps));
}
