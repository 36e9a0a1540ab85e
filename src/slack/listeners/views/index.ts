import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { callbackIds } from "../../ids.js";
import { creditCheckSubmission } from "./credit-check-submission.js";
import { entryDraftSubmission, entryEditSubmission } from "./entry-submission.js";

export function registerViews(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(callbackIds.creditCheckModal, creditCheckSubmission(deps));
  app.view<ViewSubmitAction>(callbackIds.entryDraftModal, entryDraftSubmission(deps));
  app.view<ViewSubmitAction>(callbackIds.entryEditModal, entryEditSubmission(deps));
}
