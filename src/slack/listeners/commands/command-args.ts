import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";

/** What Bolt hands a slash command's listener. */
export type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
