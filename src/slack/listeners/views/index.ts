import type { SlackDeps } from "../../deliver.js";
import { callbackIds } from "../../ids.js";
import { exactly, type Route, routeById } from "../route.js";
import { creditCheckSubmission } from "./credit-check-submission.js";
import { entryDraftSubmission, entryEditSubmission } from "./entry-submission.js";
import type { SubmissionArgs } from "./submission-args.js";

/** The folder's forms as one route, by the submitted view's callback id. */
export function formRoute(deps: SlackDeps): Route<SubmissionArgs> {
  const forms: Route<SubmissionArgs>[] = [
    { ids: exactly(callbackIds.creditCheckModal), listener: creditCheckSubmission(deps) },
    { ids: exactly(callbackIds.entryDraftModal), listener: entryDraftSubmission(deps) },
    { ids: exactly(callbackIds.entryEditModal), listener: entryEditSubmission(deps) },
  ];
  return routeById(forms, (args) => args.view.callback_id);
}
