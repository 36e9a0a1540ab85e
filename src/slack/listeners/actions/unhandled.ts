import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";

/**
 * A click on a block element no listener here handles (an element of an older message, or one
 * Slack sends that this app does not use): acked at once, so Slack shows no error and Bolt does
 * not answer 404 after 3 seconds. Bolt runs every listener that matches, so this one stands back
 * for the action ids the others handle.
 */
export function unhandledAction(deps: SlackDeps, handled: readonly RegExp[]) {
  return async ({
    ack,
    action,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    if (handled.some((pattern) => pattern.test(action.action_id))) return;
    await ack();
    deps.logger.debug("action ignored: nothing handles it", {
      action_id: action.action_id,
      element: action.type,
    });
  };
}
