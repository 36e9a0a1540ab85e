import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { exactly, type Route, routeById } from "../route.js";
import { appHomeOpened } from "./app-home-opened.js";
import { appMention } from "./app-mention.js";
import { directMessage } from "./direct-message.js";
import type { EventArgs } from "./event-args.js";
import { workspaceRemoved } from "./workspace-removed.js";

export function registerEvents(app: App, deps: SlackDeps): void {
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
  // Bolt acks an event before its listener runs: all of its handling is reply work, queued so
  // that acks never wait behind replies.
  app.event(ids, (args) =>
    deps.replies.run(
      args.event.type === "app_home_opened" ? "views.publish" : "chat.postMessage",
      () => listener(args),
    ),
  );
}
