import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, Middleware } from "@slack/bolt";
import type { SlackDeps } from "../deliver.js";
import { buttonRoute } from "./actions/index.js";
import type { ButtonArgs } from "./actions/interaction.js";
import type { Route } from "./route.js";
import { shortcutRoute } from "./shortcuts/index.js";
import type { ShortcutArgs } from "./shortcuts/shortcut-args.js";
import { formRoute } from "./views/index.js";
import type { SubmissionArgs } from "./views/submission-args.js";

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** The routes of Slack's interactivity requests: clicks, form submissions, message shortcuts. */
export interface InteractivityRoutes {
  buttons: Route<ButtonArgs>;
  forms: Route<SubmissionArgs>;
  shortcuts: Route<ShortcutArgs>;
}

const typeOf = (args: Args): unknown => ("type" in args.body ? args.body.type : undefined);

// Bolt sets `action` (the first of `actions`), `view` and `shortcut` from the payload's type.
const isClick = (args: Args): args is ButtonArgs =>
  typeOf(args) === "block_actions" && "action" in args && args.action !== undefined;
const isSubmission = (args: Args): args is SubmissionArgs =>
  typeOf(args) === "view_submission" && "view" in args;
const isMessageShortcut = (args: Args): args is ShortcutArgs =>
  typeOf(args) === "message_action" && "shortcut" in args;

/**
 * One global middleware that hands each interactivity request to its folder's route, in place
 * of a Bolt listener per kind. Bolt runs every registered listener's matchers on every request,
 * so each listener costs every request (a `/credit-check` and an event included) CPU and
 * garbage that outlives the request (README, Performance). A request no route takes goes on to
 * Bolt's listeners, which leave it unhandled as before.
 */
export function interactivityRouter(routes: InteractivityRoutes): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (isClick(args) && routes.buttons.ids.test(args.action.action_id)) {
      await routes.buttons.listener(args);
    } else if (isSubmission(args) && routes.forms.ids.test(args.view.callback_id)) {
      await routes.forms.listener(args);
    } else if (isMessageShortcut(args) && routes.shortcuts.ids.test(args.shortcut.callback_id)) {
      await routes.shortcuts.listener(args);
    } else {
      await args.next();
    }
  };
}

export function registerInteractivity(app: App, deps: SlackDeps): void {
  app.use(
    interactivityRouter({
      buttons: buttonRoute(deps),
      forms: formRoute(deps),
      shortcuts: shortcutRoute(deps),
    }),
  );
}
