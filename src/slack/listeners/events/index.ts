import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { appHomeOpened } from "./app-home-opened.js";
import { appMention } from "./app-mention.js";
import { directMessage } from "./direct-message.js";
import { workspaceRemoved } from "./workspace-removed.js";

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event("app_mention", appMention(deps));
  app.event("message", directMessage(deps));
  app.event("app_home_opened", appHomeOpened(deps));
  // Installed through OAuth, a workspace that removes the app takes its data with it.
  if (deps.installations) {
    const removed = workspaceRemoved(deps, deps.installations);
    app.event("app_uninstalled", removed);
    app.event("tokens_revoked", removed);
  }
}
