import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { actionPatterns } from "../../ids.js";
import { answerEntryButton } from "./answer-entry.js";
import { checkOptionButton } from "./check-option.js";
import { checkShareButton, checkWhyButton } from "./check-result.js";
import { curateButton } from "./curate.js";
import { feedbackButton } from "./feedback.js";
import { verifyButton } from "./verify.js";

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: actionPatterns.answerEntry },
    answerEntryButton(deps),
  );
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: actionPatterns.feedback },
    feedbackButton(deps),
  );
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: actionPatterns.checkOption },
    checkOptionButton(deps),
  );
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: actionPatterns.checkWhy },
    checkWhyButton(deps),
  );
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: actionPatterns.checkShare },
    checkShareButton(deps),
  );
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: actionPatterns.curate },
    curateButton(deps),
  );
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: actionPatterns.verify },
    verifyButton(deps),
  );
}
