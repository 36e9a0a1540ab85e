import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";

/**
 * An options request (block_suggestion, for a select with an external data source): this app
 * renders none, so it is answered at once with no options rather than left to time out.
 */
export function noOptions(deps: SlackDeps) {
  return async ({ ack, body }: AllMiddlewareArgs & SlackOptionsMiddlewareArgs): Promise<void> => {
    await ack({ options: [] });
    deps.logger.debug("options request answered with none", { type: body.type });
  };
}
