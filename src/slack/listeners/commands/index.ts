import type { SlackDeps } from "../../deliver.js";
import { exactly, type Route, routeById } from "../route.js";
import type { CommandArgs } from "./command-args.js";
import { creditCheckCommand } from "./credit-check.js";

/** The folder's slash commands as one route, by command name. */
export function commandRoute(deps: SlackDeps): Route<CommandArgs> {
  const commands: Route<CommandArgs>[] = [
    { ids: exactly("/credit-check"), listener: creditCheckCommand(deps) },
  ];
  return routeById(commands, (args) => args.command.command);
}
