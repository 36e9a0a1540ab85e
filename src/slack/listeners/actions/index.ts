import type { SlackDeps } from "../../deliver.js";
import { actionPatterns } from "../../ids.js";
import { type Route, routeById } from "../route.js";
import { answerEntryButton } from "./answer-entry.js";
import { checkOptionButton } from "./check-option.js";
import { checkShareButton, checkWhyButton } from "./check-result.js";
import { curateButton } from "./curate.js";
import { feedbackButton } from "./feedback.js";
import type { ButtonArgs } from "./interaction.js";
import { verifyButton } from "./verify.js";

/** The folder's buttons as one route, by action id. */
export function buttonRoute(deps: SlackDeps): Route<ButtonArgs> {
  const buttons: Route<ButtonArgs>[] = [
    { ids: actionPatterns.answerEntry, listener: answerEntryButton(deps) },
    { ids: actionPatterns.feedback, listener: feedbackButton(deps) },
    { ids: actionPatterns.checkOption, listener: checkOptionButton(deps) },
    { ids: actionPatterns.checkWhy, listener: checkWhyButton(deps) },
    { ids: actionPatterns.checkShare, listener: checkShareButton(deps) },
    { ids: actionPatterns.curate, listener: curateButton(deps) },
    { ids: actionPatterns.verify, listener: verifyButton(deps) },
  ];
  return routeById(buttons, (args) => args.action.action_id);
}
