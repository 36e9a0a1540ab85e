import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { creditCheckCommand } from "./credit-check.js";

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command("/credit-check", creditCheckCommand(deps));
}
