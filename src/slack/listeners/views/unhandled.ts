import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deliver.js";
import { callbackIds } from "../../ids.js";

/**
 * A view submission or closing this app does not handle (a form of another callback id, or
 * view_closed): acked at once, which closes a submitted form, instead of a 404 after 3 seconds.
 */
export function unhandledView(deps: SlackDeps) {
  return async ({ ack, body }: AllMiddlewareArgs & SlackViewMiddlewareArgs): Promise<void> => {
    if (body.type === "view_submission" && body.view.callback_id === callbackIds.creditCheckModal) {
      return;
    }
    await ack();
    deps.logger.debug("view ignored: nothing handles it", {
      type: body.type,
      callback_id: body.view.callback_id,
    });
  };
}
