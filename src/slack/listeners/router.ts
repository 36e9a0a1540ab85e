import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, Middleware } from "@slack/bolt";
import type { SlackDeps } from "../deliver.js";
import { buttonRoute } from "./actions/index.js";
import type { ButtonArgs } from "./actions/interaction.js";
import type { CommandArgs } from "./commands/command-args.js";
import { commandRoute } from "./commands/index.js";
import type { EventArgs } from "./events/event-args.js";
import { eventRoute } from "./events/index.js";
import type { Route } from "./route.js";
import { shortcutRoute } from "./shortcuts/index.js";
import type { ShortcutArgs } from "./shortcuts/shortcut-args.js";
import { formRoute } from "./views/index.js";
import type { SubmissionArgs } from "./views/submission-args.js";

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Each folder's route: events, slash commands, and the interactivity requests. */
export interface Routes {
  events: Route<EventArgs>;
  commands: Route<CommandArgs>;
  buttons: Route<ButtonArgs>;
  forms: Route<SubmissionArgs>;
  shortcuts: Route<ShortcutArgs>;
}

const typeOf = (args: Args): unknown => ("type" in args.body ? args.body.type : undefined);

// Bolt sets `event`, `command`, `action` (the first of `actions`), `view` and `shortcut` from
// the request's kind, before any middleware runs.
const isEvent = (args: Args): args is EventArgs =>
  typeOf(args) === "event_callback" && "event" in args;
const isCommand = (args: Args): args is CommandArgs => "command" in args;
const isClick = (args: Args): args is ButtonArgs =>
  typeOf(args) === "block_actions" && "action" in args && args.action !== undefined;
const isSubmission = (args: Args): args is SubmissionArgs =>
  typeOf(args) === "view_submission" && "view" in args;
const isMessageShortcut = (args: Args): args is ShortcutArgs =>
  typeOf(args) === "message_action" && "shortcut" in args;

/**
 * Routes every request to its folder's route from one global middleware, as Bolt's own
 * `Assistant` routes its events, instead of a Bolt listener per kind: Bolt runs every
 * registered listener's matchers on every request, so each listener costs every request CPU and
 * garbage that outlives it (README, Performance). A request no route takes goes on to Bolt,
 * which leaves it unhandled as before.
 */
export function requestRouter(routes: Routes): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (isCommand(args) && routes.commands.ids.test(args.command.command)) {
      await routes.commands.listener(args);
    } else if (isEvent(args) && routes.events.ids.test(args.event.type)) {
      await routes.events.listener(args);
    } else if (isClick(args) && routes.buttons.ids.test(args.action.action_id)) {
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

export function registerListeners(app: App, deps: SlackDeps): void {
  app.use(
    requestRouter({
      events: eventRoute(deps),
      commands: commandRoute(deps),
      buttons: buttonRoute(deps),
      forms: formRoute(deps),
      shortcuts: shortcutRoute(deps),
    }),
  );
}
