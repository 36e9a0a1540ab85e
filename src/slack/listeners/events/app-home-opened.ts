import type { SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { publishHome } from "../../home.js";
import type { EventArgs } from "./event-args.js";

/** The Home tab, published each time it is opened so popular questions stay current. */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, body, client }: EventArgs): Promise<void> => {
    if (event.type !== "app_home_opened") return;
    const ids = { event_id: body.event_id, user: event.user };
    if (event.tab !== "home") {
      deps.logger.debug("event ignored", { ...ids, reason: "messages tab" });
      return;
    }
    try {
      await publishHome(deps, client, event.user);
      deps.logger.info("home published", ids);
    } catch (error) {
      deps.logger.error("home publish failed", { ...ids, ...errorFields(error) });
    }
  };
}
