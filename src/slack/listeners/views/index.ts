import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { callbackIds } from "../../ids.js";
import { exactly, type Route, routeById } from "../route.js";
import { creditCheckSubmission } from "./credit-check-submission.js";
import { entryDraftSubmission, entryEditSubmission } from "./entry-submission.js";
import type { SubmissionArgs } from "./submission-args.js";

export function registerViews(app: App, deps: SlackDeps): void {
  const forms: Route<SubmissionArgs>[] = [
    { ids: exactly(callbackIds.creditCheckModal), listener: creditCheckSubmission(deps) },
    { ids: exactly(callbackIds.entryDraftModal), listener: entryDraftSubmission(deps) },
    { ids: exactly(callbackIds.entryEditModal), listener: entryEditSubmission(deps) },
  ];
  const { ids, listener } = routeById(forms, (args) => args.view.callback_id);
  app.view<ViewSubmitAction>({ type: "view_submission", callback_id: ids }, listener);
}
