import type { SlackDeps } from "../../deliver.js";
import { exactly, type Route, routeById } from "../route.js";
import { appHomeOpened } from "./app-home-opened.js";
import { appMention } from "./app-mention.js";
import { directMessage } from "./direct-message.js";
import type { EventArgs } from "./event-args.js";
import { workspaceRemoved } from "./workspace-removed.js";

/**
 * The folder's events as one route, by event type. Bolt acks an event before it is routed, so
 * all of its handling is reply work, run in a reply lane so that acks never wait behind replies.
 */
export function eventRoute(deps: SlackDeps): Route<EventArgs> {
  const events: Route<EventArgs>[] = [
    { ids: exactly("app_mention"), listener: appMention(deps) },
    { ids: exactly("message"), listener: directMessage(deps) },
    { ids: exactly("app_home_opened"), listener: appHomeOpened(deps) },
  ];
  // Installed through OAuth, a workspace that removes the app takes its data with it.
  if (deps.installations) {
    events.push({
      ids: /^(?:app_uninstalled|tokens_revoked)$/,
      listener: workspaceRemoved(deps, deps.installations),
    });
  }
  const { ids, listener } = routeById(events, (args) => args.event.type);
  return {
    ids,
    listener: (args) =>
      deps.replies.run(
        args.event.type === "app_home_opened" ? "views.publish" : "chat.postMessage",
        () => listener(args),
      ),
  };
}
