import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";

/**
 * What the folder's route hands each event listener: any event type, which the
 * listener narrows to its own (the route already sent it only those).
 */
export type EventArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs;
