import type { App, MessageShortcut } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { callbackIds } from "../../ids.js";
import { saveAnswerDraft } from "./save-answer-draft.js";

export function registerShortcuts(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    { type: "message_action", callback_id: callbackIds.saveAnswerDraft },
    saveAnswerDraft(deps),
  );
}
